/**
 * The points job's concurrency claims, raced against the real local store: no negative balance, no
 * stock sold past zero, one redemption per key, one credit per attendance, one collection per code;
 * after each race the balance equals the sum of the entries and of the live lots.
 */
import type { Actor } from '../../functions/src/platform/domain/actor';
import { idemKey } from '../support/builders';
import { startTestApi, type TestApi } from '../support/harness';
import { accountOf, personWithPoints, redeemAt, redemptionOf, siteWithReward } from '../support/points';

/** How many calls were created and how many refused with each code. */
function tally(results: { status: number; body: any }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of results) {
    const k = r.status === 201 ? 'created' : `${r.body?.error?.code ?? r.status}`;
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

describe('points under concurrency', () => {
  let api: TestApi;
  let deps: ReturnType<typeof import('../../functions/src/composition').getDeps>;
  beforeAll(async () => {
    api = await startTestApi();
    deps = (await import('../../functions/src/composition')).getDeps();
  });
  afterAll(() => api.stop());

  /** Balance = sum of entries = sum of live lots, never negative. */
  async function expectConsistent(userId: string): Promise<number> {
    const account = await deps.ledger.account(userId);
    let sum = 0;
    let cursor: string | undefined;
    do {
      const page = await deps.ledger.entries(userId, cursor, 50);
      sum += page.items.reduce((s, e) => s + e.points, 0);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const lots = (await deps.ledger.lots(userId)).reduce((s, l) => s + l.remaining, 0);
    expect([account.balance, sum, lots]).toEqual([account.balance, account.balance, account.balance]);
    expect(account.balance).toBeGreaterThanOrEqual(0);
    return account.balance;
  }

  it('200 concurrent redemptions of a 1-point reward from a balance of 50 → exactly 50', async () => {
    const p = await personWithPoints(api, 50);
    const reward = await siteWithReward(api, { cost: 1, stock: 1000 });
    const results = await Promise.all(Array.from({ length: 200 }, () => redeemAt(api, p.token, reward)));
    expect(tally(results)).toEqual({ created: 50, insufficient_points: 150 });
    expect(await expectConsistent(p.userId)).toBe(0);
    const site = (await api.call('GET', `/redemption-sites/${reward.siteId}`, { token: p.token })).body.site;
    expect(site.rewards[0].stock).toBe(950);
  }, 120_000);

  it('a reward with stock 10 and 100 buyers → exactly 10', async () => {
    const reward = await siteWithReward(api, { cost: 5, stock: 10 });
    // Set up ten at a time (the race is the redemptions, not a hundred first logins at once).
    const buyers: { token: string; userId: string }[] = [];
    for (let i = 0; i < 10; i++) buyers.push(...(await Promise.all(Array.from({ length: 10 }, () => personWithPoints(api, 10)))));
    const results = await Promise.all(buyers.map((b) => redeemAt(api, b.token, reward)));
    expect(tally(results)).toEqual({ created: 10, out_of_stock: 90 });
    const site = (await api.call('GET', `/redemption-sites/${reward.siteId}`, { token: buyers[0]!.token })).body.site;
    expect(site.rewards[0].stock).toBe(0);
    const balances = await Promise.all(buyers.map((b) => expectConsistent(b.userId)));
    expect(balances.filter((b) => b === 5)).toHaveLength(10);
    expect(balances.filter((b) => b === 10)).toHaveLength(90);
  }, 120_000);

  it('20 retries with one key → one redemption', async () => {
    const p = await personWithPoints(api, 100);
    const reward = await siteWithReward(api, { cost: 7 });
    const key = idemKey('same');
    const results = await Promise.all(Array.from({ length: 20 }, () => redeemAt(api, p.token, reward, key)));
    expect(results.every((r) => r.status === 201 || r.status === 200)).toBe(true);
    expect(new Set(results.map((r) => redemptionOf(r.body).id)).size).toBe(1);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(await expectConsistent(p.userId)).toBe(93);
  }, 60_000);

  it('a double-tapped 上架 (10 racing posts, one key) → one reward on the shelf; the same key with other words → 4xx', async () => {
    const { siteId } = await siteWithReward(api);
    const token = await api.tokenFor('community_admin');
    const key = idemKey('shelf');
    const body = { name: '并发上架的毛巾', cost: 3, stock: 20 };
    const post = (b: object) => api.call('POST', `/redemption-sites/${siteId}/rewards`, { token, body: b, headers: { 'idempotency-key': key } });
    const results = await Promise.all(Array.from({ length: 10 }, () => post(body)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.every((r) => r.status === 201 || r.status === 200)).toBe(true);
    expect(new Set(results.map((r) => (r.body as { reward: { id: string } }).reward.id)).size).toBe(1);
    const site = await api.call('GET', `/redemption-sites/${siteId}`, { token });
    expect((site.body as { site: { rewards: { name: string }[] } }).site.rewards.filter((r) => r.name === body.name)).toHaveLength(1);
    const reused = await post({ ...body, name: '另一件物品' });
    expect(reused.status).toBeGreaterThanOrEqual(400);
    expect(reused.status).toBeLessThan(500);
    // Without a key: refused, nothing stored.
    const bare = await api.call('POST', `/redemption-sites/${siteId}/rewards`, { token, body: { ...body, name: '没有幂等键' } });
    expect(bare.status).toBe(400);
  }, 60_000);

  it('one code verified at two counters at once → collected once', async () => {
    const p = await personWithPoints(api, 10);
    const reward = await siteWithReward(api, { cost: 3 });
    const r = redemptionOf((await redeemAt(api, p.token, reward)).body);
    const [staff, admin] = [await api.tokenFor('redemption_staff'), await api.tokenFor('community_admin')];
    const both = await Promise.all([staff, admin, staff, admin].map((token) => api.call('POST', `/redemption-sites/${reward.siteId}/collections`, { token, body: { code: r.code } })));
    expect(both.map((x) => x.status).sort()).toEqual([200, 409, 409, 409]);
    expect(both.filter((x) => x.status === 409).every((x) => x.body.error.code === 'already_collected')).toBe(true);
  }, 60_000);

  it('concurrent approvals of one attendance → one credit of points and hours', async () => {
    const { createActivity, signUp, confirmAttendance } = await import('../../functions/src/points/domain/activities');
    const organiser: Actor = { userId: 'u-demo-community-admin', roles: ['community_admin'], streetId: 'st-suishan', communityId: 'cm-mingshan', gridId: null };
    const now = new Date();
    const start = new Date(now.getTime() + 3600_000);
    const { activity } = await createActivity(
      deps, organiser,
      { communityId: 'cm-mingshan', title: '并发确认', description: '', place: '广场', start: start.toISOString(), end: new Date(start.getTime() + 2 * 3600_000).toISOString(), places: 5, reward: { per: 'hour', points: 10 }, joiners: 'anyone' as const },
      idemKey('act'), now,
    );
    const p = await personWithPoints(api, 1);
    const volunteer: Actor = { userId: p.userId, roles: ['resident'], streetId: 'st-suishan', communityId: 'cm-mingshan', gridId: 'gd-ms-1' };
    await signUp(deps, volunteer, activity.id, now);
    const later = new Date(start.getTime() + 3 * 3600_000);
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => confirmAttendance(deps, organiser, activity.id, { attendees: [{ userId: p.userId }], absent: [] }, later)));
    expect(outcomes.reduce((n, o) => n + o.credited, 0)).toBe(1);
    expect(outcomes[0]!.items[0]).toMatchObject({ status: 'confirmed', points: 20, minutes: 120 });
    const account = await accountOf(api, p.token);
    expect(account).toMatchObject({ balance: 21, servedMinutes: 120, pending: 0 });
    expect(await expectConsistent(p.userId)).toBe(21);
  }, 60_000);
});
