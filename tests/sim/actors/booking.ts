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
 *
 * This file is the actor the driver talks to and plans the day's attempts; the model of the
 * centres is in booking-model.ts, what residents do in booking-residents.ts, the desk in
 * booking-desk.ts and the day's checks in booking-checks.ts, all sharing one BookingState.
 */
import type { SimEvent } from '../engine/queue';
import type { Sim } from '../engine/context';
import { Random } from '../engine/random';
import { addDaysTo } from '../oracle';
import { minuteOfDay } from '../profile';
import { BookingChecks } from './booking-checks';
import { BookingDesk } from './booking-desk';
import { BookingModel, minutesOf, type BookingState } from './booking-model';
import { BookingResidents } from './booking-residents';

export { emptyBooking, type BookingFigures, type BookingState } from './booking-model';

/** Booking attempts per centre for one open day: a few on a weekday evening, more on the rota weekend day. */
const DEMAND = { workday: 7.5, restday: 16 };
/** How far ahead people book: share of a day's attempts made 0, 1, 2 … 14 days before. */
const LEAD = [0.3, 0.2, 0.12, 0.08, 0.05, 0.05, 0.05, ...Array.from({ length: 8 }, () => 0.15 / 8)];

export class BookingActor {
  private readonly model: BookingModel;
  private readonly residents: BookingResidents;
  private readonly centreDesk: BookingDesk;
  private readonly checks: BookingChecks;
  /** The actor's own stream of the day (the other actors' draws stay as they were), for planning. */
  private rng: Random;

  constructor(
    private sim: Sim,
    readonly state: BookingState,
    /** The shared tick scheduler (the requests actor's: one tick per minute, whoever needs it). */
    tickAt: (at: number) => void,
  ) {
    this.model = new BookingModel(sim, state, tickAt);
    this.residents = new BookingResidents(this.model);
    this.centreDesk = new BookingDesk(this.model);
    this.checks = new BookingChecks(this.model);
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
      'book.lapse': (e) => this.model.settle(this.model.centre((e.data as D).centreId!)),
    };
  }

  summary(): string {
    const f = this.state.figures;
    return `bookings ${f.made} made, ${f.cancelled} cancelled, ${f.rescheduled} moved, ${f.checkedIn} checked in, ${f.noShows} no-shows, ${f.waitlisted} waitlisted, ${f.offered} offers (${f.accepted} accepted, ${f.lapsed} lapsed)`;
  }

  // ---- The day's plans ----

  /** Today's booking attempts: for every open day within the horizon, a share by how far ahead people book. */
  planDay(): void {
    const { sim } = this;
    this.rng = Random.forDay(sim.seed, sim.today.index, 17);
    this.model.newDay();
    const r = this.rng;
    const today = sim.today.date;
    for (const c of sim.city.centres) {
      if (!sim.people.residentsOf.get(c.communityId)?.length) continue;
      for (let lead = 0; lead <= Math.min(c.policy.aheadDays, LEAD.length - 1); lead++) {
        const date = addDaysTo(today, lead);
        const slots = this.model.slotsOf(c, date).filter((s) => s.capacity > 0);
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

  // ---- The parts' events: plain delegation (no async wrapper), so each promise settles as before the split ----

  tryBook(d: Record<string, string>): Promise<void> {
    return this.residents.tryBook(d);
  }

  cancel(d: Record<string, string>): Promise<void> {
    return this.residents.cancel(d);
  }

  move(d: Record<string, string>): Promise<void> {
    return this.residents.move(d);
  }

  desk(d: Record<string, string>): Promise<void> {
    return this.centreDesk.desk(d);
  }

  noShow(d: Record<string, string>): Promise<void> {
    return this.centreDesk.noShow(d);
  }

  onOffer(d: Record<string, string>): Promise<void> {
    return this.residents.onOffer(d);
  }

  // ---- The day's recount ----

  checkDay(): Promise<number> {
    return this.checks.checkDay();
  }
}
