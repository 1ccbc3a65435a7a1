/** One structured logger: JSON lines on stderr (CloudWatch in AWS). */
type Level = 'debug' | 'info' | 'warn' | 'error';

export const logger = {
  log(level: Level, message: string, context: Record<string, unknown> = {}): void {
    if (level === 'debug' && process.env.LOG_LEVEL !== 'debug') return;
    process.stderr.write(`${JSON.stringify({ level, message, time: new Date().toISOString(), ...context })}\n`);
  },
  info(message: string, context?: Record<string, unknown>): void {
    this.log('info', message, context);
  },
  error(message: string, context?: Record<string, unknown>): void {
    this.log('error', message, context);
  },
};
