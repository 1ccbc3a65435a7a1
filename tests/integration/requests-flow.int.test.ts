/** The staff side beyond the basic loop, and the deadline job under fake time, on DynamoDB Local. */
import { DepartmentsResponse, RequestListResponse } from '@linli/shared';
import { fileRequest, inGrid1, staffAct } from '../support/builders';
import { startTestApi, type TestApi } from '../support/harness';


describe('staff actions and the deadline job', () => {
  let api: TestApi;
  let tokens: Record<string, string>;
  beforeAll(async () => {
    api = await startTestApi();
    tokens = {};
    for (const role of ['resident', 'grid_worker', 'community_admin', 'street_admin'] as const) tokens[role] = await api.tokenFor(role);
  });
  afterAll(() => api.stop());

  const file = (categoryId = 'fix-road') => fileRequest(api, { categoryId, description: '流程测试事项', location: inGrid1 });
  const act = (id: string, role: 'grid_worker' | 'community_admin' | 'street_admin' | 'department_staff', body: Record<string, unknown>) => staffAct(api, id, role, body);

  it('refuses back to the community and counts refusals per unit', async () => {
    const { getDeps } = await import('../../functions/src/composition');
    const before = await getDeps().requests.refusalsOf('grid', 'gd-ms-1');
    const r = await file();
    const res = await act(r.id, 'grid_worker', { action: 'refuse', reason: '属于物业管理范围，非网格事项' });
    expect(res.status).toBe(200);
    expect(res.body.request).toMatchObject({ level: 'community', status: 'submitted' });
    expect(await getDeps().requests.refusalsOf('grid', 'gd-ms-1')).toBe(before + 1);
    const assigned = await act(r.id, 'community_admin', { action: 'assign', gridId: 'gd-ms-2', note: '请二网格处理' });
    expect(assigned.body.request).toMatchObject({ level: 'grid', gridId: 'gd-ms-2' });
    const wrongGrid = await act(r.id, 'community_admin', { action: 'assign', gridId: 'gd-ms-3' });
    expect(wrongGrid.status).toBe(403); // no longer with the community
  });

  it('rejects assigning to a grid of another community', async () => {
    const r = await file();
    await act(r.id, 'grid_worker', { action: 'escalate', reason: '需社区协调处理' });
    const res = await act(r.id, 'community_admin', { action: 'assign', gridId: 'gd-fg-1' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].field).toBe('gridId');
  });

  it('hands over between grids of the community', async () => {
    const r = await file();
    const res = await act(r.id, 'grid_worker', { action: 'hand_over', gridId: 'gd-ms-3', reason: '位置在三网格' });
    expect(res.body.request).toMatchObject({ gridId: 'gd-ms-3', level: 'grid', status: 'submitted' });
    const queue = RequestListResponse.parse((await api.call('GET', '/staff/requests', { token: tokens.grid_worker })).body);
    expect(queue.items.map((i) => i.id)).not.toContain(r.id);
  });

  it('whistles departments in from the street (吹哨报到) and resolves when the lead resolves', async () => {
    const depts = DepartmentsResponse.parse((await api.call('GET', '/departments', { token: tokens.street_admin })).body);
    expect(depts.items.map((d) => d.id)).toEqual(expect.arrayContaining(['cgj', 'gdj']));
    const r = await file('safe-wire');
    await act(r.id, 'grid_worker', { action: 'escalate', reason: '需社区协调' });
    await act(r.id, 'community_admin', { action: 'escalate', reason: '需街道吹哨' });
    const streetQueue = RequestListResponse.parse((await api.call('GET', '/staff/requests', { token: tokens.street_admin })).body);
    expect(streetQueue.items.map((i) => i.id)).toContain(r.id);
    const d = await act(r.id, 'street_admin', { action: 'dispatch', lead: 'cgj', others: ['gdj', 'pcs'], note: '联合整治私拉电线' });
    expect(d.status).toBe(200);
    expect(d.body.request.departments.map((x: { id: string; lead: boolean }) => [x.id, x.lead])).toEqual([['cgj', true], ['gdj', false], ['pcs', false]]);
    const deptQueue = RequestListResponse.parse((await api.call('GET', '/staff/requests?level=department', { token: tokens.street_admin })).body);
    expect(deptQueue.items.find((i) => i.id === r.id)).toMatchObject({ level: 'department' });
    expect((await api.call('GET', '/staff/requests?level=department', { token: tokens.community_admin })).status).toBe(403);
    expect((await act(r.id, 'street_admin', { action: 'report_in', department: 'gdj', note: '已安排电工' })).status).toBe(200);
    expect((await act(r.id, 'street_admin', { action: 'report_in', department: 'gdj', note: '重复' })).status).toBe(409);
    expect((await act(r.id, 'street_admin', { action: 'dispatch', lead: 'nope' })).status).toBe(400);
    await act(r.id, 'street_admin', { action: 'accept' });
    const done = await act(r.id, 'street_admin', { action: 'resolve', result: '城管牵头拆除私拉电线，供电公司加装充电桩' });
    expect(done.body.request).toMatchObject({ status: 'resolved', level: 'department' });
    const types = done.body.request.timeline.map((e: { type: string }) => e.type);
    expect(types).toEqual(['submitted', 'escalated', 'escalated', 'dispatched', 'reported_in', 'accepted', 'resolved']);
  });

  it("lets the lead department's own staff work the item in their street, and a called department report in for itself", async () => {
    const r = await file();
    await act(r.id, 'grid_worker', { action: 'escalate', reason: '需社区协调' });
    await act(r.id, 'community_admin', { action: 'escalate', reason: '需街道吹哨' });
    const dept = await api.tokenFor('department_staff'); // 何卫东, 城市管理局 (cgj) in 绥山镇
    expect((await api.call('GET', `/requests/${r.id}`, { token: dept })).status).toBe(403); // not called yet
    await act(r.id, 'street_admin', { action: 'dispatch', lead: 'gdj', others: ['cgj'], note: '供电牵头，城管配合' });
    const queue = RequestListResponse.parse((await api.call('GET', '/staff/requests', { token: dept })).body);
    expect(queue.items.map((i) => i.id)).not.toContain(r.id); // with 供电公司's queue, not 城管's
    expect((await api.call('GET', `/requests/${r.id}`, { token: dept })).body.request).toMatchObject({ reporterName: '张秀英' });
    expect((await act(r.id, 'department_staff', { action: 'accept' })).status).toBe(403); // not the lead department
    const reported = await act(r.id, 'department_staff', { action: 'report_in', department: 'cgj', note: '已派执法队员' });
    expect(reported.status).toBe(200);
    expect((await act(r.id, 'department_staff', { action: 'report_in', department: 'gdj', note: '替别人报到' })).status).toBe(403);

    const led = await file();
    await act(led.id, 'grid_worker', { action: 'escalate', reason: '需社区协调' });
    await act(led.id, 'community_admin', { action: 'escalate', reason: '需街道吹哨' });
    await act(led.id, 'street_admin', { action: 'dispatch', lead: 'cgj', note: '城管牵头' });
    const mine = RequestListResponse.parse((await api.call('GET', '/staff/requests', { token: dept })).body);
    expect(mine.items.map((i) => i.id)).toContain(led.id);
    expect((await act(led.id, 'department_staff', { action: 'accept' })).status).toBe(200);
    const done = await act(led.id, 'department_staff', { action: 'resolve', result: '城管执法队已清理' });
    expect(done.body.request).toMatchObject({ status: 'resolved', level: 'department' });
  });

  it('records a return visit after the rating', async () => {
    const r = await file();
    await act(r.id, 'grid_worker', { action: 'accept' });
    await act(r.id, 'grid_worker', { action: 'resolve', result: '已修复' });
    await api.call('POST', `/requests/${r.id}/rating`, { token: tokens.resident, body: { score: 4 } });
    const v = await act(r.id, 'community_admin', { action: 'revisit', method: 'phone', outcome: '电话回访，居民满意' });
    expect(v.status).toBe(200);
    expect(v.body.request.revisits).toHaveLength(1);
    expect(v.body.request.rating.score).toBe(4);
  });

  it('escalates overdue items once under fake time, and concurrent runs do not double it', async () => {
    const { getDeps } = await import('../../functions/src/composition');
    const { escalateOverdue } = await import('../../functions/src/requests/domain/escalation');
    const deps = getDeps();
    const r = await file('safe-gas'); // accept within 2 h at the grid
    const accepted = await file('env-garbage');
    await act(accepted.id, 'grid_worker', { action: 'accept' });

    const justBefore = new Date(Date.parse(r.acceptBy!) - 60_000);
    await escalateOverdue(deps, justBefore);
    expect((await deps.requests.get(r.id))!.level).toBe('grid');

    const after = new Date(Date.parse(r.acceptBy!) + 60_000);
    const [a, b] = await Promise.all([escalateOverdue(deps, after), escalateOverdue(deps, after)]);
    expect(a.escalated + b.escalated).toBeGreaterThanOrEqual(1);
    const item = (await deps.requests.getWithTimeline(r.id))!;
    expect(item.request).toMatchObject({ level: 'community', status: 'submitted' });
    expect(item.events.filter((e) => e.type === 'escalated')).toHaveLength(1);
    expect(item.events.at(-1)).toMatchObject({ actorRole: 'system', note: '超过网格受理时限，自动上报社区' });
    // The accepted item is not due yet (3 working days to resolve), so it stays.
    expect((await deps.requests.get(accepted.id))!.level).toBe('grid');

    await escalateOverdue(deps, new Date(after.getTime() + 60_000));
    expect((await deps.requests.getWithTimeline(r.id))!.events.filter((e) => e.type === 'escalated')).toHaveLength(1);
  });

  it('runs through the scheduled handler too', async () => {
    const { handler } = await import('../../functions/src/handlers/tick');
    const stats = await handler();
    expect(stats['requests.escalate']).toEqual(
      expect.objectContaining({ stats: expect.objectContaining({ examined: expect.any(Number), escalated: expect.any(Number) }) }),
    );
    expect(stats['platform.outbox']).toEqual(expect.objectContaining({ handled: expect.any(Number), more: false }));
  });
});

