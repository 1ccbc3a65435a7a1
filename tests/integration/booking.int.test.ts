/**
 * After-hours booking on the real local store: centres, slots, booking once per key, the named
 * refusals, cancelling and moving a place, booking for someone else — and capacity held by the
 * database under concurrent requests.
 */
import { BookingListResponse, BookingResponse, CentreListResponse, SlotsResponse } from '@linli/shared';
import { booked, book, centreSettings, openCentre, openSlots, resident, tomorrow } from '../support/booking';
import { idemKey } from '../support/builders';
import { startTestApi, type TestApi } from '../support/harness';

describe('after-hours booking', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.stop());

  /** Places taken in one slot, as the slots list shows them. */
  async function taken(token: string, centreId: string, date: string, start: string, offeringId = 'shebao'): Promise<number> {
    const res = await api.call('GET', `/centres/${centreId}/slots?offeringId=${offeringId}&from=${date}&days=1`, { token });
    const slot = SlotsResponse.parse(res.body).days[0]!.slots.find((s) => s.start === start)!;
    return slot.capacity - slot.left;
  }

  it('lists the centres a resident may use: his own first, the others of the street by distance, with roster warnings for their staff', async () => {
    const res = await api.call('GET', '/centres?lat=29.5951&lng=103.4822&datum=wgs84', { token: await api.tokenFor('resident') });
    expect(res.status).toBe(200);
    const items = CentreListResponse.parse(res.body).items.filter((c) => c.id.startsWith('ct-'));
    expect(items.map((c) => [c.id, c.mine])).toEqual([['ct-mingshan', true], ['ct-foguang', false]]);
    expect(items[1]!.distanceM).toBeLessThan(50);
    expect(items.every((c) => c.warnings.length === 0)).toBe(true);
    const street = CentreListResponse.parse((await api.call('GET', '/centres', { token: await api.tokenFor('street_admin') })).body).items;
    expect(street.find((c) => c.id === 'ct-foguang')!.warnings).toEqual(['周末 09:00–12:00 在岗 3 人，少于全部 12 人的三分之一（4 人）', '法定节假日 09:00–12:00 在岗 3 人，少于全部 12 人的三分之一（4 人）']);
    const stranger = await api.newUser();
    const nowhere = await api.call('GET', '/centres', { token: stranger.token });
    expect([nowhere.status, nowhere.body.error.fields[0].field]).toEqual([400, 'lat']);
    const nearby = await api.call('GET', '/centres?lat=29.605&lng=103.474&datum=wgs84', { token: stranger.token });
    expect(nearby.body.items.length).toBeGreaterThanOrEqual(2);
  });

  it('shows slots day by day with places left, from the rules, and the walk-in share kept back', async () => {
    const token = await api.tokenFor('resident');
    const c = await openCentre(api, { policy: { walkInShare: 0.4 } });
    const res = await api.call('GET', `/centres/${c.id}/slots?offeringId=shebao&from=${tomorrow()}&days=2`, { token });
    const days = SlotsResponse.parse(res.body).days;
    expect(days).toHaveLength(2);
    expect(days[0]!.slots).toHaveLength(28);
    expect(days[0]!.slots[0]).toEqual({ start: '08:00', end: '08:30', capacity: 3, left: 3, state: 'open' });
    const room = SlotsResponse.parse((await api.call('GET', `/centres/${c.id}/slots?offeringId=tiaojie&from=${tomorrow()}&days=1`, { token })).body);
    expect(room.days[0]!.slots[0]!.capacity).toBe(0); // one place, kept for walk-ins at 40%
    expect((await api.call('GET', `/centres/${c.id}/slots?offeringId=nothing`, { token })).body.error.fields[0].field).toBe('offeringId');
  });

  it('books once per key, with a six-digit code and what to bring; refuses with a named reason', async () => {
    const c = await openCentre(api);
    const me = await resident(api, '王秀兰');
    const [slot] = await openSlots(api, me.token, c.id);
    const body = { centreId: c.id, offeringId: 'shebao', date: slot!.date, start: slot!.start };
    const key = idemKey('book');
    const first = await book(api, me.token, body, key);
    expect(first.status).toBe(201);
    const b = BookingResponse.parse(first.body).booking;
    expect(b).toMatchObject({ status: 'booked', statusLabel: '已预约', personName: '王秀兰', offeringName: '社保医保办理', bring: ['身份证', '社保卡'], canCancel: true });
    expect(b.code).toMatch(/^\d{6}$/);
    expect(b.qrText).toBe(`linli:booking:${c.id}:${slot!.date}:${b.code}`);
    const again = await book(api, me.token, body, key);
    expect([again.status, again.body.booking.id]).toEqual([200, b.id]);
    expect((await book(api, me.token, { ...body, start: '21:30' }, key)).body.error.code).toBe('idempotency_key_reused');
    // The same offering twice the same day; a time outside the rules; a day too far ahead.
    expect((await book(api, me.token, { ...body, start: '21:30' })).body.error.code).toBe('daily_limit');
    expect((await book(api, me.token, { ...body, offeringId: 'youdai', start: '07:30' })).body.error.code).toBe('outside_rules');
    const far = new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 10);
    expect((await book(api, me.token, { ...body, date: far })).body.error).toMatchObject({ code: 'outside_rules' });
    const yesterday = new Date(Date.now() + 8 * 3600_000 - 86400_000).toISOString().slice(0, 10);
    expect((await book(api, me.token, { ...body, offeringId: 'youdai', date: yesterday, start: '21:30' })).body.error.code).toBe('slot_started');
    // No real name, no booking; bad input is a field-level 400.
    const anon = await api.newUser();
    const nameless = await book(api, anon.token, { ...body, offeringId: 'youdai' });
    expect([nameless.status, nameless.body.error.fields[0].field]).toEqual([400, 'name']);
    expect((await book(api, me.token, { ...body, date: '2026-02-30' })).body.error.fields[0].field).toBe('date');
    expect((await api.call('POST', '/bookings', { token: me.token, body })).status).toBe(400); // no key
    const mine = BookingListResponse.parse((await api.call('GET', '/bookings/mine', { token: me.token })).body).items;
    expect(mine.map((m) => m.id)).toEqual([b.id]);
  });

  it('lets exactly 5 of 50 concurrent bookings of a 5-place slot through; the other 45 get slot_full', async () => {
    const c = await openCentre(api);
    const people = await Promise.all(Array.from({ length: 50 }, (_, i) => resident(api, `居民${i}`)));
    const [slot] = await openSlots(api, people[0]!.token, c.id);
    const results = await Promise.all(people.map((p) => book(api, p.token, { centreId: c.id, offeringId: 'shebao', date: slot!.date, start: slot!.start })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(results.filter((r) => r.status === 409 && r.body.error.code === 'slot_full')).toHaveLength(45);
    expect(await taken(people[0]!.token, c.id, slot!.date, slot!.start)).toBe(5);
    // Another window offering shares the same windows: full too.
    const other = await book(api, people[10]!.token, { centreId: c.id, offeringId: 'youdai', date: slot!.date, start: slot!.start });
    expect(other.body.error.code).toBe('slot_full');
  }, 60_000);

  it('makes one booking of 20 concurrent retries with one key', async () => {
    const c = await openCentre(api);
    const me = await resident(api);
    const [slot] = await openSlots(api, me.token, c.id);
    const key = idemKey('retry');
    const body = { centreId: c.id, offeringId: 'shebao', date: slot!.date, start: slot!.start };
    const results = await Promise.all(Array.from({ length: 20 }, () => book(api, me.token, body, key)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(new Set(results.map((r) => r.body.booking?.id))).toEqual(new Set([results[0]!.body.booking.id]));
    expect(await taken(me.token, c.id, slot!.date, slot!.start)).toBe(1);
  }, 30_000);

  it('cancels (the place is free again) and reschedules (new place taken, old freed, or nothing changes)', async () => {
    const c = await openCentre(api, { rules: { workday: [{ start: '08:00', end: '22:00', slotMinutes: 30, windows: 1 }], restday: [{ start: '08:00', end: '22:00', slotMinutes: 30, windows: 1 }], holiday: null } });
    const [a, b2] = await Promise.all([resident(api, '甲居民'), resident(api, '乙居民')]);
    const [s1, s2, s3] = await openSlots(api, a.token, c.id);
    const mineA = await booked(api, a.token, { centreId: c.id, offeringId: 'shebao', date: s1!.date, start: s1!.start });
    await booked(api, b2.token, { centreId: c.id, offeringId: 'shebao', date: s3!.date, start: s3!.start });
    // Into a full slot: refused, and nothing moved.
    const full = await api.call('POST', `/bookings/${mineA.id}/reschedule`, { token: a.token, body: { date: s3!.date, start: s3!.start, version: 1 }, headers: { 'idempotency-key': idemKey('rs') } });
    expect(full.body.error.code).toBe('slot_full');
    expect(await taken(a.token, c.id, s1!.date, s1!.start)).toBe(1);
    // Into a free slot: moved.
    const key = idemKey('rs');
    const moved = await api.call('POST', `/bookings/${mineA.id}/reschedule`, { token: a.token, body: { date: s2!.date, start: s2!.start, version: 1 }, headers: { 'idempotency-key': key } });
    expect(moved.status).toBe(200);
    expect(moved.body.booking).toMatchObject({ start: s2!.start, version: 2, code: mineA.code });
    expect(moved.body.booking.history.at(-1).what).toContain('改约');
    expect([await taken(a.token, c.id, s1!.date, s1!.start), await taken(a.token, c.id, s2!.date, s2!.start)]).toEqual([0, 1]);
    const retry = await api.call('POST', `/bookings/${mineA.id}/reschedule`, { token: a.token, body: { date: s2!.date, start: s2!.start, version: 1 }, headers: { 'idempotency-key': key } });
    expect([retry.status, retry.body.booking.version]).toEqual([200, 2]);
    const stale = await api.call('POST', `/bookings/${mineA.id}/reschedule`, { token: a.token, body: { date: s1!.date, start: s1!.start, version: 1 }, headers: { 'idempotency-key': idemKey('rs') } });
    expect(stale.body.error.code).toBe('stale');
    // Others cannot see or cancel it; he can, and the place is free again.
    expect((await api.call('POST', `/bookings/${mineA.id}/cancellation`, { token: b2.token, body: { version: 2 } })).status).toBe(404);
    const cancelled = await api.call('POST', `/bookings/${mineA.id}/cancellation`, { token: a.token, body: { version: 2, reason: '临时有事' } });
    expect(cancelled.body.booking).toMatchObject({ status: 'cancelled', statusLabel: '已取消', canCancel: false });
    expect(await taken(a.token, c.id, s2!.date, s2!.start)).toBe(0);
    expect((await api.call('POST', `/bookings/${mineA.id}/cancellation`, { token: a.token, body: { version: 3 } })).body.booking.status).toBe('cancelled');
    // The guard is gone with the booking: he may book that offering that day again.
    expect((await book(api, a.token, { centreId: c.id, offeringId: 'shebao', date: s2!.date, start: s2!.start })).status).toBe(201);
  });

  it('lets a cancel and a reschedule of one booking race: one wins, and the counters equal the live bookings', async () => {
    const c = await openCentre(api);
    const me = await resident(api);
    const [s1, s2] = await openSlots(api, me.token, c.id);
    for (let round = 0; round < 3; round++) {
      const b = await booked(api, me.token, { centreId: c.id, offeringId: 'shebao', date: s1!.date, start: s1!.start });
      const [cancel, move] = await Promise.all([
        api.call('POST', `/bookings/${b.id}/cancellation`, { token: me.token, body: { version: 1 } }),
        api.call('POST', `/bookings/${b.id}/reschedule`, { token: me.token, body: { date: s2!.date, start: s2!.start, version: 1 }, headers: { 'idempotency-key': idemKey('rs') } }),
      ]);
      expect([cancel.status, move.status].filter((s) => s === 200)).toHaveLength(1);
      const final = BookingResponse.parse((await api.call('GET', `/bookings/${b.id}`, { token: me.token })).body).booking;
      const live = final.status === 'booked' ? final.start : null;
      expect(await taken(me.token, c.id, s1!.date, s1!.start)).toBe(0);
      expect(await taken(me.token, c.id, s2!.date, s2!.start)).toBe(live === s2!.start ? 1 : 0);
      if (final.status === 'booked') await api.call('POST', `/bookings/${b.id}/cancellation`, { token: me.token, body: { version: final.version } });
    }
  }, 30_000);

  it('lets a grid worker book for a resident of his grid (代办); both see it; a stranger may not book for others', async () => {
    const c = await openCentre(api);
    const elder = await resident(api, '李大爷');
    const [slot] = await openSlots(api, elder.token, c.id);
    const body = { centreId: c.id, offeringId: 'youdai', date: slot!.date, start: slot!.start, forUserId: elder.userId };
    const gw = await api.tokenFor('grid_worker');
    const res = await book(api, gw, body);
    expect(res.status).toBe(201);
    expect(res.body.booking).toMatchObject({ personName: '李大爷', bookedByNote: expect.stringMatching(/^网格员.+代约$/) });
    const ids = (t: string) => api.call('GET', '/bookings/mine', { token: t }).then((r) => BookingListResponse.parse(r.body).items.map((b) => b.id));
    expect(await ids(elder.token)).toContain(res.body.booking.id);
    expect(await ids(gw)).toContain(res.body.booking.id);
    const stranger = await resident(api, '路人甲');
    expect((await book(api, stranger.token, body)).status).toBe(403);
  });

  it('lets staff edit a centre only at the version they read, and names what is wrong', async () => {
    const c = await openCentre(api);
    const token = await api.tokenFor('service_staff');
    const put = (body: Record<string, unknown>) => api.call('PUT', `/centres/${c.id}`, { token, body });
    const ok = await put({ ...centreSettings({ name: '新名字服务中心' }), version: 1 });
    expect([ok.status, ok.body.centre.version, ok.body.centre.name]).toEqual([200, 2, '新名字服务中心']);
    expect((await put({ ...centreSettings(), version: 1 })).body.error.code).toBe('stale');
    const bad = await put({ ...centreSettings({ offerings: [{ id: 'x', name: '调解', minutes: 30, room: 'nowhere' }] }), version: 2 });
    expect(bad.body.error.fields).toEqual([{ field: 'offerings.0.room', message: '没有这个房间' }]);
    const gap = await put({ ...centreSettings({ rules: { workday: [{ start: '17:30', end: '20:00', slotMinutes: 40, windows: 1 }], restday: [] } }), version: 2 });
    expect(gap.body.error.fields[0]).toEqual({ field: 'rules.workday.0.slotMinutes', message: '开放时长应能被每段时长整除' });
    expect((await api.call('PUT', '/centres/ct-foguang', { token, body: { ...centreSettings(), version: 1 } })).status).toBe(403);
  });
});
