/**
 * The booking recount's own model of the centres: which window slots a day has and their online
 * capacity (from the centre's rules, its exceptions and the calendar files), the bookings and
 * waitlists the product acknowledged, each slot's places taken and held, who is paused, and how a
 * freed place passes to the first in line. The residents, the desk and the day's checks
 * (booking-residents.ts, booking-desk.ts, booking-checks.ts) all read and move this one model, so
 * a prediction is made the same way wherever it is compared with an answer.
 */
import type { BookingDto, SlotsResponse } from '@linli/shared';
import type { CentreRecord } from '../../../functions/src/booking/domain/centre';
import type { Sim } from '../engine/context';
import { Random } from '../engine/random';
import { chinaMidnight } from '../oracle';

/** Window offerings residents book (all share the centre's windows): id, weight, weight for elders. */
export const OFFERINGS: [id: string, weight: number, elderWeight: number][] = [
  ['shebao', 4, 2], ['youdai', 2, 6], ['canji', 1, 1], ['juzhu', 3, 1],
];
const MIN_HOLD_MS = 5 * 60_000;

export type Status = 'booked' | 'cancelled' | 'checked_in' | 'no_show';
export interface Bk {
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
export interface Wait {
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

export const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
export const clockOf = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
export const instant = (date: string, hhmm: string): number => chinaMidnight(date) + minutesOf(hhmm) * 60_000;
export const slotKey = (centreId: string, date: string, start: string): string => `${centreId}|${date}|${start}`;
export const iso = (ms: number): string => new Date(ms).toISOString();
export const brief = (body: unknown): string => JSON.stringify(body).slice(0, 300);

export interface RecountSlot {
  start: string;
  end: string;
  capacity: number;
}

export class BookingModel {
  private centres: Map<string, CentreRecord>;
  /** One stream per centre and day for its events: a centre's events run in order, centres side by side, so each centre draws the same numbers whatever the interleaving. */
  private rngs = new Map<string, Random>();
  rngOf(centreId: string): Random {
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
    readonly sim: Sim,
    readonly state: BookingState,
    /** The shared tick scheduler (the requests actor's: one tick per minute, whoever needs it). */
    readonly tickAt: (at: number) => void,
  ) {
    this.centres = new Map(sim.city.centres.map((c) => [c.id, c]));
  }

  /** A new day: each centre's stream starts afresh from the day's seed (a resumed day draws the same). */
  newDay(): void {
    this.rngs.clear();
  }

  centre(id: string): CentreRecord {
    const c = this.centres.get(id);
    if (!c) throw new Error(`no centre ${id}`);
    return c;
  }

  touch(c: CentreRecord, userId?: string): void {
    if (!this.state.touchedCentres.includes(c.id)) this.state.touchedCentres.push(c.id);
    if (userId && !this.state.touchedUsers.includes(userId)) this.state.touchedUsers.push(userId);
  }

  // ---- The recount's own model of a centre ----

  /** The window slots of a date and their online capacity, from the rules, the exceptions and the calendar files. */
  slotsOf(c: CentreRecord, date: string): RecountSlot[] {
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

  bookingsAt(centreId: string, date: string, start?: string): Bk[] {
    return Object.values(this.state.bookings).filter((b) => b.centreId === centreId && b.date === date && (start === undefined || b.start === start));
  }

  /** Places a slot's counter holds: bookings not cancelled (no-shows keep theirs) and held offers. */
  taken(centreId: string, date: string, start: string): number {
    const line = this.state.lines[slotKey(centreId, date, start)] ?? [];
    return this.bookingsAt(centreId, date, start).filter((b) => b.status !== 'cancelled').length + line.filter((w) => w.status === 'offered').length;
  }

  busy(userId: string, centreId: string, date: string): boolean {
    if (Object.values(this.state.bookings).some((b) => b.userId === userId && b.centreId === centreId && b.date === date && b.status !== 'cancelled')) return true;
    return Object.entries(this.state.lines).some(([k, line]) => k.startsWith(`${centreId}|${date}|`) && line.some((w) => w.userId === userId));
  }

  paused(userId: string): boolean {
    const until = this.state.pauses[userId];
    return until !== undefined && until > this.sim.today.date;
  }

  /**
   * A place given up at `at`: held for the first still waiting (until the hold ends or the slot
   * starts) and the tick scheduled for its lapse, or back to the slot.
   */
  freePlace(c: CentreRecord, date: string, start: string, at: number): void {
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

  removeFromLine(c: CentreRecord, date: string, start: string, userId: string): void {
    const k = slotKey(c.id, date, start);
    const line = (this.state.lines[k] ?? []).filter((w) => w.userId !== userId);
    if (line.length) this.state.lines[k] = line;
    else delete this.state.lines[k];
  }

  /** Offers whose hold ended before now were lapsed by the tick at their end: passed on from then. */
  async settle(c: CentreRecord): Promise<void> {
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

  // ---- Answers compared with the model (shared: residents and the day's checks read slot lists alike) ----

  /** A resident's view of a day's free places (the slot list), checked against the recount. */
  async slotList(c: CentreRecord, as: Parameters<Sim['world']['api']['call']>[0], offeringId: string, from: string, days: number, recount = false): Promise<SlotsResponse['days']> {
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

  /** A booking still booked: an event planned for it earlier finds it cancelled, checked in or no-show and does nothing. */
  live(id: string): Bk | null {
    const b = this.state.bookings[id];
    return b && b.status === 'booked' ? b : null;
  }

  expectBooking(what: string, res: { status: number; body: { booking: BookingDto } }, want: Partial<BookingDto>): BookingDto {
    if (res.status !== 200 && res.status !== 201) this.sim.fail(what, `answered ${res.status} ${brief(res.body)}`);
    const got = res.body.booking;
    for (const [k, v] of Object.entries(want)) {
      if ((got as Record<string, unknown>)[k] !== v) this.sim.fail(what, `${k} is ${String((got as Record<string, unknown>)[k])}, the recount has ${String(v)}`);
    }
    return got;
  }
}

/** A part of the booking actor (residents, desk, checks): no state of its own — the bookings and lines are the model's, so the checkpoint carries them. */
export abstract class BookingPart {
  constructor(protected readonly model: BookingModel) {}

  protected get sim() {
    return this.model.sim;
  }

  protected get state() {
    return this.model.state;
  }
}
