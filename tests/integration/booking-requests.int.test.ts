/**
 * The DynamoDB requests of the booking reads: each route's count is asserted against its budget, so
 * a read added to a route fails here. Every count includes the session's freshness check (one read
 * of the caller's user item).
 *
 * Before → budget (measured on this scenario: three bookings at two centres): GET /bookings/mine
 * 9 → 7 (the people of the list are read in one request, not once per booking). Twelve errands of
 * twelve residents at one centre: GET /centres/{id}/errands 15 → 4, GET /grids/{id}/errands (with
 * whatever other errands the grid holds) N + 3 → 4 (their people in one BatchGet, not a GetItem each).
 * GET /centres with 12 and more centres in the street: N + 2 → 4 (the names of their communities
 * from one Query of the street's communities, not a GetItem per centre).
 */
import { BookingListResponse, CentreListResponse, ErrandListResponse } from '@linli/shared';
import { booked, openCentre, openSlots, resident } from '../support/booking';
import { idemKey } from '../support/builders';
import { startTestApi, type TestApi } from '../support/harness';
import { countRequests } from '../support/requests';

describe('DynamoDB requests of the booking reads', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.stop());

  it('GET /bookings/mine: 7 for three bookings at two centres (freshness, two index queries, the pause, each centre once, the people at once)', async () => {
    const [one, two] = [await openCentre(api), await openCentre(api)];
    const me = await resident(api, '计数居民');
    const slotsOne = await openSlots(api, me.token, one.id);
    const slotsTwo = await openSlots(api, me.token, two.id);
    const days = [...new Set(slotsOne.map((s) => s.date))];
    const first = slotsOne.find((s) => s.date === days[0])!;
    const second = slotsOne.find((s) => s.date === days[1])!;
    const third = slotsTwo.find((s) => s.date === days[2])!;
    const made = [
      await booked(api, me.token, { centreId: one.id, offeringId: 'shebao', date: first.date, start: first.start }),
      await booked(api, me.token, { centreId: one.id, offeringId: 'shebao', date: second.date, start: second.start }),
      await booked(api, me.token, { centreId: two.id, offeringId: 'shebao', date: third.date, start: third.start }),
    ];
    const { result, sent } = await countRequests(() => api.call('GET', '/bookings/mine', { token: me.token }));
    if (sent.count > 7) throw new Error(`GET /bookings/mine sent ${sent.count} DynamoDB requests (budget 7):\n  ${sent.commands.join('\n  ')}`);
    const items = BookingListResponse.parse(result.body).items;
    expect(items.map((b) => b.id)).toEqual(made.map((b) => b.id));
    expect(items.map((b) => [b.personName, b.centreName])).toEqual(made.map((b) => ['计数居民', b.centreName]));
    expect(items.every((b) => b.canCancel && b.personPhone === made[0]!.personPhone)).toBe(true);
  });

  it('GET /centres/{id}/errands and GET /grids/{id}/errands: 4 whatever the number of errands (their people in one BatchGet)', async () => {
    const c = await openCentre(api);
    for (let i = 0; i < 12; i++) {
      const me = await resident(api, `代办居民${i}`);
      const res = await api.call('POST', '/errands', { token: me.token, body: { centreId: c.id, offeringId: 'youdai', mode: 'home', note: '办理优待证' }, headers: { 'idempotency-key': idemKey('errand') } });
      expect(res.status).toBe(201);
    }
    const staff = await api.tokenFor('service_staff');
    const atCentre = await countRequests(() => api.call('GET', `/centres/${c.id}/errands`, { token: staff }));
    const items = ErrandListResponse.parse(atCentre.result.body).items;
    expect(items).toHaveLength(12);
    expect(new Set(items.map((e) => e.personName)).size).toBe(12);
    // The session's user, the centre, its errands, their people.
    expect(atCentre.sent.commands.map((x) => x.split(' ')[0]).sort()).toEqual(['BatchGetItem', 'GetItem', 'GetItem', 'Query']);
    const gw = await api.tokenFor('grid_worker');
    const inGrid = await countRequests(() => api.call('GET', '/grids/gd-ms-1/errands', { token: gw }));
    expect(ErrandListResponse.parse(inGrid.result.body).items.length).toBeGreaterThanOrEqual(12);
    // The session's user, the grid's errands, their people, the centre (each centre once).
    expect(inGrid.sent.commands.map((x) => x.split(' ')[0]).sort()).toEqual(['BatchGetItem', 'GetItem', 'GetItem', 'Query']);
  });

  it('GET /centres: 4 whatever the number of centres (their communities from one Query of the street)', async () => {
    for (let i = 0; i < 12; i++) await openCentre(api);
    const { token } = await resident(api, '找中心居民');
    const { result, sent } = await countRequests(() => api.call('GET', '/centres', { token }));
    const items = CentreListResponse.parse(result.body).items;
    expect(items.length).toBeGreaterThanOrEqual(12);
    expect(items.every((c) => c.communityName !== '')).toBe(true);
    // The session's user, the street's centres, the street's map version and its communities.
    expect(sent.commands.map((x) => x.split(' ')[0]).sort()).toEqual(['GetItem', 'GetItem', 'Query', 'Query']);
  });
});
