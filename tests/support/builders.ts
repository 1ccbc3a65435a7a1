/**
 * Test data every job's tests share: where the demo data puts things, idempotency keys, and
 * requests filed and moved through the real API. Built on the demo data (infra/local/demo-data.ts).
 */
import { RequestResponse, type RequestDetail, type Role } from '@linli/shared';
import { wgs84ToGcj02 } from '../../functions/src/platform/domain/geo/datum';
import type { TestApi } from './harness';

/** A point inside 名山社区第一网格 (gd-ms-1), as the phone reports it (GCJ-02). */
export const inGrid1 = wgs84ToGcj02({ lat: 29.605, lng: 103.474 });
/** A point inside 名山社区第二网格 (gd-ms-2). */
export const inGrid2 = wgs84ToGcj02({ lat: 29.605, lng: 103.482 });
/** Inside 名山社区's area but outside every grid boundary. */
export const outsideGrids = wgs84ToGcj02({ lat: 29.62, lng: 103.474 });

let seq = 0;
/** A fresh Idempotency-Key (unique within and across test files). */
export const idemKey = (prefix = 'test'): string => `${prefix}-${Date.now()}-${seq++}-${Math.random().toString(36).slice(2, 8)}`;

/** A request body: a pothole in grid 1 unless told otherwise. */
export const requestBody = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  categoryId: 'fix-road',
  description: `测试事项：路面坑洼 ${seq}`,
  location: inGrid1,
  ...over,
});

/** POST /requests with a fresh key (or the given one); the raw response. */
export const submitRequest = (api: TestApi, token: string, body: Record<string, unknown>, key = idemKey('req')) =>
  api.call('POST', '/requests', { token, body, headers: { 'idempotency-key': key } });

/** Files a request as a demo user (the resident by default) and returns it; fails the test unless 201. */
export async function fileRequest(api: TestApi, over: Record<string, unknown> = {}, as: Role = 'resident'): Promise<RequestDetail> {
  const res = await submitRequest(api, await api.tokenFor(as), requestBody(over));
  if (res.status !== 201) throw new Error(`filing failed: ${res.status} ${JSON.stringify(res.body)}`);
  return RequestResponse.parse(res.body).request;
}

/** A staff action by a demo user on the item's current version (read first); the raw response. */
export async function staffAct(api: TestApi, id: string, as: Role, body: Record<string, unknown>) {
  const token = await api.tokenFor(as);
  const current = RequestResponse.parse((await api.call('GET', `/requests/${id}`, { token })).body).request;
  return api.call('POST', `/requests/${id}/actions`, { token, body: { ...body, version: current.version } });
}

/** A request of the demo resident in grid 1, accepted and resolved by the grid worker (waiting for the rating). */
export async function resolvedRequest(api: TestApi, over: Record<string, unknown> = {}): Promise<RequestDetail> {
  const r = await fileRequest(api, over);
  await staffAct(api, r.id, 'grid_worker', { action: 'accept' });
  const res = await staffAct(api, r.id, 'grid_worker', { action: 'resolve', result: '已处理完毕' });
  if (res.status !== 200) throw new Error(`resolving failed: ${res.status} ${JSON.stringify(res.body)}`);
  return RequestResponse.parse(res.body).request;
}
