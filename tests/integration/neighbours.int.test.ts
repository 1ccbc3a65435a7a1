import { CategoriesResponse, RequestResponse } from '@linli/shared';
import { fileRequest, idemKey, inGrid1, staffAct, submitRequest } from '../support/builders';
import { startTestApi, type TestApi } from '../support/harness';
import { makeDocumentClient } from '../../functions/src/platform/adapters/dynamodb/client';
import { ERASED_NAME } from '../../functions/src/platform/domain/events';
import { DynamoRequestRepository } from '../../functions/src/requests/adapters/dynamodb-request-repository';

const neighbour = { name: '李桂英', phone: '13912345678', building: '名山小区3栋1单元', room: '102' };

describe('neighbours filed for (代邻居反映), the admission list and 其他', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.stop());

  const fileForNeighbour = async (over: Record<string, unknown> = {}) => {
    const leader = await api.tokenFor('building_leader');
    const body = { categoryId: 'fix-streetlight', description: '楼道灯坏了，李奶奶晚上不敢下楼', location: inGrid1, forNeighbour: neighbour, ...over };
    const res = await submitRequest(api, leader, body, idemKey());
    expect(res.status).toBe(201);
    return RequestResponse.parse(res.body).request;
  };

  it('records the neighbour with his building and room, the leader as filer, and masks his phone for everyone', async () => {
    const r = await fileForNeighbour();
    expect(r.forNeighbour).toEqual({ name: '李桂英', phone: '139****5678', building: '名山小区3栋1单元', room: '102', filedByName: '黄淑珍' });
    expect(r.address).toBe('名山小区3栋1单元102');
    const staff = RequestResponse.parse((await api.call('GET', `/requests/${r.id}`, { token: await api.tokenFor('grid_worker') })).body).request;
    expect(staff.forNeighbour).toMatchObject({ name: '李桂英', phone: '139****5678' });
    expect(staff.reporterPhone).toBe('139****5678');
  });

  it('records a phone update on the timeline with when he was called, and refuses a call time in the future', async () => {
    const r = await fileForNeighbour();
    await staffAct(api, r.id, 'grid_worker', { action: 'accept' });
    const calledAt = new Date().toISOString();
    const res = await staffAct(api, r.id, 'grid_worker', { action: 'phone_update', told: '已约电工明天上午来修灯', calledAt });
    expect(res.status).toBe(200);
    const after = RequestResponse.parse(res.body).request;
    const last = after.timeline.at(-1)!;
    expect(last).toMatchObject({ type: 'phone_update', actorRole: 'grid_worker' });
    expect(last.note).toMatch(/电话告知邻居：已约电工明天上午来修灯$/);
    const future = await staffAct(api, r.id, 'grid_worker', { action: 'phone_update', told: '明天再打', calledAt: new Date(Date.now() + 3600_000).toISOString() });
    expect(future.status).toBe(400);
    expect(future.body.error.fields[0].field).toBe('calledAt');
    const empty = await staffAct(api, r.id, 'grid_worker', { action: 'phone_update', told: '' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields[0]).toMatchObject({ field: 'told' });
    // Residents and the leader cannot record staff calls.
    const byLeader = await api.call('POST', `/requests/${r.id}/actions`, { token: await api.tokenFor('building_leader'), body: { action: 'phone_update', told: '告诉她了', version: after.version } });
    expect(byLeader.status).toBe(403);
  });

  it('makes the return visit of a neighbour by phone unless staff say otherwise', async () => {
    const r = await fileForNeighbour();
    await staffAct(api, r.id, 'grid_worker', { action: 'accept' });
    await staffAct(api, r.id, 'grid_worker', { action: 'resolve', result: '已更换灯泡' });
    const leader = await api.tokenFor('building_leader');
    expect((await api.call('POST', `/requests/${r.id}/rating`, { token: leader, body: { score: 5 } })).status).toBe(200);
    const res = await staffAct(api, r.id, 'grid_worker', { action: 'revisit', outcome: '李奶奶说灯亮了，很满意' });
    expect(res.status).toBe(200);
    expect(RequestResponse.parse(res.body).request.revisits[0]).toMatchObject({ method: 'phone' });
    // An ordinary resident's item needs the method said.
    const own = await fileRequest(api);
    await staffAct(api, own.id, 'grid_worker', { action: 'accept' });
    await staffAct(api, own.id, 'grid_worker', { action: 'resolve', result: '已修好' });
    await api.call('POST', `/requests/${own.id}/rating`, { token: await api.tokenFor('resident'), body: { score: 4 } });
    const noMethod = await staffAct(api, own.id, 'grid_worker', { action: 'revisit', outcome: '居民满意' });
    expect(noMethod.status).toBe(400);
    expect(noMethod.body.error.fields[0].field).toBe('method');
  });

  it('erases the neighbour with the account of the leader who filed for him (the erasure step, at least once)', async () => {
    const r = await fileForNeighbour();
    const doc = makeDocumentClient({ region: 'cn-northwest-1', endpoint: process.env.LINLI_TEST_DB });
    const repo = new DynamoRequestRepository(doc, api.stack.table);
    await repo.eraseActor(r.id, 'u-demo-building-leader', ERASED_NAME);
    await repo.eraseActor(r.id, 'u-demo-building-leader', ERASED_NAME); // delivered again: nothing changes
    const seen = RequestResponse.parse((await api.call('GET', `/requests/${r.id}`, { token: await api.tokenFor('community_admin') })).body).request;
    expect(seen.forNeighbour).toMatchObject({ name: ERASED_NAME, phone: null, filedByName: null, room: '102' });
    expect(seen.reporterPhone).toBeNull();
    expect(JSON.stringify(seen)).not.toMatch(/李桂英|13912345678|5678/);
    doc.destroy();
  });

  // The admission list (准入事项清单) and 其他.

  it('offers 其他 to residents, flagged as not admitted to grids', async () => {
    const res = await api.call('GET', '/request-categories', { token: await api.tokenFor('resident') });
    const all = CategoriesResponse.parse(res.body).groups.flatMap((g) => g.categories);
    expect(all.find((c) => c.id === 'other')).toMatchObject({ name: '其他问题', gridAdmitted: false });
    expect(all.find((c) => c.id === 'fix-road')).toMatchObject({ gridAdmitted: true });
  });

  it('starts an item of a category not admitted to grids at community level, and refuses assigning it to a grid', async () => {
    const r = await fileRequest(api, { categoryId: 'other', description: '小区门口新开的店铺不知道归谁管' });
    expect(r).toMatchObject({ level: 'community', gridId: 'gd-ms-1' });
    const assign = await staffAct(api, r.id, 'community_admin', { action: 'assign', gridId: 'gd-ms-1' });
    expect(assign.status).toBe(400);
    expect(assign.body.error.fields[0]).toMatchObject({ field: 'gridId' });
    const admitted = await fileRequest(api, { categoryId: 'fix-road' });
    expect(admitted.level).toBe('grid');
  });
});
