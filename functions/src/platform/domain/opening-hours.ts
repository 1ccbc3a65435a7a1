/** Opening-hours evaluation in China Standard Time (Asia/Shanghai: UTC+8 all year, no DST). */
import type { HolidayCalendar, Interval, OpeningHours } from '@linli/shared';

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

export type DayType = 'workday' | 'restday' | 'holiday';

export interface LocalTime {
  /** Calendar date in Asia/Shanghai, YYYY-MM-DD. */
  date: string;
  /** Minutes since local midnight. */
  minutes: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

/** The Asia/Shanghai wall-clock reading of an instant. */
export function shanghaiTime(instant: Date): LocalTime {
  const local = new Date(instant.getTime() + SHANGHAI_OFFSET_MS);
  return {
    date: local.toISOString().slice(0, 10),
    minutes: local.getUTCHours() * 60 + local.getUTCMinutes(),
    weekday: local.getUTCDay(),
  };
}

/** The Asia/Shanghai calendar date of an instant, YYYY-MM-DD. */
export function shanghaiDate(instant: Date): string {
  return shanghaiTime(instant).date;
}

function previousDate(date: string): { date: string; weekday: number } {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return { date: d.toISOString().slice(0, 10), weekday: d.getUTCDay() };
}

/** Whether a calendar day is a working day, a weekend rest day, or a public holiday. */
export function dayType(date: string, weekday: number, calendar: HolidayCalendar): DayType {
  if (calendar.holidays.has(date)) return 'holiday';
  if (calendar.adjustedWorkdays.has(date)) return 'workday';
  return weekday === 0 || weekday === 6 ? 'restday' : 'workday';
}

const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function intervalsFor(hours: Extract<OpeningHours, { kind: 'schedule' }>, type: DayType): Interval[] {
  if (type === 'holiday') return hours.holiday ?? hours.restday;
  return type === 'workday' ? hours.workday : hours.restday;
}

const crossesMidnight = (i: Interval): boolean => toMinutes(i.close) <= toMinutes(i.open) && i.close !== '24:00';

/** Whether a place with these hours is open at the given instant. */
export function isOpenAt(hours: OpeningHours, instant: Date, calendar: HolidayCalendar): boolean {
  if (hours.kind === 'always') return true;
  const now = shanghaiTime(instant);
  const today = intervalsFor(hours, dayType(now.date, now.weekday, calendar));
  for (const i of today) {
    const open = toMinutes(i.open);
    const close = i.close === '24:00' ? 1440 : toMinutes(i.close);
    if (crossesMidnight(i) ? now.minutes >= open : now.minutes >= open && now.minutes < close) return true;
  }
  const prev = previousDate(now.date);
  const yesterday = intervalsFor(hours, dayType(prev.date, prev.weekday, calendar));
  return yesterday.some((i) => crossesMidnight(i) && now.minutes < toMinutes(i.close));
}
