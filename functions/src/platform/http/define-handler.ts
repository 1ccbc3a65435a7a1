import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { z } from 'zod';
import { getDeps, type Deps } from '../../composition';
import { ForbiddenError, UnauthenticatedError, ValidationError } from '../domain/errors';
import type { Actor } from '../domain/actor';
import { partnerFromKey } from './partner';
import type { RouteDef } from '../../http/routes';
import { json, toHttpResponse } from './to-http-response';

type Infer<S> = S extends z.ZodType ? z.output<S> : undefined;
type ActorOf<R extends RouteDef> = R['access'] extends 'public' ? Actor | null : Actor;

export interface HandlerInput<R extends RouteDef> {
  actor: ActorOf<R>;
  params: Infer<R['params']>;
  query: Infer<R['query']>;
  body: Infer<R['body']>;
  deps: Deps;
  now: Date;
  event: APIGatewayProxyEventV2;
}

/** A route function's answer with a status other than the route's default (e.g. 200 for a replayed submit). */
export class Respond {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}

export type LambdaHandler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

/** A partner system calling with its API key (`X-Api-Key`), on routes that accept one. */
async function authenticatePartner(route: RouteDef, key: string, deps: Deps): Promise<Actor> {
  const partner = await partnerFromKey(deps, key, route.serviceKey);
  if (partner === 'unknown') throw new UnauthenticatedError('API Key 无效');
  if (partner === 'out_of_scope') throw new ForbiddenError('该 API Key 无权调用此接口');
  return partner;
}

async function authenticate(route: RouteDef, event: APIGatewayProxyEventV2, deps: Deps, now: Date): Promise<Actor | null> {
  const header = event.headers?.authorization ?? event.headers?.Authorization;
  const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : null;
  const apiKey = event.headers?.['x-api-key'];
  if (!token && apiKey && route.serviceKey) return authenticatePartner(route, apiKey, deps);
  const claims = token ? deps.tokens.verify(token, now) : null;
  if (route.access === 'public') {
    return claims ? toActor(claims) : null;
  }
  if (!claims) throw new UnauthenticatedError(token ? '登录已过期，请重新登录' : '请先登录');
  const actor = toActor(claims);
  if (route.access !== 'user' && !route.access.some((r) => actor.roles.includes(r))) {
    throw new ForbiddenError();
  }
  return actor;
}

const toActor = (c: { sub: string; roles: Actor['roles']; streetId: string | null; communityId: string | null; gridId: string | null }): Actor => ({
  userId: c.sub,
  roles: c.roles,
  streetId: c.streetId,
  communityId: c.communityId,
  gridId: c.gridId,
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
 * Wraps a route function as a Lambda handler: authenticate and authorise first (so an anonymous or
 * unauthorised caller learns nothing from validation), then parse params, query and body with the
 * route's shared schemas, run, and map any error in one place.
 */
export function defineHandler<R extends RouteDef>(
  route: R,
  fn: (input: HandlerInput<R>) => Promise<unknown>,
): LambdaHandler {
  return async (event) => {
    try {
      const deps = getDeps();
      const now = deps.now();
      const actor = await authenticate(route, event, deps, now);
      const params = parsePart(route.params, event.pathParameters, 'path');
      const query = parsePart(route.query, event.queryStringParameters, 'query');
      const body = parsePart(route.body, route.body ? readBody(event) : undefined, 'body');
      const out = await fn({ actor, params, query, body, deps, now, event } as HandlerInput<R>);
      return out instanceof Respond ? json(out.status, out.body) : json(route.status, out);
    } catch (e) {
      return toHttpResponse(e, { route: `${route.method} ${route.path}`, requestId: event.requestContext?.requestId });
    }
  };
}
