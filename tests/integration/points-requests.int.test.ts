/**
 * The DynamoDB requests of the points routes (the street simulation's busiest): each route's count
 * is asserted against its budget, so a read or a write added to a route fails here. Every count
 * includes the session's freshness check (one read of the caller's user item).
 *
 * Before → budget (measured on this scenario): POST /points/credits 9 → 7, GET /points/me 5 → 4
 * (with an activity's points pending 6 → 5), POST /redemptions 9 → 8, GET /redemptions/{id} 3,
 * POST /redemption-sites/{id}/collections 8 → 6, POST /activities/{id}/signup 4 → 3,
 * POST /activities/{id}/check-ins 4 → 3, POST /activities/{id}/attendance for 4 attendees and 1 absent 27 → 17 (a double-tapped sign-up 3 → 2).
 * A spent-out lot: POST /redemptions that empties it 9 → 8 (the account read after the spend no
 * longer fires a DeleteItem: the spend's transaction deletes the lot), and GET /points/me tries no
 * write (it tried a DeleteItem on every read of a lot at 0, which the read-only role refuses).
 */
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ActivityResponse, type ActivityDto } from '@linli/shared';
import { accountPartition, LOT_PREFIX } from '../../functions/src/points/adapters/keys';
import { lotItem } from '../../functions/src/points/adapters/ledger-writes';
import { makeDocumentClient } from '../../functions/src/platform/adapters/dynamodb/client';
import { idemKey } from '../support/builders';
import { startTestApi, type TestApi } from '../support/harness';
import { personWithPoints, redemptionOf, siteWithReward } from '../support/points';
import { countRequests, type Sent } from '../support/requests';

describe('DynamoDB requests of the points routes', () => {
  let api: TestApi;
  let admin: string;
  let p: { token: string; userId: string };
  let people: { token: string; userId: string }[];
  beforeAll(async () => {
    api = await startTestApi();
    admin = await api.tokenFor('community_admin');
    p = await personWithPoints(api, 100);
    people = [p, ...(await Promise.all([1, 2, 3, 4].map(() => personWithPoints(api, 1))))];
  });
  afterAll(() => api.stop());

  /** Calls the API and fails (naming the requests sent) when the route sent more than `budget`. */
  const within = async (budget: number, method: string, path: string, opts: Parameters<TestApi['call']>[2]) => {
    const { result, sent } = await countRequests(() => api.call(method, path, opts));
    if (sent.count > budget) throw new Error(`${method} ${path} sent ${sent.count} DynamoDB requests (budget ${budget}):\n  ${sent.commands.join('\n  ')}`);
    return { res: result, sent };
  };
  const commands = (s: Sent) => s.commands.map((c) => c.split(' ')[0]);
  const WRITES = ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems'];
  const writes = (s: Sent) => s.commands.filter((c) => WRITES.includes(c.split(' ')[0]!));
  /**
   * The writes the code tried to send during `work`, sent or not: locally the access guard refuses a
   * GET route's writes (as the read-only role does in AWS) before the meter counts them.
   */
  const writesTried = async <T>(work: () => Promise<T>): Promise<{ result: T; tried: string[] }> => {
    const send = jest.spyOn(DynamoDBDocumentClient.prototype, 'send');
    try {
      const result = await work();
      const tried = send.mock.calls.map(([c]) => (c as object).constructor.name).filter((n) => /^(Put|Update|Delete|TransactWrite|BatchWrite)Command$/.test(n));
      return { result, tried };
    } finally {
      send.mockRestore();
    }
  };

  it('POST /points/credits: 7 (the credit is answered as written, the account and its lots read in one query)', async () => {
    const { res } = await within(7, 'POST', '/points/credits', { token: admin, body: { userId: p.userId, points: 5, reason: '测试补记' }, headers: { 'idempotency-key': idemKey('credit') } });
    expect(res.status).toBe(201);
    expect(res.body.entry).toMatchObject({ kind: 'earn', points: 5, reason: '工作人员补记：测试补记', verified: false, reversedBy: null });
    expect(res.body.account.balance).toBe(105);
    // A replay reads the entry the first call wrote.
    const key = idemKey('credit');
    const first = await api.call('POST', '/points/credits', { token: admin, body: { userId: p.userId, points: 1, reason: '重放' }, headers: { 'idempotency-key': key } });
    const again = await api.call('POST', '/points/credits', { token: admin, body: { userId: p.userId, points: 1, reason: '重放' }, headers: { 'idempotency-key': key } });
    expect([again.status, again.body.entry]).toEqual([200, first.body.entry]);
  });

  let redemption: { id: string; code: string };
  let siteId: string;
  it('GET /points/me: 4; POST /redemptions: 8; GET /redemptions/{id}: 3', async () => {
    const me = await within(4, 'GET', '/points/me', { token: p.token });
    expect(me.res.body.account).toMatchObject({ balance: 106, pending: 0 });
    const reward = await siteWithReward(api, { cost: 2 });
    siteId = reward.siteId;
    const r = await within(8, 'POST', '/redemptions', { token: p.token, body: reward, headers: { 'idempotency-key': idemKey('redeem') } });
    expect(r.res.status).toBe(201);
    expect(r.res.body.account.balance).toBe(104);
    redemption = redemptionOf(r.res.body);
    const got = await within(3, 'GET', `/redemptions/${redemption.id}`, { token: p.token });
    expect(redemptionOf(got.res.body)).toMatchObject({ id: redemption.id, status: 'reserved' });
  });

  it('POST /redemption-sites/{id}/collections: 6 (the collected redemption is not read again; staff and person in one read)', async () => {
    const staff = await api.tokenFor('redemption_staff');
    const { res, sent } = await within(6, 'POST', `/redemption-sites/${siteId}/collections`, { token: staff, body: { code: redemption.code } });
    expect(res.status).toBe(200);
    expect(redemptionOf(res.body)).toMatchObject({ status: 'collected', personName: '积分居民', collectedByName: expect.any(String) });
    expect(redemptionOf(res.body).collectedByName).not.toBe('');
    expect(commands(sent)).toContain('BatchGetItem');
    const twice = await api.call('POST', `/redemption-sites/${siteId}/collections`, { token: staff, body: { code: redemption.code } });
    expect([twice.status, twice.body.error.code]).toEqual([409, 'already_collected']);
    expect(redemptionOf((await api.call('GET', `/redemptions/${redemption.id}`, { token: p.token })).body)).toMatchObject({
      status: 'collected', collectedAt: redemptionOf(res.body).collectedAt, collectedByName: redemptionOf(res.body).collectedByName,
    });
  });

  it('a spent-out lot: POST /redemptions that empties it 8 (the lot deleted in its transaction), GET /points/me 4 and no write', async () => {
    const q = await personWithPoints(api, 2);
    const reward = await siteWithReward(api, { cost: 2 });
    const r = await within(8, 'POST', '/redemptions', { token: q.token, body: reward, headers: { 'idempotency-key': idemKey('redeem') } });
    expect([r.res.status, r.res.body.account.balance]).toEqual([201, 0]);
    expect(writes(r.sent)).toEqual(['TransactWriteItems ×8']);
    const doc = makeDocumentClient({ region: 'local', endpoint: api.stack.db.endpoint });
    const lotIds = async () =>
      (await doc.send(new QueryCommand({ TableName: api.stack.table, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :lot)', ExpressionAttributeValues: { ':pk': accountPartition(q.userId), ':lot': LOT_PREFIX } }))).Items?.map((i) => i.id);
    try {
      expect(await lotIds()).toEqual([]);
      const me = await writesTried(() => within(4, 'GET', '/points/me', { token: q.token }));
      expect(me.result.res.body.account.balance).toBe(0);
      expect([me.tried, writes(me.result.sent)]).toEqual([[], []]);
      // A lot left at 0 by older data (before spends deleted what they emptied) is filtered out, not tidied on a read.
      await doc.send(new PutCommand({ TableName: api.stack.table, Item: lotItem({ id: 'lot-at-zero', userId: q.userId, remaining: 0, expiresOn: '2099-12-31', earnedAt: new Date().toISOString() }) }));
      const again = await writesTried(() => within(4, 'GET', '/points/me', { token: q.token }));
      expect(again.result.res.body.account).toMatchObject({ balance: 0, expiringSoon: { points: 0 } });
      expect([again.tried, writes(again.result.sent)]).toEqual([[], []]);
      expect(await lotIds()).toEqual(['lot-at-zero']);
    } finally {
      doc.destroy();
    }
  });

  it('activities: sign-up 3, check-in 3, pending points in the account 5, attendance of five 17', async () => {
    const start = Date.now() + 3000;
    const created = await api.call('POST', '/activities', {
      token: admin,
      body: { communityId: 'cm-mingshan', title: '计数活动', place: '社区广场', start: new Date(start).toISOString(), end: new Date(start + 2 * 3600_000).toISOString(), places: 10, reward: { per: 'person', points: 15 } },
      headers: { 'idempotency-key': idemKey('act') },
    });
    const activity: ActivityDto = ActivityResponse.parse(created.body).activity;
    for (const q of people) {
      const s = await within(3, 'POST', `/activities/${activity.id}/signup`, { token: q.token });
      expect(s.res.body.activity.mine.status).toBe('signed_up');
    }
    const tap = await within(2, 'POST', `/activities/${activity.id}/signup`, { token: p.token }); // a double tap
    expect(tap.res.body.activity.taken).toBe(5);
    for (const q of people) {
      const c = await within(3, 'POST', `/activities/${activity.id}/check-ins`, { token: q.token, body: { code: activity.checkInCode } });
      expect(c.res.body.activity.mine.status).toBe('checked_in');
    }
    const me = await within(5, 'GET', '/points/me', { token: p.token });
    expect(me.res.body.account.pending).toBe(15);
    await new Promise((r) => setTimeout(r, Math.max(0, start - Date.now() + 100)));
    const body = { attendees: people.slice(0, 4).map((q) => ({ userId: q.userId })), absent: [people[4]!.userId] };
    const confirmed = await within(17, 'POST', `/activities/${activity.id}/attendance`, { token: admin, body });
    expect(confirmed.res.body.credited).toBe(4);
    expect(confirmed.res.body.items.map((i: { status: string }) => i.status).sort()).toEqual(['absent', 'confirmed', 'confirmed', 'confirmed', 'confirmed']);
    expect(confirmed.res.body.items.every((i: { name: string }) => i.name === '积分居民')).toBe(true);
    // Confirmed once: a second confirmation credits nobody.
    const again = await api.call('POST', `/activities/${activity.id}/attendance`, { token: admin, body: { attendees: [{ userId: p.userId }, { userId: p.userId }] } });
    expect([again.status, again.body.credited]).toEqual([200, 0]);
    const unknown = await api.call('POST', `/activities/${activity.id}/attendance`, { token: admin, body: { attendees: [{ userId: 'u-nobody' }] } });
    expect([unknown.status, unknown.body.error.fields[0].field]).toEqual([400, 'attendees.0.userId']);
  });
});
