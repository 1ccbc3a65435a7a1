/**
 * The one structured logger: JSON lines on stderr (CloudWatch in AWS). Any layer may use it; the
 * level comes from LOG_LEVEL, read once when the module loads.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };
const configured = process.env.LOG_LEVEL as LogLevel | undefined;
const threshold = RANK[configured && configured in RANK ? configured : 'info'];

export type LogContext = Record<string, unknown>;

function write(level: LogLevel, message: string, context: LogContext = {}): void {
  if (RANK[level] < threshold) return;
  process.stderr.write(`${JSON.stringify({ level, message, time: new Date().toISOString(), ...context })}\n`);
}

export const logger = {
  debug: (message: string, context?: LogContext) => write('debug', message, context),
  info: (message: string, context?: LogContext) => write('info', message, context),
  warn: (message: string, context?: LogContext) => write('warn', message, context),
  error: (message: string, context?: LogContext) => write('error', message, context),
};
