/**
 * The DynamoDB requests of the booking reads: each route's count is asserted against its budget, so
 * a read added to a route fails here. Every count includes the session's freshness check (one read
 * of the caller's user item).
 *
 * Before → budget (measured on this scenario: three bookings at two centres): GET /bookings/mine
 * 9 → 7 (the people of the list are read in one request, not once per booking).
 */
import { BookingListResponse } from '@linli/shared';
import { booked, openCentre, openSlots, resident } from '../support/booking';
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
});
