/**
 * What the hot spots (and the benchmarks) share to drive the real Lambda handlers in-process: the
 * simulation's API (tests/sim/engine/api.ts: the route table, API Gateway events, session tokens as
 * the sign-in issues them) at the wall clock's time, stored people to call it as, points on the
 * ledger, and a bounded pool of callers (one process cannot open 20,000 requests at once and still
 * measure the store rather than itself).
 */
import type { Role } from '@linli/shared';
import { DynamoUserRepository } from '../../../functions/src/identity/adapters/dynamodb-user-repository';
import type { UserRecord } from '../../../functions/src/identity/ports';
import { newUserRecord } from '../../../functions/src/identity/domain/login';
import { makeDocumentClient } from '../../../functions/src/platform/adapters/dynamodb/client';
import { newUlid } from '../../../functions/src/platform/adapters/ids';
import { DynamoLedgerRepository } from '../../../functions/src/points/adapters/dynamodb-ledger-repository';
import { creditPlan, entryOf } from '../../../functions/src/points/domain/ledger';
import { routeDispatcher, type Dispatch } from '../../../infra/local/dispatch';
import { LOCAL_SESSION_SECRET } from '../../../infra/local/stack';
import { SimApi, type ApiClock } from '../engine/api';
import { inPool } from '../engine/pool';

export { inPool };

/** Where a person lives (or works): the token carries it as the API's own sign-in does. */
export interface Placed {
  streetId: string | null;
  communityId: string | null;
  gridId: string | null;
}

export const DEMO_RESIDENT: Placed = { streetId: 'st-suishan', communityId: 'cm-mingshan', gridId: 'gd-ms-1' };

/** A stored user, to store and to call the API as (the API refuses tokens of users it does not know, or of another roles version). */
export function storedUser(id: string, roles: Role[], places: Partial<Placed> = {}): UserRecord {
  return newUserRecord(id, `bench-${id}`, new Date(), { name: '基准测试', roles, realName: true, ...places });
}

/** A resident as `storePeople` stores one by default. */
export const resident = (id: string): UserRecord => storedUser(id, ['resident'], DEMO_RESIDENT);

const WALL_CLOCK: ApiClock = { now: () => new Date(), get ms() { return Date.now(); } };
let routes: Dispatch | undefined;

/**
 * The deployed handlers, called in-process through the route table, with tokens signed now by the
 * local stack's secret. The handlers are loaded on the first call of a process (as warm containers):
 * callers build it before they start their clocks.
 */
export function handlersApi(): SimApi {
  routes ??= routeDispatcher();
  return new SimApi(routes, LOCAL_SESSION_SECRET, WALL_CLOCK);
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
