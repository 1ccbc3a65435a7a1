/**
 * What residents do with the booking service: look at a day's slots and book one (or join the
 * waitlist of a full one, or give up), cancel or move a booking before its cut-off, and answer an
 * offer of a freed place. Each booking's fate is drawn when it is acknowledged, from its centre's
 * stream, so a centre's draws do not depend on how centres interleave.
 */
import { createHash } from 'node:crypto';
import type { BookingDto, WaitEntryDto } from '@linli/shared';
import type { CentreRecord } from '../../../functions/src/booking/domain/centre';
import type { Random } from '../engine/random';
import { addDaysTo } from '../oracle';
import { brief, instant, iso, minutesOf, OFFERINGS, slotKey, BookingPart, type Bk } from './booking-model';

/** Which slot a resident would rather have (evenings after work; weekend mornings). */
const PREFERENCE: Record<string, number> = {
  '17:30': 2, '18:00': 10, '18:30': 9, '19:00': 2, '19:30': 1,
  '09:00': 3, '09:30': 6, '10:00': 6, '10:30': 3, '11:00': 2, '11:30': 1, '14:00': 1, '14:30': 2, '15:00': 3, '15:30': 2, '16:00': 1, '16:30': 1,
};

export class BookingResidents extends BookingPart {

  private pickResident(c: CentreRecord, date: string, elder: boolean, r: Random) {
    const residents = this.sim.people.residentsOf.get(c.communityId) ?? [];
    const elders = residents.filter((p) => p.elder);
    const pool = elder && elders.length ? elders : residents;
    for (let attempt = 0; attempt < 8; attempt++) {
      let who = r.pick(pool);
      for (let tries = 0; tries < 4 && !r.chance(Math.max(who.activity, 0.05)); tries++) who = r.pick(pool);
      if (!this.model.busy(who.user.id, c.id, date)) return who;
    }
    return null;
  }

  async tryBook(d: Record<string, string>): Promise<void> {
    const { sim } = this;
    const c = this.model.centre(d.centreId!);
    await this.model.settle(c);
    const r = this.model.rngOf(c.id);
    const elder = d.elder === '1';
    const person = this.pickResident(c, d.date!, elder, r);
    if (!person) return;
    const offeringId = OFFERINGS[r.weighted(OFFERINGS.map(([, w, ew]) => (person.elder ? ew : w)))]![0];
    const [day] = await this.model.slotList(c, person.user, offeringId, d.date!, 1);
    if (!day || day.date !== d.date) return sim.fail(`slots of ${c.id} on ${d.date}`, `the list has no such day`);
    const candidates = day.slots.filter((s) => s.state !== 'started' && s.capacity > 0);
    const weight = (start: string) => (PREFERENCE[start] ?? 1) * (person.elder && minutesOf(start) < 12 * 60 ? 3 : 1);
    if (!candidates.length) {
      this.state.figures.gaveUp++;
      return;
    }
    let choice = candidates[r.weighted(candidates.map((s) => weight(s.start)))]!;
    this.model.touch(c, person.user.id);
    const key = `sim-${sim.seed}-book-${c.id}-${d.n}`;
    if (choice.state === 'full') {
      const x = r.next();
      if (x < 0.55) return this.joinLine(c, person.user.id, offeringId, d.date!, choice.start, key);
      const open = candidates.filter((s) => s.state === 'open');
      if (x >= 0.8 || !open.length) {
        this.state.figures.gaveUp++;
        return;
      }
      choice = open[r.weighted(open.map((s) => weight(s.start)))]!;
    }
    const res = await sim.world.api.call<{ booking: BookingDto }>(person.user, 'POST', '/bookings', {
      key, kind: 'booking', body: { centreId: c.id, offeringId, date: d.date, start: choice.start, notify: ['day_before', 'hour_before'] },
    });
    const what = `booking ${d.date} ${choice.start} at ${c.id} by ${person.user.id}`;
    if (this.model.paused(person.user.id)) {
      if (res.status !== 409 || (res.body as { error?: { code?: string } }).error?.code !== 'booking_paused') sim.fail(what, `the person is paused until ${this.state.pauses[person.user.id]}, the product answered ${res.status} ${brief(res.body)}`);
      this.state.figures.refusedPaused++;
      return;
    }
    if (res.status !== 201 && res.status !== 200) sim.fail(what, `answered ${res.status} ${brief(res.body)}; the recount has ${this.model.taken(c.id, d.date!, choice.start)} of ${choice.capacity} taken`);
    const b = res.body.booking;
    if (this.state.bookings[b.id]) return; // a resumed day replaying its booking
    if (b.status !== 'booked' || b.date !== d.date || b.start !== choice.start || b.userId !== person.user.id) sim.fail(what, `acknowledged as ${b.status} ${b.date} ${b.start} for ${b.userId}`);
    this.state.bookings[b.id] = { id: b.id, centreId: c.id, userId: person.user.id, offeringId, date: b.date, start: b.start, code: b.code, status: 'booked', version: b.version };
    this.state.figures.made++;
    this.planFate(c, this.state.bookings[b.id]!);
  }

  private async joinLine(c: CentreRecord, userId: string, offeringId: string, date: string, start: string, key: string): Promise<void> {
    const { sim } = this;
    const user = sim.people.user(userId);
    const res = await sim.world.api.call<{ entry: WaitEntryDto }>(user, 'POST', `/centres/${c.id}/waitlist`, { key, kind: 'booking_waitlist', body: { offeringId, date, start, notify: ['offer'] } });
    const what = `waitlist ${date} ${start} at ${c.id} for ${userId}`;
    if (this.model.paused(userId)) {
      if (res.status !== 409 || (res.body as { error?: { code?: string } }).error?.code !== 'booking_paused') sim.fail(what, `the person is paused, the product answered ${res.status} ${brief(res.body)}`);
      this.state.figures.refusedPaused++;
      return;
    }
    if (res.status !== 201) sim.fail(what, `answered ${res.status} ${brief(res.body)}`);
    const k = slotKey(c.id, date, start);
    const line = (this.state.lines[k] ??= []);
    if (line.some((w) => w.userId === userId)) return; // replayed
    line.push({ userId, offeringId, joinedAt: iso(sim.clock.ms), status: 'waiting', holdUntil: null });
    line.sort((a, b) => a.joinedAt.localeCompare(b.joinedAt) || a.userId.localeCompare(b.userId));
    const position = line.filter((w) => w.status === 'waiting').findIndex((w) => w.userId === userId) + 1;
    const e = res.body.entry;
    if (e.status !== 'waiting' || e.position !== position) sim.fail(what, `joined as ${e.status} at position ${e.position}, the recount has waiting at ${position}`);
    this.state.figures.waitlisted++;
  }

  /** What becomes of a booking: ~10% cancelled, ~5% moved (both before the cut-off), the rest met at the desk. */
  private planFate(c: CentreRecord, b: Bk): void {
    const { sim } = this;
    const r = this.model.rngOf(c.id);
    const now = sim.clock.ms;
    const startsAt = instant(b.date, b.start);
    const cutoff = startsAt - Math.max(c.policy.cancelCutoffMinutes, c.policy.rescheduleCutoffMinutes) * 60_000 - 60_000;
    const x = r.next();
    const room = cutoff - now - 5 * 60_000;
    if (x < 0.15 && room > 10 * 60_000) {
      const at = now + 5 * 60_000 + r.next() * room;
      sim.schedule(at, x < 0.1 ? 'book.cancel' : 'book.move', { key: `book-${c.id}`, id: b.id });
    }
    sim.schedule(startsAt + r.int(25) * 60_000, 'book.desk', { key: `book-${c.id}`, id: b.id, date: b.date, start: b.start });
  }

  async cancel(d: Record<string, string>): Promise<void> {
    const { sim } = this;
    const b = this.model.live(d.id!);
    if (!b) return;
    const c = this.model.centre(b.centreId);
    await this.model.settle(c);
    if (instant(b.date, b.start) - c.policy.cancelCutoffMinutes * 60_000 <= sim.clock.ms) return;
    const res = await sim.world.api.call<{ booking: BookingDto }>(sim.people.user(b.userId), 'POST', `/bookings/${b.id}/cancellation`, { kind: 'booking_cancel', body: { version: b.version, reason: '临时有事，改天再来' } });
    this.model.expectBooking(`cancelling ${b.id}`, res, { status: 'cancelled', version: b.version + 1 });
    b.status = 'cancelled';
    b.version++;
    this.state.figures.cancelled++;
    this.model.touch(c, b.userId);
    this.model.freePlace(c, b.date, b.start, sim.clock.ms);
  }

  async move(d: Record<string, string>): Promise<void> {
    const { sim } = this;
    const b = this.model.live(d.id!);
    if (!b) return;
    const c = this.model.centre(b.centreId);
    await this.model.settle(c);
    const now = sim.clock.ms;
    if (instant(b.date, b.start) - c.policy.rescheduleCutoffMinutes * 60_000 <= now) return;
    const r = this.model.rngOf(c.id);
    let date = b.date;
    if (r.chance(0.5)) {
      const other = addDaysTo(b.date, 1 + r.int(6));
      const last = addDaysTo(sim.today.date, c.policy.aheadDays);
      if (other <= last && !this.model.busy(b.userId, c.id, other)) date = other;
    }
    const user = sim.people.user(b.userId);
    const [day] = await this.model.slotList(c, user, b.offeringId, date, 1);
    const open = (day?.slots ?? []).filter((s) => s.state === 'open' && !(date === b.date && s.start === b.start));
    this.model.touch(c, b.userId);
    if (!open.length) return;
    const to = open[r.int(open.length)]!;
    const res = await sim.world.api.call<{ booking: BookingDto }>(user, 'POST', `/bookings/${b.id}/reschedule`, {
      key: `sim-${sim.seed}-move-${b.id}-${b.version}`, kind: 'booking_reschedule', body: { date, start: to.start, version: b.version },
    });
    const got = this.model.expectBooking(`moving ${b.id} to ${date} ${to.start}`, res, { status: 'booked', date, start: to.start, version: b.version + 1 });
    const from = { date: b.date, start: b.start };
    Object.assign(b, { date, start: to.start, code: got.code, version: got.version });
    this.state.figures.rescheduled++;
    this.model.freePlace(c, from.date, from.start, now);
    sim.schedule(instant(b.date, b.start) + r.int(25) * 60_000, 'book.desk', { key: `book-${c.id}`, id: b.id, date: b.date, start: b.start });
  }

  /** The first in line is told a place is held: he looks, then accepts (most), withdraws, or lets it lapse. */
  async onOffer(d: Record<string, string>): Promise<void> {
    const { sim } = this;
    const c = this.model.centre(d.centreId!);
    await this.model.settle(c);
    const now = sim.clock.ms;
    const w = (this.state.lines[slotKey(c.id, d.date!, d.start!)] ?? []).find((x) => x.userId === d.userId);
    if (!w || w.status !== 'offered' || w.holdUntil! <= now) return;
    const user = sim.people.user(w.userId);
    const what = `offer of ${d.date} ${d.start} at ${c.id} to ${w.userId}`;
    const mine = await sim.world.api.call<{ items: WaitEntryDto[] }>(user, 'GET', '/waitlist/mine', { kind: 'booking_read' });
    if (mine.status !== 200) sim.fail(what, `his waitlist answered ${mine.status}`);
    const e = mine.body.items.find((x) => x.centreId === c.id && x.date === d.date && x.start === d.start);
    if (!e || e.status !== 'offered' || Date.parse(e.holdUntil ?? '') !== w.holdUntil) {
      sim.fail(what, `his waitlist shows ${e ? `${e.status} until ${e.holdUntil}` : 'nothing'}, the recount has offered until ${iso(w.holdUntil!)}`);
    }
    const x = this.model.rngOf(c.id).next();
    const body = { offeringId: w.offeringId, date: d.date, start: d.start };
    if (x < 0.7) {
      const res = await sim.world.api.call<{ booking: BookingDto }>(user, 'POST', `/centres/${c.id}/waitlist/acceptance`, { key: `sim-${sim.seed}-acc-${createHash('sha256').update(`${c.id}|${d.date}|${d.start}|${w.userId}`).digest('hex').slice(0, 32)}`, kind: 'booking', body });
      const got = this.model.expectBooking(`accepting the ${what}`, res, { status: 'booked', date: d.date, start: d.start, userId: w.userId });
      this.model.removeFromLine(c, d.date!, d.start!, w.userId);
      this.state.bookings[got.id] = { id: got.id, centreId: c.id, userId: w.userId, offeringId: w.offeringId, date: got.date, start: got.start, code: got.code, status: 'booked', version: got.version };
      this.state.figures.accepted++;
      this.state.figures.made++;
      this.planFate(c, this.state.bookings[got.id]!);
    } else if (x < 0.8) {
      const res = await sim.world.api.call(user, 'POST', `/centres/${c.id}/waitlist/withdrawal`, { kind: 'booking_waitlist', body });
      if (res.status !== 200) sim.fail(`withdrawing from the ${what}`, `answered ${res.status} ${brief(res.body)}`);
      this.model.removeFromLine(c, d.date!, d.start!, w.userId);
      this.state.figures.withdrawn++;
      this.model.freePlace(c, d.date!, d.start!, now);
    }
    // Otherwise he does nothing: the hold lapses at the tick.
  }
}
