/**
 * Waitlists on the real local store: a full slot keeps a line; a place given up is held for the first
 * in line (the hold counts against capacity), accepted, declined or lapsed to the next — and under
 * racing requests the counter always equals live bookings plus held offers.
 */
import { BookingResponse, SlotsResponse, WaitEntryListResponse, WaitEntryResponse } from '@linli/shared';
import { booked, book, openCentre, openSlots, resident } from '../support/booking';
import { idemKey } from '../support/builders';
import { startTestApi, type TestApi } from '../support/harness';

const ONE_WINDOW = [{ start: '08:00', end: '22:00', slotMinutes: 30, windows: 1 }];

describe('waitlists', () => {
  let api: TestApi;
  let deps: ReturnType<typeof import('../../functions/src/composition').getDeps>;
  let lapse: (now: Date) => Promise<unknown>;
  beforeAll(async () => {
    api = await startTestApi();
    deps = (await import('../../functions/src/composition')).getDeps();
    const { lapseOffersTask } = await import('../../functions/src/booking/domain/waitlist');
    lapse = (now) => lapseOffersTask(deps).run(now, 200);
  });
  afterAll(() => api.stop());

  const taken = async (token: string, centreId: string, date: string, start: string) => {
    const res = await api.call('GET', `/centres/${centreId}/slots?offeringId=shebao&from=${date}&days=1`, { token });
    const s = SlotsResponse.parse(res.body).days[0]!.slots.find((x) => x.start === start)!;
    return s.capacity - s.left;
  };
  const join = (token: string, centreId: string, slot: { date: string; start: string }, key = idemKey('wait')) =>
    api.call('POST', `/centres/${centreId}/waitlist`, { token, body: { offeringId: 'shebao', date: slot.date, start: slot.start }, headers: { 'idempotency-key': key } });
  const accept = (token: string, centreId: string, slot: { date: string; start: string }, key = idemKey('accept')) =>
    api.call('POST', `/centres/${centreId}/waitlist/acceptance`, { token, body: { offeringId: 'shebao', date: slot.date, start: slot.start }, headers: { 'idempotency-key': key } });
  const mine = async (token: string) => WaitEntryListResponse.parse((await api.call('GET', '/waitlist/mine', { token })).body).items;
  const oneWindowCentre = () => openCentre(api, { rules: { workday: ONE_WINDOW, restday: ONE_WINDOW, holiday: null }, policy: { holdMinutes: 30 } });

  it('queues people on a full slot, offers a freed place to the first in line, who takes it; nobody else can', async () => {
    const c = await oneWindowCentre();
    const [a, b, cc, d] = await Promise.all([resident(api, '甲居民'), resident(api, '乙居民'), resident(api, '丙居民'), resident(api, '丁居民')]);
    const [slot] = await openSlots(api, a.token, c.id);
    expect((await join(b.token, c.id, slot!)).body.error.code).toBe('slot_open');
    const first = await booked(api, a.token, { centreId: c.id, offeringId: 'shebao', date: slot!.date, start: slot!.start });
    const key = idemKey('wait');
    const joined = await join(b.token, c.id, slot!, key);
    expect(joined.status).toBe(201);
    expect(WaitEntryResponse.parse(joined.body).entry).toMatchObject({ status: 'waiting', statusLabel: '候补中', position: 1 });
    expect((await join(b.token, c.id, slot!, key)).body.entry.position).toBe(1); // a double tap
    expect((await join(b.token, c.id, slot!)).body.error.code).toBe('already_waiting');
    expect((await join(cc.token, c.id, slot!)).body.entry.position).toBe(2);
    expect((await join(a.token, c.id, slot!)).body.error.code).toBe('daily_limit'); // he holds a place already

    await api.call('POST', `/bookings/${first.id}/cancellation`, { token: a.token, body: { version: 1 } });
    expect(await taken(a.token, c.id, slot!.date, slot!.start)).toBe(1); // held for 乙
    const sheet = (await api.call('GET', `/centres/${c.id}/days/${slot!.date}`, { token: await api.tokenFor('service_staff') })).body;
    expect(sheet.slots.find((s: { start: string; pool: string }) => s.start === slot!.start && s.pool === 'windows')).toMatchObject({ taken: 0, held: 1 });
    const [offer] = await mine(b.token);
    expect(offer).toMatchObject({ status: 'offered', statusLabel: '有空位，请尽快确认', position: null });
    expect(Date.parse(offer!.holdUntil!) - Date.now()).toBeGreaterThan(25 * 60_000);
    expect((await book(api, d.token, { centreId: c.id, offeringId: 'shebao', date: slot!.date, start: slot!.start })).body.error.code).toBe('slot_full');
    expect((await accept(cc.token, c.id, slot!)).body.error.code).toBe('offer_gone'); // not his turn
    expect((await mine(cc.token))[0]).toMatchObject({ status: 'waiting', position: 1 });

    const akey = idemKey('accept');
    const got = await accept(b.token, c.id, slot!, akey);
    expect(got.status).toBe(201);
    expect(BookingResponse.parse(got.body).booking).toMatchObject({ status: 'booked', start: slot!.start, history: [expect.objectContaining({ what: '候补到号，转为预约' })] });
    expect((await accept(b.token, c.id, slot!, akey)).body.booking.id).toBe(got.body.booking.id); // replayed
    expect(await taken(a.token, c.id, slot!.date, slot!.start)).toBe(1);
    expect(await mine(b.token)).toEqual([]);
  });

  it('passes a lapsed or declined offer to the next in line, and back to the slot when the line is empty', async () => {
    const c = await oneWindowCentre();
    const [a, b, cc] = await Promise.all([resident(api, '甲居民'), resident(api, '乙居民'), resident(api, '丙居民')]);
    const [slot] = await openSlots(api, a.token, c.id);
    const first = await booked(api, a.token, { centreId: c.id, offeringId: 'shebao', date: slot!.date, start: slot!.start });
    await join(b.token, c.id, slot!);
    await join(cc.token, c.id, slot!);
    await api.call('POST', `/bookings/${first.id}/cancellation`, { token: a.token, body: { version: 1 } });
    const held = (await mine(b.token))[0]!;
    await lapse(new Date(Date.parse(held.holdUntil!) - 60_000)); // not yet
    expect((await mine(b.token))[0]!.status).toBe('offered');
    await lapse(new Date(Date.parse(held.holdUntil!) + 1000));
    expect(await mine(b.token)).toEqual([]);
    expect((await mine(cc.token))[0]!.status).toBe('offered');
    expect((await accept(b.token, c.id, slot!)).body.error.code).toBe('offer_gone');
    // 丙 declines: nobody else waits, so the place goes back to the slot.
    const left = await api.call('POST', `/centres/${c.id}/waitlist/withdrawal`, { token: cc.token, body: { offeringId: 'shebao', date: slot!.date, start: slot!.start } });
    expect(left.body).toEqual({ left: true });
    expect(await taken(a.token, c.id, slot!.date, slot!.start)).toBe(0);
  });

  it('keeps counter = live bookings + held offers when cancellations, acceptances and lapses race', async () => {
    const c = await openCentre(api, { rules: { workday: [{ start: '08:00', end: '22:00', slotMinutes: 30, windows: 3 }], restday: [{ start: '08:00', end: '22:00', slotMinutes: 30, windows: 3 }], holiday: null } });
    const people = await Promise.all(Array.from({ length: 7 }, (_, i) => resident(api, `居民${i}`)));
    const [slot] = await openSlots(api, people[0]!.token, c.id);
    const holders = people.slice(0, 3);
    const bookings = await Promise.all(holders.map((p) => booked(api, p.token, { centreId: c.id, offeringId: 'shebao', date: slot!.date, start: slot!.start })));
    const waiting = people.slice(3);
    for (const p of waiting) expect((await join(p.token, c.id, slot!)).status).toBe(201);
    // All three give up at once: three offers, to the first three in line, in some order.
    const cancels = await Promise.all(bookings.map((b, i) => api.call('POST', `/bookings/${b.id}/cancellation`, { token: holders[i]!.token, body: { version: 1 } })));
    expect(cancels.map((r) => r.status)).toEqual([200, 200, 200]);
    const states = await Promise.all(waiting.map(async (p) => (await mine(p.token))[0]?.status));
    expect(states).toEqual(['offered', 'offered', 'offered', 'waiting']);
    expect(await taken(people[0]!.token, c.id, slot!.date, slot!.start)).toBe(3);
    // The first accepts while the lapse task runs past every hold: each offer is either accepted or passed on, never both.
    const far = new Date(Date.now() + 31 * 60_000);
    const [acc] = await Promise.all([accept(waiting[0]!.token, c.id, slot!), lapse(far)]);
    const accepted = acc.status === 201 ? 1 : 0;
    const after = await Promise.all(waiting.map(async (p) => (await mine(p.token))[0]?.status ?? null));
    const held = after.filter((s) => s === 'offered').length;
    expect(await taken(people[0]!.token, c.id, slot!.date, slot!.start)).toBe(accepted + held);
    expect(accepted + held).toBeLessThanOrEqual(3);
    const live = (await api.call('GET', `/centres/${c.id}/days/${slot!.date}`, { token: await api.tokenFor('service_staff') })).body.summary.booked;
    expect(live).toBe(accepted);
  }, 30_000);
});
