/**
 * Service verified by other jobs earns points through the outbox (points never imports requests):
 * a resident's hazard report that staff resolve credits him once, whatever happens to the item after.
 */
import { LedgerResponse } from '@linli/shared';
import { fileRequest, idemKey, staffAct } from '../support/builders';
import { personWithPoints, redeemAt, siteWithReward } from '../support/points';
import { startTestApi, type TestApi } from '../support/harness';
import { runTick } from '../support/tick';

describe('points for verified service', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.stop());

  const ledger = async () => LedgerResponse.parse((await api.call('GET', '/points/me', { token: await api.tokenFor('resident') })).body);

  it('credits a resolved hazard report once, even when it is reopened and resolved again', async () => {
    const before = (await ledger()).account.balance;
    const r = await fileRequest(api, { categoryId: 'safe-wire', description: '楼道里有人私拉电线给电动车充电' });
    await staffAct(api, r.id, 'grid_worker', { action: 'accept' });
    expect((await ledger()).account.balance).toBe(before); // accepted is not yet proved
    await staffAct(api, r.id, 'grid_worker', { action: 'resolve', result: '已拆除私拉电线并劝导' });
    await runTick(); // the points job credits it from the requests job's event, within the minute
    const after = await ledger();
    expect(after.account.balance).toBe(before + 10);
    expect(after.entries[0]).toMatchObject({ kind: 'earn', points: 10, verified: true, source: { type: 'task', id: `request:${r.id}` }, reason: '反映「私拉电线充电」经核实已处理' });
    // Unsatisfied: reopened and resolved again — no second credit.
    await api.call('POST', `/requests/${r.id}/rating`, { token: await api.tokenFor('resident'), body: { score: 1 } });
    await staffAct(api, r.id, 'grid_worker', { action: 'accept' });
    await staffAct(api, r.id, 'grid_worker', { action: 'resolve', result: '再次检查已处理' });
    await runTick();
    expect((await ledger()).account.balance).toBe(before + 10);
  });

  it('does not credit ordinary matters, nor what staff found themselves', async () => {
    const before = (await ledger()).account.balance;
    const road = await fileRequest(api, { categoryId: 'fix-road' });
    await staffAct(api, road.id, 'grid_worker', { action: 'accept' });
    await staffAct(api, road.id, 'grid_worker', { action: 'resolve', result: '已修补' });
    const patrol = await fileRequest(api, { categoryId: 'safe-wire', description: '巡查发现私拉电线' }, 'grid_worker');
    await staffAct(api, patrol.id, 'grid_worker', { action: 'accept' });
    await staffAct(api, patrol.id, 'grid_worker', { action: 'resolve', result: '已处理' });
    await runTick();
    expect((await ledger()).account.balance).toBe(before);
    const gw = LedgerResponse.parse((await api.call('GET', '/points/me', { token: await api.tokenFor('grid_worker') })).body);
    expect(gw.entries.filter((e) => e.source.id === `request:${patrol.id}`)).toEqual([]);
  });

  it('tells a person a month before his points expire, once per date, only with his consent and only if some are left', async () => {
    const deps = (await import('../../functions/src/composition')).getDeps();
    const sentTo = async (userId: string, from: number) => {
      const openid = (await deps.users.get(userId))!.openid;
      return api.stack.wechat.calls.slice(from).filter((c) => c.path === '/cgi-bin/message/subscribe/send' && (c.body as { touser: string }).touser === openid);
    };
    const willing = await personWithPoints(api, 20);
    const spent = await personWithPoints(api, 5);
    const silent = await personWithPoints(api, 20);
    const admin = await api.tokenFor('community_admin');
    await api.call('POST', '/points/credits', { token: admin, body: { userId: willing.userId, points: 5, reason: '第二笔' }, headers: { 'idempotency-key': idemKey('c') } });
    const reward = await siteWithReward(api, { cost: 5 });
    for (const p of [willing, spent]) expect((await redeemAt(api, p.token, { ...reward, notify: ['expiring'] } as never)).status).toBe(201);
    const year = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4)) + 1;
    const from = api.stack.wechat.calls.length;
    await deps.outbox.drain(new Date(`${year}-11-29T10:00:00+08:00`), 1000); // not yet due
    expect(await sentTo(willing.userId, from)).toHaveLength(0);
    await deps.outbox.drain(new Date(`${year}-11-30T10:01:00+08:00`), 1000);
    const sent = await sentTo(willing.userId, from);
    expect(sent).toHaveLength(1); // two lots of that date, one notice
    expect(sent[0]!.body).toMatchObject({ template_id: 'local-tmpl-points-expiring', data: { number2: { value: '20' }, date3: { value: `${year}-12-31` } } });
    expect(await sentTo(spent.userId, from)).toHaveLength(0); // nothing left to expire
    expect(await sentTo(silent.userId, from)).toHaveLength(0); // never consented
  });

  it('credits reported service once when staff approve it: the reporter, or the neighbour a good deed names', async () => {
    const report = (token: string, body: Record<string, unknown>) =>
      api.call('POST', '/points/service-reports', { token, body: { occurredOn: '2026-12-01', ...body }, headers: { 'idempotency-key': idemKey('sr') } });
    const rider = await api.tokenFor('rider');
    const civility = (await report(rider, { kind: 'civility', description: '劝导三名骑手不要逆行' })).body.report;
    expect(civility).toMatchObject({ status: 'pending', doerName: '李强', kind: 'civility' });
    const deed = (await report(await api.tokenFor('volunteer'), { kind: 'good_deed', description: '帮独居老人把煤气罐搬上楼', doerName: '张秀英' })).body.report;
    expect((await report(rider, { kind: 'good_deed', description: '有人做了好事' })).status).toBe(400); // names nobody
    const admin = await api.tokenFor('community_admin');
    const review = (await api.call('GET', '/points/service-reports?scope=review', { token: admin })).body.items.map((r: { id: string }) => r.id);
    expect(review).toEqual(expect.arrayContaining([civility.id, deed.id]));
    expect((await api.call('GET', '/points/service-reports?scope=review', { token: rider })).status).toBe(403);

    const riderBefore = LedgerResponse.parse((await api.call('GET', '/points/me', { token: rider })).body).account.balance;
    const decide = (id: string, body: Record<string, unknown>) => api.call('POST', `/points/service-reports/${id}/decision`, { token: admin, body });
    const both = await Promise.all([decide(civility.id, { approve: true }), decide(civility.id, { approve: true })]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(LedgerResponse.parse((await api.call('GET', '/points/me', { token: rider })).body).account.balance).toBe(riderBefore + 5);

    expect((await decide(deed.id, { approve: true })).body.error.fields[0].field).toBe('userId');
    const residentBefore = (await ledger()).account.balance;
    const approved = await decide(deed.id, { approve: true, userId: 'u-demo-resident', note: '邻居多人证实' });
    expect(approved.body.report).toMatchObject({ status: 'approved', doerName: '张秀英', points: 5 });
    expect((await ledger()).account.balance).toBe(residentBefore + 5);
    const rejected = (await report(rider, { kind: 'station_duty', description: '在驿站值守两小时' })).body.report;
    expect((await decide(rejected.id, { approve: false, note: '当天驿站无值守记录' })).body.report).toMatchObject({ status: 'rejected', points: null, decisionNote: '当天驿站无值守记录' });
    const mine = (await api.call('GET', '/points/service-reports', { token: rider })).body.items.map((r: { status: string }) => r.status);
    expect(mine).toEqual(['rejected', 'approved']);
  });
});
