/** Duplicate hints, "me too" and merging, on DynamoDB Local. */
import { RequestListResponse, RequestResponse } from '@linli/shared';
import { wgs84ToGcj02 } from '../../functions/src/platform/domain/geo/datum';
import { inGrid1, submitRequest } from '../support/builders';
import { startTestApi, type TestApi } from '../support/harness';

describe('duplicates: nearby hints, "me too" and merging', () => {
  let api: TestApi;
  let resident: string;
  let rider: string;
  let gridWorker: string;
  const submit = (token: string, body: Record<string, unknown>) => submitRequest(api, token, body);
  beforeAll(async () => {
    api = await startTestApi();
    resident = await api.tokenFor('resident');
    rider = await api.tokenFor('rider');
    gridWorker = await api.tokenFor('grid_worker');
  });
  afterAll(() => api.stop());

  it('shows open requests of the same category within about 100 m, nearest first', async () => {
    const r = RequestResponse.parse((await submit(resident, { categoryId: 'fix-manhole', description: '路口井盖缺失很危险', location: inGrid1 })).body).request;
    await submit(resident, { categoryId: 'fix-road', description: '同一地点但不同类别', location: inGrid1 });
    const near = wgs84ToGcj02({ lat: 29.6055, lng: 103.474 }); // ~55 m north
    const far = wgs84ToGcj02({ lat: 29.607, lng: 103.474 }); // ~220 m north
    const hits = await api.call('GET', `/requests/nearby?lat=${near.lat}&lng=${near.lng}&categoryId=fix-manhole`, { token: rider });
    expect(hits.status).toBe(200);
    expect(hits.body.items.map((i: { id: string }) => i.id)).toEqual([r.id]);
    expect(hits.body.items[0].distanceMeters).toBeGreaterThan(30);
    expect(hits.body.items[0].distanceMeters).toBeLessThan(80);
    const none = await api.call('GET', `/requests/nearby?lat=${far.lat}&lng=${far.lng}&categoryId=fix-manhole`, { token: rider });
    expect(none.body.items).toEqual([]);
  });

  it('lets another resident say "me too": he follows it, sees it in his list, and counts once', async () => {
    const r = RequestResponse.parse((await submit(resident, { categoryId: 'env-sorting', description: '垃圾分类桶被占用', location: inGrid1 })).body).request;
    const followed = await Promise.all([1, 2, 3].map(() => api.call('POST', `/requests/${r.id}/follow`, { token: rider })));
    expect(followed.every((f) => f.status === 200)).toBe(true);
    const detail = RequestResponse.parse((await api.call('GET', `/requests/${r.id}`, { token: rider })).body).request;
    expect(detail).toMatchObject({ followers: 2, following: true });
    // A follower never sees who filed it: no name, no phone, none on the timeline.
    expect(detail).toMatchObject({ reporterName: null, reporterPhone: null });
    expect(detail.timeline.filter((e) => e.actorRole === 'resident').map((e) => e.actorName)).toEqual([null]);
    const staffView = RequestResponse.parse((await api.call('GET', `/requests/${r.id}`, { token: gridWorker })).body).request;
    expect(staffView).toMatchObject({ reporterName: '张秀英', reporterPhone: '138****1234' });
    const mine = RequestListResponse.parse((await api.call('GET', '/requests/mine', { token: rider })).body);
    expect(mine.items.map((i) => i.id)).toContain(r.id);
  });

  it('merges a duplicate into the surviving item: its reporters follow the survivor', async () => {
    const survivor = RequestResponse.parse((await submit(resident, { categoryId: 'env-garbage', description: '3栋垃圾桶满了没人清', location: inGrid1 })).body).request;
    const duplicate = RequestResponse.parse((await submit(rider, { categoryId: 'env-garbage', description: '垃圾堆在路边好几天', location: inGrid1 })).body).request;
    const res = await api.call('POST', `/requests/${duplicate.id}/actions`, { token: gridWorker, body: { action: 'merge', version: duplicate.version, into: survivor.id } });
    expect(res.status).toBe(200);
    expect(res.body.request).toMatchObject({ status: 'merged', mergedInto: survivor.id });
    const s = RequestResponse.parse((await api.call('GET', `/requests/${survivor.id}`, { token: rider })).body).request;
    expect(s).toMatchObject({ followers: 2, following: true });
    expect(s.timeline.at(-1)).toMatchObject({ type: 'merged' });
    const queue = RequestListResponse.parse((await api.call('GET', '/staff/requests?limit=50', { token: gridWorker })).body);
    expect(queue.items.map((i) => i.id)).not.toContain(duplicate.id);
    const self = await api.call('POST', `/requests/${survivor.id}/actions`, { token: gridWorker, body: { action: 'merge', version: s.version, into: survivor.id } });
    expect(self.status).toBe(400);
  });
});
