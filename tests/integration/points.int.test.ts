/**
 * Volunteer points on the real local store: the ledger, redemption with its named refusals, cancel
 * and lapse, pickup verification, activities from sign-up to credited attendance, reversal.
 */
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ActivityResponse, LedgerResponse, RedemptionListResponse, SiteListResponse } from '@linli/shared';
import { makeDocumentClient } from '../../functions/src/platform/adapters/dynamodb/client';
import { idemKey } from '../support/builders';
import { startTestApi, type TestApi } from '../support/harness';
import { accountOf, personWithPoints, redeemAt, redemptionOf, siteWithReward } from '../support/points';

describe('volunteer points', () => {
  let api: TestApi;
  let deps: ReturnType<typeof import('../../functions/src/composition').getDeps>;
  beforeAll(async () => {
    api = await startTestApi();
    deps = (await import('../../functions/src/composition')).getDeps();
  });
  afterAll(() => api.stop());

  it('shows the demo volunteer his balance, hours and history', async () => {
    const me = LedgerResponse.parse((await api.call('GET', '/points/me', { token: await api.tokenFor('volunteer') })).body);
    expect(me.account).toMatchObject({ balance: 200, servedMinutes: 480, pending: 0 });
    expect(me.entries.map((e) => [e.kind, e.points])).toEqual([['earn', 200]]);
    const sites = SiteListResponse.parse((await api.call('GET', '/redemption-sites', { token: await api.tokenFor('volunteer') })).body);
    expect(sites.items.map((s) => s.name)).toContain('名山社区道德超市');
  });

  it('redeems in one step: points and stock down, a six-digit code; a retry with the key replays it', async () => {
    const { siteId, rewardId } = await siteWithReward(api, { cost: 30, stock: 5 });
    const p = await personWithPoints(api, 100);
    const key = idemKey('redeem');
    const first = await redeemAt(api, p.token, { siteId, rewardId }, key);
    expect(first.status).toBe(201);
    const r = redemptionOf(first.body);
    expect(r).toMatchObject({ status: 'reserved', cost: 30, rewardName: '测试物品' });
    expect(r.code).toMatch(/^\d{6}$/);
    expect(first.body.account.balance).toBe(70);
    const again = await redeemAt(api, p.token, { siteId, rewardId }, key);
    expect([again.status, redemptionOf(again.body).id]).toEqual([200, r.id]);
    expect((await accountOf(api, p.token)).balance).toBe(70);
    const site = (await api.call('GET', `/redemption-sites/${siteId}`, { token: p.token })).body.site;
    expect(site.rewards[0].stock).toBe(4);
  });

  it('refuses with a named reason: insufficient_points, out_of_stock, monthly_limit, not_released', async () => {
    const poor = await personWithPoints(api, 5);
    const dear = await siteWithReward(api, { cost: 10 });
    const res = await redeemAt(api, poor.token, dear);
    expect([res.status, res.body.error.code]).toEqual([409, 'insufficient_points']);

    const rich = await personWithPoints(api, 100);
    const scarce = await siteWithReward(api, { cost: 1, stock: 1 });
    expect((await redeemAt(api, rich.token, scarce)).status).toBe(201);
    const gone = await redeemAt(api, rich.token, scarce);
    expect([gone.status, gone.body.error.code]).toEqual([409, 'out_of_stock']);

    const limited = await siteWithReward(api, { cost: 1, monthlyLimit: 2 });
    expect((await redeemAt(api, rich.token, limited)).status).toBe(201);
    expect((await redeemAt(api, rich.token, limited)).status).toBe(201);
    const third = await redeemAt(api, rich.token, limited);
    expect([third.status, third.body.error.code]).toEqual([409, 'monthly_limit']);

    const later = await siteWithReward(api, { cost: 1, releaseAt: new Date(Date.now() + 3600_000).toISOString() });
    const early = await redeemAt(api, rich.token, later);
    expect([early.status, early.body.error.code]).toEqual([409, 'not_released']);
    expect((await accountOf(api, rich.token)).balance).toBe(97);
  });

  it('cancels before pickup: points, stock and the month back in one step', async () => {
    const p = await personWithPoints(api, 50);
    const reward = await siteWithReward(api, { cost: 40, stock: 3, monthlyLimit: 1 });
    const r = redemptionOf((await redeemAt(api, p.token, reward)).body);
    const cancelled = await api.call('POST', `/redemptions/${r.id}/cancellation`, { token: p.token });
    expect(cancelled.status).toBe(200);
    expect([redemptionOf(cancelled.body).status, cancelled.body.account.balance]).toEqual(['cancelled', 50]);
    expect((await api.call('POST', `/redemptions/${r.id}/cancellation`, { token: p.token })).status).toBe(409);
    // The month's limit is free again, the stock is back.
    expect((await redeemAt(api, p.token, reward)).status).toBe(201);
    const ledger = LedgerResponse.parse((await api.call('GET', '/points/me', { token: p.token })).body);
    expect(ledger.entries.map((e) => [e.kind, e.points])).toEqual([['spend', -40], ['refund', 40], ['spend', -40], ['earn', 50]]);
    const mine = RedemptionListResponse.parse((await api.call('GET', '/redemptions/mine', { token: p.token })).body);
    expect(mine.items.map((x) => x.status)).toEqual(['reserved', 'cancelled']);
  });

  it('lets site staff collect a code once, at its own site only; a second scan says when and by whom', async () => {
    const p = await personWithPoints(api, 10);
    const reward = await siteWithReward(api, { cost: 5 });
    const other = await siteWithReward(api, { cost: 5 });
    const r = redemptionOf((await redeemAt(api, p.token, reward)).body);
    const staff = await api.tokenFor('redemption_staff');
    const elsewhere = await api.call('POST', `/redemption-sites/${other.siteId}/collections`, { token: staff, body: { code: r.code } });
    expect(elsewhere.status).toBe(404);
    const ok = await api.call('POST', `/redemption-sites/${reward.siteId}/collections`, { token: staff, body: { code: r.code } });
    expect(ok.status).toBe(200);
    expect(redemptionOf(ok.body)).toMatchObject({ status: 'collected', collectedByName: '冯志强', personName: '积分居民' });
    const twice = await api.call('POST', `/redemption-sites/${reward.siteId}/collections`, { token: staff, body: { code: r.code } });
    expect([twice.status, twice.body.error.code]).toEqual([409, 'already_collected']);
    expect(twice.body.error.message).toMatch(/由冯志强核销/);
    expect((await api.call('POST', `/redemptions/${r.id}/cancellation`, { token: p.token })).status).toBe(409);
    expect((await api.call('POST', `/redemption-sites/${reward.siteId}/collections`, { token: p.token, body: { code: r.code } })).status).toBe(403);
  });

  it('runs an activity: sign up within the places, check in with the code, confirm once → points and hours', async () => {
    const admin = await api.tokenFor('community_admin');
    const start = new Date(Date.now() + 60_000).toISOString();
    const created = await api.call('POST', '/activities', {
      token: admin,
      body: { communityId: 'cm-mingshan', title: '测试活动', place: '社区广场', start, end: new Date(Date.now() + 2 * 3600_000).toISOString(), places: 2, reward: { per: 'person', points: 15 } },
      headers: { 'idempotency-key': idemKey('act') },
    });
    expect(created.status).toBe(201);
    const activity = ActivityResponse.parse(created.body).activity;
    expect(activity.checkInCode).toMatch(/^\d{6}$/);
    const a = await personWithPoints(api, 1);
    const b = await personWithPoints(api, 1);
    const c = await personWithPoints(api, 1);
    expect((await api.call('POST', `/activities/${activity.id}/signup`, { token: a.token })).body.activity.mine.status).toBe('signed_up');
    expect((await api.call('POST', `/activities/${activity.id}/signup`, { token: a.token })).body.activity.taken).toBe(1); // a double tap
    expect((await api.call('POST', `/activities/${activity.id}/signup`, { token: b.token })).status).toBe(200);
    const full = await api.call('POST', `/activities/${activity.id}/signup`, { token: c.token });
    expect([full.status, full.body.error.code]).toEqual([409, 'activity_full']);
    expect((await api.call('POST', `/activities/${activity.id}/withdrawal`, { token: b.token })).body.activity.taken).toBe(1);
    expect((await api.call('POST', `/activities/${activity.id}/signup`, { token: c.token })).status).toBe(200);
    // The public view hides the code; the organiser sees it.
    expect((await api.call('GET', `/activities/${activity.id}`, { token: a.token })).body.activity.checkInCode).toBeNull();
    const wrong = await api.call('POST', `/activities/${activity.id}/check-ins`, { token: a.token, body: { code: '000000' === activity.checkInCode ? '111111' : '000000' } });
    expect(wrong.status).toBe(400);
    const checked = await api.call('POST', `/activities/${activity.id}/check-ins`, { token: a.token, body: { code: activity.checkInCode } });
    expect(checked.body.activity.mine.status).toBe('checked_in');
    expect((await accountOf(api, a.token)).pending).toBe(15);

    const early = await api.call('POST', `/activities/${activity.id}/attendance`, { token: admin, body: { attendees: [{ userId: a.userId }] } });
    expect([early.status, early.body.error?.code]).toEqual([409, 'not_started']);
  });

  it('reverses a wrong credit with a reason; nothing is deleted and it cannot be reversed twice', async () => {
    const p = await personWithPoints(api, 30);
    const entryId = LedgerResponse.parse((await api.call('GET', '/points/me', { token: p.token })).body).entries[0]!.id;
    const admin = await api.tokenFor('community_admin');
    const rev = await api.call('POST', `/points/accounts/${p.userId}/entries/${entryId}/reversal`, { token: admin, body: { reason: '重复补记' } });
    expect(rev.status).toBe(200);
    expect(rev.body.account.balance).toBe(0);
    const again = await api.call('POST', `/points/accounts/${p.userId}/entries/${entryId}/reversal`, { token: admin, body: { reason: '重复补记' } });
    expect([again.status, again.body.error.code]).toEqual([409, 'already_reversed']);
    const ledger = LedgerResponse.parse((await api.call('GET', '/points/me', { token: p.token })).body);
    expect(ledger.entries.map((e) => [e.kind, e.points, e.reversedBy !== null])).toEqual([['reversal', -30, false], ['earn', 30, true]]);
    expect(ledger.entries[1]!.verified).toBe(false); // added by hand, marked apart
  });

  it('lets staff look a code up before collecting, keeps the pickup open to the end of its last day', async () => {
    const p = await personWithPoints(api, 10);
    const reward = await siteWithReward(api, { cost: 2 }, { holdDays: 3 });
    const r = redemptionOf((await redeemAt(api, p.token, reward)).body);
    expect(new Date(Date.parse(r.collectBy) + 8 * 3600_000).toISOString().slice(11, 19)).toBe('23:59:59');
    const staff = await api.tokenFor('redemption_staff');
    const seen = await api.call('GET', `/redemption-sites/${reward.siteId}/codes/${r.code}`, { token: staff });
    expect(redemptionOf(seen.body)).toMatchObject({ status: 'reserved', personName: '积分居民', rewardName: '测试物品' });
    const other = await api.call('GET', `/redemption-sites/${reward.siteId}/codes/${r.code === '000000' ? '000001' : '000000'}`, { token: staff });
    expect([other.status, other.body.error.message]).toEqual([404, '没有这个领取码，请确认是本兑换点的领取码']);
    expect((await api.call('GET', `/redemption-sites/${reward.siteId}/codes/${r.code}`, { token: p.token })).status).toBe(403);
  });

  it('keeps a reward picture when an edit leaves it out', async () => {
    const admin = await api.tokenFor('community_admin');
    const { siteId, rewardId } = await siteWithReward(api, { cost: 2 });
    const edit = await api.call('PUT', `/redemption-sites/${siteId}/rewards/${rewardId}`, { token: admin, body: { name: '改名物品', cost: 3, stock: 9 } });
    expect(edit.body.reward).toMatchObject({ name: '改名物品', cost: 3, stock: 9, picture: null });
    const bad = await api.call('PUT', `/redemption-sites/${siteId}/rewards/${rewardId}`, { token: admin, body: { name: '改名物品', cost: 3, stock: 9, picture: 'uploads/someone-else/x.jpg' } });
    expect([bad.status, bad.body.error.fields[0].field]).toEqual([400, 'picture']);
  });

  it('keeps redemptions made while staff edit a reward: the edit applies to the stock as it is now', async () => {
    const admin = await api.tokenFor('community_admin');
    const reward = await siteWithReward(api, { cost: 1, stock: 3 });
    // Staff open the form (stock 3); meanwhile two residents redeem; staff add five boxes: 3 → 8 as they saw it.
    for (const p of [await personWithPoints(api, 5), await personWithPoints(api, 5)]) expect((await redeemAt(api, p.token, reward)).status).toBe(201);
    const edit = await api.call('PUT', `/redemption-sites/${reward.siteId}/rewards/${reward.rewardId}`, { token: admin, body: { name: '测试物品', cost: 1, stock: 8, stockWas: 3 } });
    expect([edit.status, edit.body.reward.stock]).toEqual([200, 6]);
    // Without what was seen, the stock is as given (a count of the shelf).
    const count = await api.call('PUT', `/redemption-sites/${reward.siteId}/rewards/${reward.rewardId}`, { token: admin, body: { name: '测试物品', cost: 1, stock: 4 } });
    expect(count.body.reward.stock).toBe(4);
  });

  it('lets the organiser cancel an activity before it starts, and record that nobody came', async () => {
    const admin = await api.tokenFor('community_admin');
    const start = new Date(Date.now() + 3600_000);
    const body = { communityId: 'cm-mingshan', title: '取消测试', place: '广场', start: start.toISOString(), end: new Date(start.getTime() + 3600_000).toISOString(), places: 3, reward: { per: 'person', points: 5 } };
    const a = (await api.call('POST', '/activities', { token: admin, body, headers: { 'idempotency-key': idemKey('act') } })).body.activity;
    const p = await personWithPoints(api, 1);
    expect((await api.call('POST', `/activities/${a.id}/cancellation`, { token: p.token })).status).toBe(403);
    expect((await api.call('POST', `/activities/${a.id}/cancellation`, { token: admin })).body.activity.status).toBe('cancelled');
    const refused = await api.call('POST', `/activities/${a.id}/signup`, { token: p.token });
    expect([refused.status, refused.body.error.code]).toEqual([409, 'activity_cancelled']);
    const none = await api.call('POST', `/activities/${a.id}/attendance`, { token: admin, body: { attendees: [], absent: [] } });
    expect([none.status, none.body.error.fields[0].field]).toEqual([400, 'attendees']);
    // Cancelled: no check-in, no credit, nothing pending.
    const deps2 = (await import('../../functions/src/composition')).getDeps();
    const { checkInWithCode, confirmAttendance } = await import('../../functions/src/points/domain/activities');
    const during = new Date(start.getTime() + 10 * 60_000);
    const me = { userId: p.userId, roles: ['resident' as const], streetId: 'st-suishan', communityId: 'cm-mingshan', gridId: 'gd-ms-1' };
    await expect(checkInWithCode(deps2, me, a.id, a.checkInCode, false, during)).rejects.toMatchObject({ code: 'activity_cancelled' });
    const organiser = { userId: 'u-demo-community-admin', roles: ['community_admin' as const], streetId: 'st-suishan', communityId: 'cm-mingshan', gridId: null };
    await expect(confirmAttendance(deps2, organiser, a.id, { attendees: [{ userId: p.userId }], absent: [] }, during)).rejects.toMatchObject({ code: 'activity_cancelled' });
  });

  it('deletes a lot in the spend that empties it; of two spends emptying one lot one goes through; a lot at 0 from older data is skipped', async () => {
    const { transact } = await import('../../functions/src/platform/adapters/dynamodb/transact');
    const { lotItem, spendWrites } = await import('../../functions/src/points/adapters/ledger-writes');
    const { accountPartition, LOT_PREFIX } = await import('../../functions/src/points/adapters/keys');
    const { spendPlan } = await import('../../functions/src/points/domain/ledger');
    const { expireLots } = await import('../../functions/src/points/domain/expiry');
    const table = api.stack.table;
    const doc = makeDocumentClient({ region: 'local', endpoint: api.stack.db.endpoint });
    /** The person's lot items as stored (spent-out ones included, were any left). */
    const stored = async (userId: string) =>
      ((await doc.send(new QueryCommand({ TableName: table, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :lot)', ExpressionAttributeValues: { ':pk': accountPartition(userId), ':lot': LOT_PREFIX }, ConsistentRead: true }))).Items ?? []).map(
        (i) => ({ id: String(i.id), remaining: Number(i.remaining) }),
      );
    /** Balance = sum of the live lots, never negative. */
    const balanceOf = async (userId: string) => {
      const [{ balance }, lots] = await Promise.all([deps.ledger.account(userId), deps.ledger.lots(userId)]);
      expect(balance).toBe(lots.reduce((sum, l) => sum + l.remaining, 0));
      expect(balance).toBeGreaterThanOrEqual(0);
      return balance;
    };
    const admin = await api.tokenFor('community_admin');
    const credit = (userId: string, points: number) =>
      api.call('POST', '/points/credits', { token: admin, body: { userId, points, reason: '第二批' }, headers: { 'idempotency-key': idemKey('credit') } });
    try {
      // Two lots, 10 then 30 (same expiry: the older is spent first); a redemption of 10 empties the first and deletes it.
      const p = await personWithPoints(api, 10);
      const [first] = await stored(p.userId);
      expect((await credit(p.userId, 30)).status).toBe(201);
      const second = (await stored(p.userId)).find((l) => l.id !== first!.id)!;
      expect([first!.remaining, second.remaining]).toEqual([10, 30]);
      const r = await redeemAt(api, p.token, await siteWithReward(api, { cost: 10 }));
      expect([r.status, r.body.account.balance]).toEqual([201, 30]);
      expect(await stored(p.userId)).toEqual([{ id: second.id, remaining: 30 }]);
      expect(await balanceOf(p.userId)).toBe(30);

      // Two redemptions at once, each of all that the one lot holds: one goes through, the other finds nothing left.
      const q = await personWithPoints(api, 10);
      const reward = await siteWithReward(api, { cost: 10 });
      const both = await Promise.all([redeemAt(api, q.token, reward), redeemAt(api, q.token, reward)]);
      expect(both.map((x) => (x.status === 201 ? 'created' : x.body.error.code)).sort()).toEqual(['created', 'insufficient_points']);
      expect(await stored(q.userId)).toEqual([]);
      expect(await balanceOf(q.userId)).toBe(0);

      // The lot's own condition decides when the balance would allow both: two spends planned from one read, each emptying the older lot.
      const s = await personWithPoints(api, 10);
      expect((await credit(s.userId, 10)).status).toBe(201);
      const read = await deps.ledger.lots(s.userId);
      const plan = () =>
        spendPlan(read, { id: deps.newId(), userId: s.userId, at: new Date().toISOString(), kind: 'spend', minutes: 0, reason: '并发', source: { type: 'redemption', id: deps.newId() }, actorId: s.userId, verified: true, communityId: null }, 10);
      const raced = await Promise.allSettled([transact(doc, spendWrites(table, plan())), transact(doc, spendWrites(table, plan()))]);
      expect(raced.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect(raced.find((o): o is PromiseRejectedResult => o.status === 'rejected')!.reason).toMatchObject({ code: 'lots_changed' });
      expect(await stored(s.userId)).toEqual([{ id: read[1]!.id, remaining: 10 }]);
      expect(await balanceOf(s.userId)).toBe(10);

      // A lot left at 0 by older data (before spends deleted what they empty): reads skip it, the expiry task tidies it away without an entry.
      const old = { id: deps.newId(), userId: s.userId, remaining: 0, expiresOn: '2020-12-31', earnedAt: '2019-06-01T00:00:00.000Z' };
      await doc.send(new PutCommand({ TableName: table, Item: lotItem(old) }));
      expect((await deps.ledger.lots(s.userId)).map((l) => l.id)).toEqual([read[1]!.id]);
      expect(await expireLots(deps, new Date('2021-01-01T00:10:00+08:00'), 500)).toEqual({ expired: 0, points: 0, examined: 1, more: false });
      expect(await stored(s.userId)).toEqual([{ id: read[1]!.id, remaining: 10 }]);
      expect((await deps.ledger.entries(s.userId, undefined, 50)).items.map((e) => e.kind)).not.toContain('expiry');
      expect(await balanceOf(s.userId)).toBe(10);
    } finally {
      doc.destroy();
    }
  });

  // The tick's tasks run last: the expiry run takes every lot of this store past its date.

  it('lapses an uncollected redemption after its hold: points, stock and the month come back', async () => {
    const { lapseRedemptionsTask } = await import('../../functions/src/points/domain/redeem');
    const p = await personWithPoints(api, 20);
    const reward = await siteWithReward(api, { cost: 8, stock: 2, monthlyLimit: 1 }, { holdDays: 1 });
    const r = redemptionOf((await redeemAt(api, p.token, reward)).body);
    const task = lapseRedemptionsTask(deps);
    expect((await task.run(new Date(), 100)).stats).toMatchObject({ lapsed: 0 });
    const later = new Date(Date.parse(r.collectBy) + 60_000);
    expect((await task.run(later, 100)).stats).toMatchObject({ lapsed: 1 });
    expect((await task.run(later, 100)).stats).toMatchObject({ lapsed: 0 }); // once
    const after = redemptionOf((await api.call('GET', `/redemptions/${r.id}`, { token: p.token })).body);
    expect(after.status).toBe('lapsed');
    expect((await accountOf(api, p.token)).balance).toBe(20);
    expect((await redeemAt(api, p.token, reward)).status).toBe(201); // the month's one is free again
    const code = await api.call('POST', `/redemption-sites/${reward.siteId}/collections`, { token: await api.tokenFor('redemption_staff'), body: { code: r.code } });
    expect([code.status, code.body.error.code]).toEqual([409, 'not_reserved']);
  });

  it('expires what is left of each lot after its date, once, with an entry', async () => {
    const { expireLots } = await import('../../functions/src/points/domain/expiry');
    const p = await personWithPoints(api, 40);
    const reward = await siteWithReward(api, { cost: 15 });
    expect((await redeemAt(api, p.token, reward)).status).toBe(201);
    const year = Number(new Date().toISOString().slice(0, 4));
    expect((await expireLots(deps, new Date(`${year + 1}-12-31T12:00:00+08:00`), 500)).points).toBe(0); // still valid on its last day
    const run = await expireLots(deps, new Date(`${year + 2}-01-01T00:10:00+08:00`), 500);
    expect(run.points).toBeGreaterThanOrEqual(25);
    expect((await accountOf(api, p.token)).balance).toBe(0);
    expect((await expireLots(deps, new Date(`${year + 2}-01-01T00:20:00+08:00`), 500)).points).toBe(0);
    const ledger = LedgerResponse.parse((await api.call('GET', '/points/me', { token: p.token })).body);
    expect(ledger.entries[0]).toMatchObject({ kind: 'expiry', points: -25 });
  });
});
