/**
 * Turns an HTTP call into an API Gateway HTTP API (v2) event and invokes the very Lambda handler
 * that serverless.yml deploys for its route, from the route table. Used by the local API server and,
 * in-process without HTTP, by the simulation (tests/sim).
 */
import { randomUUID } from 'node:crypto';
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

export interface Call {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string;
  sourceIp?: string;
}

export interface Dispatched {
  result: APIGatewayProxyStructuredResultV2;
  /** The function (slice) and route that answered; null when no route matched. */
  slice: string | null;
  routeKey: string | null;
}

export interface Dispatch {
  (call: Call): Promise<Dispatched>;
  /** The function (slice) and route a call would reach, without calling it. */
  resolve(method: string, pathname: string): { slice: string; routeKey: string } | null;
}

/** A dispatcher over every deployed route (handlers loaded once, as warm containers). */
export function routeDispatcher(): Dispatch {
  const routes = routeList.map(compile).sort((a, b) => b.literals - a.literals);
  const dispatch = async (call: Call): Promise<Dispatched> => {
    const method = call.method.toUpperCase();
    let pathMatched = false;
    for (const r of routes) {
      const m = r.pattern.exec(call.url.pathname);
      if (!m) continue;
      pathMatched = true;
      if (r.route.method !== method) continue;
      const pathParameters: Record<string, string> = {};
      r.paramNames.forEach((n, i) => {
        pathParameters[n] = decodeURIComponent(m[i + 1]!);
      });
      const result = await r.handler(toEvent(call, method, r.route.path, pathParameters));
      return { result, slice: r.route.slice, routeKey: `${method} ${r.route.path}` };
    }
    const error = pathMatched ? { code: 'method_not_allowed', message: '不支持该请求方法' } : { code: 'route_not_found', message: '接口不存在' };
    return { result: { statusCode: pathMatched ? 405 : 404, body: JSON.stringify({ error }) }, slice: null, routeKey: null };
  };
  const resolve = (method: string, pathname: string) => {
    const r = routes.find((x) => x.route.method === method.toUpperCase() && x.pattern.test(pathname));
    return r ? { slice: r.route.slice, routeKey: `${r.route.method} ${r.route.path}` } : null;
  };
  return Object.assign(dispatch, { resolve });
}

function toEvent(call: Call, method: string, routePath: string, pathParameters: Record<string, string>): APIGatewayProxyEventV2 {
  const { url, headers } = call;
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
        sourceIp: call.sourceIp ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: `${method} ${routePath}`,
      stage: '$default',
      time: new Date(now).toISOString(),
      timeEpoch: now,
    },
    ...(call.body !== undefined ? { body: call.body, isBase64Encoded: false } : { isBase64Encoded: false }),
  };
}
