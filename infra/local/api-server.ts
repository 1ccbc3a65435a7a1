/**
 * The local API: an HTTP server that turns each request into an API Gateway HTTP API (v2) event and
 * invokes the very Lambda handler that serverless.yml deploys for that route, from the route table.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { routeDispatcher, type Dispatch } from './dispatch';

/** As Lambda (synchronous invocation payloads up to 6 MB): a street map with its buildings fits. */
const MAX_BODY = 6 * 1024 * 1024;

export interface ApiServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET,POST,PATCH,PUT,DELETE,OPTIONS',
  'access-control-allow-headers': 'authorization,content-type,idempotency-key',
  'access-control-max-age': '600',
};

/** Starts the API on host:port (port 0 picks a free one). Env must be configured before calling. */
export function startApiServer(opts: { port?: number; host?: string } = {}): Promise<ApiServer> {
  const dispatch = routeDispatcher();
  const server = http.createServer((req, res) => {
    serve(dispatch, req, res).catch((e: unknown) => {
      // Only malformed requests reach here (e.g. bad percent-encoding): the handlers map their own errors.
      if (!res.headersSent) {
        send(res, {
          statusCode: e instanceof URIError ? 400 : 500,
          body: JSON.stringify({ error: { code: 'bad_request', message: '请求格式不正确' } }),
        });
      } else {
        res.destroy();
      }
    });
  });
  server.keepAliveTimeout = 5000;
  const host = opts.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://${host}:${port}`,
        port,
        close: () =>
          new Promise((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}

async function serve(dispatch: Dispatch, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const started = process.hrtime.bigint();
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = (req.method ?? 'GET').toUpperCase();
  if (method === 'OPTIONS') {
    res.writeHead(204, CORS).end();
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) {
      send(res, { statusCode: 413, body: JSON.stringify({ error: { code: 'too_large', message: '请求体过大' } }) });
      return;
    }
    chunks.push(chunk as Buffer);
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(',') : v;
  const body = Buffer.concat(chunks);
  const { result } = await dispatch({ method, url, headers, body: body.length ? body.toString('utf8') : undefined, sourceIp: req.socket.remoteAddress ?? undefined });
  send(res, result);
  if (process.env.LINLI_ACCESS_LOG === '1') {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    process.stdout.write(`${method} ${url.pathname} ${result.statusCode ?? 200} ${ms.toFixed(1)}ms\n`);
  }
}

function send(res: http.ServerResponse, result: APIGatewayProxyStructuredResultV2): void {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', ...CORS };
  for (const [k, v] of Object.entries(result.headers ?? {})) headers[k] = String(v);
  res.writeHead(result.statusCode ?? 200, headers);
  res.end(result.body ?? '');
}
