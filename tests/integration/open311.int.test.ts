/** Open311 GeoReport v2: standard endpoints mapped onto the same loop. */
import { Open311Errors, Open311PostResponse, Open311RequestList, Open311ServiceList, RequestListResponse } from '@linli/shared';
import { startTestApi, type TestApi } from '../support/harness';

const KEY = 'demo-open311-key';
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describe('Open311 GeoReport v2', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.stop());
  const post = (fields: Record<string, string>) =>
    api.call('POST', '/open311/v2/requests.json', { rawBody: form(fields), headers: { 'content-type': 'application/x-www-form-urlencoded' } });

  it('lists services (our admitted items) with the spec fields, by key or by jurisdiction_id', async () => {
    const res = await api.call('GET', `/open311/v2/services.json?api_key=${KEY}`);
    expect(res.status).toBe(200);
    const services = Open311ServiceList.parse(res.body);
    expect(services.length).toBeGreaterThanOrEqual(30);
    expect(services.find((s) => s.service_code === 'fix-streetlight')).toMatchObject({ service_name: '路灯损坏', metadata: false, type: 'realtime', group: '设施维修' });
    const pub = await api.call('GET', '/open311/v2/services.json?jurisdiction_id=st-suishan');
    expect(pub.body).toEqual(res.body);
    const def = await api.call('GET', '/open311/v2/services/fix-streetlight.json?jurisdiction_id=st-suishan');
    expect(def.body).toEqual({ service_code: 'fix-streetlight', attributes: [] });
    const missing = await api.call('GET', '/open311/v2/services/nope.json?jurisdiction_id=st-suishan');
    expect(missing.status).toBe(404);
    expect(Open311Errors.parse(missing.body)[0]!.code).toBe(404);
  });

  it('creates a request from a form post that enters the grid queue, then reads it back', async () => {
    const res = await post({ api_key: KEY, service_code: 'fix-streetlight', lat: '29.605', long: '103.474', address_string: '名山路12号', description: '路灯不亮', first_name: '伟', last_name: '王' });
    expect(res.status).toBe(201);
    const [created] = Open311PostResponse.parse(res.body);
    const queue = RequestListResponse.parse((await api.call('GET', '/staff/requests?limit=50', { token: await api.tokenFor('grid_worker') })).body);
    expect(queue.items.find((i) => i.id === created!.service_request_id)).toMatchObject({ source: 'open311', level: 'grid', gridId: 'gd-ms-1' });

    const one = await api.call('GET', `/open311/v2/requests/${created!.service_request_id}.json?api_key=${KEY}`);
    const [item] = Open311RequestList.parse(one.body);
    expect(item).toMatchObject({ service_request_id: created!.service_request_id, status: 'open', service_code: 'fix-streetlight', address: '名山路12号', lat: 29.605, long: 103.474 });

    const list = Open311RequestList.parse((await api.call('GET', `/open311/v2/requests.json?api_key=${KEY}&status=open&service_code=fix-streetlight`)).body);
    expect(list.map((r) => r.service_request_id)).toContain(created!.service_request_id);
    const closed = Open311RequestList.parse((await api.call('GET', `/open311/v2/requests.json?api_key=${KEY}&status=closed`)).body);
    expect(closed.map((r) => r.service_request_id)).not.toContain(created!.service_request_id);
    const byIds = Open311RequestList.parse((await api.call('GET', `/open311/v2/requests.json?api_key=${KEY}&service_request_id=${created!.service_request_id},NOPE`)).body);
    expect(byIds).toHaveLength(1);
    const past = Open311RequestList.parse((await api.call('GET', `/open311/v2/requests.json?api_key=${KEY}&start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00Z`)).body);
    expect(past).toEqual([]);
  });

  it('takes the key of a POST from the query as well as from the form', async () => {
    const res = await api.call('POST', `/open311/v2/requests.json?api_key=${KEY}`, {
      rawBody: form({ service_code: 'fix-road', lat: '29.605', long: '103.474', description: '路面坑洼（key 在查询参数里）' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(201);
  });

  it('answers without a key as /openapi.json says: public reads by jurisdiction_id, 403 otherwise', async () => {
    expect((await api.call('GET', '/open311/v2/services.json')).status).toBe(403);
    expect((await api.call('GET', '/open311/v2/services.json?jurisdiction_id=st-nope')).status).toBe(404);
    expect((await api.call('GET', '/open311/v2/services/fix-road.json')).status).toBe(403);
    expect((await api.call('GET', '/open311/v2/services.json?api_key=wrong&jurisdiction_id=st-suishan')).status).toBe(403);
    expect((await api.call('GET', '/open311/v2/requests/NOPE.json')).status).toBe(403);
    expect((await api.call('GET', `/open311/v2/requests.json?api_key=${KEY}&start_date=yesterday`)).status).toBe(400);
  });

  it('answers errors as a list of {code, description} with 400, 403 and 404', async () => {
    const noKey = await post({ service_code: 'fix-road', lat: '29.605', long: '103.474', description: 'x' });
    expect(noKey.status).toBe(403);
    expect(Open311Errors.parse(noKey.body)[0]).toMatchObject({ code: 403 });
    const wrongScope = await post({ api_key: 'demo-hotline-key', service_code: 'fix-road', lat: '29.605', long: '103.474', description: 'x' });
    expect(wrongScope.status).toBe(403);
    const noLocation = await post({ api_key: KEY, service_code: 'fix-road', description: '没有位置' });
    expect(noLocation.status).toBe(400);
    const outside = await post({ api_key: KEY, service_code: 'fix-road', lat: '39.9', long: '116.4', description: '北京' });
    expect(outside.status).toBe(400);
    const badCode = await post({ api_key: KEY, service_code: 'nope', lat: '29.605', long: '103.474', description: '未知服务' });
    expect(badCode.status).toBe(400);
    expect((await api.call('GET', `/open311/v2/requests/NOPE.json?api_key=${KEY}`)).status).toBe(404);
    expect((await api.call('GET', '/open311/v2/requests.json')).status).toBe(403);
    expect((await api.call('GET', `/open311/v2/requests.json?api_key=${KEY}&status=maybe`)).status).toBe(400);
  });
});
