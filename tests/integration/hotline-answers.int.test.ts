/** The 12345 platform's answers: to an extension request, and its own return visit (是否解决 / 是否满意). */
import { HotlineAnswerResponse, HotlineImportResponse, RequestResponse, type RequestDetail } from '@linli/shared';
import { wgs84ToGcj02 } from '../../functions/src/platform/domain/geo/datum';
import { startTestApi, type TestApi } from '../support/harness';

describe('answers from the 12345 platform', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.stop());

  const key = { 'x-api-key': 'demo-hotline-key' };
  const inGrid1 = wgs84ToGcj02({ lat: 29.605, lng: 103.474 });
  let n = 0;
  const importTicket = async (dueAt = new Date(Date.now() + 24 * 3600_000).toISOString()) => {
    const externalId = `ANS-${Date.now().toString(36)}-${++n}`;
    const res = await api.call('POST', '/hotline/tickets', {
      headers: key,
      body: { tickets: [{ externalId, text: '市民来电反映小区门口井盖松动', location: inGrid1, categoryHint: 'fix-road', dueAt }] },
    });
    return { externalId, requestId: HotlineImportResponse.parse(res.body).items[0]!.requestId!, dueAt };
  };
  const get = async (id: string): Promise<RequestDetail> =>
    RequestResponse.parse((await api.call('GET', `/requests/${id}`, { token: await api.tokenFor('community_admin') })).body).request;
  const act = async (id: string, body: Record<string, unknown>) =>
    api.call('POST', `/requests/${id}/actions`, { token: await api.tokenFor('grid_worker'), body: { version: (await get(id)).version, ...body } });
  const resolved = async () => {
    const t = await importTicket();
    await act(t.requestId, { action: 'accept' });
    await act(t.requestId, { action: 'resolve', result: '已加固井盖' });
    return t;
  };

  it('moves the deadline when the platform approves an extension, and records a denial', async () => {
    const { externalId, requestId, dueAt } = await importTicket();
    await act(requestId, { action: 'accept' });
    const wanted = new Date(Date.parse(dueAt) + 2 * 86400_000).toISOString();
    await act(requestId, { action: 'request_extension', reason: '需等待材料到货', dueAt: wanted });
    const res = await api.call('POST', `/hotline/tickets/${externalId}/extension`, { headers: key, body: { approved: true, dueAt: wanted, comment: '同意延期' } });
    expect(res.status).toBe(200);
    expect(HotlineAnswerResponse.parse(res.body)).toEqual({ requestId, status: 'accepted', hotlineDueAt: wanted });
    const r = await get(requestId);
    expect(r).toMatchObject({ resolveBy: wanted, dueAt: wanted, hotline: { dueAt: wanted, extension: { status: 'approved', comment: '同意延期' } } });
    expect(r.timeline.at(-1)).toMatchObject({ type: 'extension_answered', actorRole: 'system' });
    // The platform retries: the same answer is accepted again and changes nothing; another answer is refused.
    expect((await api.call('POST', `/hotline/tickets/${externalId}/extension`, { headers: key, body: { approved: true, dueAt: wanted } })).status).toBe(200);
    expect((await get(requestId)).timeline.filter((e) => e.type === 'extension_answered')).toHaveLength(1);
    expect((await api.call('POST', `/hotline/tickets/${externalId}/extension`, { headers: key, body: { approved: false } })).status).toBe(409);

    const other = await importTicket();
    await act(other.requestId, { action: 'request_extension', reason: '需等待材料到货', dueAt: wanted });
    const denied = await api.call('POST', `/hotline/tickets/${other.externalId}/extension`, { headers: key, body: { approved: false, comment: '请按期办结' } });
    expect(denied.body).toMatchObject({ hotlineDueAt: other.dueAt });
    expect((await get(other.requestId)).hotline!.extension).toMatchObject({ status: 'denied', comment: '请按期办结' });
  });

  it('refuses an answer nobody asked for, and checks the body field by field', async () => {
    const { externalId } = await importTicket();
    const res = await api.call('POST', `/hotline/tickets/${externalId}/extension`, { headers: key, body: { approved: false } });
    expect(res.status).toBe(409);
    const bad = await api.call('POST', `/hotline/tickets/${externalId}/extension`, { headers: key, body: { approved: true } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([{ field: 'dueAt', message: '同意延期时请给出新的热线时限' }]);
    const visit = await api.call('POST', `/hotline/tickets/${externalId}/visit`, { headers: key, body: { solved: 'yes', comment: '' } });
    expect(visit.status).toBe(400);
    expect(visit.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['comment', 'satisfied', 'solved']);
    expect((await api.call('POST', '/hotline/tickets/NOPE-1/visit', { headers: key, body: { solved: true, satisfied: true, comment: '好' } })).status).toBe(404);
    expect((await api.call('POST', `/hotline/tickets/${externalId}/visit`, { headers: key, body: { solved: true, satisfied: true, comment: '好' } })).status).toBe(409);
  });

  it('records a satisfied return visit as a revisit by the hotline and closes the item', async () => {
    const { externalId, requestId } = await resolved();
    const res = await api.call('POST', `/hotline/tickets/${externalId}/visit`, { headers: key, body: { solved: true, satisfied: true, comment: '市民表示井盖已修好' } });
    expect(res.body).toMatchObject({ status: 'closed' });
    const r = await get(requestId);
    expect(r.revisits).toEqual([expect.objectContaining({ method: 'hotline', solved: true, satisfied: true, outcome: '市民表示井盖已修好' })]);
    expect(r.timeline.at(-1)).toMatchObject({ type: 'revisited', note: '12345回访：已解决，满意。市民表示井盖已修好' });
  });

  it('reopens the item when the citizen is not satisfied, with the new deadline the platform gives', async () => {
    const { externalId, requestId } = await resolved();
    const newDue = new Date(Date.now() + 72 * 3600_000).toISOString();
    const body = { solved: false, satisfied: false, comment: '井盖仍然松动', dueAt: newDue };
    const res = await api.call('POST', `/hotline/tickets/${externalId}/visit`, { headers: key, body });
    expect(res.body).toMatchObject({ status: 'submitted', hotlineDueAt: newDue });
    const r = await get(requestId);
    expect(r).toMatchObject({ level: 'grid', status: 'submitted', reopenCount: 1, resolveBy: newDue });
    expect(r.revisits.at(-1)).toMatchObject({ method: 'hotline', solved: false, satisfied: false });
    expect(r.timeline.slice(-2).map((e) => e.type)).toEqual(['revisited', 'reopened']);
    // A retried visit is recorded once.
    await api.call('POST', `/hotline/tickets/${externalId}/visit`, { headers: key, body });
    expect((await get(requestId)).revisits).toHaveLength(1);
  });

  it('lets only the ticket street answer for it', async () => {
    const { externalId } = await resolved();
    const foguang = await api.tokenFor('community_admin'); // 名山社区's admin: the ticket is in his community
    expect((await api.call('POST', `/hotline/tickets/${externalId}/visit`, { token: foguang, body: { solved: true, satisfied: true, comment: '社区代录回访' } })).status).toBe(200);
    expect((await api.call('POST', `/hotline/tickets/${externalId}/visit`, { token: await api.tokenFor('grid_worker'), body: { solved: true, satisfied: true, comment: 'x' } })).status).toBe(403);
  });
});
