/**
 * Service verified by other jobs earns points through the outbox (points never imports requests):
 * a resident's hazard report that staff resolve credits him once, whatever happens to the item after.
 */
import { LedgerResponse } from '@linli/shared';
import { fileRequest, idemKey, staffAct } from '../support/builders';
import { personWithPoints, redeemAt, siteWithReward } from '../support/points';
import { startTestApi, type TestApi } from '../support/harness';

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
    const after = await ledger();
    expect(after.account.balance).toBe(before + 10);
    expect(after.entries[0]).toMatchObject({ kind: 'earn', points: 10, verified: true, source: { type: 'task', id: `request:${r.id}` }, reason: '反映「私拉电线充电」经核实已处理' });
    // Unsatisfied: reopened and resolved again — no second credit.
    await api.call('POST', `/requests/${r.id}/rating`, { token: await api.tokenFor('resident'), body: { score: 1 } });
    await staffAct(api, r.id, 'grid_worker', { action: 'accept' });
    await staffAct(api, r.id, 'grid_worker', { action: 'resolve', result: '再次检查已处理' });
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
});
