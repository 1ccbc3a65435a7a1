import { CategoriesResponse, RequestListResponse, RequestResponse } from '@linli/shared';
import { idemKey, inGrid1, outsideGrids, submitRequest } from '../support/builders';
import { startTestApi, type TestApi } from '../support/harness';


describe('requests (接诉即办) against DynamoDB Local', () => {
  let api: TestApi;
  let resident: string;
  let gridWorker: string;
  const submit = (body: Record<string, unknown>, key = idemKey(), token = resident) => submitRequest(api, token, body, key);

  beforeAll(async () => {
    api = await startTestApi();
    resident = await api.tokenFor('resident');
    gridWorker = await api.tokenFor('grid_worker');
  });
  afterAll(() => api.stop());

  it('lists the admitted categories of the community, grouped, with deadlines', async () => {
    const res = await api.call('GET', '/request-categories', { token: resident });
    expect(res.status).toBe(200);
    const body = CategoriesResponse.parse(res.body);
    expect(body.communityId).toBe('cm-mingshan');
    expect(body.groups.length).toBeGreaterThanOrEqual(8);
    expect(body.groups.flatMap((g) => g.categories).length).toBeGreaterThanOrEqual(30);
    const gas = body.groups.flatMap((g) => g.categories).find((c) => c.id === 'safe-gas')!;
    expect(gas.deadlines.grid.accept).toEqual({ hours: 2 });
  });

  it('runs the whole loop: file → grid queue → accept → note → resolve → rate → closed, all on the timeline', async () => {
    const filed = await submit({ categoryId: 'fix-streetlight', description: '3 栋门口路灯不亮，晚上很黑', location: inGrid1, address: '名山小区3栋' });
    expect(filed.status).toBe(201);
    let r = RequestResponse.parse(filed.body).request;
    expect(r).toMatchObject({ status: 'submitted', level: 'grid', gridId: 'gd-ms-1', reporterName: '张秀英' });

    const queue = RequestListResponse.parse((await api.call('GET', '/staff/requests', { token: gridWorker })).body);
    expect(queue.items.map((i) => i.id)).toContain(r.id);

    const act = async (body: Record<string, unknown>) => {
      const res = await api.call('POST', `/requests/${r.id}/actions`, { token: gridWorker, body: { ...body, version: r.version } });
      expect(res.status).toBe(200);
      r = RequestResponse.parse(res.body).request;
    };
    await act({ action: 'accept' });
    expect(r).toMatchObject({ status: 'accepted', assigneeId: 'u-demo-grid-worker' });
    await act({ action: 'note', note: '已联系电工，明天上午维修' });
    await act({ action: 'resolve', result: '已更换灯头，恢复照明' });
    expect(r.status).toBe('resolved');

    const rated = await api.call('POST', `/requests/${r.id}/rating`, { token: resident, body: { score: 5, comment: '修得很快' } });
    expect(rated.status).toBe(200);
    const final = RequestResponse.parse((await api.call('GET', `/requests/${r.id}`, { token: resident })).body).request;
    expect(final).toMatchObject({ status: 'closed', rating: { score: 5, comment: '修得很快' } });
    expect(final.timeline.map((e) => e.type)).toEqual(['submitted', 'accepted', 'note', 'resolved', 'rated']);
    expect(final.timeline[1]).toMatchObject({ actorName: '刘洋', actorRole: 'grid_worker', level: 'grid' });

    const mine = RequestListResponse.parse((await api.call('GET', '/requests/mine', { token: resident })).body);
    expect(mine.items[0]).toMatchObject({ id: r.id, status: 'closed' });
    const after = RequestListResponse.parse((await api.call('GET', '/staff/requests', { token: gridWorker })).body);
    expect(after.items.map((i) => i.id)).not.toContain(r.id);
  });

  it('routes a point outside every grid to the community queue', async () => {
    const res = await submit({ categoryId: 'city-stall', description: '路口有人占道摆摊卖水果', location: outsideGrids });
    const r = RequestResponse.parse(res.body).request;
    expect(r).toMatchObject({ level: 'community', gridId: null });
    const queue = RequestListResponse.parse((await api.call('GET', '/staff/requests', { token: await api.tokenFor('community_admin') })).body);
    expect(queue.items.map((i) => i.id)).toContain(r.id);
  });

  it('creates exactly one request for 20 concurrent retries of one submit', async () => {
    const key = idemKey();
    const body = { categoryId: 'env-garbage', description: '垃圾桶满了两天没人清运', location: inGrid1 };
    const results = await Promise.all(Array.from({ length: 20 }, () => submit(body, key)));
    expect(results.every((r) => r.status === 201 || r.status === 200)).toBe(true);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(new Set(results.map((r) => r.body.request.id)).size).toBe(1);
    const mine = RequestListResponse.parse((await api.call('GET', '/requests/mine?limit=50', { token: resident })).body);
    expect(mine.items.filter((i) => i.description === body.description)).toHaveLength(1);
  });

  it('refuses an idempotency key reused for a different body, and a missing key', async () => {
    const key = idemKey();
    expect((await submit({ categoryId: 'env-garbage', description: '第一条内容是这样的', location: inGrid1 }, key)).status).toBe(201);
    const reused = await submit({ categoryId: 'env-garbage', description: '第二条内容不一样了', location: inGrid1 }, key);
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('idempotency_key_reused');
    const missing = await api.call('POST', '/requests', { token: resident, body: { categoryId: 'env-garbage', description: '没有幂等键的提交', location: inGrid1 } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields[0].field).toBe('Idempotency-Key');
  });

  it('lets exactly one of two staff accepting at once win', async () => {
    const r = RequestResponse.parse((await submit({ categoryId: 'fix-road', description: '人行道地砖松动绊脚', location: inGrid1 })).body).request;
    const results = await Promise.all(
      [1, 2].map(() => api.call('POST', `/requests/${r.id}/actions`, { token: gridWorker, body: { action: 'accept', version: r.version } })),
    );
    expect(results.map((x) => x.status).sort()).toEqual([200, 409]);
  });

  it('escalates to the community with a reason on the timeline', async () => {
    let r = RequestResponse.parse((await submit({ categoryId: 'dispute-noise', description: '楼下商铺夜间噪音很大', location: inGrid1 })).body).request;
    const res = await api.call('POST', `/requests/${r.id}/actions`, { token: gridWorker, body: { action: 'escalate', version: r.version, reason: '涉及商户经营，需社区协调' } });
    r = RequestResponse.parse(res.body).request;
    expect(r).toMatchObject({ level: 'community', status: 'submitted' });
    expect(r.timeline.at(-1)).toMatchObject({ type: 'escalated', note: '涉及商户经营，需社区协调' });
    const gw = await api.call('POST', `/requests/${r.id}/actions`, { token: gridWorker, body: { action: 'accept', version: r.version } });
    expect(gw.status).toBe(403);
  });

  it('reopens on an unsatisfied rating, and lets the reporter withdraw before acceptance only', async () => {
    let r = RequestResponse.parse((await submit({ categoryId: 'env-sewage', description: '下水道反味，污水外溢', location: inGrid1 })).body).request;
    for (const body of [{ action: 'accept' }, { action: 'resolve', result: '已疏通' }]) {
      r = RequestResponse.parse((await api.call('POST', `/requests/${r.id}/actions`, { token: gridWorker, body: { ...body, version: r.version } })).body).request;
    }
    r = RequestResponse.parse((await api.call('POST', `/requests/${r.id}/rating`, { token: resident, body: { score: 1, comment: '还是有味道' } })).body).request;
    expect(r).toMatchObject({ status: 'submitted', level: 'grid', reopenCount: 1 });
    expect((await api.call('POST', `/requests/${r.id}/rating`, { token: resident, body: { score: 5 } })).status).toBe(409);

    const w = RequestResponse.parse((await submit({ categoryId: 'ask-social', description: '想咨询医保异地备案', location: inGrid1 })).body).request;
    const withdrawn = await api.call('POST', `/requests/${w.id}/updates`, { token: resident, body: { action: 'withdraw', reason: '已自行办理' } });
    expect(withdrawn.body.request.status).toBe('withdrawn');
    expect((await api.call('POST', `/requests/${w.id}/updates`, { token: resident, body: { action: 'add_info', note: '再补充一点' } })).status).toBe(409);
  });

  it('hides an anonymous reporter from the grid worker and masks the phone for all but the assignee', async () => {
    let r = RequestResponse.parse((await submit({ categoryId: 'dispute-neighbor', description: '邻居长期占用楼道堆放杂物', location: inGrid1, anonymous: true })).body).request;
    const seenByGrid = RequestResponse.parse((await api.call('GET', `/requests/${r.id}`, { token: gridWorker })).body).request;
    expect(seenByGrid.reporterName).toBeNull();
    expect(seenByGrid.timeline[0]!.actorName).toBeNull();
    expect(seenByGrid.reporterPhone).toBe('138****1234');
    expect(r.reporterPhone).toBe('138****1234'); // the reporter's own view is masked too
    const admin = await api.tokenFor('community_admin');
    const seenByCommunity = RequestResponse.parse((await api.call('GET', `/requests/${r.id}`, { token: admin })).body).request;
    expect(seenByCommunity.reporterName).toBe('张秀英');
    r = RequestResponse.parse((await api.call('POST', `/requests/${r.id}/actions`, { token: gridWorker, body: { action: 'accept', version: r.version } })).body).request;
    expect(r.reporterPhone).toBe('13808131234');
    const afterAccept = RequestResponse.parse((await api.call('GET', `/requests/${r.id}`, { token: admin })).body).request;
    expect(afterAccept.reporterPhone).toBe('138****1234');
  });

  it("keeps other people's requests private", async () => {
    const r = RequestResponse.parse((await submit({ categoryId: 'prop-parking', description: '小区车位被外来车辆占用', location: inGrid1 })).body).request;
    expect((await api.call('GET', `/requests/${r.id}`, { token: await api.tokenFor('rider') })).status).toBe(403);
    expect((await api.call('GET', '/requests/NOPE-404', { token: resident })).status).toBe(404);
    expect((await api.call('GET', '/requests/mine?cursor=garbage', { token: resident })).status).toBe(400);
  });

  it('pages my requests newest first with a cursor', async () => {
    const page1 = RequestListResponse.parse((await api.call('GET', '/requests/mine?limit=3', { token: resident })).body);
    expect(page1.items).toHaveLength(3);
    expect(page1.nextCursor).not.toBeNull();
    const page2 = RequestListResponse.parse((await api.call('GET', `/requests/mine?limit=3&cursor=${page1.nextCursor}`, { token: resident })).body);
    const all = [...page1.items, ...page2.items];
    expect(new Set(all.map((i) => i.id)).size).toBe(all.length);
    const times = all.map((i) => i.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('orders the grid queue by nearest deadline: urgent items first', async () => {
    await submit({ categoryId: 'safe-wire', description: '楼道里有人私拉电线给电动车充电', location: inGrid1 });
    const queue = RequestListResponse.parse((await api.call('GET', '/staff/requests', { token: gridWorker })).body);
    const due = queue.items.map((i) => i.dueAt!);
    expect([...due].sort()).toEqual(due);
    expect(queue.items[0]!.categoryId).toBe('safe-wire');
  });

  it('lets a building leader file for a neighbour without a smartphone; the neighbour is the reporter on record', async () => {
    const leader = await api.tokenFor('building_leader');
    const body = { categoryId: 'fix-streetlight', description: '楼道灯坏了，李奶奶晚上不敢下楼', location: inGrid1, forNeighbour: { name: '李桂英', phone: '0833-5512345', building: '名山小区3栋1单元', room: '102' } };
    const res = await submit(body, idemKey(), leader);
    expect(res.status).toBe(201);
    const r = RequestResponse.parse(res.body).request;
    expect(r).toMatchObject({ reporterName: '李桂英', address: '名山小区3栋1单元102', following: true });
    expect(r.timeline[0]).toMatchObject({ type: 'submitted', actorName: '黄淑珍', actorRole: 'building_leader', note: '由楼长黄淑珍代邻居反映' });
    const staff = RequestResponse.parse((await api.call('GET', `/requests/${r.id}`, { token: gridWorker })).body).request;
    expect(staff).toMatchObject({ reporterName: '李桂英', reporterPhone: '083****2345', source: 'resident' });
    expect((await submit(body, idemKey(), resident)).status).toBe(403);
    const bad = await submit({ ...body, forNeighbour: { name: '李', address: '' } }, idemKey(), leader);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['forNeighbour.building', 'forNeighbour.name', 'forNeighbour.phone', 'forNeighbour.room']);
  });
});
