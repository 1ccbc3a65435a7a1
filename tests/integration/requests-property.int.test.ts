/**
 * Property matters on the real local store: a property category filed for a compound with property
 * staff goes to their queue first; they answer it or refuse it back to the grid; invited property
 * staff serve the compound their invitation names at once; the community sees their figures.
 */
import { CategoriesResponse, LoginResponse, MetricsResponse, RequestListResponse, RequestResponse } from '@linli/shared';
import { fileRequest, idemKey, inGrid1, staffAct } from '../support/builders';
import { startTestApi, type TestApi } from '../support/harness';

describe('property matters (物业)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.stop());

  const queue = async (token: string) => RequestListResponse.parse((await api.call('GET', '/staff/requests', { token })).body).items.map((i) => i.id);
  const property = (compound: string, categoryId = 'prop-service') => fileRequest(api, { categoryId, compound, description: `物业测试：楼道堆放杂物 ${compound}` });

  it("lists the community's compounds with property staff beside the property categories", async () => {
    const list = CategoriesResponse.parse((await api.call('GET', '/request-categories', { token: await api.tokenFor('resident') })).body);
    // 名山小区 is served by the demo company 金顶物业, 名山新村 by 报国物业.
    expect(list.propertyCompounds).toEqual(['名山小区', '名山新村'].sort((a, b) => a.localeCompare(b, 'zh')));
    const cats = list.groups.flatMap((g) => g.categories);
    expect(cats.filter((c) => c.propertyItem).map((c) => c.id).sort()).toEqual(['fix-elevator', 'prop-greenery', 'prop-parking', 'prop-service']);
  });

  it('goes to the property staff of the compound first, who answer it; the grid sees it but cannot act', async () => {
    const r = await property('名山小区');
    expect(r).toMatchObject({ level: 'property', compound: '名山小区', gridId: 'gd-ms-1', status: 'submitted' });
    const pm = await api.tokenFor('property_staff');
    expect(await queue(pm)).toContain(r.id);
    expect(await queue(await api.tokenFor('grid_worker'))).not.toContain(r.id);
    expect((await api.call('GET', `/requests/${r.id}`, { token: await api.tokenFor('grid_worker') })).status).toBe(200);
    expect((await staffAct(api, r.id, 'grid_worker', { action: 'accept' })).status).toBe(403);

    // The company handling it sees who filed it (phone masked until it takes the item).
    const seen = RequestResponse.parse((await api.call('GET', `/requests/${r.id}`, { token: pm })).body).request;
    expect([seen.reporterName, seen.reporterPhone, seen.timeline[0]!.actorName]).toEqual(['张秀英', '138****1234', '张秀英']);
    expect((await staffAct(api, r.id, 'property_staff', { action: 'accept' })).status).toBe(200);
    const resolved = await staffAct(api, r.id, 'property_staff', { action: 'resolve', result: '已清理楼道杂物' });
    expect(resolved.status).toBe(200);
    const detail = RequestResponse.parse(resolved.body).request;
    expect(detail.timeline.map((e) => [e.type, e.level])).toEqual([['submitted', 'property'], ['accepted', 'property'], ['resolved', 'property']]);
    expect((await api.call('POST', `/requests/${r.id}/rating`, { token: await api.tokenFor('resident'), body: { score: 5 } })).status).toBe(200);
    // Return visits are the grid's and the community's, not the company's.
    expect((await staffAct(api, r.id, 'property_staff', { action: 'revisit', method: 'phone', outcome: '居民满意' })).status).toBe(403);
  });

  it('is refused back to the grid, which then has it in its queue', async () => {
    const r = await property('名山小区', 'prop-parking');
    const refused = await staffAct(api, r.id, 'property_staff', { action: 'refuse', reason: '公共道路停车不归物业管理' });
    expect(refused.status).toBe(200);
    expect(RequestResponse.parse(refused.body).request).toMatchObject({ level: 'grid', status: 'submitted' });
    expect(await queue(await api.tokenFor('grid_worker'))).toContain(r.id);
    expect(await queue(await api.tokenFor('property_staff'))).not.toContain(r.id);
    expect((await staffAct(api, r.id, 'property_staff', { action: 'accept' })).status).toBe(403);
  });

  it('follows the grid route for a compound without property staff, and for other categories', async () => {
    expect(await property('没有物业的小区')).toMatchObject({ level: 'grid', compound: null });
    expect(await fileRequest(api, { categoryId: 'fix-road', compound: '名山小区', location: inGrid1 })).toMatchObject({ level: 'grid', compound: null });
  });

  it('reaches property staff invited for another compound at once, and only them', async () => {
    const admin = await api.tokenFor('community_admin');
    const inv = await api.call('POST', '/invitations', {
      token: admin,
      body: { role: 'property_staff', label: '名山花园', inviteeName: '钱物业' },
      headers: { 'idempotency-key': idemKey('inv') },
    });
    expect(inv.status).toBe(201);
    const { token } = await api.newUser(`pm${Date.now().toString(36)}`);
    const session = LoginResponse.parse((await api.call('POST', `/invitations/${inv.body.invitation.code}/acceptance`, { token })).body);
    const list = CategoriesResponse.parse((await api.call('GET', '/request-categories', { token: await api.tokenFor('resident') })).body);
    expect(list.propertyCompounds).toEqual(['名山小区', '名山新村', '名山花园'].sort((a, b) => a.localeCompare(b, 'zh')));

    const r = await property('名山花园', 'fix-elevator');
    expect(r).toMatchObject({ level: 'property', compound: '名山花园' });
    expect(await queue(session.token)).toEqual([r.id]);
    expect(await queue(await api.tokenFor('property_staff'))).not.toContain(r.id);
    expect((await api.call('GET', `/requests/${r.id}`, { token: await api.tokenFor('property_staff') })).status).toBe(403);
    const current = RequestResponse.parse((await api.call('GET', `/requests/${r.id}`, { token: session.token })).body).request;
    const escalated = await api.call('POST', `/requests/${r.id}/actions`, { token: session.token, body: { action: 'escalate', reason: '电梯需要维保单位，请网格协调', version: current.version } });
    expect(RequestResponse.parse(escalated.body).request).toMatchObject({ level: 'grid' });
  });

  it("shows each compound's property figures on the community dashboard, equal to a recount", async () => {
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const m = MetricsResponse.parse(
      (await api.call('GET', `/communities/cm-mingshan/metrics?from=${today}&to=${today}`, { token: await api.tokenFor('community_admin') })).body,
    );
    const ms = m.properties.find((p) => p.compound === '名山小区')!;
    // Filed for 名山小区 in this file: the answered one and the refused one; one resolved, one refused, one rated satisfied.
    expect(ms.totals).toMatchObject({ filed: 2, resolved: 1, refused: 1, rated: 1, satisfied: 1 });
    expect(ms.openNow.total).toBe(0);
    const garden = m.properties.find((p) => p.compound === '名山花园')!;
    expect(garden.totals).toMatchObject({ filed: 1, escalated: 1 });
    expect(m.openNow.byLevel.property).toBe(0);
  });
});
