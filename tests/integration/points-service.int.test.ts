/**
 * Service verified by other jobs earns points through the outbox (points never imports requests):
 * a resident's hazard report that staff resolve credits him once, whatever happens to the item after.
 */
import { LedgerResponse } from '@linli/shared';
import { fileRequest, staffAct } from '../support/builders';
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
});
