/** The weekly after-hours report on the real local store: its figures equal a recount of what was done. */
import { BookingReportResponse } from '@linli/shared';
import type { Actor } from '../../functions/src/platform/domain/actor';
import { booked, book, resident } from '../support/booking';
import { idemKey } from '../support/builders';
import { startTestApi, type TestApi } from '../support/harness';

const staff: Actor = { userId: 'u-demo-service-staff', roles: ['service_staff'], streetId: 'st-suishan', communityId: 'cm-mingshan', gridId: null };
const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`);
const plus = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);

describe('weekly booking report', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.stop());

  it('counts bookings, attendance, evening against weekend use, busiest offerings, walk-ins, waitlist joins and unsent reminders', async () => {
    const deps = (await import('../../functions/src/composition')).getDeps();
    const desk = await import('../../functions/src/booking/domain/desk');
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const weekday = new Date(`${today}T00:00:00Z`).getUTCDay();
    const monday = plus(today, ((8 - weekday) % 7) || 7); // next Monday
    const saturday = plus(monday, 5);
    const [a, b, d, e] = await Promise.all([resident(api, '周一甲'), resident(api, '周一乙'), resident(api, '周六丙'), resident(api, '候补丁')]);
    const c = 'ct-mingshan';
    const monA = await booked(api, a.token, { centreId: c, offeringId: 'shebao', date: monday, start: '19:30' });
    const monB = await booked(api, b.token, { centreId: c, offeringId: 'youdai', date: monday, start: '19:30' });
    // The two windows at 19:30 are full: 丁 joins the line.
    expect((await api.call('POST', `/centres/${c}/waitlist`, { token: e.token, body: { offeringId: 'shebao', date: monday, start: '19:30' }, headers: { 'idempotency-key': idemKey('w') } })).status).toBe(201);
    await booked(api, d.token, { centreId: c, offeringId: 'shebao', date: saturday, start: '09:00' });
    await booked(api, d.token, { centreId: c, offeringId: 'zhucan', date: plus(monday, 1), start: '11:30' });
    const gone = await book(api, a.token, { centreId: c, offeringId: 'juzhu', date: saturday, start: '10:00' });
    await api.call('POST', `/bookings/${gone.body.booking.id}/cancellation`, { token: a.token, body: { version: 1 } });
    await desk.checkIn(deps, staff, c, monA.code, at(monday, '19:25'));
    await desk.markNoShow(deps, staff, monB.id, 1, at(monday, '20:30'));
    await desk.recordWalkIn(deps, staff, c, { offeringId: 'juzhu', name: '', note: '' }, idemKey('walk'), at(saturday, '10:30'));
    await deps.outbox.drain(at(saturday, '08:30'), 500); // every reminder of the week is due; nobody consented

    const res = await api.call('GET', `/communities/cm-mingshan/booking-report?from=${monday}`, { token: await api.tokenFor('community_admin') });
    expect(res.status).toBe(200);
    const r = BookingReportResponse.parse(res.body);
    expect(r).toMatchObject({
      from: monday, to: plus(monday, 6), bookings: 4, cancelled: 1, checkedIn: 1, noShow: 1, attendanceRate: 0.5,
      byTime: { evening: 2, weekend: 1, daytime: 1 }, walkIns: 1, waitlistJoins: 1,
    });
    expect(r.busiest[0]).toEqual({ offeringId: 'shebao', name: '社保医保办理', bookings: 2 });
    // Reminders due by then: Monday's two were checked in / marked (nothing to send); Tuesday's meal and
    // Saturday's booking each had two, and nobody consented.
    expect(r.remindersNotSent).toBe(4);
    expect(r.days[0]).toMatchObject({ date: monday, bookings: 2, checkedIn: 1 });
    expect((await api.call('GET', '/communities/cm-foguang/booking-report', { token: await api.tokenFor('community_admin') })).status).toBe(403);
    expect((await api.call('GET', '/communities/cm-foguang/booking-report', { token: await api.tokenFor('street_admin') })).status).toBe(200);
  });
});
