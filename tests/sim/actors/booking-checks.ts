/**
 * The booking recount's end of day: for the centres and people with activity only (reading every
 * centre every day would cost more than the day itself), the day sheet of each centre open today,
 * the free places of every day ahead, and each active resident's bookings, pause and waitlist
 * entries, each compared with the model; then the settled past is dropped to keep the state small.
 */
import type { BookingDto, CentreDayResponse, WaitEntryDto } from '@linli/shared';
import type { CentreRecord } from '../../../functions/src/booking/domain/centre';
import { checkEach } from '../engine/context';
import { addDaysTo } from '../oracle';
import { brief, iso, OFFERINGS, slotKey, BookingPart, type Status } from './booking-model';

const POOL = 'windows';

export class BookingChecks extends BookingPart {

  async checkDay(): Promise<number> {
    const { sim } = this;
    const today = sim.today.date;
    let checked = 0;
    for (const c of sim.city.centres) await this.model.settle(c);
    const sheets = new Set([...this.state.touchedCentres, ...Object.values(this.state.bookings).filter((b) => b.date === today).map((b) => b.centreId)]);
    checked += await checkEach(sheets, async (id) => {
      const c = this.model.centre(id);
      return this.model.slotsOf(c, today).length ? this.checkSheet(c, today) : 0;
    });
    // The free places of every day ahead, where anything happened today.
    checked += await checkEach(this.state.touchedCentres, async (id) => {
      const c = this.model.centre(id);
      const days = await this.model.slotList(c, sim.people.staffOf('service_staff', c.communityId), OFFERINGS[0]![0], addDaysTo(today, 1), c.policy.aheadDays, true);
      return days.reduce((n, day) => n + day.slots.length, 0);
    });
    checked += await checkEach(this.state.touchedUsers, (userId) => this.checkPerson(userId));
    // Past days are settled: keep the state small.
    for (const [id, b] of Object.entries(this.state.bookings)) if (b.date <= today) delete this.state.bookings[id];
    for (const k of Object.keys(this.state.lines)) if (k.split('|')[1]! <= today) delete this.state.lines[k];
    const oldest = addDaysTo(today, -200);
    for (const [u, dates] of Object.entries(this.state.noShows)) {
      const keep = dates.filter((x) => x >= oldest);
      if (keep.length) this.state.noShows[u] = keep;
      else delete this.state.noShows[u];
    }
    for (const [u, until] of Object.entries(this.state.pauses)) if (until <= today) delete this.state.pauses[u];
    this.state.touchedCentres = [];
    this.state.touchedUsers = [];
    return checked;
  }

  /** The centre's day sheet: every window slot's capacity, bookings (ids and statuses), places taken and held, and the day's counts. */
  private async checkSheet(c: CentreRecord, date: string): Promise<number> {
    const { sim } = this;
    const res = await sim.world.api.call<CentreDayResponse>(sim.people.staffOf('service_staff', c.communityId), 'GET', `/centres/${c.id}/days/${date}`, { kind: 'booking_sheet', recount: true });
    const what = `day sheet of ${c.id} on ${date}`;
    if (res.status !== 200) sim.fail(what, `answered ${res.status} ${brief(res.body)}`);
    const sheet = res.body;
    const want = this.model.slotsOf(c, date);
    const windows = sheet.slots.filter((s) => s.pool === POOL);
    if (windows.map((s) => s.start).join(',') !== want.map((s) => s.start).join(',')) sim.fail(what, `window slots ${windows.map((s) => s.start).join(',')}, the recount has ${want.map((s) => s.start).join(',')}`);
    const stray = sheet.slots.filter((s) => s.capacity === 0 && s.bookings.length && s.pool === POOL && !want.some((w) => w.start === s.start));
    if (stray.length) sim.fail(what, `bookings outside the day's slots: ${stray.map((s) => s.start).join(',')}`);
    for (const [i, s] of windows.entries()) {
      const w = want[i]!;
      const mine = this.model.bookingsAt(c.id, date, s.start);
      const live = mine.filter((b) => b.status !== 'cancelled');
      const held = (this.state.lines[slotKey(c.id, date, s.start)] ?? []).filter((x) => x.status === 'offered').length;
      const taken = live.filter((b) => b.status === 'booked' || b.status === 'checked_in').length;
      const got = s.bookings.map((b) => `${b.id}:${b.status}`).sort().join(' ');
      const expected = live.map((b) => `${b.id}:${b.status}`).sort().join(' ');
      const slot = `${what} ${s.start}`;
      if (s.capacity !== w.capacity) sim.fail(slot, `capacity ${s.capacity}, the recount has ${w.capacity}`);
      if (s.taken > s.capacity) sim.fail(slot, `${s.taken} places taken of ${s.capacity}`);
      if (got !== expected) sim.fail(slot, `bookings [${got}], the recount has [${expected}]`);
      if (s.taken !== taken || s.held !== held) sim.fail(slot, `taken ${s.taken}, held ${s.held}; the recount has taken ${taken}, held ${held}`);
    }
    const mine = this.model.bookingsAt(c.id, date);
    const count = (st: Status) => mine.filter((b) => b.status === st).length;
    const summary = { booked: count('booked'), checkedIn: count('checked_in'), noShow: count('no_show'), cancelled: count('cancelled') };
    for (const [k, v] of Object.entries(summary)) {
      const g = (sheet.summary as Record<string, number>)[k];
      if (g !== v) sim.fail(what, `summary ${k} is ${g}, the recount has ${v}`);
    }
    return windows.length + 4;
  }

  /** A resident's bookings from today on and his waitlist entries, as he sees them. */
  private async checkPerson(userId: string): Promise<number> {
    const { sim } = this;
    const today = sim.today.date;
    const user = sim.people.user(userId);
    const res = await sim.world.api.call<{ items: BookingDto[]; pause: { until: string } | null }>(user, 'GET', '/bookings/mine', { kind: 'booking_read', recount: true });
    if (res.status !== 200) sim.fail(`bookings of ${userId}`, `answered ${res.status}`);
    const got = res.body.items.map((b) => `${b.id}:${b.status}:${b.date}:${b.start}:v${b.version}`).sort().join(' ');
    const want = Object.values(this.state.bookings)
      .filter((b) => b.userId === userId && b.date >= today)
      .map((b) => `${b.id}:${b.status}:${b.date}:${b.start}:v${b.version}`)
      .sort()
      .join(' ');
    if (got !== want) sim.fail(`bookings of ${userId}`, `the product lists [${got}], the recount has [${want}]`);
    const pausedUntil = this.model.paused(userId) ? this.state.pauses[userId]! : null;
    if ((res.body.pause?.until ?? null) !== pausedUntil) sim.fail(`bookings of ${userId}`, `paused until ${res.body.pause?.until ?? 'never'}, the recount has ${pausedUntil ?? 'never'}`);
    const waits = await sim.world.api.call<{ items: WaitEntryDto[] }>(user, 'GET', '/waitlist/mine', { kind: 'booking_read', recount: true });
    if (waits.status !== 200) sim.fail(`waitlist of ${userId}`, `answered ${waits.status}`);
    const gotW = waits.body.items.map((e) => `${e.centreId}|${e.date}|${e.start}:${e.status}:${e.position ?? '-'}:${e.holdUntil ?? '-'}`).sort().join(' ');
    const wantW: string[] = [];
    for (const [k, line] of Object.entries(this.state.lines)) {
      if (k.split('|')[1]! < today) continue;
      const waiting = line.filter((w) => w.status === 'waiting');
      for (const w of line) {
        if (w.userId !== userId) continue;
        wantW.push(`${k}:${w.status}:${w.status === 'waiting' ? waiting.indexOf(w) + 1 : '-'}:${w.holdUntil === null ? '-' : iso(w.holdUntil)}`);
      }
    }
    if (gotW !== wantW.sort().join(' ')) sim.fail(`waitlist of ${userId}`, `the product lists [${gotW}], the recount has [${wantW.join(' ')}]`);
    return 2;
  }
}
