/**
 * The local API: an HTTP server that turns each request into an API Gateway HTTP API (v2) event and
 * invokes the very Lambda handler that serverless.yml deploys for that route, from the route table.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { routeList } from '../../functions/src/api';
import type { NamedRoute } from '../../functions/src/platform/http/route';

type Handler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

interface CompiledRoute {
  route: NamedRoute;
  pattern: RegExp;
  paramNames: string[];
  handler: Handler;
  /** Literal segments count; more specific routes win (`/stations/nearby` over `/stations/{id}`). */
  literals: number;
}

const HANDLERS_DIR = path.resolve(__dirname, '../../functions/src/handlers');
/** As Lambda (synchronous invocation payloads up to 6 MB): a street map with its buildings fits. */
const MAX_BODY = 6 * 1024 * 1024;

function compile(route: NamedRoute): CompiledRoute {
  const paramNames: string[] = [];
  const segments = route.path.split('/').filter(Boolean);
  const source = segments
    .map((s) => {
      const m = /^\{(\w+)\}$/.exec(s);
      if (m) {
        paramNames.push(m[1]!);
        return '/([^/]+)';
      }
      return `/${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`;
    })
    .join('');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(path.join(HANDLERS_DIR, route.slice)) as { handler: Handler };
  return {
    route,
    pattern: new RegExp(`^${source || '/'}$`),
    paramNames,
    handler: mod.handler,
    literals: segments.length - paramNames.length,
  };
}

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
  const compiled = routeList.map(compile).sort((a, b) => b.literals - a.literals);
  const server = http.createServer((req, res) => {
    serve(compiled, req, res).catch((e: unknown) => {
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

async function serve(routes: CompiledRoute[], req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
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
  let pathMatched = false;
  for (const r of routes) {
    const m = r.pattern.exec(url.pathname);
    if (!m) continue;
    pathMatched = true;
    if (r.route.method !== method) continue;
    const pathParameters: Record<string, string> = {};
    r.paramNames.forEach((n, i) => {
      pathParameters[n] = decodeURIComponent(m[i + 1]!);
    });
    const event = toEvent(req, url, method, r.route.path, pathParameters, Buffer.concat(chunks));
    const result = await r.handler(event);
    send(res, result);
    if (process.env.LINLI_ACCESS_LOG === '1') {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      process.stdout.write(`${method} ${url.pathname} ${result.statusCode ?? 200} ${ms.toFixed(1)}ms\n`);
    }
    return;
  }
  send(res, {
    statusCode: pathMatched ? 405 : 404,
    body: JSON.stringify({
      error: pathMatched
        ? { code: 'method_not_allowed', message: '不支持该请求方法' }
        : { code: 'route_not_found', message: '接口不存在' },
    }),
  });
}

function toEvent(
  req: http.IncomingMessage,
  url: URL,
  method: string,
  routePath: string,
  pathParameters: Record<string, string>,
  body: Buffer,
): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(',') : v;
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
  const now = Date.now();
  return {
    version: '2.0',
    routeKey: `${method} ${routePath}`,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(Object.keys(pathParameters).length ? { pathParameters } : {}),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method,
        path: url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: `${method} ${routePath}`,
      stage: '$default',
      time: new Date(now).toISOString(),
      timeEpoch: now,
    },
    ...(body.length ? { body: body.toString('utf8'), isBase64Encoded: false } : { isBase64Encoded: false }),
  };
}

function send(res: http.ServerResponse, result: APIGatewayProxyStructuredResultV2): void {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', ...CORS };
  for (const [k, v] of Object.entries(result.headers ?? {})) headers[k] = String(v);
  res.writeHead(result.statusCode ?? 200, headers);
  res.end(result.body ?? '');
}
