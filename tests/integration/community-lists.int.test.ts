import { DutyListsResponse, StaffAlertsResponse } from '@linli/shared';
import { fileRequest, inGrid1 } from '../support/builders';
import { startTestApi, type TestApi } from '../support/harness';

describe('duty lists (职责清单) and staff alerts (企业微信群机器人) of a community', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.stop());

  const dutyPath = (id = 'cm-mingshan') => `/communities/${id}/duty-lists`;
  const alertPath = (id = 'cm-mingshan') => `/communities/${id}/staff-alerts`;
  const received = (key: string) => api.stack.wecom.received.filter((m) => m.key === key);

  it('shows residents the demo duty lists, with where to go for what the community does not handle', async () => {
    const res = await api.call('GET', dutyPath(), { token: await api.tokenFor('resident') });
    expect(res.status).toBe(200);
    const { lists } = DutyListsResponse.parse(res.body);
    expect(lists.version).toBe(1);
    expect(lists.performs.length).toBeGreaterThan(3);
    expect(lists.assists.length).toBeGreaterThan(2);
    expect(lists.notHandled.find((n) => n.categoryIds.includes('dispute-wage'))).toMatchObject({ phone: '12333' });
    // Another community's lists are its own people's; an unknown community is 404.
    expect((await api.call('GET', dutyPath('cm-foguang'), { token: await api.tokenFor('resident') })).status).toBe(403);
    expect((await api.call('GET', dutyPath('cm-nowhere'), { token: await api.tokenFor('street_admin') })).status).toBe(404);
    expect((await api.call('GET', dutyPath('cm-foguang'), { token: await api.tokenFor('street_admin') })).status).toBe(200);
  });

  it('lets the community admin replace the lists over the version read; a stale copy is 409, residents 403', async () => {
    const admin = await api.tokenFor('community_admin');
    const { lists } = DutyListsResponse.parse((await api.call('GET', dutyPath(), { token: admin })).body);
    const body = { ...lists, performs: [...lists.performs, { name: '文明城市创建宣传', note: null }], version: lists.version };
    const put = await api.call('PUT', dutyPath(), { token: admin, body });
    expect(put.status).toBe(200);
    expect(DutyListsResponse.parse(put.body).lists).toMatchObject({ version: lists.version + 1, updatedByName: expect.any(String) });
    const stale = await api.call('PUT', dutyPath(), { token: admin, body });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale');
    expect((await api.call('PUT', dutyPath(), { token: await api.tokenFor('resident'), body })).status).toBe(403);
    expect((await api.call('PUT', dutyPath('cm-foguang'), { token: admin, body: { ...body, version: 0 } })).status).toBe(403);
  });

  it('answers bad lists with the field and a Chinese message', async () => {
    const admin = await api.tokenFor('community_admin');
    const blank = await api.call('PUT', dutyPath(), { token: admin, body: { performs: [{ name: ' ' }], version: 2 } });
    expect(blank.status).toBe(400);
    expect(blank.body.error.fields[0]).toMatchObject({ field: 'performs.0.name', message: '请填写事项名称' });
    const unknown = await api.call('PUT', dutyPath(), {
      token: admin,
      body: { notHandled: [{ name: '外星人', office: '某局', categoryIds: ['no-such'] }], version: 2 },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields[0].field).toBe('notHandled.0.categoryIds');
    const phone = await api.call('PUT', dutyPath(), { token: admin, body: { notHandled: [{ name: '办证', office: '某局', phone: 'abc' }], version: 2 } });
    expect(phone.body.error.fields[0].field).toBe('notHandled.0.phone');
  });

  it('keeps the robots to the community admin and accepts only robot webhook addresses', async () => {
    const admin = await api.tokenFor('community_admin');
    expect((await api.call('GET', alertPath(), { token: await api.tokenFor('grid_worker') })).status).toBe(403);
    expect((await api.call('GET', alertPath(), { token: await api.tokenFor('street_admin') })).status).toBe(403);
    const none = StaffAlertsResponse.parse((await api.call('GET', alertPath(), { token: admin })).body).alerts;
    expect(none).toMatchObject({ communityWebhook: null, grids: [], version: 0 });
    const bad = await api.call('PUT', alertPath(), { token: admin, body: { communityWebhook: 'https://example.com/hook?key=abcdefgh', version: 0 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].field).toBe('communityWebhook');
    const base = api.stack.wecom.webhookBase;
    const foreign = await api.call('PUT', alertPath(), { token: admin, body: { grids: [{ gridId: 'gd-fg-1', webhook: `${base}?key=abcdefgh` }], version: 0 } });
    expect(foreign.body.error.fields[0].field).toBe('grids.0.gridId');
  });

  it('tells the grid robot of a new item, the community robot where the grid has none, once each; overdue items too', async () => {
    const admin = await api.tokenFor('community_admin');
    const base = api.stack.wecom.webhookBase;
    const current = StaffAlertsResponse.parse((await api.call('GET', alertPath(), { token: admin })).body).alerts;
    const put = await api.call('PUT', alertPath(), {
      token: admin,
      body: { communityWebhook: `${base}?key=it-community`, grids: [{ gridId: 'gd-ms-1', webhook: `${base}?key=it-grid1` }], version: current.version },
    });
    expect(put.status).toBe(200);
    expect(StaffAlertsResponse.parse(put.body).alerts.grids[0]).toMatchObject({ gridId: 'gd-ms-1', gridName: expect.any(String) });

    const r = await fileRequest(api, { categoryId: 'safe-gas', description: '3 栋楼道有燃气味', address: '名山小区3栋' });
    expect(received('it-grid1')).toHaveLength(1);
    const text = received('it-grid1')[0]!.body!.markdown!.content!;
    expect(text).toContain('**新事项**');
    expect(text).toContain(r.number!);
    expect(text).toContain('燃气泄漏隐患');
    expect(text).toContain('名山小区3栋');
    expect(text).toContain(`packages/request-detail/index?id=${r.id}`);
    expect(received('it-community')).toHaveLength(0);

    // The deadline passes: the item is escalated to the community and the same robot is told, once.
    const { getDeps } = await import('../../functions/src/composition');
    const { escalateOverdue } = await import('../../functions/src/requests/domain/escalation');
    const deps = getDeps();
    const after = new Date(Date.parse(r.acceptBy!) + 60_000);
    await Promise.all([escalateOverdue(deps, after), escalateOverdue(deps, after)]);
    await Promise.all([deps.outbox.drain(after, 100), deps.outbox.drain(after, 100)]);
    const escalated = received('it-grid1').filter((m) => m.body!.markdown!.content!.includes(r.number!));
    expect(escalated.map((m) => m.body!.markdown!.content!.split('\n')[0])).toEqual([expect.stringContaining('新事项'), expect.stringContaining('事项已上报')]);
  });

  it('tells the robot of 12345 tickets too, sent by the outbox drain at the robots’ pace rather than by the import', async () => {
    const res = await api.call('POST', '/hotline/tickets', {
      body: { tickets: [{ externalId: 'HL-ALERT-0001', text: '市民反映名山路路灯不亮', location: inGrid1, categoryHint: 'fix-streetlight' }] },
      headers: { 'x-api-key': 'demo-hotline-key' },
    });
    expect(res.body).toMatchObject({ created: 1 });
    const mentions = () => received('it-grid1').filter((m) => m.body!.markdown!.content!.includes('路灯'));
    expect(mentions()).toHaveLength(0);
    const { getDeps } = await import('../../functions/src/composition');
    const deps = getDeps();
    const now = new Date(Date.now() + 1000);
    await Promise.all([deps.outbox.drain(now, 100), deps.outbox.drain(now, 100)]);
    expect(mentions()).toHaveLength(1);
    expect(mentions()[0]!.body!.markdown!.content!).toContain('**新事项**');
  });

  it('retries a robot that is busy, and sends each alert once even when the outbox is drained twice at once', async () => {
    const admin = await api.tokenFor('community_admin');
    const base = api.stack.wecom.webhookBase;
    const current = StaffAlertsResponse.parse((await api.call('GET', alertPath(), { token: admin })).body).alerts;
    const put = await api.call('PUT', alertPath(), { token: admin, body: { communityWebhook: `${base}?key=busy-community`, grids: [], version: current.version } });
    expect(put.status).toBe(200);
    const r = await fileRequest(api, { categoryId: 'other', description: '小区门口的新店不知道归谁管' });
    expect(r.level).toBe('community');
    expect(received('busy-community')).toHaveLength(0); // busy: re-queued a minute later
    const { getDeps } = await import('../../functions/src/composition');
    const deps = getDeps();
    const later = new Date(Date.now() + 61_000);
    await Promise.all([deps.outbox.drain(later, 100), deps.outbox.drain(later, 100)]);
    await deps.outbox.drain(new Date(later.getTime() + 61_000), 100);
    expect(received('busy-community').filter((m) => m.body!.markdown!.content!.includes(r.number!))).toHaveLength(1);
  });

  it('lets the street admin take a category off the grid admission list; new items of it start with the community', async () => {
    const street = await api.tokenFor('street_admin');
    const path = (id: string) => `/communities/cm-mingshan/categories/${id}/grid-admission`;
    expect((await api.call('PUT', path('city-ads'), { token: await api.tokenFor('community_admin'), body: { gridAdmitted: false } })).status).toBe(403);
    const bad = await api.call('PUT', path('city-ads'), { token: street, body: { gridAdmitted: 'no' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].field).toBe('gridAdmitted');
    expect((await api.call('PUT', path('no-such'), { token: street, body: { gridAdmitted: false } })).status).toBe(404);
    const off = await api.call('PUT', path('city-ads'), { token: street, body: { gridAdmitted: false } });
    expect(off.status).toBe(200);
    expect(off.body.category).toMatchObject({ id: 'city-ads', name: '乱贴小广告', gridAdmitted: false, group: '市容秩序' });
    expect((await fileRequest(api, { categoryId: 'city-ads', description: '电梯里贴满了小广告' })).level).toBe('community');
    expect((await api.call('PUT', path('city-ads'), { token: street, body: { gridAdmitted: true } })).body.category.gridAdmitted).toBe(true);
    expect((await fileRequest(api, { categoryId: 'city-ads', description: '楼道里又贴了小广告' })).level).toBe('grid');
  });
});
