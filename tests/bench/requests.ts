/**
 * Request benchmarks: the submit handler against the bare DynamoDB calls it makes, and the staff
 * queue of one grid with 100,000 requests in the table.
 */
import { CN_CALENDAR } from '../support/calendar';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type Role, SubmitRequestBody } from '@linli/shared';
import type { UserRecord } from '../../functions/src/identity/ports';
import { newUserRecord } from '../../functions/src/identity/domain/login';
import { makeDocumentClient } from '../../functions/src/platform/adapters/dynamodb/client';
import { DynamoGridTeamRepository, DynamoPropertyCompanyRepository } from '../../functions/src/identity/adapters/dynamodb-grid-team-repository';
import { DynamoUserRepository } from '../../functions/src/identity/adapters/dynamodb-user-repository';
import { DynamoPlaceRepository } from '../../functions/src/identity/adapters/dynamodb-place-repository';
import { DynamoCategoryRepository } from '../../functions/src/requests/adapters/dynamodb-category-repository';
import { DynamoCommunityListRepository } from '../../functions/src/requests/adapters/dynamodb-community-lists';
import { DynamoRequestRepository } from '../../functions/src/requests/adapters/dynamodb-request-repository';
import { requestItem } from '../../functions/src/requests/adapters/request-items';
import { sha256 } from '../../functions/src/platform/adapters/hash';
import { newUlid } from '../../functions/src/platform/adapters/ids';
import { HmacTokenService } from '../../functions/src/platform/adapters/hmac-token-service';
import { OutboxDispatcher } from '../../functions/src/platform/domain/outbox';
import { wgs84ToGcj02 } from '../../functions/src/platform/domain/geo/datum';
import { newRequest, type ServiceRequest } from '../../functions/src/requests/domain/request';
import { submitRequest } from '../../functions/src/requests/domain/submit';
import { ensureMainTable } from '../../infra/local/dynamodb-local';
import { demoCategories } from '../../infra/local/demo-categories';
import { seedDemo } from '../../infra/local/seed';
import { LOCAL_SESSION_SECRET } from '../../infra/local/stack';
import { rng } from './fixtures';
import { busyMs, median, ms, timedClient } from './timing';

type Handler = (e: APIGatewayProxyEventV2) => Promise<{ statusCode?: number }>;
const tokens = new HmacTokenService(LOCAL_SESSION_SECRET, 3600);

const submitEvent = (body: unknown, token: string, key: string): APIGatewayProxyEventV2 => ({
  version: '2.0',
  routeKey: 'POST /requests',
  rawPath: '/requests',
  rawQueryString: '',
  headers: { authorization: `Bearer ${token}`, 'idempotency-key': key, 'content-type': 'application/json' },
  requestContext: { requestId: 'bench', http: { method: 'POST', path: '/requests' } } as APIGatewayProxyEventV2['requestContext'],
  body: JSON.stringify(body),
  isBase64Encoded: false,
});

/** submit_handler_over_db_floor: the handler (table A) vs the same use case's DynamoDB calls alone (table B). */
export async function benchSubmit(endpoint: string, handlerTable: string, iterations = 300): Promise<{ handler: number; floor: number }> {
  const floorTable = `${handlerTable}-floor`;
  for (const t of [handlerTable, floorTable]) {
    await ensureMainTable(endpoint, t);
    await seedDemo(endpoint, t);
  }
  const { handler } = (await import('../../functions/src/handlers/requests')) as { handler: Handler };
  const resident = { sub: 'u-demo-resident', roles: ['resident' as const], streetId: 'st-suishan', communityId: 'cm-mingshan', gridId: 'gd-ms-1', rv: 1 };
  const token = tokens.sign(resident, new Date()).token;
  const intervals: [bigint, bigint][] = [];
  const doc = timedClient(makeDocumentClient({ region: 'local', endpoint }), intervals);
  const deps = {
    requests: new DynamoRequestRepository(doc, floorTable),
    categories: new DynamoCategoryRepository(doc, floorTable),
    places: new DynamoPlaceRepository(doc, floorTable),
    users: new DynamoUserRepository(doc, floorTable),
    gridTeams: new DynamoGridTeamRepository(doc, floorTable),
    propertyCompanies: new DynamoPropertyCompanyRepository(doc, floorTable),
    calendar: CN_CALENDAR,
    newId: () => newUlid(),
    hash: sha256,
    departments: [],
    consents: { available: async () => new Set<string>(), consume: async () => false, restore: async () => {} },
    outbox: new OutboxDispatcher({ due: async () => [], claim: async () => false, requeue: async () => {}, lease: async () => null, complete: async () => {}, release: async () => {} }, {}),
    subscribeTemplates: { accepted: '', escalated: '', resolved: '' },
    storage: { presignUpload: async () => ({ url: '', fields: {}, expiresAt: '' }), head: async () => null, viewUrl: async (k: string) => k, readText: async () => null },
    hotline: { send: async () => ({ ok: true as const }) },
    communityLists: new DynamoCommunityListRepository(doc, floorTable),
    robotBase: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send',
  };
  const actor = { userId: resident.sub, roles: resident.roles, streetId: resident.streetId, communityId: resident.communityId, gridId: resident.gridId };
  const r = rng(5);
  const body = (i: number) => {
    const p = wgs84ToGcj02({ lat: 29.6 + r() * 0.01, lng: 103.47 + r() * 0.024 });
    return { categoryId: demoCategories[i % 30]!.id, description: `基准测试事项 ${i}，路灯不亮`, location: { lat: p.lat, lng: p.lng } };
  };
  const handlerMs: number[] = [];
  const floorMs: number[] = [];
  for (let i = 0; i < iterations + 30; i++) {
    const b = body(i);
    let t = process.hrtime.bigint();
    const res = await handler(submitEvent(b, token, `bench-h-${i}-${Date.now()}`));
    const h = ms(t);
    if (res.statusCode !== 201) throw new Error(`submit answered ${res.statusCode}`);
    intervals.length = 0;
    // The handler's DynamoDB calls: the token's freshness read (before any change), then the use case's.
    await deps.users.rolesVersion(actor.userId);
    await submitRequest(deps, actor, SubmitRequestBody.parse(b), `bench-f-${i}-${Date.now()}`, new Date());
    const f = busyMs(intervals);
    if (i >= 30) {
      handlerMs.push(h);
      floorMs.push(f);
    }
    void t;
    t = 0n;
  }
  return { handler: median(handlerMs), floor: median(floorMs) };
}

async function batchPut(doc: DynamoDBDocumentClient, table: string, items: Record<string, unknown>[], parallel = 8): Promise<void> {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < batches.length) {
        let pending: Record<string, unknown>[] = batches[next++]!.map((Item) => ({ PutRequest: { Item } }));
        while (pending.length) {
          const out = await doc.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
          pending = (out.UnprocessedItems?.[table] ?? []) as Record<string, unknown>[];
        }
      }
    }),
  );
}

/** staff_queue_p50_ms_at_100k: one grid's queue (20 per page) with 100,000 requests in the table. */
export async function benchStaffQueue(endpoint: string, table: string, total = 100_000, iterations = 300): Promise<{ p50: number; queueSize: number }> {
  await ensureMainTable(endpoint, table);
  const doc = makeDocumentClient({ region: 'local', endpoint });
  const r = rng(9);
  const now = new Date();
  const GRIDS = 500;
  const items: Record<string, unknown>[] = [];
  let queueSize = 0;
  for (let i = 0; i < total; i++) {
    const grid = i % 4 === 0 ? 0 : 1 + Math.floor(r() * (GRIDS - 1)); // a busy grid: 25,000 items over its life
    const created = new Date(now.getTime() - r() * 365 * 86400_000);
    const base: ServiceRequest = newRequest({
      id: newUlid(created.getTime()),
      source: 'resident',
      category: demoCategories[i % demoCategories.length]!,
      description: `历史事项 ${i}`,
      photos: [],
      location: { lat: 29.6 + r() * 0.02, lng: 103.47 + r() * 0.02 },
      sourceDatum: 'wgs84',
      address: null,
      anonymous: false,
      reporter: { id: `u-${i % 5000}`, name: '居民', phone: null },
      streetId: 'st-bench',
      communityId: `cm-bench-${grid % 20}`,
      gridId: `gd-bench-${grid}`,
      now: created,
      calendar: CN_CALENDAR,
      actor: null,
    }).next;
    // Most history is closed; a few hundred items of the busy grid are still open.
    const open = grid === 0 ? r() < 0.016 : r() < 0.01;
    const item: ServiceRequest = open ? base : { ...base, status: 'closed', acceptBy: null, resolveBy: null };
    if (open && grid === 0) queueSize++;
    items.push(requestItem(item));
  }
  await batchPut(doc, table, items);
  const { handler } = (await import('../../functions/src/handlers/requests')) as { handler: Handler };
  await new DynamoUserRepository(doc, table).create(benchUser('u-bench-gw', ['grid_worker'], { streetId: 'st-bench', communityId: 'cm-bench-0', gridId: 'gd-bench-0' }));
  const token = tokens.sign({ sub: 'u-bench-gw', roles: ['grid_worker'], streetId: 'st-bench', communityId: 'cm-bench-0', gridId: 'gd-bench-0', rv: 1 }, now).token;
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: 'GET /staff/requests',
    rawPath: '/staff/requests',
    rawQueryString: '',
    headers: { authorization: `Bearer ${token}` },
    requestContext: { requestId: 'bench', http: { method: 'GET', path: '/staff/requests' } } as APIGatewayProxyEventV2['requestContext'],
    isBase64Encoded: false,
  };
  const times: number[] = [];
  for (let i = 0; i < iterations + 30; i++) {
    const t = process.hrtime.bigint();
    const res = await handler(event);
    if (res.statusCode !== 200) throw new Error(`queue answered ${res.statusCode}`);
    if (i >= 30) times.push(ms(t));
  }
  doc.destroy();
  return { p50: median(times), queueSize };
}

/** A stored user for a bench token (the API refuses tokens of users it does not know). */
export function benchUser(id: string, roles: Role[], places: Partial<Pick<UserRecord, 'streetId' | 'communityId' | 'gridId'>> = {}): UserRecord {
  return newUserRecord(id, `bench-${id}`, new Date(), { name: '基准测试', roles, realName: true, ...places });
}
