import { NearbyResponse, ReportListResponse, ReportResponse, StationListResponse, StationResponse } from '@linli/shared';
import { wgs84ToGcj02 } from '../../functions/src/platform/domain/geo/datum';
import { distanceMeters } from '../../functions/src/platform/domain/geo/distance';
import { stations as demoStations } from '../../infra/local/demo-data';
import { idemKey } from '../support/builders';
import { startTestApi, type TestApi } from '../support/harness';

/** The demo city centre as the phone reports it (GCJ-02). */
const here = wgs84ToGcj02({ lat: 29.6, lng: 103.48 });
const nearbyPath = (q: Record<string, string | number>) =>
  `/stations/nearby?${new URLSearchParams(Object.entries({ lat: here.lat, lng: here.lng, ...q }).map(([k, v]) => [k, String(v)] as [string, string]))}`;

describe('rider stations against DynamoDB Local', () => {
  let api: TestApi;
  let rider: string;
  beforeAll(async () => {
    api = await startTestApi();
    rider = await api.tokenFor('rider');
  });
  afterAll(() => api.stop());

  describe('GET /stations/nearby', () => {
    it('returns exactly the stations within the radius, nearest first, in GCJ-02', async () => {
      const res = await api.call('GET', nearbyPath({ radius: 2000, limit: 50 }), { token: rider });
      expect(res.status).toBe(200);
      const { items, center } = NearbyResponse.parse(res.body);
      const expected = demoStations
        .map((s) => ({ id: s.id, d: distanceMeters({ lat: 29.6, lng: 103.48 }, s.location) }))
        .filter((s) => s.d <= 2000)
        .sort((a, b) => a.d - b.d);
      expect(items.map((s) => s.id)).toEqual(expected.map((s) => s.id));
      const distances = items.map((s) => s.distanceMeters!);
      expect([...distances].sort((a, b) => a - b)).toEqual(distances);
      expect(distanceMeters(center, here)).toBeLessThan(0.5);
      const first = demoStations.find((s) => s.id === items[0]!.id)!;
      expect(distanceMeters(items[0]!.location, wgs84ToGcj02(first.location))).toBeLessThan(0.5);
    });

    it('returns the nearest `limit` stations when more are in range', async () => {
      const all = NearbyResponse.parse((await api.call('GET', nearbyPath({ radius: 20000, limit: 50 }), { token: rider })).body).items;
      const top = NearbyResponse.parse((await api.call('GET', nearbyPath({ radius: 20000, limit: 5 }), { token: rider })).body).items;
      expect(all.length).toBeGreaterThan(30);
      expect(top.map((s) => s.id)).toEqual(all.slice(0, 5).map((s) => s.id));
    });

    it('filters by working amenities: an amenity out of order does not count', async () => {
      const res = await api.call('GET', nearbyPath({ radius: 5000, amenities: 'ebike_charging,food_heating', limit: 50 }), { token: rider });
      const { items } = NearbyResponse.parse(res.body);
      expect(items.length).toBeGreaterThan(0);
      for (const s of items) {
        expect(s.amenities).toEqual(expect.arrayContaining(['ebike_charging', 'food_heating']));
        expect(s.outOfOrder.map((o) => o.amenity)).not.toContain('ebike_charging');
      }
      expect(items.map((s) => s.id)).not.toContain('sn-002'); // its e-bike charging is out of order
    });

    it('with openNow leaves out temporarily closed stations and keeps 24-hour ones', async () => {
      const { items } = NearbyResponse.parse((await api.call('GET', nearbyPath({ radius: 5000, openNow: 'true', limit: 50 }), { token: rider })).body);
      expect(items.every((s) => s.openNow)).toBe(true);
      expect(items.map((s) => s.id)).not.toContain('sn-010');
      expect(items.map((s) => s.id)).toContain('sn-001');
    });

    it('accepts WGS-84 input from browsers and answers in GCJ-02', async () => {
      const wgs = await api.call('GET', `/stations/nearby?lat=29.6&lng=103.48&datum=wgs84&radius=2000`, { token: rider });
      const gcj = await api.call('GET', nearbyPath({ radius: 2000 }), { token: rider });
      expect(wgs.body.items.map((s: { id: string }) => s.id)).toEqual(gcj.body.items.map((s: { id: string }) => s.id));
    });

    it('answers 400 with field-level messages for bad input, never 500', async () => {
      const res = await api.call('GET', '/stations/nearby?lat=91&lng=abc&radius=-5&limit=1000&openNow=maybe', { token: rider });
      expect(res.status).toBe(400);
      const fields = res.body.error.fields.map((f: { field: string }) => f.field);
      expect(fields).toEqual(expect.arrayContaining(['lat', 'lng', 'radius', 'limit', 'openNow']));
      for (const q of ['', '?lat=&lng=', '?lat=1e999&lng=1', '?lat=29.6&lng=103.48&amenities=,,,', '?lat=%FF']) {
        const r = await api.call('GET', `/stations/nearby${q}`, { token: rider });
        expect(r.status).toBeLessThan(500);
      }
    });
  });

  describe('GET /stations?bbox', () => {
    it('returns the stations inside the visible map area', async () => {
      const bbox = [103.47, 29.59, 103.49, 29.61];
      const res = await api.call('GET', `/stations?bbox=${bbox.join(',')}`, { token: rider });
      expect(res.status).toBe(200);
      const { items } = StationListResponse.parse(res.body);
      const expected = demoStations.filter((s) => {
        const g = wgs84ToGcj02(s.location);
        return g.lng >= bbox[0]! && g.lng <= bbox[2]! && g.lat >= bbox[1]! && g.lat <= bbox[3]!;
      });
      expect(items.map((s) => s.id).sort()).toEqual(expected.map((s) => s.id).sort());
    });

    it('refuses a map area that is too large', async () => {
      const res = await api.call('GET', '/stations?bbox=100,20,110,30', { token: rider });
      expect(res.status).toBe(400);
      expect(res.body.error.fields[0].field).toBe('bbox');
    });
  });

  describe('station detail, reports, check-ins', () => {
    it('shows a station with freshness and answers 404 for an unknown id', async () => {
      const res = await api.call('GET', '/stations/sn-002', { token: rider });
      const { station } = StationResponse.parse(res.body);
      expect(station.lastConfirmed).toEqual({ at: '2026-11-20T02:00:00.000Z', by: 'admin' });
      expect(station.outOfOrder).toEqual([{ amenity: 'ebike_charging', since: '2026-11-20T06:20:00.000Z', note: '充电柜线路检修' }]);
      expect((await api.call('GET', '/stations/sn-999', { token: rider })).status).toBe(404);
      expect((await api.call('GET', '/stations/bad%20id!', { token: rider })).status).toBe(400);
    });

    it('lets a rider report a problem that the station shows until the keeper closes it', async () => {
      const created = await api.call('POST', '/stations/sn-001/reports', {
        token: rider,
        body: { type: 'amenity_broken', amenity: 'phone_charging', text: '充电口不通电' },
        headers: { 'idempotency-key': idemKey('report') },
      });
      expect(created.status).toBe(201);
      const { report } = ReportResponse.parse(created.body);
      let { station } = StationResponse.parse((await api.call('GET', '/stations/sn-001', { token: rider })).body);
      expect(station.openIssues).toEqual([
        { reportId: report.id, type: 'amenity_broken', amenity: 'phone_charging', text: '充电口不通电', since: report.createdAt },
      ]);
      const keeper = await api.tokenFor('station_keeper');
      const open = ReportListResponse.parse((await api.call('GET', '/stations/sn-001/reports', { token: keeper })).body);
      expect(open.items.map((r) => r.id)).toContain(report.id);
      const admin = await api.tokenFor('community_admin');
      const community = ReportListResponse.parse((await api.call('GET', '/station-reports', { token: admin })).body);
      expect(community.items.map((r) => r.id)).toContain(report.id);

      const closed = await api.call('PATCH', `/stations/sn-001/reports/${report.id}`, {
        token: keeper,
        body: { status: 'closed', resolution: '已更换插座' },
      });
      expect(closed.status).toBe(200);
      expect(closed.body.report).toMatchObject({ status: 'closed', resolution: '已更换插座', closedBy: 'u-demo-station-keeper' });
      ({ station } = StationResponse.parse((await api.call('GET', '/stations/sn-001', { token: rider })).body));
      expect(station.openIssues).toEqual([]);
      const again = await api.call('PATCH', `/stations/sn-001/reports/${report.id}`, {
        token: keeper,
        body: { status: 'closed', resolution: '再次关闭' },
      });
      expect(again.status).toBe(409);
      const after = ReportListResponse.parse((await api.call('GET', '/station-reports', { token: admin })).body);
      expect(after.items.map((r) => r.id)).not.toContain(report.id);
    });

    it('lists a station\'s closed reports however many open ones came after them', async () => {
      const keeper = await api.tokenFor('station_keeper');
      const file = async (text: string) => {
        const res = await api.call('POST', '/stations/sn-002/reports', { token: rider, body: { type: 'other', text }, headers: { 'idempotency-key': idemKey('report') } });
        expect(res.status).toBe(201);
        return ReportResponse.parse(res.body).report;
      };
      const old = await file('饮水机没水了');
      expect((await api.call('PATCH', `/stations/sn-002/reports/${old.id}`, { token: keeper, body: { status: 'closed', resolution: '已换水' } })).status).toBe(200);
      // More open reports after it than a page of the list holds.
      for (let i = 0; i < 55; i++) await file(`第${i + 1}条反馈：灯不亮`);
      const list = ReportListResponse.parse((await api.call('GET', '/stations/sn-002/reports?status=closed', { token: keeper })).body);
      expect(list.items.map((r) => r.id)).toEqual([old.id]);
      expect(list.items[0]).toMatchObject({ status: 'closed', resolution: '已换水' });
    });

    it('rejects a report about an amenity the station does not have', async () => {
      const res = await api.call('POST', '/stations/sn-009/reports', {
        token: rider,
        body: { type: 'amenity_broken', amenity: 'wifi', text: '没有网络' },
        headers: { 'idempotency-key': idemKey('report') },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.fields[0].field).toBe('amenity');
    });

    it('makes one report of a double tap: concurrent retries with one key get the same report, another body is refused', async () => {
      const key = idemKey('report-race');
      const body = { type: 'no_water', text: '饮水机没水了' };
      const results = await Promise.all(Array.from({ length: 6 }, () => api.call('POST', '/stations/sn-002/reports', { token: rider, body, headers: { 'idempotency-key': key } })));
      expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
      const ids = new Set(results.map((r) => ReportResponse.parse(r.body).report.id));
      expect(ids.size).toBe(1);
      const keeper = await api.tokenFor('station_keeper');
      const { station } = StationResponse.parse((await api.call('GET', '/stations/sn-002', { token: keeper })).body);
      expect(station.openIssues.filter((i) => i.text === '饮水机没水了')).toHaveLength(1);
      const other = await api.call('POST', '/stations/sn-002/reports', { token: rider, body: { ...body, text: '另一件事' }, headers: { 'idempotency-key': key } });
      expect(other.status).toBe(409);
      expect(other.body.error.code).toBe('idempotency_key_reused');
      const missing = await api.call('POST', '/stations/sn-002/reports', { token: rider, body });
      expect(missing.status).toBe(400);
      expect(missing.body.error.fields).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
    });

    it("counts a rider's check-in once a day and marks the station as confirmed", async () => {
      const first = await api.call('POST', '/stations/sn-003/check-ins', { token: rider });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ todayVisitors: 1, alreadyCheckedIn: false });
      const second = await api.call('POST', '/stations/sn-003/check-ins', { token: rider });
      expect(second.body).toMatchObject({ todayVisitors: 1, alreadyCheckedIn: true });
      const volunteer = await api.call('POST', '/stations/sn-003/check-ins', { token: await api.tokenFor('volunteer') });
      expect(volunteer.body.todayVisitors).toBe(2);
      const { station } = StationResponse.parse((await api.call('GET', '/stations/sn-003', { token: rider })).body);
      expect(station.todayVisitors).toBe(2);
      expect(station.lastConfirmed?.by).toBe('checkin');
    });

    it('counts concurrent check-ins of different riders exactly', async () => {
      const tokens = await Promise.all(['rider', 'volunteer'].map((r) => api.tokenFor(r as 'rider')));
      const results = await Promise.all(
        [...tokens, ...tokens, ...tokens].map((token) => api.call('POST', '/stations/sn-004/check-ins', { token })),
      );
      expect(results.every((r) => r.status === 201)).toBe(true);
      expect(results.filter((r) => !r.body.alreadyCheckedIn)).toHaveLength(2);
      expect(Math.max(...results.map((r) => r.body.todayVisitors))).toBe(2);
    });

    it('refuses check-in at a temporarily closed station', async () => {
      const res = await api.call('POST', '/stations/sn-010/check-ins', { token: rider });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('station_closed');
    });
  });

  describe('managing stations', () => {
    const body = {
      name: '暖新驿站·测试新站',
      address: '峨眉山市名山中路300号',
      location: { lat: 29.6055, lng: 103.4838 },
      amenities: ['water', 'phone_charging'],
      hours: { kind: 'schedule', workday: [{ open: '08:00', close: '20:00' }], restday: [] },
    };

    it('lets a community admin register a station that the nearby search then finds', async () => {
      const admin = await api.tokenFor('community_admin');
      const res = await api.call('POST', '/stations', { token: admin, body });
      expect(res.status).toBe(201);
      const { station } = StationResponse.parse(res.body);
      expect(station).toMatchObject({ communityId: 'cm-mingshan', status: 'open', keeperId: null });
      expect(distanceMeters(station.location, body.location)).toBeLessThan(0.5);
      const near = NearbyResponse.parse(
        (await api.call('GET', `/stations/nearby?lat=29.6055&lng=103.4838&radius=100`, { token: rider })).body,
      );
      expect(near.items[0]).toMatchObject({ id: station.id, distanceMeters: 0 });
    });

    it('answers 400 naming each bad field of a new station', async () => {
      const admin = await api.tokenFor('community_admin');
      const res = await api.call('POST', '/stations', {
        token: admin,
        body: { ...body, name: 'x', amenities: ['sauna'], hours: { kind: 'schedule', workday: [{ open: '25:00', close: '20:00' }], restday: [] } },
      });
      expect(res.status).toBe(400);
      const fields = res.body.error.fields.map((f: { field: string }) => f.field);
      expect(fields).toEqual(expect.arrayContaining(['name', 'amenities.0', 'hours.workday.0.open']));
    });

    it("forbids a community admin registering a station in another community", async () => {
      const admin = await api.tokenFor('community_admin');
      const res = await api.call('POST', '/stations', { token: admin, body: { ...body, communityId: 'cm-foguang' } });
      expect(res.status).toBe(403);
    });

    it("lets the keeper close his own station temporarily and mark an amenity out of order, but not another's", async () => {
      const keeper = await api.tokenFor('station_keeper');
      const res = await api.call('PATCH', '/stations/sn-001', {
        token: keeper,
        body: { status: 'temporarily_closed', closureNote: '停电检修', outOfOrder: [{ amenity: 'water', note: '饮水机维修' }] },
      });
      expect(res.status).toBe(200);
      const { station } = StationResponse.parse(res.body);
      expect(station).toMatchObject({ status: 'temporarily_closed', closureNote: '停电检修', openNow: false });
      expect(station.outOfOrder.map((o) => o.amenity)).toEqual(['water']);
      expect(station.lastConfirmed?.by).toBe('keeper');
      const reopened = await api.call('PATCH', '/stations/sn-001', { token: keeper, body: { status: 'open', outOfOrder: [] } });
      expect(reopened.body.station).toMatchObject({ status: 'open', closureNote: null, outOfOrder: [] });

      expect((await api.call('PATCH', '/stations/sn-005', { token: keeper, body: { confirm: true } })).status).toBe(403);
      expect((await api.call('PATCH', '/stations/sn-001', { token: keeper, body: { name: '改名' } })).status).toBe(403);
    });

    it('never lets two writers both win on the same version (conditional update)', async () => {
      const { deps } = await import('../../functions/src/handlers/stations');
      const { ConflictError } = await import('../../functions/src/platform/domain/errors');
      const repo = deps().stations; // as the stations function has it
      const before = (await repo.get('sn-006'))!;
      const results = await Promise.allSettled(
        ['一号', '二号', '三号'].map((n) => repo.update('sn-006', before.version, { closureNote: n }, new Date().toISOString())),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(rejected.every((r) => r.reason instanceof ConflictError)).toBe(true);
      expect((await repo.get('sn-006'))!.version).toBe(before.version + 1);
    });
  });
});
