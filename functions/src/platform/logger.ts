/**
 * The one structured logger: AWS Lambda Powertools' Logger (JSON lines; in Lambda each line carries
 * the function's name, the request id, `cold_start`, and the correlation id the HTTP layer sets per
 * request — see platform/http/observe.ts). The level comes from POWERTOOLS_LOG_LEVEL or LOG_LEVEL.
 * Any layer but the domain may use it; the domain gets `logger.error`-shaped callbacks injected.
 */
import { Logger } from '@aws-lambda-powertools/logger';

export type LogContext = Record<string, unknown>;

const levels = ['DEBUG', 'INFO', 'WARN', 'ERROR'] as const;
type Level = (typeof levels)[number];
const configured = (process.env.POWERTOOLS_LOG_LEVEL ?? process.env.LOG_LEVEL ?? 'INFO').toUpperCase();

/** The Powertools logger itself (for the Lambda context and the correlation id). */
export const powertoolsLogger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'linli',
  logLevel: (levels as readonly string[]).includes(configured) ? (configured as Level) : 'INFO',
});

export const logger = {
  debug: (message: string, context?: LogContext) => powertoolsLogger.debug(message, context ?? {}),
  info: (message: string, context?: LogContext) => powertoolsLogger.info(message, context ?? {}),
  warn: (message: string, context?: LogContext) => powertoolsLogger.warn(message, context ?? {}),
  error: (message: string, context?: LogContext) => powertoolsLogger.error(message, context ?? {}),
};
