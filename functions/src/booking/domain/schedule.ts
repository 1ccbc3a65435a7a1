/**
 * When a centre is open and which slots it offers: weekly rules by kind of day, date exceptions,
 * and the holiday calendar (a public holiday runs the holiday rota; a make-up working day 调休
 * follows the working-day rule). All times are Asia/Shanghai (UTC+8 all year, no DST).
 */
import type { BookingPolicy, CentreSettings, HolidayCalendar, Offering, OpeningBlock } from '@linli/shared';
import { dayType, type DayType } from '../../platform/domain/opening-hours';

export const minutesOf = (hhmm: string): number => (hhmm === '24:00' ? 1440 : Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5)));
export const clockOf = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** The instant a local date and time stand for. */
export const instantOf = (date: string, hhmm: string): Date => new Date(Date.parse(`${date}T00:00:00+08:00`) + minutesOf(hhmm) * 60_000);

const weekday = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();

const DAY_LABELS: Record<DayType, string> = { workday: '工作日', restday: '周末', holiday: '法定节假日' };

export interface DaySchedule {
  kind: DayType;
  /** 工作日, 周末, 法定节假日, 调休上班, with an exception's note. */
  label: string;
  blocks: OpeningBlock[];
}

/** The blocks a centre opens on a date. */
export function blocksOn(c: Pick<CentreSettings, 'rules' | 'exceptions'>, date: string, calendar: HolidayCalendar): DaySchedule {
  const wd = weekday(date);
  const kind = dayType(date, wd, calendar);
  const made = kind === 'workday' && (wd === 0 || wd === 6);
  const base = made ? '调休上班' : DAY_LABELS[kind];
  const exception = c.exceptions.find((e) => e.date === date);
  if (exception) {
    const what = exception.kind === 'closed' ? '闭馆' : '调整开放时间';
    return { kind, label: `${base} · ${exception.note || what}`, blocks: exception.kind === 'closed' ? [] : exception.blocks };
  }
  const blocks = kind === 'holiday' ? (c.rules.holiday ?? c.rules.restday) : kind === 'workday' ? c.rules.workday : c.rules.restday;
  return { kind, label: base, blocks };
}

/** The pool of places a booking takes: the all-purpose windows, a room, or an activity's own seats. */
export const poolOf = (o: Pick<Offering, 'room' | 'kind' | 'id'>): string =>
  o.kind !== 'appointment' ? `seats-${o.id}` : o.room === null ? 'windows' : `room-${o.room}`;

/** Slots of an activity, a term or a daily order on a date (their own times and seats, not the opening rules). */
function enrolmentSlotsOn(o: Offering, date: string): Slot[] {
  const pool = poolOf(o);
  if (o.kind === 'session') return o.sessions.filter((s) => s.date === date).map((s) => ({ date, start: s.start, end: s.end, pool, capacity: s.seats, anyHorizon: true }));
  if (o.kind === 'term' && o.term && o.term.from === date) return [{ date, start: o.term.start, end: o.term.end, pool, capacity: o.term.seats, anyHorizon: true }];
  if (o.kind === 'daily' && o.daily && o.daily.weekdays.includes(weekday(date))) {
    const closesAt = instantOf(previousDay(date), o.daily.cutoff).toISOString();
    return [{ date, start: o.daily.start, end: o.daily.end, pool, capacity: o.daily.seats, closesAt }];
  }
  return [];
}

const previousDay = (date: string): string => new Date(Date.parse(`${date}T00:00:00Z`) - 86400_000).toISOString().slice(0, 10);

/** One bookable slot of an offering. */
export interface Slot {
  date: string;
  start: string;
  end: string;
  pool: string;
  /** Places bookable online: staffed capacity less the walk-in share (or an activity's seats). */
  capacity: number;
  /** Orders close at this instant (a daily order's cut-off the day before), instead of the policy's. */
  closesAt?: string;
  /** Published events (sessions, terms) may be enrolled whatever the booking horizon. */
  anyHorizon?: boolean;
}

/** Online places out of a staffed capacity, keeping `walkInShare` of them for walk-ins (rounded in favour of walk-ins). */
export const onlineCapacity = (staffed: number, walkInShare: number): number => Math.max(0, Math.floor(staffed * (1 - walkInShare) + 1e-9));

/** Every slot of an offering on a date (a room takes its capacity; window offerings share the staffed windows). */
export function slotsOn(c: Pick<CentreSettings, 'rules' | 'exceptions' | 'rooms' | 'policy'>, offering: Offering, date: string, calendar: HolidayCalendar): Slot[] {
  if (offering.kind !== 'appointment') return enrolmentSlotsOn(offering, date);
  const room = offering.room === null ? null : c.rooms.find((r) => r.id === offering.room);
  if (offering.room !== null && !room) return [];
  const out: Slot[] = [];
  for (const b of blocksOn(c, date, calendar).blocks) {
    const staffed = room ? (b.windows > 0 ? room.capacity : 0) : b.windows;
    for (let m = minutesOf(b.start); m + b.slotMinutes <= minutesOf(b.end); m += b.slotMinutes) {
      out.push({ date, start: clockOf(m), end: clockOf(m + b.slotMinutes), pool: poolOf(offering), capacity: onlineCapacity(staffed, c.policy.walkInShare) });
    }
  }
  return out;
}

/** Why a slot cannot be booked (or moved into) at `now`, or null when it can. */
export type BookingBar = 'slot_started' | 'past_cutoff' | 'too_far_ahead';

export function bookingBar(slot: Pick<Slot, 'date' | 'start' | 'closesAt' | 'anyHorizon'>, policy: Pick<BookingPolicy, 'aheadDays' | 'bookCutoffMinutes'>, now: Date): BookingBar | null {
  const starts = instantOf(slot.date, slot.start).getTime();
  if (starts <= now.getTime()) return 'slot_started';
  const closes = slot.closesAt ? Date.parse(slot.closesAt) : starts - policy.bookCutoffMinutes * 60_000;
  if (closes <= now.getTime()) return 'past_cutoff';
  if (slot.anyHorizon) return null;
  const today = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const last = new Date(`${today}T00:00:00Z`);
  last.setUTCDate(last.getUTCDate() + policy.aheadDays);
  if (slot.date > last.toISOString().slice(0, 10)) return 'too_far_ahead';
  return null;
}

/** Whether a booked slot may still be cancelled or moved (residents; staff are not bound by cut-offs). */
export const beforeCutoff = (slot: Pick<Slot, 'date' | 'start'>, cutoffMinutes: number, now: Date): boolean =>
  instantOf(slot.date, slot.start).getTime() - cutoffMinutes * 60_000 > now.getTime();

/**
 * Whether a resident may still cancel (or move) a booking of this offering: a daily order until its
 * order cut-off the day before (the kitchen plans by it), anything else until the policy's cut-off.
 */
export function mayStillChange(o: Offering | undefined, b: Pick<Slot, 'date' | 'start'>, cutoffMinutes: number, now: Date): boolean {
  if (o?.kind === 'daily' && o.daily) return instantOf(previousDay(b.date), o.daily.cutoff).getTime() > now.getTime();
  return beforeCutoff(b, cutoffMinutes, now);
}
