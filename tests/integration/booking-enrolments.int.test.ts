/**
 * Enrolments on the real local store: a term's seats (四点半课堂), an activity's seats (a festival
 * event) and daily meal orders with a cut-off the day before (老年助餐) — booked, refused and
 * cancelled the same safe way as appointments.
 */
import { SlotsResponse } from '@linli/shared';
import { book, booked, centreSettings, openCentre, resident } from '../support/booking';
import { startTestApi, type TestApi } from '../support/harness';

const shanghai = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86400_000);
const dateIn = (days: number) => shanghai(days).toISOString().slice(0, 10);

describe('enrolments', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.stop());

  const termStart = dateIn(40); // beyond the 14-day booking horizon: terms enrol whenever published
  const festival = dateIn(5);
  const mealDay = dateIn(3);
  const withActivities = () =>
    openCentre(api, {
      offerings: [
        ...(centreSettings().offerings as object[]),
        { id: 'sidianban', name: '四点半课堂', minutes: 90, kind: 'term', term: { from: termStart, to: dateIn(120), weekdays: [1, 2, 3, 4, 5], start: '16:30', end: '18:00', seats: 3 } },
        { id: 'youyuan', name: '游园会', minutes: 120, kind: 'session', sessions: [{ date: festival, start: '14:00', end: '16:00', seats: 2 }] },
        { id: 'zhucan', name: '老年助餐', minutes: 60, kind: 'daily', daily: { weekdays: [0, 1, 2, 3, 4, 5, 6], start: '11:30', end: '12:30', seats: 50, cutoff: '15:00' } },
      ],
    });

  it('fills a term with exactly its seats when ten parents race for three, and lists it beyond the horizon', async () => {
    const c = await withActivities();
    const parents = await Promise.all(Array.from({ length: 10 }, (_, i) => resident(api, `家长${i}`)));
    const slots = SlotsResponse.parse((await api.call('GET', `/centres/${c.id}/slots?offeringId=sidianban&from=${termStart}&days=1`, { token: parents[0]!.token })).body);
    expect(slots.days[0]!.slots).toEqual([{ start: '16:30', end: '18:00', capacity: 3, left: 3, state: 'open' }]);
    const results = await Promise.all(parents.map((p) => book(api, p.token, { centreId: c.id, offeringId: 'sidianban', date: termStart, start: '16:30' })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(3);
    expect(results.filter((r) => r.body.error?.code === 'slot_full')).toHaveLength(7);
    const mine = results.find((r) => r.status === 201)!.body.booking;
    expect(mine).toMatchObject({ offeringName: '四点半课堂', offeringKind: 'term', canReschedule: false });
    const owner = parents[results.indexOf(results.find((r) => r.status === 201)!)]!;
    const move = await api.call('POST', `/bookings/${mine.id}/reschedule`, { token: owner.token, body: { date: termStart, start: '17:00', version: 1 }, headers: { 'idempotency-key': `k-${Date.now()}` } });
    expect(move.body.error.code).toBe('not_reschedulable');
  }, 30_000);

  it('seats an activity and keeps the appointment windows apart from it', async () => {
    const c = await withActivities();
    const [a, b, d] = await Promise.all([resident(api, '游园甲'), resident(api, '游园乙'), resident(api, '游园丙')]);
    for (const p of [a, b]) await booked(api, p.token, { centreId: c.id, offeringId: 'youyuan', date: festival, start: '14:00' });
    expect((await book(api, d.token, { centreId: c.id, offeringId: 'youyuan', date: festival, start: '14:00' })).body.error.code).toBe('slot_full');
    // The windows at 14:00 that day are untouched by the activity's seats.
    expect((await book(api, d.token, { centreId: c.id, offeringId: 'shebao', date: festival, start: '14:00' })).status).toBe(201);
    const sheet = (await api.call('GET', `/centres/${c.id}/days/${festival}`, { token: await api.tokenFor('service_staff') })).body;
    const act = sheet.slots.find((s: { pool: string }) => s.pool === 'seats-youyuan');
    expect([act.poolLabel, act.capacity, act.taken]).toEqual(['游园会', 2, 2]);
  });

  it('takes meal orders until 15:00 the day before, and lets them be cancelled until then', async () => {
    const c = await withActivities();
    const elder = await resident(api, '订餐老人');
    const order = await booked(api, elder.token, { centreId: c.id, offeringId: 'zhucan', date: mealDay, start: '11:30' });
    expect(order).toMatchObject({ offeringName: '老年助餐', offeringKind: 'daily', canCancel: true });
    const { getDeps } = await import('../../functions/src/composition');
    const { bookPlace, cancelBooking } = await import('../../functions/src/booking/domain/book');
    const deps = getDeps();
    const actor = { userId: elder.userId, roles: ['resident' as const], streetId: 'st-suishan', communityId: 'cm-mingshan', gridId: 'gd-ms-1' };
    const dayBefore = dateIn(2);
    const late = new Date(`${dayBefore}T15:00:00+08:00`);
    await expect(cancelBooking(deps, actor, order.id, { version: 1, reason: '' }, late)).rejects.toMatchObject({ code: 'past_cutoff', message: expect.stringContaining('前一天 15:00 后') });
    const other = await resident(api, '晚订的人');
    const lateOrder = { centreId: c.id, offeringId: 'zhucan', date: mealDay, start: '11:30', note: '', notify: [] };
    await expect(bookPlace(deps, { ...actor, userId: other.userId }, lateOrder, 'late-order', late)).rejects.toMatchObject({ code: 'past_cutoff' });
    const early = new Date(`${dayBefore}T14:00:00+08:00`);
    expect((await cancelBooking(deps, actor, order.id, { version: 1, reason: '' }, early)).status).toBe('cancelled');
  });
});
