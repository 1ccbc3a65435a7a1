/**
 * Property companies (物业公司) and utilities on the real local store: a property item of a compound
 * a company serves goes to the company's queue; the company answers, refuses back to the grid or
 * escalates; its figures stand side by side with the other companies' (红黑榜). Water, power and gas
 * companies are dispatched to like departments and their staff handle their items.
 */
import { DepartmentsResponse, LoginResponse, PropertyBoardResponse, RequestListResponse, RequestResponse } from '@linli/shared';
import { fileRequest, idemKey, inGrid1, staffAct } from '../support/builders';
import { startTestApi, type TestApi } from '../support/harness';

describe('property companies and utilities', () => {
  let api: TestApi;
  /** The staff member 报国物业 gets by invitation, and the item he accepted (set by the invitation test). */
  let baoguo = { token: '', item: '' };
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.stop());

  const queue = async (token: string) => RequestListResponse.parse((await api.call('GET', '/staff/requests', { token })).body).items.map((i) => i.id);
  const property = (compound: string, categoryId = 'prop-service') => fileRequest(api, { categoryId, compound, location: inGrid1, description: `物业公司测试：${compound}楼道灯不亮` });
  const board = async () =>
    PropertyBoardResponse.parse((await api.call('GET', '/communities/cm-mingshan/property-board?from=2026-01-01&to=2026-12-31', { token: await api.tokenFor('community_admin') })).body);

  it("routes a property item of a company's compound to the company's queue, which answers it", async () => {
    const r = await property('名山小区');
    expect(r).toMatchObject({ level: 'property', compound: '名山小区', status: 'submitted' });
    const company = await api.tokenFor('property_staff');
    expect(await queue(company)).toContain(r.id);
    expect(await queue(await api.tokenFor('grid_worker'))).not.toContain(r.id);
    expect((await staffAct(api, r.id, 'property_staff', { action: 'accept' })).status).toBe(200);
    expect((await staffAct(api, r.id, 'property_staff', { action: 'resolve', result: '已更换楼道灯' })).status).toBe(200);
    expect((await api.call('POST', `/requests/${r.id}/rating`, { token: await api.tokenFor('resident'), body: { score: 5, solved: true, satisfied: true } })).status).toBe(200);
  });

  it('is refused by the company back to the grid, out of the company queue', async () => {
    const r = await property('名山小区', 'prop-parking');
    const refused = await staffAct(api, r.id, 'property_staff', { action: 'refuse', reason: '市政道路停车不归物业管理' });
    expect(refused.status).toBe(200);
    const after = RequestResponse.parse(refused.body).request;
    expect(after).toMatchObject({ level: 'grid', status: 'submitted' });
    expect(after.timeline.at(-1)).toMatchObject({ type: 'refused', note: expect.stringContaining('物业退单') });
    expect(await queue(await api.tokenFor('grid_worker'))).toContain(r.id);
    expect(await queue(await api.tokenFor('property_staff'))).not.toContain(r.id);
  });

  it('is escalated by the company to the grid like any unit', async () => {
    const r = await property('名山小区', 'prop-greenery');
    const up = await staffAct(api, r.id, 'property_staff', { action: 'escalate', reason: '需网格协调业主委员会' });
    expect(up.status).toBe(200);
    expect(RequestResponse.parse(up.body).request).toMatchObject({ level: 'grid' });
  });

  it("keeps another company's compound out of the demo company's queue and hands", async () => {
    const r = await property('名山新村');
    expect(r).toMatchObject({ level: 'property', compound: '名山新村' });
    expect(await queue(await api.tokenFor('property_staff'))).not.toContain(r.id);
    const other = await api.tokenFor('property_staff');
    expect((await api.call('GET', `/requests/${r.id}`, { token: other })).status).toBe(403);
    expect((await api.call('POST', `/requests/${r.id}/actions`, { token: other, body: { action: 'accept', version: r.version } })).status).toBe(403);
  });

  it("makes property staff invited for a company's compound staff of that company at once", async () => {
    const inv = await api.call('POST', '/invitations', {
      token: await api.tokenFor('community_admin'),
      body: { role: 'property_staff', label: '名山新村', inviteeName: '孙物业' },
      headers: { 'idempotency-key': idemKey('inv') },
    });
    expect(inv.status).toBe(201);
    const { token } = await api.newUser(`pc${Date.now().toString(36)}`);
    const session = LoginResponse.parse((await api.call('POST', `/invitations/${inv.body.invitation.code}/acceptance`, { token })).body);
    const open = await queue(session.token);
    const r = await property('名山新村', 'prop-greenery');
    expect(await queue(session.token)).toEqual(expect.arrayContaining([...open, r.id]));
    expect((await api.call('POST', `/requests/${r.id}/actions`, { token: session.token, body: { action: 'accept', version: r.version } })).status).toBe(200);
    baoguo = { token: session.token, item: r.id };
  });

  it('shows the community every company serving it side by side, best and worst named (红黑榜)', async () => {
    // 报国物业 resolves the item its new staff member accepted; the resident says it is neither solved nor satisfying.
    const item = RequestResponse.parse((await api.call('GET', `/requests/${baoguo.item}`, { token: baoguo.token })).body).request;
    const done = await api.call('POST', `/requests/${baoguo.item}/actions`, { token: baoguo.token, body: { action: 'resolve', result: '已修剪', version: item.version } });
    expect(done.status).toBe(200);
    const rated = await api.call('POST', `/requests/${baoguo.item}/rating`, { token: await api.tokenFor('resident'), body: { score: 2, solved: false, satisfied: false } });
    expect(rated.status).toBe(200);
    const b = await board();
    expect(b.items.map((i) => i.name)).toEqual(['金顶物业服务有限公司', '报国物业管理有限公司']);
    const jinding = b.items[0]!;
    expect(jinding).toMatchObject({ companyId: 'pc-jinding', compounds: ['名山小区'], filed: 3, resolved: 1, refused: 1, rated: 1, resolutionRate: 1, satisfactionRate: 1 });
    expect(b.items[1]).toMatchObject({ companyId: 'pc-baoguo', filed: 2, resolved: 1, resolutionRate: 0, satisfactionRate: 0 });
    expect([b.best, b.worst]).toEqual(['pc-jinding', 'pc-baoguo']);
    const bad = await api.call('GET', '/communities/cm-mingshan/property-board?from=2026-13-01&to=2026-12-31', { token: await api.tokenFor('community_admin') });
    expect(bad.status).toBe(400);
    expect((await api.call('GET', '/communities/cm-foguang/property-board?from=2026-01-01&to=2026-12-31', { token: await api.tokenFor('community_admin') })).status).toBe(403);
    expect((await api.call('GET', '/communities/cm-foguang/property-board?from=2026-01-01&to=2026-12-31', { token: await api.tokenFor('street_admin') })).status).toBe(200);
  });

  it('dispatches to a gas company like a department; its staff see and handle the item', async () => {
    const depts = DepartmentsResponse.parse((await api.call('GET', '/departments', { token: await api.tokenFor('street_admin') })).body);
    expect(depts.items.filter((d) => d.kind !== 'department').map((d) => [d.id, d.kind])).toEqual([['gdj', 'power'], ['zls', 'water'], ['rqgs', 'gas']]);
    const r = await fileRequest(api, { categoryId: 'life-heating', location: inGrid1, description: '燃气测试：整栋楼燃气压力不足' });
    expect((await staffAct(api, r.id, 'grid_worker', { action: 'escalate', reason: '需燃气公司处理' })).status).toBe(200);
    expect((await staffAct(api, r.id, 'community_admin', { action: 'escalate', reason: '请街道派单燃气公司' })).status).toBe(200);
    const sent = await staffAct(api, r.id, 'street_admin', { action: 'dispatch', lead: 'rqgs', others: [], note: '燃气公司牵头' });
    expect(sent.status).toBe(200);
    expect(RequestResponse.parse(sent.body).request.departments).toEqual([{ id: 'rqgs', name: '燃气公司', lead: true, reportedInAt: null }]);

    const gas = LoginResponse.parse((await api.call('POST', '/auth/wechat', { body: { code: 'demo-u-gas-staff' } })).body);
    expect(gas.user.roles).toEqual(['department_staff']);
    expect(await queue(gas.token)).toContain(r.id);
    const seen = RequestResponse.parse((await api.call('GET', `/requests/${r.id}`, { token: gas.token })).body).request;
    const accepted = await api.call('POST', `/requests/${r.id}/actions`, { token: gas.token, body: { action: 'accept', version: seen.version } });
    expect(accepted.status).toBe(200);
    const resolved = await api.call('POST', `/requests/${r.id}/actions`, { token: gas.token, body: { action: 'resolve', version: accepted.body.request.version, result: '已调压恢复正常供气' } });
    expect(resolved.status).toBe(200);
    // Other departments' staff do not handle it.
    expect(await queue(await api.tokenFor('department_staff'))).not.toContain(r.id);
  });
});
