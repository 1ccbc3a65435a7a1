/**
 * Errands (代办帮办 / 上门办) on the real local store: a resident asks once per key; his grid worker
 * or centre staff accept, collect, handle and bring back, each step on the timeline; only the
 * allowed next step is taken, at the version seen; the resident may cancel until it is accepted.
 */
import { ErrandListResponse, ErrandResponse } from '@linli/shared';
import { openCentre, resident } from '../support/booking';
import { idemKey } from '../support/builders';
import { startTestApi, type TestApi } from '../support/harness';

describe('errands', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.stop());

  const ask = (token: string, body: Record<string, unknown>, key = idemKey('errand')) =>
    api.call('POST', '/errands', { token, body, headers: { 'idempotency-key': key } });
  const step = (token: string, id: string, body: Record<string, unknown>) => api.call('POST', `/errands/${id}/steps`, { token, body });

  it('runs an errand from request to result, each step on the timeline, by the grid worker and the centre', async () => {
    const c = await openCentre(api);
    const me = await resident(api, '腿脚不便');
    const key = idemKey('errand');
    const body = { centreId: c.id, offeringId: 'youdai', mode: 'home', note: '办理老年人优待证，行动不便' };
    const first = await ask(me.token, body, key);
    expect(first.status).toBe(201);
    const e = ErrandResponse.parse(first.body).errand;
    expect(e).toMatchObject({ status: 'requested', statusLabel: '已申请，待受理', modeLabel: '上门办理', address: '1栋 101', steps: ['cancel'], bring: ['身份证'] });
    expect((await ask(me.token, body, key)).body.errand.id).toBe(e.id);

    const gw = await api.tokenFor('grid_worker');
    const queue = ErrandListResponse.parse((await api.call('GET', '/grids/gd-ms-1/errands', { token: gw })).body).items;
    expect(queue.map((x) => x.id)).toContain(e.id);
    expect(queue.find((x) => x.id === e.id)!.steps).toEqual(['accept', 'cancel']);
    // Out of order, or at an old version, nothing happens.
    expect((await step(gw, e.id, { step: 'handle', version: 1 })).body.error.code).toBe('invalid_step');
    const accepted = await step(gw, e.id, { step: 'accept', version: 1, note: '明天上午上门' });
    expect(accepted.body.errand).toMatchObject({ status: 'accepted', assigneeName: '刘洋', steps: ['collect', 'cancel'] });
    expect((await step(gw, e.id, { step: 'collect', version: 1 })).body.error.code).toBe('stale');
    expect((await step(me.token, e.id, { step: 'cancel', version: 2 })).body.error.code).toBe('invalid_step');
    await step(gw, e.id, { step: 'collect', version: 2, note: '已收身份证、照片' });
    const staff = await api.tokenFor('service_staff');
    expect(ErrandListResponse.parse((await api.call('GET', `/centres/${c.id}/errands`, { token: staff })).body).items.map((x) => x.id)).toContain(e.id);
    await step(staff, e.id, { step: 'handle', version: 3 });
    const done = ErrandResponse.parse((await step(gw, e.id, { step: 'return', version: 4, note: '优待证已送到家' })).body).errand;
    expect(done.status).toBe('returned');
    expect(done.timeline.map((t) => t.what)).toEqual(['申请上门办理', '受理：明天上午上门', '收取材料：已收身份证、照片', '办理完成', '结果已送回：优待证已送到家']);
    expect(done.timeline[3]!.by).toBe('服务中心工作人员 郑晓红');
    expect(ErrandListResponse.parse((await api.call('GET', '/errands/mine', { token: me.token })).body).items[0]).toMatchObject({ id: e.id, status: 'returned', steps: [] });
    expect(ErrandListResponse.parse((await api.call('GET', `/centres/${c.id}/errands`, { token: staff })).body).items.map((x) => x.id)).not.toContain(e.id);
  });

  it('lets the resident cancel before it is accepted, keeps strangers out, and asks for an address', async () => {
    const c = await openCentre(api);
    const me = await resident(api, '想取消的');
    const e = ErrandResponse.parse((await ask(me.token, { centreId: c.id, offeringId: 'shebao', mode: 'errand', note: '社保卡挂失' })).body).errand;
    const stranger = await resident(api, '陌生人');
    expect((await api.call('GET', `/errands/${e.id}`, { token: stranger.token })).status).toBe(404);
    expect((await step(stranger.token, e.id, { step: 'cancel', version: 1 })).status).toBe(404);
    expect((await step(me.token, e.id, { step: 'accept', version: 1 })).status).toBe(403);
    expect((await step(me.token, e.id, { step: 'cancel', version: 1 })).body.errand.status).toBe('cancelled');
    const homeless = await api.newUser();
    await api.call('PUT', '/me/registration', { token: homeless.token, body: { place: { by: 'search', communityId: 'cm-mingshan', gridId: 'gd-ms-1' }, address: { building: '' }, name: '无地址' } });
    const noName = await ask(homeless.token, { centreId: c.id, offeringId: 'shebao', mode: 'home', note: '上门办' });
    expect(noName.status).toBe(400);
    expect((await ask(me.token, { centreId: c.id, offeringId: 'nothing', mode: 'home', note: '上门办' })).body.error.fields[0].field).toBe('offeringId');
  });
});
