import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { count, type MetricName } from '../metrics';
import { observeHttp, type HttpEntry } from './observe';
import { inRoute } from '../adapters/dynamodb/access-guard';
import type { z } from 'zod';
import { ForbiddenError, UnauthenticatedError, ValidationError } from '../domain/errors';
import type { Actor } from '../domain/actor';
import type { TokenService } from '../ports/tokens';
import { partnerFromKey, type PartnerDeps } from './partner';
import { isPartnerAccess, Respond, type LambdaHandler, type NamedRoute, type RouteDef } from './route';
import { json, toHttpResponse } from './to-http-response';

/** What the HTTP layer itself needs of the dependencies. */
export interface HttpDeps extends PartnerDeps {
  tokens: TokenService;
  now: () => Date;
  /** Brings per-container caches up to date before a route runs (the holiday calendar). */
  prepare?: (now: Date) => Promise<void>;
  /** The user's current roles version (null: no such user), to refuse tokens issued before a change. */
  rolesVersionOf?: (userId: string) => Promise<number | null>;
}

/**
 * Whether the session token still says what the user is: roles and places change (registration,
 * an invitation accepted, a role revoked) bump the user's roles version, and a token of an older
 * version is refused, so a revocation bites on the next request. One consistent read.
 */
async function checkFresh(deps: HttpDeps, claims: { sub: string; rv: number }): Promise<void> {
  if (!deps.rolesVersionOf) return;
  const current = await deps.rolesVersionOf(claims.sub);
  if (current === null) throw new UnauthenticatedError('账号不存在，请重新登录', 'account_gone');
  if (current > claims.rv) throw new UnauthenticatedError('您的身份或住址已变更，请重新登录', 'session_stale');
}

/** A partner system calling with its API key (`X-Api-Key`), on routes that accept one. */
async function authenticatePartner(route: RouteDef, key: string, deps: HttpDeps): Promise<Actor> {
  const partner = await partnerFromKey(deps, key, route.serviceKey);
  if (partner === 'unknown') throw new UnauthenticatedError('API Key 无效');
  if (partner === 'out_of_scope') throw new ForbiddenError('该 API Key 无权调用此接口');
  return partner;
}

async function authenticate(route: RouteDef, event: APIGatewayProxyEventV2, deps: HttpDeps, now: Date): Promise<{ actor: Actor | null; fresh: Promise<void> }> {
  const none = Promise.resolve();
  const header = event.headers?.authorization ?? event.headers?.Authorization;
  const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : null;
  const apiKey = event.headers?.['x-api-key'];
  if (!token && apiKey && route.serviceKey) return { actor: await authenticatePartner(route, apiKey, deps), fresh: none };
  const claims = token ? deps.tokens.verify(token, now) : null;
  if (route.access === 'public') {
    return { actor: claims ? toActor(claims) : null, fresh: none };
  }
  if (!claims) throw new UnauthenticatedError(token ? '登录已过期，请重新登录' : '请先登录');
  const actor = toActor(claims);
  if (isPartnerAccess(route.access)) throw new ForbiddenError('该接口仅供合作系统以 API Key 调用');
  if (route.access !== 'user' && !route.access.some((r) => actor.roles.includes(r))) {
    throw new ForbiddenError();
  }
  return { actor, fresh: checkFresh(deps, claims) };
}

const toActor = (c: { sub: string; roles: Actor['roles']; streetId: string | null; communityId: string | null; gridId: string | null; departmentId?: string | null; compound?: string | null; companyId?: string | null }): Actor => ({
  userId: c.sub,
  roles: c.roles,
  streetId: c.streetId,
  communityId: c.communityId,
  gridId: c.gridId,
  departmentId: c.departmentId ?? null,
  compound: c.compound ?? null,
  companyId: c.companyId ?? null,
});

/** Parses one request header with a shared schema; a problem is a field-level 400 naming the header. */
export function parseHeader<S extends z.ZodType>(event: APIGatewayProxyEventV2, name: string, schema: S): z.output<S> {
  const value = event.headers?.[name.toLowerCase()] ?? event.headers?.[name];
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ValidationError('请求头有误', result.error.issues.map((i) => ({ field: name, message: i.message })));
}

function parsePart(schema: z.ZodType | undefined, input: unknown, source: string): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  throw new ValidationError(
    '请求参数有误',
    result.error.issues.map((i) => ({
      field: i.path.length ? i.path.join('.') : source,
      message: i.message,
    })),
  );
}

function readBody(event: APIGatewayProxyEventV2): unknown {
  if (!event.body) return undefined;
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ValidationError('请求体不是合法的 JSON', [{ field: 'body', message: 'JSON 格式错误' }]);
  }
}

/**
 * Wraps a route as a Lambda handler: authenticate and authorise first (so an anonymous or
 * unauthorised caller learns nothing from validation), then parse params, query and body with the
 * route's shared schemas, run, and map any error in one place.
 */
export function defineHandler<D extends HttpDeps>(route: RouteDef<D>, getDeps: () => D): LambdaHandler {
  return (event) => answer(route, getDeps, event);
}

async function answer<D extends HttpDeps>(route: RouteDef<D>, getDeps: () => D, event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  {
    try {
      const deps = getDeps();
      const now = deps.now();
      await deps.prepare?.(now);
      const { actor, fresh } = await authenticate(route, event, deps, now);
      // A read runs while the token's freshness is checked (its answer is dropped if the token is
      // stale); a change waits for the check.
      const settled = fresh.then(() => null, (e: unknown) => e);
      if (route.method !== 'GET') {
        const stale = await settled;
        if (stale) throw stale;
      }
      const params = parsePart(route.params as z.ZodType | undefined, event.pathParameters, 'path');
      const query = parsePart(route.query as z.ZodType | undefined, event.queryStringParameters, 'query');
      const body = parsePart(route.body as z.ZodType | undefined, route.body ? readBody(event) : undefined, 'body');
      const running = route.run({ actor: actor as Actor, params, query, body, deps, now, event }).then(
        (out) => ({ out }),
        (error: unknown) => ({ error }),
      );
      const [stale, result] = await Promise.all([settled, running]);
      if (stale) throw stale;
      if ('error' in result) throw result.error;
      const out = result.out;
      return out instanceof Respond ? json(out.status, out.body) : json(route.status, out);
    } catch (e) {
      return toHttpResponse(e, { route: `${route.method} ${route.path}`, requestId: event.requestContext?.requestId });
    }
  }
}

/**
 * One Lambda function for a job's routes: API Gateway names the matched route in `routeKey`
 * (`GET /stations/{id}`), which picks the route's handler.
 */
export function sliceHandler<D extends HttpDeps>(routes: Record<string, RouteDef<D>>, getDeps: () => D): HttpEntry {
  const byKey = new Map<string, LambdaHandler>();
  for (const r of Object.values(routes)) {
    const h = r.wrap ? r.wrap(r, getDeps) : defineHandler(r, getDeps);
    const metric = r.metric;
    // A read-only route (GET) runs where its writes are refused (platform/adapters/dynamodb/access-guard.ts).
    byKey.set(`${r.method} ${r.path}`, (event) => inRoute(r, async () => (metric ? counted(await h(event), metric) : h(event))));
  }
  return observeHttp(async (event) => {
    const h = byKey.get(event.routeKey);
    return h ? h(event) : json(404, { error: { code: 'not_found', message: '接口不存在' } });
  });
}

const counted = (res: APIGatewayProxyStructuredResultV2, metric: MetricName): APIGatewayProxyStructuredResultV2 => {
  if (res.statusCode === 201) count(metric);
  return res;
};

/** Every route of some jobs, named and labelled with its job. */
export function listRoutes(slices: Record<string, Record<string, RouteDef>>): NamedRoute[] {
  const list = Object.entries(slices).flatMap(([slice, routes]) => Object.entries(routes).map(([name, r]) => ({ ...r, name, slice })));
  // Names key the OpenAPI operations and the tests' probes; method and path key the deployed routes.
  const seen = new Set<string>();
  for (const r of list) {
    for (const key of [`name ${r.name}`, `route ${r.method} ${r.path}`]) {
      if (seen.has(key)) throw new Error(`route ${key} is declared twice`);
      seen.add(key);
    }
  }
  return list;
}
