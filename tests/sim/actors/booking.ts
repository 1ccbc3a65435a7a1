/**
 * 延时服务 in the simulation: residents book their community's service centre for weekday evenings
 * and the rota weekend day (elders mostly weekend mornings), the popular evening slots fill up and
 * some then join the waitlist; some cancel or reschedule, the freed places are offered to the first
 * in line (who accepts, withdraws or lets the hold lapse at the tick), and the desk checks people in
 * at the slot time or marks them no-show (three in 30 days pause online booking).
 *
 * The recount follows every acknowledged change and predicts every answer (a centre's events run in
 * order, so nothing races for its places): which slots a day has and their capacity (from the
 * centre's rules and the calendar files), each slot's free places (live bookings plus held offers),
 * who gets a freed place and until when, and the no-show pause. Each day, for the centres and
 * people with activity only: the day sheet of every centre open today, the free places of every
 * day ahead, and each active resident's bookings and waitlist entries.
 */
import { createHash } from 'node:crypto';
import type { BookingDto, CentreDayResponse, SlotsResponse, WaitEntryDto } from '@linli/shared';
import type { CentreRecord } from '../../../functions/src/booking/domain/centre';
import type { SimEvent } from '../engine/queue';
import { checkEach, type Sim } from '../engine/context';
import { Random } from '../engine/random';
import { addDaysTo, chinaMidnight } from '../oracle';
import { minuteOfDay } from '../profile';

/** Window offerings residents book (all share the centre's windows): id, weight, weight for elders. */
const OFFERINGS: [id: string, weight: number, elderWeight: number][] = [
  ['shebao', 4, 2], ['youdai', 2, 6], ['canji', 1, 1], ['juzhu', 3, 1],
];
/** Which slot a resident would rather have (evenings after work; weekend mornings). */
const PREFERENCE: Record<string, number> = {
  '17:30': 2, '18:00': 10, '18:30': 9, '19:00': 2, '19:30': 1,
  '09:00': 3, '09:30': 6, '10:00': 6, '10:30': 3, '11:00': 2, '11:30': 1, '14:00': 1, '14:30': 2, '15:00': 3, '15:30': 2, '16:00': 1, '16:30': 1,
};
/** Booking attempts per centre for one open day: a few on a weekday evening, more on the rota weekend day. */
const DEMAND = { workday: 7.5, restday: 16 };
/** How far ahead people book: share of a day's attempts made 0, 1, 2 … 14 days before. */
const LEAD = [0.3, 0.2, 0.12, 0.08, 0.05, 0.05, 0.05, ...Array.from({ length: 8 }, () => 0.15 / 8)];
const MIN_HOLD_MS = 5 * 60_000;
const POOL = 'windows';

type Status = 'booked' | 'cancelled' | 'checked_in' | 'no_show';
interface Bk {
  id: string;
  centreId: string;
  userId: string;
  offeringId: string;
  date: string;
  start: string;
  code: string;
  status: Status;
  version: number;
}
interface Wait {
  userId: string;
  offeringId: string;
  joinedAt: string;
  status: 'waiting' | 'offered';
  holdUntil: number | null;
}

export interface BookingFigures {
  made: number;
  cancelled: number;
  rescheduled: number;
  checkedIn: number;
  noShows: number;
  waitlisted: number;
  offered: number;
  accepted: number;
  withdrawn: number;
  lapsed: number;
  paused: number;
  refusedPaused: number;
  gaveUp: number;
}

export interface BookingState {
  bookings: Record<string, Bk>;
  /** Waitlists by `centreId|date|start`, in the product's order (joined, then user id). */
  lines: Record<string, Wait[]>;
  /** Dates of each person's no-shows (the pause rule counts them). */
  noShows: Record<string, string[]>;
  /** Online booking paused until (exclusive) this date. */
  pauses: Record<string, string>;
  /** Centres and people with activity today (the day's checks read only those). */
  touchedCentres: string[];
  touchedUsers: string[];
  figures: BookingFigures;
}

export const emptyBooking = (): BookingState => ({
  bookings: {}, lines: {}, noShows: {}, pauses: {}, touchedCentres: [], touchedUsers: [],
  figures: { made: 0, cancelled: 0, rescheduled: 0, checkedIn: 0, noShows: 0, waitlisted: 0, offered: 0, accepted: 0, withdrawn: 0, lapsed: 0, paused: 0, refusedPaused: 0, gaveUp: 0 },
});

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const clockOf = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const instant = (date: string, hhmm: string): number => chinaMidnight(date) + minutesOf(hhmm) * 60_000;
const slotKey = (centreId: string, date: string, start: string): string => `${centreId}|${date}|${start}`;
const iso = (ms: number): string => new Date(ms).toISOString();
const brief = (body: unknown): string => JSON.stringify(body).slice(0, 300);

interface RecountSlot {
  start: string;
  end: string;
  capacity: number;
}

export class BookingActor {
  private centres: Map<string, CentreRecord>;
  /** The actor's own stream of the day (the other actors' draws stay as they were), for planning. */
  private rng: Random;
  /** One stream per centre and day for its events: a centre's events run in order, centres side by side, so each centre draws the same numbers whatever the interleaving. */
  private rngs = new Map<string, Random>();
  private rngOf(centreId: string): Random {
    let r = this.rngs.get(centreId);
    if (!r) {
      let salt = 17;
      for (let i = 0; i < centreId.length; i++) salt = Math.imul(salt ^ centreId.charCodeAt(i), 0x01000193);
      r = Random.forDay(this.sim.seed, this.sim.today.index, salt);
      this.rngs.set(centreId, r);
    }
    return r;
  }

  constructor(
    private sim: Sim,
    readonly state: BookingState,
    /** The shared tick scheduler (the requests actor's: one tick per minute, whoever needs it). */
    private tickAt: (at: number) => void,
  ) {
    this.centres = new Map(sim.city.centres.map((c) => [c.id, c]));
    this.rng = Random.forDay(sim.seed, sim.today.index, 17);
  }

  /** The events this actor handles, for the driver's table. */
  handlers(): Record<string, (e: SimEvent) => Promise<void>> {
    type D = Record<string, string>;
    return {
      'book.try': (e) => this.tryBook(e.data as D),
      'book.cancel': (e) => this.cancel(e.data as D),
      'book.move': (e) => this.move(e.data as D),
      'book.desk': (e) => this.desk(e.data as D),
      'book.noshow': (e) => this.noShow(e.data as D),
      'book.offer': (e) => this.onOffer(e.data as D),
      'book.lapse': (e) => this.settle(this.centre((e.data as D).centreId!)),
    };
  }

  summary(): string {
    const f = this.state.figures;
    return `bookings ${f.made} made, ${f.cancelled} cancelled, ${f.rescheduled} moved, ${f.checkedIn} checked in, ${f.noShows} no-shows, ${f.waitlisted} waitlisted, ${f.offered} offers (${f.accepted} accepted, ${f.lapsed} lapsed)`;
  }

  private centre(id: string): CentreRecord {
    const c = this.centres.get(id);
    if (!c) throw new Error(`no centre ${id}`);
    return c;
  }

  private touch(c: CentreRecord, userId?: string): void {
    if (!this.state.touchedCentres.includes(c.id)) this.state.touchedCentres.push(c.id);
    if (userId && !this.state.touchedUsers.includes(userId)) this.state.touchedUsers.push(userId);
  }

  // ---- The recount's own model of a centre ----

  /** The window slots of a date and their online capacity, from the rules, the exceptions and the calendar files. */
  private slotsOf(c: CentreRecord, date: string): RecountSlot[] {
    const { cal } = this.sim;
    const exception = c.exceptions.find((e) => e.date === date);
    const kind = cal.isHoliday(date) ? 'holiday' : cal.isWorkday(date) ? 'workday' : 'restday';
    const blocks = exception ? (exception.kind === 'closed' ? [] : exception.blocks) : kind === 'holiday' ? (c.rules.holiday ?? c.rules.restday) : c.rules[kind];
    const out: RecountSlot[] = [];
    for (const b of blocks) {
      for (let m = minutesOf(b.start); m + b.slotMinutes <= minutesOf(b.end); m += b.slotMinutes) {
        out.push({ start: clockOf(m), end: clockOf(m + b.slotMinutes), capacity: Math.max(0, Math.floor(b.windows * (1 - c.policy.walkInShare) + 1e-9)) });
      }
    }
    return out;
  }

  private bookingsAt(centreId: string, date: string, start?: string): Bk[] {
    return Object.values(this.state.bookings).filter((b) => b.centreId === centreId && b.date === date && (start === undefined || b.start === start));
  }

  /** Places a slot's counter holds: bookings not cancelled (no-shows keep theirs) and held offers. */
  private taken(centreId: string, date: string, start: string): number {
    const line = this.state.lines[slotKey(centreId, date, start)] ?? [];
    return this.bookingsAt(centreId, date, start).filter((b) => b.status !== 'cancelled').length + line.filter((w) => w.status === 'offered').length;
  }

  private busy(userId: string, centreId: string, date: string): boolean {
    if (Object.values(this.state.bookings).some((b) => b.userId === userId && b.centreId === centreId && b.date === date && b.status !== 'cancelled')) return true;
    return Object.entries(this.state.lines).some(([k, line]) => k.startsWith(`${centreId}|${date}|`) && line.some((w) => w.userId === userId));
  }

  private paused(userId: string): boolean {
    const until = this.state.pauses[userId];
    return until !== undefined && until > this.sim.today.date;
  }

  /**
   * A place given up at `at`: held for the first still waiting (until the hold ends or the slot
   * starts) and the tick scheduled for its lapse, or back to the slot.
   */
  private freePlace(c: CentreRecord, date: string, start: string, at: number): void {
    const startsAt = instant(date, start);
    const until = Math.min(at + c.policy.holdMinutes * 60_000, startsAt);
    if (until - at < MIN_HOLD_MS) return;
    const line = this.state.lines[slotKey(c.id, date, start)] ?? [];
    const head = line.find((w) => w.status === 'waiting');
    if (!head) return;
    head.status = 'offered';
    head.holdUntil = until;
    this.state.figures.offered++;
    const { sim } = this;
    const r = this.rngOf(c.id);
    this.tickAt(until);
    sim.schedule(until + 60_000, 'book.lapse', { key: `book-${c.id}`, centreId: c.id });
    const window = Math.floor((until - at) / 60_000);
    sim.schedule(at + (1 + r.int(Math.max(1, window - 2))) * 60_000, 'book.offer', { key: `book-${c.id}`, centreId: c.id, date, start, userId: head.userId });
    this.touch(c, head.userId);
  }

  private removeFromLine(c: CentreRecord, date: string, start: string, userId: string): void {
    const k = slotKey(c.id, date, start);
    const line = (this.state.lines[k] ?? []).filter((w) => w.userId !== userId);
    if (line.length) this.state.lines[k] = line;
    else delete this.state.lines[k];
  }

  /** Offers whose hold ended before now were lapsed by the tick at their end: passed on from then. */
  private async settle(c: CentreRecord): Promise<void> {
    const now = this.sim.clock.ms;
    for (;;) {
      let first: { date: string; start: string; w: Wait } | null = null;
      for (const [k, line] of Object.entries(this.state.lines)) {
        if (!k.startsWith(`${c.id}|`)) continue;
        for (const w of line) {
          if (w.status === 'offered' && w.holdUntil! < now && (!first || w.holdUntil! < first.w.holdUntil!)) {
            const [, date, start] = k.split('|');
            first = { date: date!, start: start!, w };
          }
        }
      }
      if (!first) return;
      this.removeFromLine(c, first.date, first.start, first.w.userId);
      this.state.figures.lapsed++;
      this.touch(c, first.w.userId);
      this.freePlace(c, first.date, first.start, first.w.holdUntil!);
    }
  }

  // ---- What people do ----

  /** Today's booking attempts: for every open day within the horizon, a share by how far ahead people book. */
  planDay(): void {
    const { sim } = this;
    this.rng = Random.forDay(sim.seed, sim.today.index, 17);
    this.rngs.clear();
    const r = this.rng;
    const today = sim.today.date;
    for (const c of sim.city.centres) {
      if (!sim.people.residentsOf.get(c.communityId)?.length) continue;
      for (let lead = 0; lead <= Math.min(c.policy.aheadDays, LEAD.length - 1); lead++) {
        const date = addDaysTo(today, lead);
        const slots = this.slotsOf(c, date).filter((s) => s.capacity > 0);
        if (!slots.length) continue;
        const rest = !sim.cal.isWorkday(date);
        const n = r.poisson((rest ? DEMAND.restday : DEMAND.workday) * LEAD[lead]!);
        for (let k = 0; k < n; k++) {
          const elder = r.chance(rest ? 0.3 : 0.03);
          let minute = minuteOfDay(r);
          // The same day: people look before the last slot starts.
          if (lead === 0) minute = Math.min(minute, minutesOf(slots[slots.length - 1]!.start) - 10 - r.int(240));
          if (minute < 0) continue;
          sim.schedule(sim.today.start + minute * 60_000, 'book.try', { key: `book-${c.id}`, centreId: c.id, date, elder: elder ? '1' : '', n: `${sim.today.index}-${lead}-${k}` });
        }
      }
    }
  }

  private pickResident(c: CentreRecord, date: string, elder: boolean, r: Random) {
    const residents = this.sim.people.residentsOf.get(c.communityId) ?? [];
    const elders = residents.filter((p) => p.elder);
    const pool = elder && elders.length ? elders : residents;
    for (let attempt = 0; attempt < 8; attempt++) {
      let who = r.pick(pool);
      for (let tries = 0; tries < 4 && !r.chance(Math.max(who.activity, 0.05)); tries++) who = r.pick(pool);
      if (!this.busy(who.user.id, c.id, date)) return who;
    }
    return null;
  }

  /** A resident's view of a day's free places (the slot list), checked against the recount. */
  private async slotList(c: CentreRecord, as: Parameters<Sim['world']['api']['call']>[0], offeringId: string, from: string, days: number, recount = false): Promise<SlotsResponse['days']> {
    const res = await this.sim.world.api.call<SlotsResponse>(as, 'GET', `/centres/${c.id}/slots`, { query: { offeringId, from, days }, kind: 'booking_slots', recount });
    if (res.status !== 200) this.sim.fail(`slots of ${c.id} on ${from}`, `answered ${res.status} ${brief(res.body)}`);
    for (const day of res.body.days) this.compareDay(c, day);
    return res.body.days;
  }

  private compareDay(c: CentreRecord, day: SlotsResponse['days'][number]): void {
    const now = this.sim.clock.ms;
    const want = this.slotsOf(c, day.date);
    const what = `slots of ${c.id} on ${day.date}`;
    if (day.slots.map((s) => s.start).join(',') !== want.map((s) => s.start).join(',')) {
      this.sim.fail(what, `listed ${day.slots.map((s) => s.start).join(',') || 'none'}, the recount has ${want.map((s) => s.start).join(',') || 'none'} (${day.dayLabel})`);
    }
    day.slots.forEach((s, i) => {
      const w = want[i]!;
      const taken = this.taken(c.id, day.date, s.start);
      if (taken > w.capacity) this.sim.fail(`${what} ${s.start}`, `the recount followed the product to ${taken} places taken of ${w.capacity}`);
      const left = Math.max(0, w.capacity - taken);
      const state = instant(day.date, s.start) <= now ? 'started' : left === 0 ? 'full' : 'open';
      if (s.capacity !== w.capacity || s.left !== left || s.state !== state) {
        this.sim.fail(`${what} ${s.start}`, `capacity ${s.capacity}, ${s.left} left, ${s.state}; the recount has ${w.capacity}, ${left} left, ${state}`);
      }
    });
  }

  async tryBook(d: Record<string, string>): Promise<void> {
    const { sim } = this;
    const c = this.centre(d.centreId!);
    await this.settle(c);
    const r = this.rngOf(c.id);
    const elder = d.elder === '1';
    const person = this.pickResident(c, d.date!, elder, r);
    if (!person) return;
    const offeringId = OFFERINGS[r.weighted(OFFERINGS.map(([, w, ew]) => (person.elder ? ew : w)))]![0];
    const [day] = await this.slotList(c, person.user, offeringId, d.date!, 1);
    if (!day || day.date !== d.date) return sim.fail(`slots of ${c.id} on ${d.date}`, `the list has no such day`);
    const candidates = day.slots.filter((s) => s.state !== 'started' && s.capacity > 0);
    const weight = (start: string) => (PREFERENCE[start] ?? 1) * (person.elder && minutesOf(start) < 12 * 60 ? 3 : 1);
    if (!candidates.length) {
      this.state.figures.gaveUp++;
      return;
    }
    let choice = candidates[r.weighted(candidates.map((s) => weight(s.start)))]!;
    this.touch(c, person.user.id);
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
    if (this.paused(person.user.id)) {
      if (res.status !== 409 || (res.body as { error?: { code?: string } }).error?.code !== 'booking_paused') sim.fail(what, `the person is paused until ${this.state.pauses[person.user.id]}, the product answered ${res.status} ${brief(res.body)}`);
      this.state.figures.refusedPaused++;
      return;
    }
    if (res.status !== 201 && res.status !== 200) sim.fail(what, `answered ${res.status} ${brief(res.body)}; the recount has ${this.taken(c.id, d.date!, choice.start)} of ${choice.capacity} taken`);
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
    if (this.paused(userId)) {
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
    const r = this.rngOf(c.id);
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

  private live(id: string): Bk | null {
    const b = this.state.bookings[id];
    return b && b.status === 'booked' ? b : null;
  }

  private expectBooking(what: string, res: { status: number; body: { booking: BookingDto } }, want: Partial<BookingDto>): BookingDto {
    if (res.status !== 200 && res.status !== 201) this.sim.fail(what, `answered ${res.status} ${brief(res.body)}`);
    const got = res.body.booking;
    for (const [k, v] of Object.entries(want)) {
      if ((got as Record<string, unknown>)[k] !== v) this.sim.fail(what, `${k} is ${String((got as Record<string, unknown>)[k])}, the recount has ${String(v)}`);
    }
    return got;
  }

  async cancel(d: Record<string, string>): Promise<void> {
    const { sim } = this;
    const b = this.live(d.id!);
    if (!b) return;
    const c = this.centre(b.centreId);
    await this.settle(c);
    if (instant(b.date, b.start) - c.policy.cancelCutoffMinutes * 60_000 <= sim.clock.ms) return;
    const res = await sim.world.api.call<{ booking: BookingDto }>(sim.people.user(b.userId), 'POST', `/bookings/${b.id}/cancellation`, { kind: 'booking_cancel', body: { version: b.version, reason: '临时有事，改天再来' } });
    this.expectBooking(`cancelling ${b.id}`, res, { status: 'cancelled', version: b.version + 1 });
    b.status = 'cancelled';
    b.version++;
    this.state.figures.cancelled++;
    this.touch(c, b.userId);
    this.freePlace(c, b.date, b.start, sim.clock.ms);
  }

  async move(d: Record<string, string>): Promise<void> {
    const { sim } = this;
    const b = this.live(d.id!);
    if (!b) return;
    const c = this.centre(b.centreId);
    await this.settle(c);
    const now = sim.clock.ms;
    if (instant(b.date, b.start) - c.policy.rescheduleCutoffMinutes * 60_000 <= now) return;
    const r = this.rngOf(c.id);
    let date = b.date;
    if (r.chance(0.5)) {
      const other = addDaysTo(b.date, 1 + r.int(6));
      const last = addDaysTo(sim.today.date, c.policy.aheadDays);
      if (other <= last && !this.busy(b.userId, c.id, other)) date = other;
    }
    const user = sim.people.user(b.userId);
    const [day] = await this.slotList(c, user, b.offeringId, date, 1);
    const open = (day?.slots ?? []).filter((s) => s.state === 'open' && !(date === b.date && s.start === b.start));
    this.touch(c, b.userId);
    if (!open.length) return;
    const to = open[r.int(open.length)]!;
    const res = await sim.world.api.call<{ booking: BookingDto }>(user, 'POST', `/bookings/${b.id}/reschedule`, {
      key: `sim-${sim.seed}-move-${b.id}-${b.version}`, kind: 'booking_reschedule', body: { date, start: to.start, version: b.version },
    });
    const got = this.expectBooking(`moving ${b.id} to ${date} ${to.start}`, res, { status: 'booked', date, start: to.start, version: b.version + 1 });
    const from = { date: b.date, start: b.start };
    Object.assign(b, { date, start: to.start, code: got.code, version: got.version });
    this.state.figures.rescheduled++;
    this.freePlace(c, from.date, from.start, now);
    sim.schedule(instant(b.date, b.start) + r.int(25) * 60_000, 'book.desk', { key: `book-${c.id}`, id: b.id, date: b.date, start: b.start });
  }

  /** The desk at the slot time: the person comes and is checked in by his code, or (~8%) does not come. */
  async desk(d: Record<string, string>): Promise<void> {
    const { sim } = this;
    const b = this.live(d.id!);
    if (!b || b.date !== d.date || b.start !== d.start) return; // cancelled or moved since
    const c = this.centre(b.centreId);
    await this.settle(c);
    const r = this.rngOf(c.id);
    if (r.chance(0.08)) {
      sim.schedule(instant(b.date, b.start) + (30 + r.int(30)) * 60_000, 'book.noshow', { key: `book-${c.id}`, id: b.id });
      return;
    }
    const res = await sim.world.api.call<{ booking: BookingDto }>(sim.people.staffOf('service_staff', c.communityId), 'POST', `/centres/${c.id}/check-ins`, { kind: 'booking_checkin', body: { code: b.code } });
    this.expectBooking(`checking in ${b.id} (code ${b.code})`, res, { id: b.id, status: 'checked_in', version: b.version + 1 });
    b.status = 'checked_in';
    b.version++;
    this.state.figures.checkedIn++;
  }

  async noShow(d: Record<string, string>): Promise<void> {
    const { sim } = this;
    const b = this.live(d.id!);
    if (!b) return;
    const c = this.centre(b.centreId);
    await this.settle(c);
    const res = await sim.world.api.call<{ booking: BookingDto }>(sim.people.staffOf('service_staff', c.communityId), 'POST', `/bookings/${b.id}/no-show`, { kind: 'booking_noshow', body: { version: b.version } });
    this.expectBooking(`marking ${b.id} no-show`, res, { status: 'no_show', version: b.version + 1 });
    b.status = 'no_show';
    b.version++;
    this.state.figures.noShows++;
    this.touch(c, b.userId);
    // The rule: the count of no-shows of bookings dated within its days, this one included.
    const today = sim.today.date;
    const rule = c.policy.noShow;
    const dates = [...(this.state.noShows[b.userId] ?? []), b.date];
    this.state.noShows[b.userId] = dates;
    if (dates.filter((x) => x >= addDaysTo(today, -rule.days)).length >= rule.count) {
      this.state.pauses[b.userId] = addDaysTo(today, rule.pauseDays);
      this.state.figures.paused++;
    }
  }

  /** The first in line is told a place is held: he looks, then accepts (most), withdraws, or lets it lapse. */
  async onOffer(d: Record<string, string>): Promise<void> {
    const { sim } = this;
    const c = this.centre(d.centreId!);
    await this.settle(c);
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
    const x = this.rngOf(c.id).next();
    const body = { offeringId: w.offeringId, date: d.date, start: d.start };
    if (x < 0.7) {
      const res = await sim.world.api.call<{ booking: BookingDto }>(user, 'POST', `/centres/${c.id}/waitlist/acceptance`, { key: `sim-${sim.seed}-acc-${createHash('sha256').update(`${c.id}|${d.date}|${d.start}|${w.userId}`).digest('hex').slice(0, 32)}`, kind: 'booking', body });
      const got = this.expectBooking(`accepting the ${what}`, res, { status: 'booked', date: d.date, start: d.start, userId: w.userId });
      this.removeFromLine(c, d.date!, d.start!, w.userId);
      this.state.bookings[got.id] = { id: got.id, centreId: c.id, userId: w.userId, offeringId: w.offeringId, date: got.date, start: got.start, code: got.code, status: 'booked', version: got.version };
      this.state.figures.accepted++;
      this.state.figures.made++;
      this.planFate(c, this.state.bookings[got.id]!);
    } else if (x < 0.8) {
      const res = await sim.world.api.call(user, 'POST', `/centres/${c.id}/waitlist/withdrawal`, { kind: 'booking_waitlist', body });
      if (res.status !== 200) sim.fail(`withdrawing from the ${what}`, `answered ${res.status} ${brief(res.body)}`);
      this.removeFromLine(c, d.date!, d.start!, w.userId);
      this.state.figures.withdrawn++;
      this.freePlace(c, d.date!, d.start!, now);
    }
    // Otherwise he does nothing: the hold lapses at the tick.
  }

  // ---- The day's recount ----

  async checkDay(): Promise<number> {
    const { sim } = this;
    const today = sim.today.date;
    let checked = 0;
    for (const c of sim.city.centres) await this.settle(c);
    const sheets = new Set([...this.state.touchedCentres, ...Object.values(this.state.bookings).filter((b) => b.date === today).map((b) => b.centreId)]);
    checked += await checkEach(sheets, async (id) => {
      const c = this.centre(id);
      return this.slotsOf(c, today).length ? this.checkSheet(c, today) : 0;
    });
    // The free places of every day ahead, where anything happened today.
    checked += await checkEach(this.state.touchedCentres, async (id) => {
      const c = this.centre(id);
      const days = await this.slotList(c, sim.people.staffOf('service_staff', c.communityId), OFFERINGS[0]![0], addDaysTo(today, 1), c.policy.aheadDays, true);
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
    const want = this.slotsOf(c, date);
    const windows = sheet.slots.filter((s) => s.pool === POOL);
    if (windows.map((s) => s.start).join(',') !== want.map((s) => s.start).join(',')) sim.fail(what, `window slots ${windows.map((s) => s.start).join(',')}, the recount has ${want.map((s) => s.start).join(',')}`);
    const stray = sheet.slots.filter((s) => s.capacity === 0 && s.bookings.length && s.pool === POOL && !want.some((w) => w.start === s.start));
    if (stray.length) sim.fail(what, `bookings outside the day's slots: ${stray.map((s) => s.start).join(',')}`);
    for (const [i, s] of windows.entries()) {
      const w = want[i]!;
      const mine = this.bookingsAt(c.id, date, s.start);
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
    const mine = this.bookingsAt(c.id, date);
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
    const pausedUntil = this.paused(userId) ? this.state.pauses[userId]! : null;
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
