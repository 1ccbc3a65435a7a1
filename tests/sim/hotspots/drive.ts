/**
 * What the hot spots (and the benchmarks) share to drive the real Lambda handlers in-process: API
 * Gateway v2 events, session tokens signed as the local stack signs them, stored people to sign
 * them for, points on the ledger, and a bounded pool of callers (one process cannot open 20,000
 * requests at once and still measure the store rather than itself).
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Role } from '@linli/shared';
import { DynamoUserRepository } from '../../../functions/src/identity/adapters/dynamodb-user-repository';
import type { UserRecord } from '../../../functions/src/identity/ports';
import { newUserRecord } from '../../../functions/src/identity/domain/login';
import { makeDocumentClient } from '../../../functions/src/platform/adapters/dynamodb/client';
import { HmacTokenService } from '../../../functions/src/platform/adapters/hmac-token-service';
import { newUlid } from '../../../functions/src/platform/adapters/ids';
import { DynamoLedgerRepository } from '../../../functions/src/points/adapters/dynamodb-ledger-repository';
import { creditPlan, entryOf } from '../../../functions/src/points/domain/ledger';
import { LOCAL_SESSION_SECRET } from '../../../infra/local/stack';

export type Handler = (e: APIGatewayProxyEventV2) => Promise<{ statusCode?: number; body?: string }>;
export type Answer = { status: number; body: any };

const tokens = new HmacTokenService(LOCAL_SESSION_SECRET, 3600);

/** Where a person lives (or works): the token carries it as the API's own sign-in does. */
export interface Placed {
  streetId: string | null;
  communityId: string | null;
  gridId: string | null;
}

export const DEMO_RESIDENT: Placed = { streetId: 'st-suishan', communityId: 'cm-mingshan', gridId: 'gd-ms-1' };

/** A session token of a stored user (the API refuses tokens of users it does not know, or of another roles version). */
export const tokenOf = (id: string, roles: Role[], at: Placed = DEMO_RESIDENT): string =>
  tokens.sign({ sub: id, roles, streetId: at.streetId, communityId: at.communityId, gridId: at.gridId, rv: 1 }, new Date()).token;

/** A stored user for a token. */
export function storedUser(id: string, roles: Role[], places: Partial<Placed> = {}): UserRecord {
  return newUserRecord(id, `bench-${id}`, new Date(), { name: '基准测试', roles, realName: true, ...places });
}

/** An API Gateway v2 event for a route (`routeKey` as declared, e.g. `POST /centres/{id}/waitlist`). */
export function apiEvent(
  routeKey: string,
  o: { token?: string; body?: unknown; key?: string; params?: Record<string, string>; query?: Record<string, string> } = {},
): APIGatewayProxyEventV2 {
  const [method, route] = routeKey.split(' ') as [string, string];
  const path = route.replace(/\{(\w+)\}/g, (_, n: string) => encodeURIComponent(o.params?.[n] ?? ''));
  const headers: Record<string, string> = {};
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  if (o.key) headers['idempotency-key'] = o.key;
  if (o.body !== undefined) headers['content-type'] = 'application/json';
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: new URLSearchParams(o.query ?? {}).toString(),
    headers,
    ...(o.query ? { queryStringParameters: o.query } : {}),
    ...(o.params ? { pathParameters: o.params } : {}),
    requestContext: { requestId: 'sim', http: { method, path } } as APIGatewayProxyEventV2['requestContext'],
    body: o.body === undefined ? undefined : JSON.stringify(o.body),
    isBase64Encoded: false,
  };
}

/** Calls a handler and parses its answer. */
export async function call(handler: Handler, event: APIGatewayProxyEventV2): Promise<Answer> {
  const res = await handler(event);
  let body: unknown = res.body;
  try {
    body = res.body ? JSON.parse(res.body) : null;
  } catch {
    /* keep the text */
  }
  return { status: res.statusCode ?? 200, body };
}

/** Runs `fn` over `items` with at most `concurrency` in flight; results in the items' order. */
export async function inPool<T, R>(items: readonly T[], concurrency: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
}

/**
 * Stores `count` people `${prefix}${i}` with the given roles and places; with `points`, credits each
 * that many points through the ledger repository, in `lots` lots (a year apart, so spends take the
 * soonest first). Returns their ids.
 */
export async function storePeople(
  endpoint: string,
  table: string,
  o: { prefix: string; count: number; roles?: Role[]; at?: Placed; points?: number; lots?: number; concurrency?: number },
): Promise<string[]> {
  const doc = makeDocumentClient({ region: 'local', endpoint });
  const users = new DynamoUserRepository(doc, table);
  const ledger = new DynamoLedgerRepository(doc, table);
  const ids = Array.from({ length: o.count }, (_, i) => `${o.prefix}${i}`);
  const at = o.at ?? DEMO_RESIDENT;
  const lots = o.lots ?? 1;
  const now = new Date();
  try {
    await inPool(ids, o.concurrency ?? 20, async (id) => {
      await users.create(storedUser(id, o.roles ?? ['resident'], at));
      for (let lot = 0; o.points && lot < lots; lot++) {
        const e = entryOf({
          id: newUlid(), userId: id, at: now.toISOString(), kind: 'earn', points: Math.ceil(o.points / lots), minutes: 30, reason: '基准',
          source: { type: 'task', id: `bench-${id}-${lot}` }, actorId: null, verified: true, communityId: at.communityId,
        });
        await ledger.credit(creditPlan(e, newUlid(), new Date(now.getTime() + lot * 366 * 86400_000), null));
      }
    });
  } finally {
    doc.destroy();
  }
  return ids;
}

/** Makes the handlers build their dependencies from the current environment on their next call. */
export async function freshHandlers(): Promise<void> {
  (await import('../../../functions/src/composition')).resetDeps();
}

/** Figures as the bench prints them: rounded, per second. */
export const perSecond = (n: number, ms: number): number => (ms > 0 ? Math.round((n / ms) * 1000 * 10) / 10 : 0);
export const seconds = (ms: number): number => Math.round(ms / 100) / 10;
