/**
 * The 12345 round trip against the platform stand-in: a ticket keeps the platform's deadline, and
 * its reply, refusal and extension request go back once, even when the outbox is drained twice at once.
 */
import { HotlineImportResponse, RequestResponse, type RequestDetail } from '@linli/shared';
import { wgs84ToGcj02 } from '../../functions/src/platform/domain/geo/datum';
import { startTestApi, type TestApi } from '../support/harness';

describe('the 12345 round trip', () => {
  let api: TestApi;
  let deps: ReturnType<typeof import('../../functions/src/composition').getDeps>;
  beforeAll(async () => {
    api = await startTestApi();
    deps = (await import('../../functions/src/composition')).getDeps();
  });
  afterAll(() => api.stop());

  const inGrid1 = wgs84ToGcj02({ lat: 29.605, lng: 103.474 }); // 名山社区第一网格, the demo grid worker's
  let n = 0;
  const importTicket = async (over: Record<string, unknown> = {}): Promise<{ externalId: string; requestId: string }> => {
    const externalId = `RT-${Date.now().toString(36)}-${++n}`;
    const res = await api.call('POST', '/hotline/tickets', {
      headers: { 'x-api-key': 'demo-hotline-key' },
      body: { tickets: [{ externalId, text: '市民来电反映楼道路灯不亮', location: inGrid1, categoryHint: 'fix-streetlight', ...over }] },
    });
    const out = HotlineImportResponse.parse(res.body);
    expect(out.created).toBe(1);
    return { externalId, requestId: out.items[0]!.requestId! };
  };
  const get = async (id: string): Promise<RequestDetail> =>
    RequestResponse.parse((await api.call('GET', `/requests/${id}`, { token: await api.tokenFor('grid_worker') })).body).request;
  const act = async (id: string, body: Record<string, unknown>) => {
    const version = (await get(id)).version;
    return api.call('POST', `/requests/${id}/actions`, { token: await api.tokenFor('grid_worker'), body: { version, ...body } });
  };

  it('keeps the platform deadline as the resolve deadline (热线时限)', async () => {
    const dueAt = new Date(Date.now() + 26 * 3600_000).toISOString();
    const { requestId } = await importTicket({ dueAt: dueAt.replace('Z', '+00:00') });
    const r = await get(requestId);
    expect(r.hotline).toMatchObject({ source: '12345', dueAt, extension: null });
    expect(r.resolveBy).toBe(dueAt);
    expect(Date.parse(r.acceptBy!)).toBeLessThanOrEqual(Date.parse(dueAt));
    await act(requestId, { action: 'accept' });
    expect((await get(requestId)).dueAt).toBe(dueAt);
  });

  it('import → accept → resolve: the reply reaches the platform once, even when the outbox is drained twice at once', async () => {
    const { externalId, requestId } = await importTicket({ dueAt: new Date(Date.now() + 48 * 3600_000).toISOString() });
    expect((await act(requestId, { action: 'accept' })).status).toBe(200);
    api.stack.hotline.failSends(true); // the platform is down when staff resolve
    expect((await act(requestId, { action: 'resolve', result: '已更换楼道灯泡，经回访正常' })).status).toBe(200);
    expect(api.stack.hotline.forTicket(externalId)).toHaveLength(0);
    const pending = await get(requestId);
    expect(pending.timeline.map((e) => e.type)).toEqual(expect.arrayContaining(['resolved', 'hotline_queued']));
    expect(pending.timeline.some((e) => e.type === 'hotline_sent')).toBe(false);

    api.stack.hotline.failSends(false);
    const later = new Date(Date.now() + 2 * 60_000); // past the first backoff (1 minute)
    const [a, b] = await Promise.all([deps.outbox.drain(later, 50), deps.outbox.drain(later, 50)]);
    expect(a.sent + b.sent).toBeGreaterThanOrEqual(1);
    const got = api.stack.hotline.forTicket(externalId);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ kind: 'reply', text: '已更换楼道灯泡，经回访正常', unit: '网格', duplicate: false });
    // Draining again later sends nothing more.
    await deps.outbox.drain(new Date(Date.now() + 3 * 3600_000), 50);
    expect(api.stack.hotline.forTicket(externalId)).toHaveLength(1);
    const sent = (await get(requestId)).timeline.filter((e) => e.type === 'hotline_sent');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.note).toContain('办结回复已发送至12345热线平台');
  });

  it('returns a ticket to the hotline (退回热线): it ends here and the platform gets the refusal', async () => {
    const { externalId, requestId } = await importTicket();
    const res = await act(requestId, { action: 'return_to_hotline', reason: '该地址不属于本街道辖区' });
    expect(res.status).toBe(200);
    expect(res.body.request).toMatchObject({ status: 'returned', dueAt: null });
    expect(api.stack.hotline.forTicket(externalId)).toEqual([expect.objectContaining({ kind: 'refusal', text: '该地址不属于本街道辖区' })]);
    expect((await get(requestId)).timeline.map((e) => e.type)).toEqual(expect.arrayContaining(['returned', 'hotline_queued', 'hotline_sent']));
    expect((await act(requestId, { action: 'accept' })).status).toBe(409);
  });

  it('refuses to return or extend an item that did not come from the hotline', async () => {
    const resident = await api.tokenFor('resident');
    const filed = await api.call('POST', '/requests', {
      token: resident,
      headers: { 'idempotency-key': `rt-own-${Date.now()}` },
      body: { categoryId: 'fix-streetlight', description: '楼下路灯坏了好几天', location: inGrid1 },
    });
    expect(filed.status).toBe(201);
    const res = await act(filed.body.request.id, { action: 'return_to_hotline', reason: '不是热线工单' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('not_hotline');
  });

  it('asks for more time (延期申请): the platform gets the reason and the deadline asked for; one request at a time', async () => {
    const dueAt = new Date(Date.now() + 24 * 3600_000).toISOString();
    const { externalId, requestId } = await importTicket({ dueAt });
    await act(requestId, { action: 'accept' });
    const early = await act(requestId, { action: 'request_extension', reason: '需协调物业更换线路', dueAt: new Date(Date.now() + 3600_000).toISOString() });
    expect(early.status).toBe(400);
    expect(early.body.error.fields).toEqual([{ field: 'dueAt', message: '请选择晚于现有热线时限的时间' }]);
    const wanted = new Date(Date.parse(dueAt) + 3 * 86400_000).toISOString();
    const res = await act(requestId, { action: 'request_extension', reason: '需协调物业更换线路', dueAt: wanted });
    expect(res.status).toBe(200);
    expect(res.body.request.hotline.extension).toMatchObject({ status: 'pending', requestedDueAt: wanted });
    expect(api.stack.hotline.forTicket(externalId)).toEqual([expect.objectContaining({ kind: 'extension', requestedDueAt: wanted, text: '需协调物业更换线路' })]);
    expect((await act(requestId, { action: 'request_extension', reason: '再次申请延期', dueAt: wanted })).status).toBe(409);
  });

  it('escalates once when the platform deadline passes, not up the whole chain', async () => {
    const { escalateOverdue } = await import('../../functions/src/requests/domain/escalation');
    const dueAt = new Date(Date.now() + 3600_000).toISOString();
    const { requestId } = await importTicket({ dueAt });
    await act(requestId, { action: 'accept' });
    const after = new Date(Date.parse(dueAt) + 60_000);
    await escalateOverdue(deps, after);
    await escalateOverdue(deps, new Date(after.getTime() + 60_000));
    await escalateOverdue(deps, new Date(after.getTime() + 3600_000));
    const item = (await deps.requests.getWithTimeline(requestId))!;
    expect(item.request).toMatchObject({ level: 'community', resolveBy: dueAt });
    expect(item.events.filter((e) => e.type === 'escalated')).toEqual([expect.objectContaining({ note: '超过12345热线时限，自动上报社区' })]);
  });

  it('says on the timeline when a message could not be sent after the last retry', async () => {
    const { externalId, requestId } = await importTicket();
    await act(requestId, { action: 'accept' });
    api.stack.hotline.failSends(true);
    try {
      await act(requestId, { action: 'resolve', result: '已处理完毕' });
      for (let i = 1; i <= 12; i++) await deps.outbox.drain(new Date(Date.now() + i * 61 * 60_000), 50);
    } finally {
      api.stack.hotline.failSends(false);
    }
    expect(api.stack.hotline.forTicket(externalId)).toHaveLength(0);
    const failed = (await get(requestId)).timeline.filter((e) => e.type === 'hotline_failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.note).toContain('重试 10 次仍未成功');
  });
});
