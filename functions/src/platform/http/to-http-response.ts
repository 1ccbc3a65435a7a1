import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { ErrorBody } from '@linli/shared';
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
  UpstreamError,
  ValidationError,
} from '../domain/errors';
import { logger } from '../logger';

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

export function json(status: number, body: unknown): APIGatewayProxyStructuredResultV2 {
  return { statusCode: status, headers: JSON_HEADERS, body: JSON.stringify(body) };
}

function statusOf(e: DomainError): number {
  if (e instanceof ValidationError) return 400;
  if (e instanceof UnauthenticatedError) return 401;
  if (e instanceof ForbiddenError) return 403;
  if (e instanceof NotFoundError) return 404;
  if (e instanceof ConflictError) return 409;
  if (e instanceof UpstreamError) return e.status;
  return 422;
}

/** The one place errors become HTTP responses; anything unexpected is a logged, generic 500. */
export function toHttpResponse(e: unknown, context: Record<string, unknown> = {}): APIGatewayProxyStructuredResultV2 {
  if (e instanceof DomainError) {
    const body: ErrorBody = {
      error: {
        code: e.code,
        message: e.message,
        ...(e instanceof ValidationError && e.fields.length ? { fields: e.fields } : {}),
      },
    };
    return json(statusOf(e), body);
  }
  logger.error('unhandled error', {
    ...context,
    error: e instanceof Error ? { name: e.name, message: e.message, stack: e.stack } : String(e),
  });
  const body: ErrorBody = { error: { code: 'internal', message: '服务暂时出错，请稍后再试' } };
  return json(500, body);
}
