/** The quarterly leaderboard on the real local store: aggregates kept with each credit and reversal, names hidden on request. */
import { LeaderboardResponse, LedgerResponse } from '@linli/shared';
import { idemKey } from '../support/builders';
import { startTestApi, type TestApi } from '../support/harness';
import { personWithPoints, redeemAt, siteWithReward } from '../support/points';

describe('points leaderboard', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.stop());

  const board = async (token: string) => LeaderboardResponse.parse((await api.call('GET', '/points/leaderboard', { token })).body);

  it('ranks service points this quarter, counts reversals, not spending, and hides names on request', async () => {
    const a = await personWithPoints(api, 30);
    const b = await personWithPoints(api, 10);
    const admin = await api.tokenFor('community_admin');
    await api.call('POST', '/points/credits', { token: admin, body: { userId: b.userId, points: 1, minutes: 60, reason: '补录服务时长' }, headers: { 'idempotency-key': idemKey('c') } });
    const first = await board(a.token);
    expect(first.quarter).toMatch(/^\d{4}Q[1-4]$/);
    expect(first.items.map((r) => [r.name, r.points])).toEqual([['王桂芳', 200], ['张秀英', 80], ['积分居民', 30], ['积分居民', 11]]);
    expect(first.mine).toMatchObject({ rank: 3, points: 30, me: true });

    // Spending does not lower the board; hiding the name does hide it, for everyone.
    const reward = await siteWithReward(api, { cost: 20 });
    expect((await redeemAt(api, a.token, reward)).status).toBe(201);
    expect((await api.call('PUT', '/points/me/board-preference', { token: a.token, body: { hideName: true } })).body).toEqual({ hidden: true });
    const hidden = await board(await api.tokenFor('resident'));
    expect(hidden.items.map((r) => [r.name, r.points])).toEqual([['王桂芳', 200], ['张秀英', 80], ['志愿者', 30], ['积分居民', 11]]);
    expect((await board(a.token)).hidden).toBe(true);

    // A reversed credit comes off the board.
    const entry = LedgerResponse.parse((await api.call('GET', '/points/me', { token: b.token })).body).entries.find((e) => e.minutes === 60)!;
    expect((await api.call('POST', `/points/accounts/${b.userId}/entries/${entry.id}/reversal`, { token: admin, body: { reason: '重复补录' } })).status).toBe(200);
    expect((await board(b.token)).mine).toMatchObject({ points: 10, minutes: 0 });
  });
});
