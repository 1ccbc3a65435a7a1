/** The quarterly leaderboard on the real local store: aggregates kept with each credit and reversal, names hidden on request. */
import { LeaderboardResponse, LedgerResponse, ServiceRecordResponse } from '@linli/shared';
import { idemKey } from '../support/builders';
import { startTestApi, type TestApi } from '../support/harness';
import { personWithPoints, redeemAt, siteWithReward } from '../support/points';
import { countRequests } from '../support/requests';

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

  it('reads a board of any length in a fixed number of requests (the people and who hides his name, each one batch)', async () => {
    for (let i = 0; i < 12; i++) await personWithPoints(api, 5 + i);
    const token = await api.tokenFor('resident');
    const { result, sent } = await countRequests(() => api.call('GET', '/points/leaderboard', { token }));
    const b = LeaderboardResponse.parse(result.body);
    expect(b.items.length).toBeGreaterThanOrEqual(12);
    // The session's user, the board's partition, one BatchGet of the people, one of their accounts (up to 100 keys each).
    expect(sent.commands.filter((c) => c.startsWith('GetItem'))).toHaveLength(1);
    expect(sent.commands.filter((c) => c.startsWith('BatchGetItem'))).toHaveLength(2);
    expect(sent.count).toBeLessThanOrEqual(5);
  });

  it('exports the community service record for the volunteer organisation, rows and CSV', async () => {
    const p = await personWithPoints(api, 1);
    const admin = await api.tokenFor('community_admin');
    await api.call('POST', '/points/credits', { token: admin, body: { userId: p.userId, points: 2, minutes: 90, reason: '=SUM(A1) 助老服务' }, headers: { 'idempotency-key': idemKey('c') } });
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const res = await api.call('GET', `/communities/cm-mingshan/service-record?from=${today}&to=${today}`, { token: admin });
    expect(res.status).toBe(200);
    const record = ServiceRecordResponse.parse(res.body);
    expect(record.rows.map((r) => [r.name, r.minutes, r.verified])).toEqual(expect.arrayContaining([['王桂芳', 480, true], ['积分居民', 90, false], ['积分居民', -60, false]]));
    expect(record.totalMinutes).toBe(record.rows.reduce((s, r) => s + r.minutes, 0));
    const lines = record.csv.split('\r\n');
    expect(lines[0]).toBe('\ufeff时间,姓名,服务内容,服务时长（分钟）,积分,核实方式');
    expect(lines.some((l) => l.endsWith(',积分居民,工作人员补记：=SUM(A1) 助老服务,90,2,工作人员补记'))).toBe(true);
    expect(record.filename).toBe(`名山社区志愿服务记录_${today}_${today}.csv`);
    expect((await api.call('GET', `/communities/cm-foguang/service-record?from=${today}&to=${today}`, { token: admin })).status).toBe(403);
    expect((await api.call('GET', `/communities/cm-mingshan/service-record?from=${today}&to=2020-01-01`, { token: admin })).status).toBe(400);
  });
});
