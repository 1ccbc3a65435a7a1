/**
 * The centre's desk on the real local store: the day sheet, check-in by code and QR, walk-ins, and
 * the graduated no-show rule with its pause (shown to the resident, lifted by staff). Times the desk
 * acts at (tomorrow's slots) are given to the domain directly, as the tick tests do.
 */
import { CentreDayResponse, MyBookingsResponse } from '@linli/shared';
import type { Actor } from '../../functions/src/platform/domain/actor';
import { booked, book, openCentre, openSlots, resident, tomorrow } from '../support/booking';
import { idemKey } from '../support/builders';
import { startTestApi, type TestApi } from '../support/harness';

const staff: Actor = { userId: 'u-demo-service-staff', roles: ['service_staff'], streetId: 'st-suishan', communityId: 'cm-mingshan', gridId: null };
const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`);

describe('the centre desk', () => {
  let api: TestApi;
  let desk: typeof import('../../functions/src/booking/domain/desk');
  let deps: ReturnType<typeof import('../../functions/src/composition').getDeps>;
  beforeAll(async () => {
    api = await startTestApi();
    desk = await import('../../functions/src/booking/domain/desk');
    deps = (await import('../../functions/src/composition')).getDeps();
  });
  afterAll(() => api.stop());

  it('shows the day sheet to the centre staff only: slots by pool with names and masked phones, and the counts', async () => {
    const c = await openCentre(api);
    const [a, b] = await Promise.all([resident(api, '赵一'), resident(api, '钱二')]);
    const [slot] = await openSlots(api, a.token, c.id);
    await booked(api, a.token, { centreId: c.id, offeringId: 'shebao', date: slot!.date, start: slot!.start });
    await booked(api, b.token, { centreId: c.id, offeringId: 'tiaojie', date: slot!.date, start: slot!.start });
    const res = await api.call('GET', `/centres/${c.id}/days/${slot!.date}`, { token: await api.tokenFor('service_staff') });
    expect(res.status).toBe(200);
    const day = CentreDayResponse.parse(res.body);
    const here = day.slots.filter((s) => s.start === slot!.start);
    expect(here.map((s) => [s.poolLabel, s.capacity, s.taken, s.bookings.map((x) => x.personName)])).toEqual([
      ['综合窗口', 5, 1, ['赵一']],
      ['人民调解室', 1, 1, ['钱二']],
    ]);
    expect(day.summary).toMatchObject({ booked: 2, checkedIn: 0 });
    expect((await api.call('GET', `/centres/${c.id}/days/${slot!.date}`, { token: a.token })).status).toBe(403);
    expect((await api.call('GET', `/centres/${c.id}/days/2026-13-01`, { token: await api.tokenFor('service_staff') })).body.error.fields[0].field).toBe('date');
  });

  it('checks people in by code or QR on the day; twice is harmless; wrong day, other centre, cancelled and unknown codes are named', async () => {
    const c = await openCentre(api);
    const [a, b] = await Promise.all([resident(api, '孙三'), resident(api, '李四')]);
    const day = tomorrow();
    const mine = await booked(api, a.token, { centreId: c.id, offeringId: 'shebao', date: day, start: '09:00' });
    const gone = await booked(api, b.token, { centreId: c.id, offeringId: 'shebao', date: day, start: '09:00' });
    await api.call('POST', `/bookings/${gone.id}/cancellation`, { token: b.token, body: { version: 1 } });
    const morning = at(day, '08:40');
    const inByQr = await desk.checkIn(deps, staff, c.id, mine.qrText, morning);
    expect(inByQr).toMatchObject({ status: 'checked_in', statusLabel: '已到场' });
    expect((await desk.checkIn(deps, staff, c.id, mine.code, morning)).status).toBe('checked_in');
    await expect(desk.checkIn(deps, staff, c.id, mine.qrText, new Date(morning.getTime() + 86400_000))).rejects.toMatchObject({ code: 'not_today' });
    await expect(desk.checkIn(deps, staff, 'ct-mingshan', mine.qrText, morning)).rejects.toMatchObject({ code: 'other_centre' });
    await expect(desk.checkIn(deps, staff, c.id, gone.code, morning)).rejects.toMatchObject({ code: 'booking_cancelled' });
    const unknown = String((Number(mine.code) + 1) % 1_000_000).padStart(6, '0');
    if (unknown !== gone.code) await expect(desk.checkIn(deps, staff, c.id, unknown, morning)).rejects.toMatchObject({ code: 'not_found' });
    const resident2 = { ...staff, userId: a.userId, roles: ['resident' as const] };
    await expect(desk.checkIn(deps, resident2, c.id, mine.code, morning)).rejects.toMatchObject({ code: 'forbidden' });
    const sheet = CentreDayResponse.parse((await api.call('GET', `/centres/${c.id}/days/${day}`, { token: await api.tokenFor('service_staff') })).body);
    expect(sheet.summary).toMatchObject({ booked: 0, checkedIn: 1, cancelled: 1 });
    // The checked-in booking keeps its place in the slot's counter: nothing is held for the waitlist.
    expect(sheet.slots.find((s) => s.start === '09:00' && s.pool === 'windows')).toMatchObject({ taken: 1, held: 0 });
    // Over HTTP a code of another day is simply not one of today's.
    const http = await api.call('POST', `/centres/${c.id}/check-ins`, { token: await api.tokenFor('service_staff'), body: { code: mine.code } });
    expect(http.status).toBe(404);
  });

  it('pauses online booking at the rule count of no-shows, tells the resident why and until when, and staff lift it', async () => {
    const c = await openCentre(api, { policy: { noShow: { count: 2, days: 30, pauseDays: 14 } } });
    const me = await resident(api, '周五');
    const [s1, s2] = (await openSlots(api, me.token, c.id)).filter((s, i, all) => i === 0 || s.date !== all[0]!.date);
    const first = await booked(api, me.token, { centreId: c.id, offeringId: 'shebao', date: s1!.date, start: s1!.start });
    const second = await booked(api, me.token, { centreId: c.id, offeringId: 'youdai', date: s1!.date, start: s1!.start });
    await expect(desk.markNoShow(deps, staff, first.id, 1, at(s1!.date, '07:00'))).rejects.toMatchObject({ code: 'not_started' });
    const later = at(s1!.date, '23:00');
    expect((await desk.markNoShow(deps, staff, first.id, 1, later)).status).toBe('no_show');
    expect(MyBookingsResponse.parse((await api.call('GET', '/bookings/mine', { token: me.token })).body).pause).toBeNull();
    await desk.markNoShow(deps, staff, second.id, 1, later);
    const mine = MyBookingsResponse.parse((await api.call('GET', '/bookings/mine', { token: me.token })).body);
    expect(mine.pause).toMatchObject({ reason: '30 天内预约后未到场 2 次，暂停在线预约 14 天' });
    const refused = await book(api, me.token, { centreId: c.id, offeringId: 'shebao', date: s2!.date, start: s2!.start });
    expect([refused.status, refused.body.error.code]).toEqual([409, 'booking_paused']);
    expect(refused.body.error.message).toContain('起恢复');
    // The desk may still book him; staff lift the pause on appeal, then he books himself again.
    const forHim = await book(api, await api.tokenFor('service_staff'), { centreId: c.id, offeringId: 'shebao', date: s2!.date, start: s2!.start, forUserId: me.userId });
    expect(forHim.status).toBe(201);
    expect((await api.call('POST', `/residents/${me.userId}/booking-pause/lifting`, { token: me.token })).status).toBe(403);
    expect((await api.call('POST', `/residents/${me.userId}/booking-pause/lifting`, { token: await api.tokenFor('service_staff') })).body).toEqual({ lifted: true });
    expect((await book(api, me.token, { centreId: c.id, offeringId: 'youdai', date: s2!.date, start: s2!.start })).status).toBe(201);
  });

  it('records walk-ins once per key and counts them on the day sheet', async () => {
    const c = await openCentre(api);
    const token = await api.tokenFor('service_staff');
    const key = idemKey('walkin');
    const body = { offeringId: 'youdai', name: '现场老人' };
    const first = await api.call('POST', `/centres/${c.id}/walk-ins`, { token, body, headers: { 'idempotency-key': key } });
    const again = await api.call('POST', `/centres/${c.id}/walk-ins`, { token, body, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    expect(again.body.walkIn.id).toBe(first.body.walkIn.id);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const sheet = CentreDayResponse.parse((await api.call('GET', `/centres/${c.id}/days/${today}`, { token })).body);
    expect(sheet.walkIns.map((w) => [w.offeringName, w.name])).toEqual([['老年人优待证', '现场老人']]);
    expect(sheet.summary.walkIns).toBe(1);
  });
});
