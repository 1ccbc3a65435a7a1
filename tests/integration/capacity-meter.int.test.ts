/**
 * The simulation's meter against DynamoDB Local and the real handlers, in-process (issue 14's price):
 * what a filing, a booking, a redemption and a tick consume (table and indexes), that invocations in
 * flight at once are each charged their own commands (AsyncLocalStorage through the AWS SDK), and
 * that without a listener the clients send exactly what they sent before.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { randomBytes } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { centreItem } from '../../functions/src/booking/adapters/dynamodb-centre-repository';
import type { CentreRecord } from '../../functions/src/booking/domain/centre';
import { DynamoUserRepository } from '../../functions/src/identity/adapters/dynamodb-user-repository';
import { makeDocumentClient } from '../../functions/src/platform/adapters/dynamodb/client';
import { sha256 } from '../../functions/src/platform/adapters/hash';
import { HmacTokenService } from '../../functions/src/platform/adapters/hmac-token-service';
import { newUlid } from '../../functions/src/platform/adapters/ids';
import { claimFor } from '../../functions/src/platform/domain/idempotency';
import { DynamoLedgerRepository } from '../../functions/src/points/adapters/dynamodb-ledger-repository';
import { DynamoSiteRepository } from '../../functions/src/points/adapters/dynamodb-site-repository';
import { creditPlan, entryOf } from '../../functions/src/points/domain/ledger';
import { wgs84ToGcj02 } from '../../functions/src/platform/domain/geo/datum';
import { demoCategories } from '../../infra/local/demo-categories';
import { ensureMainTable } from '../../infra/local/dynamodb-local';
import { seedDemo } from '../../infra/local/seed';
import { LOCAL_SESSION_SECRET } from '../../infra/local/stack';
import { benchUser } from '../bench/requests';
import { Meter, summarise, totalUnits, type Usage } from '../sim/meter';
import { priceIn, PRICES, readLambdaConfig } from '../sim/price';

type Handler = (e: APIGatewayProxyEventV2) => Promise<{ statusCode?: number; body?: string }>;

const endpoint = process.env.LINLI_TEST_DB!;
const table = `t-${randomBytes(5).toString('hex')}`;
const tokens = new HmacTokenService(LOCAL_SESSION_SECRET, 3600);
const PLACES = { streetId: 'st-suishan', communityId: 'cm-mingshan', gridId: 'gd-ms-1' };
const claimsOf = (id: string) => ({ sub: id, roles: ['resident' as const], ...PLACES, rv: 1 });
const tokenOf = (id: string) => tokens.sign(claimsOf(id), new Date()).token;
const USERS = Array.from({ length: 12 }, (_, i) => `u-meter-${i}`);

const event = (method: string, path: string, body: unknown, token: string): APIGatewayProxyEventV2 => ({
  version: '2.0',
  routeKey: `${method} ${path}`,
  rawPath: path,
  rawQueryString: '',
  headers: { authorization: `Bearer ${token}`, 'idempotency-key': `k-${newUlid()}`, 'content-type': 'application/json' },
  requestContext: { requestId: 'meter', http: { method, path } } as APIGatewayProxyEventV2['requestContext'],
  body: JSON.stringify(body),
  isBase64Encoded: false,
});

const ALL_DAY = [{ start: '08:00', end: '22:00', slotMinutes: 30, windows: 50 }];
const centre = (): CentreRecord => ({
  id: 'ct-meter', communityId: 'cm-mingshan', streetId: 'st-suishan', name: '计量测试中心', address: '测试路', location: { lat: 29.6, lng: 103.48, datum: 'wgs84' }, phone: '',
  staffTotal: 3, rooms: [], offerings: [{ id: 'shebao', name: '社保医保办理', minutes: 20, bring: [], where: '', room: null, active: true, kind: 'appointment', sessions: [], term: null, daily: null }],
  rules: { workday: ALL_DAY, restday: ALL_DAY, holiday: null }, exceptions: [],
  policy: { aheadDays: 14, bookCutoffMinutes: 0, cancelCutoffMinutes: 60, rescheduleCutoffMinutes: 60, walkInShare: 0, holdMinutes: 30, noShow: { count: 3, days: 30, pauseDays: 14 } },
  version: 1, createdAt: new Date().toISOString(), updatedAt: new Date().toISOString(),
});
const day = (ahead: number) => new Date(Date.now() + 8 * 3600_000 + ahead * 86400_000).toISOString().slice(0, 10);

let filing = 0;
const filingBody = () => {
  const i = filing++;
  const p = wgs84ToGcj02({ lat: 29.6 + (i % 7) * 0.001, lng: 103.47 + (i % 5) * 0.002 });
  return { categoryId: demoCategories[i % 30]!.id, description: `计量测试事项 ${i}，路灯不亮`, location: { lat: p.lat, lng: p.lng } };
};

let handlers: { requests: Handler; booking: Handler; points: Handler; tick: (e?: unknown) => Promise<unknown> };
const meter = new Meter({ endpoint });

beforeAll(async () => {
  Object.assign(process.env, {
    STAGE: 'test', AWS_REGION: 'local', TABLE_NAME: table, DYNAMODB_ENDPOINT: endpoint, SESSION_SECRET: LOCAL_SESSION_SECRET,
    WECHAT_API_BASE: 'http://127.0.0.1:9', WECHAT_APP_ID: 'meter', WECHAT_APP_SECRET: 'meter', UPLOAD_BUCKET: 'meter-uploads',
  });
  await ensureMainTable(endpoint, table);
  await seedDemo(endpoint, table);
  const doc = makeDocumentClient({ region: 'local', endpoint });
  await doc.send(new PutCommand({ TableName: table, Item: centreItem(centre()) }));
  const users = new DynamoUserRepository(doc, table);
  const ledger = new DynamoLedgerRepository(doc, table);
  const sites = new DynamoSiteRepository(doc, table);
  const now = new Date();
  await sites.create(
    { id: 'ps-meter', name: '计量兑换点', communityId: 'cm-mingshan', streetId: 'st-suishan', address: '测试路', hours: '全天', serves: 'community', holdDays: 7, createdAt: now.toISOString() },
    claimFor('meter', 'meter', 'ps-meter', {}, now, sha256),
  );
  await sites.putReward({ siteId: 'ps-meter', description: '', picture: null, cost: 1, monthlyLimit: null, releaseAt: null, active: true, id: 'rw-meter', name: '计量物品', stock: 1000 });
  for (const id of USERS) {
    await users.create(benchUser(id, ['resident'], PLACES));
    const e = entryOf({ id: newUlid(), userId: id, at: now.toISOString(), kind: 'earn', points: 10, minutes: 30, reason: '计量', source: { type: 'task', id: `meter-${id}` }, actorId: null, verified: true, communityId: 'cm-mingshan' });
    await ledger.credit(creditPlan(e, newUlid(), now, null));
  }
  doc.destroy();
  handlers = {
    requests: ((await import('../../functions/src/handlers/requests')) as { handler: Handler }).handler,
    booking: ((await import('../../functions/src/handlers/booking')) as { handler: Handler }).handler,
    points: ((await import('../../functions/src/handlers/points')) as { handler: Handler }).handler,
    tick: ((await import('../../functions/src/handlers/tick')) as { handler: (e?: unknown) => Promise<unknown> }).handler,
  };
  // Warm each function (cold start: secrets, calendar, the clients) outside what is measured below.
  await handlers.requests(event('GET', '/requests/mine', undefined, tokenOf(USERS[11]!)));
  await handlers.booking(event('GET', '/centres', undefined, tokenOf(USERS[11]!)));
  await handlers.points(event('GET', '/points/me', undefined, tokenOf(USERS[11]!)));
});

afterAll(() => meter.close());

const fmt = (u: Usage) => {
  const s = summarise(u);
  return { ms: Math.round(s.avgMs), read: s.read, write: s.write, targets: s.targets, estimated: u.estimated, items: s.topItems.map((i) => `${i.kind} r${i.read} w${i.write}`) };
};

const measured: Record<string, Usage> = {};

describe('the capacity meter', () => {
  it('charges a filing its write units on the table and on the indexes it writes', async () => {
    const { result, usage } = await meter.invokeMeasured('requests', 'POST /requests', 'request_filed', () => handlers.requests(event('POST', '/requests', filingBody(), tokenOf(USERS[0]!))));
    expect(result.statusCode).toBe(201);
    measured.filing = usage;
    expect(usage.invocations).toBe(1);
    expect(usage.commands.TransactWriteItems).toBeGreaterThanOrEqual(1);
    expect(usage.targets.table!.write).toBeGreaterThan(0);
    // The request item is in a staff queue (GSI2), the due list (GSI3), the duplicate hints (GSI4) and its community's open items (GSI5).
    for (const gsi of ['GSI2', 'GSI3', 'GSI4', 'GSI5']) expect(usage.targets[gsi]?.write).toBeGreaterThan(0);
    // GSI5 is narrow (keys, level, status, grid, unit, community): a transactional write of under 1 KB there.
    expect(usage.targets.GSI5!.write).toBeLessThanOrEqual(2);
    expect(usage.items['REQ META']?.write).toBeGreaterThan(0);
    expect(totalUnits(usage).read).toBeGreaterThan(0);
    // Local sums the transaction's items as a set (equal ones once): the meter counts them itself.
    expect(Object.keys(usage.estimated).some((k) => k.startsWith('transaction items Local does not sum'))).toBe(true);
  });

  it('charges a booking and a redemption theirs', async () => {
    const b = await meter.invokeMeasured('booking', 'POST /bookings', 'booking', () =>
      handlers.booking(event('POST', '/bookings', { centreId: 'ct-meter', offeringId: 'shebao', date: day(3), start: '19:30' }, tokenOf(USERS[1]!))),
    );
    expect(b.result.statusCode).toBe(201);
    measured.booking = b.usage;
    expect(totalUnits(b.usage).write).toBeGreaterThan(0);
    const r = await meter.invokeMeasured('points', 'POST /redemptions', 'redemption', () => handlers.points(event('POST', '/redemptions', { siteId: 'ps-meter', rewardId: 'rw-meter' }, tokenOf(USERS[2]!))));
    expect(r.result.statusCode).toBe(201);
    measured.redemption = r.usage;
    expect(totalUnits(r.usage).write).toBeGreaterThan(0);
    const t = await meter.invokeMeasured('tick', 'tick', 'tick', () => handlers.tick());
    measured.tick = t.usage;
    expect(totalUnits(t.usage).read).toBeGreaterThan(0);
  });

  it('charges invocations in flight at once each their own commands', async () => {
    const before = totalUnits(meter.snapshot().total);
    const runs = await Promise.all([
      ...[3, 4, 5].map((i) => meter.invokeMeasured('requests', 'POST /requests', 'request_filed', () => handlers.requests(event('POST', '/requests', filingBody(), tokenOf(USERS[i]!))))),
      ...[6, 7, 8].map((i) => meter.invokeMeasured('points', 'POST /redemptions', 'redemption', () => handlers.points(event('POST', '/redemptions', { siteId: 'ps-meter', rewardId: 'rw-meter' }, tokenOf(USERS[i]!))))),
    ]);
    for (const r of runs) expect(r.result.statusCode).toBe(201);
    const filings = runs.slice(0, 3).map((r) => r.usage);
    const redemptions = runs.slice(3).map((r) => r.usage);
    // Each filing wrote a request and no redemption; each redemption the reverse.
    for (const u of filings) {
      expect(u.items['REQ META']?.write).toBeGreaterThan(0);
      expect(Object.keys(u.items).some((k) => k.startsWith('REDEMPTION') || k.includes('LEDGER'))).toBe(false);
      // The same writes as the filing measured alone.
      expect(totalUnits(u).write).toBe(totalUnits(measured.filing!).write);
    }
    for (const u of redemptions) {
      expect(u.items['REQ META']).toBeUndefined();
      expect(totalUnits(u).write).toBe(totalUnits(measured.redemption!).write);
    }
    // Nothing lost or charged twice: the aggregates grew by exactly the six invocations' units.
    const after = totalUnits(meter.snapshot().total);
    const sum = runs.reduce((s, r) => s + totalUnits(r.usage).write, 0);
    expect(after.write - before.write).toBeCloseTo(sum, 6);
    expect(meter.snapshot().unattributed.invocations).toBe(0);
    console.log('capacity per operation', JSON.stringify(Object.fromEntries(Object.entries(measured).map(([k, u]) => [k, fmt(u)])), null, 1));
  });

  it('survives a checkpoint and prices what it measured', () => {
    const again = Meter.fromJSON(JSON.stringify(meter));
    expect(again.snapshot()).toEqual(meter.snapshot());
    const lambda = readLambdaConfig();
    const one = (u: Usage, kind: string, fn: string) => {
      const snap = { version: 1 as const, total: u, byFunction: { [fn]: u }, byRoute: {}, byKind: { [kind]: u }, unattributed: u, partitions: {} };
      return priceIn({ snapshot: snap, lambda, volume: { requestsFiled: 1, bookings: 1, redemptions: 1, days: 1 } }, PRICES['us-east-1']).byOperation[kind]!.perOperation;
    };
    const usd = { filing: one(measured.filing!, 'request_filed', 'requests'), booking: one(measured.booking!, 'booking', 'booking'), redemption: one(measured.redemption!, 'redemption', 'points'), tick: 0 };
    const tickSnap = { version: 1 as const, total: measured.tick!, byFunction: { tick: measured.tick! }, byRoute: {}, byKind: { tick: measured.tick! }, unattributed: measured.tick!, partitions: {} };
    usd.tick = priceIn({ snapshot: tickSnap, lambda, volume: { requestsFiled: 0, bookings: 0, redemptions: 0, days: 1 } }, PRICES['us-east-1']).tick.total;
    console.log('USD per operation (direct, us-east-1, measured durations)', JSON.stringify(usd));
    for (const v of Object.values(usd)) expect(v).toBeGreaterThan(0);
  });

  it('changes nothing while no listener is registered', async () => {
    meter.stop();
    const doc = makeDocumentClient({ region: 'local', endpoint, functionName: 'requests' });
    const sent: string[] = [];
    doc.middlewareStack.add(
      (next) => async (args) => {
        const body = (args.request as { body?: unknown }).body;
        sent.push(body instanceof Uint8Array ? Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8') : String(body ?? ''));
        return next(args);
      },
      { step: 'finalizeRequest', name: 'testCapture' },
    );
    const key = { PK: 'CATEGORY#none', SK: 'X' };
    const plain = await doc.send(new GetCommand({ TableName: table, Key: key }));
    expect(sent.at(-1)).not.toContain('ReturnConsumedCapacity');
    expect(plain.ConsumedCapacity).toBeUndefined();
    meter.start();
    const metered = await doc.send(new GetCommand({ TableName: table, Key: key }));
    expect(sent.at(-1)).toContain('"ReturnConsumedCapacity":"INDEXES"');
    // The caller did not ask: it does not see the capacity either.
    expect(metered.ConsumedCapacity).toBeUndefined();
    // Outside any invocation: unattributed.
    expect(meter.snapshot().unattributed.commands.GetItem).toBeGreaterThanOrEqual(1);
    meter.stop();
    await doc.send(new GetCommand({ TableName: table, Key: key }));
    expect(sent.at(-1)).not.toContain('ReturnConsumedCapacity');
    doc.destroy();
  });
});

