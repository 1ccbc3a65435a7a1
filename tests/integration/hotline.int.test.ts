/** 网格+热线: 12345 hotline tickets enter the same queues; importing twice creates one request each. */
import { HotlineImportResponse, RequestListResponse, RequestResponse } from '@linli/shared';
import { wgs84ToGcj02 } from '../../functions/src/platform/domain/geo/datum';
import { startTestApi, type TestApi } from '../support/harness';

describe('hotline import', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.stop());

  const inGrid2 = wgs84ToGcj02({ lat: 29.605, lng: 103.482 }); // 名山社区第二网格
  const tickets = [
    { externalId: 'HL-20261124-0001', text: '市民反映名山路夜间施工噪音扰民', phone: '13900001111', location: inGrid2, categoryHint: 'dispute-noise' },
    { externalId: 'HL-20261124-0002', text: '佛光社区有居民咨询医保报销', communityId: 'cm-foguang', categoryHint: 'no-such-category' },
    { externalId: 'HL-20261124-0003', text: '地址不详且没有社区的工单' },
  ];

  it('imports a batch with the hotline system key: routed to grids or community queues, failures per ticket', async () => {
    const res = await api.call('POST', '/hotline/tickets', { body: { tickets }, headers: { 'x-api-key': 'demo-hotline-key' } });
    expect(res.status).toBe(200);
    const out = HotlineImportResponse.parse(res.body);
    expect(out).toMatchObject({ created: 2, duplicates: 0, failed: 1 });
    expect(out.items[2]).toMatchObject({ outcome: 'failed', requestId: null });

    const admin = await api.tokenFor('community_admin');
    const noise = RequestResponse.parse((await api.call('GET', `/requests/${out.items[0]!.requestId}`, { token: admin })).body).request;
    expect(noise).toMatchObject({ source: 'hotline', level: 'grid', gridId: 'gd-ms-2', categoryId: 'dispute-noise' });
    expect(noise.timeline[0]).toMatchObject({ actorRole: 'system', actorName: '12345热线市民' });

    const street = await api.tokenFor('street_admin');
    const consult = RequestResponse.parse((await api.call('GET', `/requests/${out.items[1]!.requestId}`, { token: street })).body).request;
    expect(consult).toMatchObject({ level: 'community', communityId: 'cm-foguang', categoryId: 'hotline-other' });
  });

  it('creates one request per external id however often a ticket is imported', async () => {
    const again = await Promise.all(
      [1, 2, 3].map(() => api.call('POST', '/hotline/tickets', { body: { tickets: tickets.slice(0, 2) }, headers: { 'x-api-key': 'demo-hotline-key' } })),
    );
    for (const r of again) expect(HotlineImportResponse.parse(r.body)).toMatchObject({ created: 0, duplicates: 2 });
    const gw2Queue = await api.call('GET', '/requests/mine', { token: await api.tokenFor('resident') });
    expect(gw2Queue.status).toBe(200);
    const admin = await api.tokenFor('community_admin');
    const q = RequestListResponse.parse((await api.call('GET', '/staff/requests?limit=50', { token: admin })).body);
    expect(q.items.filter((i) => i.description.includes('咨询医保'))).toHaveLength(0); // that one is in 佛光社区's queue
  });

  it('refuses wrong keys and keys of another scope, and lets a street admin import with his session', async () => {
    expect((await api.call('POST', '/hotline/tickets', { body: { tickets }, headers: { 'x-api-key': 'wrong' } })).status).toBe(401);
    expect((await api.call('POST', '/hotline/tickets', { body: { tickets }, headers: { 'x-api-key': 'demo-open311-key' } })).status).toBe(403);
    const res = await api.call('POST', '/hotline/tickets', {
      token: await api.tokenFor('street_admin'),
      body: { source: 'mayor', tickets: [{ externalId: 'MY-1', text: '市长信箱转来的路灯问题', location: inGrid2, categoryHint: 'fix-streetlight' }] },
    });
    expect(HotlineImportResponse.parse(res.body).created).toBe(1);
  });

  it('validates the batch field by field', async () => {
    const res = await api.call('POST', '/hotline/tickets', {
      body: { tickets: [{ externalId: 'bad id!', text: '' }] },
      headers: { 'x-api-key': 'demo-hotline-key' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['tickets.0.externalId', 'tickets.0.text']);
  });
});
