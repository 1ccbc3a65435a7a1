/**
 * Amenities out of order, against DynamoDB Local: who may mark them (the station's keeper, the
 * admins of its community — and its street's), what riders see (the amenity listed as out of
 * order), how the nearby search counts them (a broken one does not count), and stations stored
 * before phone and e-bike charging were split (`charging` reads as phone charging).
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { NearbyResponse, StationResponse } from '@linli/shared';
import { makeDocumentClient } from '../../functions/src/platform/adapters/dynamodb/client';
import { wgs84ToGcj02 } from '../../functions/src/platform/domain/geo/datum';
import { stationItem } from '../../functions/src/stations/adapters/dynamodb-station-repository';
import { stations as demoStations } from '../../infra/local/demo-data';
import { startTestApi, type TestApi } from '../support/harness';

/** sn-001 (暖新驿站·名山中路站, 名山社区, kept by the demo keeper) as the phone reports it. */
const SN1 = demoStations[0]!;
const nearSn1 = wgs84ToGcj02(SN1.location);
const nearbyIds = async (api: TestApi, token: string, amenities: string, at = nearSn1) => {
  const res = await api.call('GET', `/stations/nearby?lat=${at.lat}&lng=${at.lng}&radius=300&limit=50&amenities=${amenities}`, { token });
  expect(res.status).toBe(200);
  return NearbyResponse.parse(res.body).items.map((s) => s.id);
};

describe('amenities out of order', () => {
  let api: TestApi;
  let rider: string;
  let keeper: string;
  beforeAll(async () => {
    api = await startTestApi();
    [rider, keeper] = await Promise.all([api.tokenFor('rider'), api.tokenFor('station_keeper')]);
  });
  afterAll(() => api.stop());

  const patch = (token: string, id: string, body: unknown) => api.call('PATCH', `/stations/${id}`, { token, body });

  it('the keeper marks phone charging out of order: riders see it, and the nearby search for it does not count the station', async () => {
    expect(SN1.amenities).toEqual(expect.arrayContaining(['phone_charging', 'ebike_charging']));
    expect(await nearbyIds(api, rider, 'phone_charging')).toContain(SN1.id);

    const res = await patch(keeper, SN1.id, { outOfOrder: [{ amenity: 'phone_charging', note: '插座烧坏，等电工' }] });
    expect(res.status).toBe(200);
    const { station } = StationResponse.parse((await api.call('GET', `/stations/${SN1.id}`, { token: rider })).body);
    expect(station.amenities).toContain('phone_charging'); // it still has it…
    expect(station.outOfOrder).toEqual([{ amenity: 'phone_charging', since: expect.any(String), note: '插座烧坏，等电工' }]); // …not now
    expect(station.lastConfirmed?.by).toBe('keeper');

    // A search for phone charging leaves it out; one for e-bike charging or water still finds it.
    expect(await nearbyIds(api, rider, 'phone_charging')).not.toContain(SN1.id);
    expect(await nearbyIds(api, rider, 'ebike_charging')).toContain(SN1.id);
    expect(await nearbyIds(api, rider, 'water')).toContain(SN1.id);
    expect(await nearbyIds(api, rider, '')).toContain(SN1.id);
    // The old name asks for phone charging too.
    expect(await nearbyIds(api, rider, 'charging')).not.toContain(SN1.id);

    // Back in order: counted again.
    expect((await patch(keeper, SN1.id, { outOfOrder: [] })).status).toBe(200);
    const back = StationResponse.parse((await api.call('GET', `/stations/${SN1.id}`, { token: rider })).body).station;
    expect(back.outOfOrder).toEqual([]);
    expect(await nearbyIds(api, rider, 'phone_charging')).toContain(SN1.id);
  });

  it('marking one amenity keeps the others out of order as they were (since and note)', async () => {
    const first = await patch(keeper, SN1.id, { outOfOrder: [{ amenity: 'ebike_charging', note: '充电柜检修' }] });
    const since = StationResponse.parse(first.body).station.outOfOrder[0]!.since;
    const both = StationResponse.parse((await patch(keeper, SN1.id, { outOfOrder: [{ amenity: 'ebike_charging' }, { amenity: 'food_heating' }] })).body).station;
    expect(both.outOfOrder).toEqual(
      expect.arrayContaining([
        { amenity: 'ebike_charging', since, note: '充电柜检修' },
        { amenity: 'food_heating', since: expect.any(String) },
      ]),
    );
    expect((await patch(keeper, SN1.id, { outOfOrder: [] })).status).toBe(200);
  });

  it('only the station’s keeper and the admins of its community (or its street) may mark it', async () => {
    const body = { outOfOrder: [{ amenity: 'water' }] };
    const foguang = demoStations.find((s) => s.communityId === 'cm-foguang' && s.keeperId === null)!;
    const notKept = demoStations.find((s) => s.communityId === 'cm-mingshan' && s.keeperId === null)!;
    // Roles the route does not admit at all.
    for (const role of ['rider', 'resident', 'grid_worker', 'volunteer'] as const) {
      expect((await patch(await api.tokenFor(role), SN1.id, body)).status).toBe(403);
    }
    // A keeper of other stations.
    const notHis = await patch(keeper, notKept.id, body);
    expect(notHis.status).toBe(403);
    expect(notHis.body.error.message).toBe('只有本驿站站长或社区管理员可以修改');
    // A community admin of another community.
    const admin = await api.tokenFor('community_admin');
    expect((await patch(admin, foguang.id, body)).status).toBe(403);
    // The community's admin and the street's admin may.
    const street = await api.tokenFor('street_admin');
    expect((await patch(admin, notKept.id, body)).status).toBe(200);
    expect((await patch(street, foguang.id, body)).status).toBe(200);
    for (const id of [notKept.id, foguang.id]) expect((await patch(street, id, { outOfOrder: [] })).status).toBe(200);
    // The keeper keeps day-to-day state only, and only amenities the station has.
    expect((await patch(keeper, SN1.id, { amenities: ['water'] })).status).toBe(403);
    const unknown = await patch(keeper, SN1.id, { outOfOrder: [{ amenity: 'battery_swap' }] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields[0].field).toBe('outOfOrder');
    expect((await patch(keeper, SN1.id, { outOfOrder: [{ amenity: 'sauna' }] })).status).toBe(400);
  });

  it('reads a station stored before the split: `charging` is phone charging, out of order or not', async () => {
    const legacy = {
      ...SN1,
      id: 'sn-legacy',
      name: '老数据驿站',
      location: { lat: SN1.location.lat + 0.0004, lng: SN1.location.lng },
      keeperId: null,
      amenities: ['water', 'charging'],
      outOfOrder: { charging: { since: '2026-11-20T06:20:00.000Z', note: '充电柜线路检修' } },
      openIssues: { r1: { reportId: 'r1', type: 'amenity_broken', amenity: 'charging', text: '充电口不通电', since: '2026-11-21T01:00:00.000Z' } },
    };
    const doc = makeDocumentClient({ region: 'local', endpoint: process.env.LINLI_TEST_DB! });
    try {
      await doc.send(new PutCommand({ TableName: api.stack.table, Item: stationItem(legacy as never) }));
    } finally {
      doc.destroy();
    }
    const { station } = StationResponse.parse((await api.call('GET', '/stations/sn-legacy', { token: rider })).body);
    expect(station.amenities).toEqual(['water', 'phone_charging']);
    expect(station.outOfOrder).toEqual([{ amenity: 'phone_charging', since: '2026-11-20T06:20:00.000Z', note: '充电柜线路检修' }]);
    expect(station.openIssues.map((i) => i.amenity)).toEqual(['phone_charging']);
    // The nearby search reads it the same way: has water, its phone charging is out of order.
    expect(await nearbyIds(api, rider, 'water')).toContain('sn-legacy');
    expect(await nearbyIds(api, rider, 'phone_charging')).not.toContain('sn-legacy');
    // Put back in order by its community (the old name is accepted in a body too).
    const admin = await api.tokenFor('community_admin');
    expect((await patch(admin, 'sn-legacy', { outOfOrder: [] })).status).toBe(200);
    expect(await nearbyIds(api, rider, 'phone_charging')).toContain('sn-legacy');
    const again = await patch(admin, 'sn-legacy', { outOfOrder: [{ amenity: 'charging' }] });
    expect(StationResponse.parse(again.body).station.outOfOrder.map((o) => o.amenity)).toEqual(['phone_charging']);
  });
});
