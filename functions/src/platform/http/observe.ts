/**
 * What every Lambda entry point does around its work: the Lambda context on every log line
 * (request id, cold start), a correlation id per request (the caller's `x-correlation-id`, else API
 * Gateway's request id; echoed in the response), the invocation's metrics written at the end.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { powertoolsLogger } from '../logger';
import { flushMetrics } from '../metrics';

const CORRELATION = /^[A-Za-z0-9._:=-]{1,128}$/;

/** The request's correlation id: the caller's when well-formed, else API Gateway's request id. */
export function correlationIdOf(event: APIGatewayProxyEventV2): string | undefined {
  const given = event.headers?.['x-correlation-id'];
  return given && CORRELATION.test(given) ? given : event.requestContext?.requestId;
}

export type HttpEntry = (event: APIGatewayProxyEventV2, context?: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/** Wraps an HTTP entry point (a job's function). */
export function observeHttp(handler: (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>): HttpEntry {
  return async (event, context) => {
    if (context) powertoolsLogger.addContext(context);
    const correlationId = correlationIdOf(event);
    powertoolsLogger.resetKeys();
    if (correlationId) powertoolsLogger.appendKeys({ correlation_id: correlationId, route: event.routeKey });
    try {
      const res = await handler(event);
      return correlationId ? { ...res, headers: { ...res.headers, 'x-correlation-id': correlationId } } : res;
    } finally {
      flushMetrics();
    }
  };
}

/** Wraps a scheduled entry point (the tick). */
export function observeScheduled<T>(handler: () => Promise<T>): (event?: unknown, context?: Context) => Promise<T> {
  return async (_event, context) => {
    if (context) powertoolsLogger.addContext(context);
    powertoolsLogger.resetKeys();
    try {
      return await handler();
    } finally {
      flushMetrics();
    }
  };
}
