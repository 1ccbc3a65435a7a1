/**
 * What every function does around its work: log lines carry the Lambda request id, the cold-start
 * marker and the request's correlation id (echoed to the caller); a route's business metric is
 * written in CloudWatch's embedded metric format when it made something (201), not on a replay.
 */
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import * as z from 'zod';

const event = (routeKey: string, headers: Record<string, string> = {}): APIGatewayProxyEventV2 =>
  ({ routeKey, headers, requestContext: { requestId: 'apigw-req-1' }, rawPath: '/', rawQueryString: '', isBase64Encoded: false, version: '2.0' }) as unknown as APIGatewayProxyEventV2;

const context = { functionName: 'linli-dev-booking', functionVersion: '$LATEST', invokedFunctionArn: 'arn:aws-cn:lambda:cn-northwest-1:1:function:linli-dev-booking', memoryLimitInMB: '512', awsRequestId: 'lambda-req-1', getRemainingTimeInMillis: () => 1000 } as unknown as Context;

/** Loads the HTTP machinery afresh with metrics on, capturing what is written to stdout and stderr. */
async function withCapture(run: (mods: { sliceHandler: typeof import('../../../functions/src/platform/http/define-handler').sliceHandler; Respond: typeof import('../../../functions/src/platform/http/route').Respond; logger: typeof import('../../../functions/src/platform/logger').logger }) => Promise<void>): Promise<string[]> {
  const lines: string[] = [];
  const saved = { disabled: process.env.POWERTOOLS_METRICS_DISABLED, dev: process.env.POWERTOOLS_DEV };
  delete process.env.POWERTOOLS_METRICS_DISABLED;
  delete process.env.POWERTOOLS_DEV;
  process.env.AWS_LAMBDA_INITIALIZATION_TYPE = 'on-demand'; // as Lambda sets it (provisioned containers are never cold)
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (lines.push(String(chunk)), true));
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (lines.push(String(chunk)), true));
  try {
    await jest.isolateModulesAsync(async () => {
      const { sliceHandler } = await import('../../../functions/src/platform/http/define-handler');
      const { Respond } = await import('../../../functions/src/platform/http/route');
      const { logger } = await import('../../../functions/src/platform/logger');
      await run({ sliceHandler, Respond, logger });
    });
  } finally {
    out.mockRestore();
    err.mockRestore();
    if (saved.disabled !== undefined) process.env.POWERTOOLS_METRICS_DISABLED = saved.disabled;
    if (saved.dev !== undefined) process.env.POWERTOOLS_DEV = saved.dev;
    delete process.env.AWS_LAMBDA_INITIALIZATION_TYPE;
  }
  return lines.flatMap((l) => l.split('\n')).filter((l) => l.trim().startsWith('{'));
}

const deps = () => ({ tokens: { sign: () => '', verify: () => null }, now: () => new Date('2026-12-04T10:00:00Z') }) as never;

describe('observability of a function', () => {
  it('writes RequestsFiled-style metrics in EMF when a route made something, and nothing on a replayed key', async () => {
    const lines = await withCapture(async ({ sliceHandler, Respond }) => {
      let made = true;
      const handler = sliceHandler(
        { book: { method: 'POST', path: '/bookings', access: 'public', summary: 'x', response: z.object({}), status: 201, metric: 'BookingsMade', run: async () => (made ? {} : new Respond(200, {})) } },
        deps,
      );
      expect((await handler(event('POST /bookings'), context)).statusCode).toBe(201);
      made = false;
      expect((await handler(event('POST /bookings'), context)).statusCode).toBe(200);
    });
    const emf = lines.map((l) => JSON.parse(l)).filter((l) => l._aws);
    expect(emf).toHaveLength(1);
    expect(emf[0]).toMatchObject({ BookingsMade: 1, service: 'linli', _aws: { CloudWatchMetrics: [{ Namespace: 'Linli', Metrics: [{ Name: 'BookingsMade', Unit: 'Count' }] }] } });
  });

  it('puts the Lambda request id, the cold start and the correlation id on every log line, and echoes the id', async () => {
    const lines = await withCapture(async ({ sliceHandler, logger }) => {
      const handler = sliceHandler(
        { ping: { method: 'GET', path: '/ping', access: 'public', summary: 'x', response: null, status: 200, run: async () => (logger.info('pinged', { who: 'test' }), {}) } },
        deps,
      );
      const first = await handler(event('GET /ping', { 'x-correlation-id': 'mp-abc-123' }), context);
      expect(first.headers?.['x-correlation-id']).toBe('mp-abc-123');
      const second = await handler(event('GET /ping', { 'x-correlation-id': 'bad id with spaces' }), { ...context, awsRequestId: 'lambda-req-2' } as Context);
      expect(second.headers?.['x-correlation-id']).toBe('apigw-req-1'); // a malformed id is replaced by API Gateway's
    });
    const logs = lines.map((l) => JSON.parse(l)).filter((l) => l.message === 'pinged');
    expect(logs).toEqual([
      expect.objectContaining({ level: 'INFO', who: 'test', correlation_id: 'mp-abc-123', route: 'GET /ping', function_request_id: 'lambda-req-1', cold_start: true, function_name: 'linli-dev-booking', service: 'linli' }),
      expect.objectContaining({ correlation_id: 'apigw-req-1', function_request_id: 'lambda-req-2', cold_start: false }),
    ]);
  });
});
