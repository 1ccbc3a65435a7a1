/**
 * Points benchmarks: the redeem handler against the bare DynamoDB calls its use case makes
 * (redeem_handler_over_db_floor), and many people racing for one reward (contended_redemptions_per_s).
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { randomBytes } from 'node:crypto';
import { DynamoPlaceRepository } from '../../functions/src/identity/adapters/dynamodb-place-repository';
import { DynamoUserRepository } from '../../functions/src/identity/adapters/dynamodb-user-repository';
import { makeDocumentClient } from '../../functions/src/platform/adapters/dynamodb/client';
import { sha256 } from '../../functions/src/platform/adapters/hash';
import { HmacTokenService } from '../../functions/src/platform/adapters/hmac-token-service';
import { newUlid } from '../../functions/src/platform/adapters/ids';
import { DynamoActivityRepository } from '../../functions/src/points/adapters/dynamodb-activity-repository';
import { DynamoLedgerRepository } from '../../functions/src/points/adapters/dynamodb-ledger-repository';
import { DynamoRedemptionRepository } from '../../functions/src/points/adapters/dynamodb-redemption-repository';
import { DynamoSiteRepository } from '../../functions/src/points/adapters/dynamodb-site-repository';
import { dynamoTeams, dynamoUnits } from '../../functions/src/points/adapters/dynamodb-group-repository';
import { redeem } from '../../functions/src/points/domain/redeem';
import type { ObjectStorage } from '../../functions/src/platform/ports/object-storage';
import { LOCAL_SESSION_SECRET } from '../../infra/local/stack';
import { busyMs, median, ms, timedClient } from './timing';
import { storePeople } from '../sim/hotspots/drive';
import { pointsSite } from '../sim/hotspots/reward-release';

type Handler = (e: APIGatewayProxyEventV2) => Promise<{ statusCode?: number; body?: string }>;
const tokens = new HmacTokenService(LOCAL_SESSION_SECRET, 3600);
const SITE = 'ps-bench';

const event = (body: unknown, token: string, key: string): APIGatewayProxyEventV2 => ({
  version: '2.0',
  routeKey: 'POST /redemptions',
  rawPath: '/redemptions',
  rawQueryString: '',
  headers: { authorization: `Bearer ${token}`, 'idempotency-key': key, 'content-type': 'application/json' },
  requestContext: { requestId: 'bench', http: { method: 'POST', path: '/redemptions' } } as APIGatewayProxyEventV2['requestContext'],
  body: JSON.stringify(body),
  isBase64Encoded: false,
});

/** The demo data, a site with a plentiful 1-point reward and a scarce 1-point reward, and `users` residents with `points` each (in three lots). */
async function prepare(endpoint: string, table: string, users: number, points: number, scarce: number): Promise<string[]> {
  await pointsSite(endpoint, table, SITE, [
    { id: 'rw-plenty', name: '基准物品', cost: 1, stock: 1_000_000, releaseAt: null },
    { id: 'rw-scarce', name: '热门物品', cost: 1, stock: scarce, releaseAt: null },
  ]);
  return storePeople(endpoint, table, { prefix: 'u-bench-points-', count: users, points, lots: 3 });
}

const claimsOf = (id: string) => ({ sub: id, roles: ['resident' as const], streetId: 'st-suishan', communityId: 'cm-mingshan', gridId: 'gd-ms-1', rv: 1 });
const noStorage: ObjectStorage = { presignUpload: async () => ({ url: '', fields: {}, expiresAt: '' }), head: async () => null, viewUrl: async (k) => k, readText: async () => null };

/** redeem_handler_over_db_floor: the handler (table A) vs the use case's own DynamoDB calls (table B), per redemption. */
export async function benchRedeem(endpoint: string, handlerTable: string, iterations = 300): Promise<{ handler: number; floor: number }> {
  const floorTable = `${handlerTable}-floor`;
  const ids = await prepare(endpoint, handlerTable, iterations + 30, 30, 0);
  await prepare(endpoint, floorTable, iterations + 30, 30, 0);
  const { handler } = (await import('../../functions/src/handlers/points')) as { handler: Handler };
  const intervals: [bigint, bigint][] = [];
  const doc = timedClient(makeDocumentClient({ region: 'local', endpoint }), intervals);
  const deps = {
    ledger: new DynamoLedgerRepository(doc, floorTable),
    sites: new DynamoSiteRepository(doc, floorTable),
    redemptions: new DynamoRedemptionRepository(doc, floorTable),
    activities: new DynamoActivityRepository(doc, floorTable),
    teams: dynamoTeams(doc, floorTable),
    units: dynamoUnits(doc, floorTable),
    users: new DynamoUserRepository(doc, floorTable),
    places: new DynamoPlaceRepository(doc, floorTable),
    storage: noStorage,
    newId: () => newUlid(),
    hash: sha256,
    randomBytes: (n: number) => randomBytes(n),
  };
  const body = { siteId: SITE, rewardId: 'rw-plenty' };
  const handlerMs: number[] = [];
  const floorMs: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    const token = tokens.sign(claimsOf(ids[i]!), new Date()).token;
    const t = process.hrtime.bigint();
    const res = await handler(event(body, token, `bench-h-${i}-${Date.now()}`));
    const h = ms(t);
    if (res.statusCode !== 201) throw new Error(`redeem answered ${res.statusCode} ${res.body}`);
    intervals.length = 0;
    const actor = { userId: ids[i]!, roles: ['resident' as const], streetId: 'st-suishan', communityId: 'cm-mingshan', gridId: 'gd-ms-1' };
    // The handler's DynamoDB calls: the token's freshness read, then the use case's.
    await deps.users.rolesVersion(actor.userId);
    await redeem(deps, actor, body, `bench-f-${i}-${Date.now()}`, new Date());
    const f = busyMs(intervals);
    if (i >= 30) {
      handlerMs.push(h);
      floorMs.push(f);
    }
  }
  return { handler: median(handlerMs), floor: median(floorMs) };
}

/**
 * contended_redemptions_per_s: `attempts` people at once for a reward with `stock` left; every
 * attempt settles (redeemed or out_of_stock) and exactly `stock` are redeemed.
 */
export async function benchContendedRedeem(endpoint: string, table: string, attempts = 200, stock = 50): Promise<{ perSecond: number; redeemed: number; outOfStock: number; ms: number }> {
  const ids = await prepare(endpoint, table, attempts, 3, stock);
  const { handler } = (await import('../../functions/src/handlers/points')) as { handler: Handler };
  const events = ids.map((id, i) => event({ siteId: SITE, rewardId: 'rw-scarce' }, tokens.sign(claimsOf(id), new Date()).token, `bench-c-${i}-${Date.now()}`));
  const t = process.hrtime.bigint();
  const results = await Promise.all(events.map((e) => handler(e)));
  const elapsed = ms(t);
  const redeemed = results.filter((r) => r.statusCode === 201).length;
  const outOfStock = results.filter((r) => r.statusCode === 409 && String(r.body).includes('out_of_stock')).length;
  if (redeemed !== stock || redeemed + outOfStock !== attempts) throw new Error(`contended reward: ${redeemed} redeemed, ${outOfStock} out of stock of ${attempts}: ${results.filter((r) => r.statusCode !== 201).map((r) => r.body).slice(0, 3).join(' | ')}`);
  return { perSecond: (attempts / elapsed) * 1000, redeemed, outOfStock, ms: elapsed };
}
