/** Deadline arithmetic in China time (Asia/Shanghai, UTC+8, no DST) over the official calendar. */
import type { DeadlineRule, HolidayCalendar } from '@linli/shared';
import { dayType, shanghaiTime } from '../../platform/domain/opening-hours';

/** Working days end at this hour, China time. */
export const WORKDAY_END_HOUR = 18;
const HOUR_MS = 3600_000;
const OFFSET_MS = 8 * HOUR_MS;

function addDays(date: string, days: number): { date: string; weekday: number } {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return { date: d.toISOString().slice(0, 10), weekday: d.getUTCDay() };
}

/**
 * When a stage that starts at `start` is due. `hours` run on the clock, day and night; `workdays`
 * end at 18:00 on the n-th working day after the start day (a start on a rest day counts from the
 * next working day), skipping weekends and public holidays and counting 调休 working weekends.
 */
export function deadlineFrom(start: Date, rule: DeadlineRule, calendar: HolidayCalendar): Date {
  if ('hours' in rule) return new Date(start.getTime() + rule.hours * HOUR_MS);
  const { date } = shanghaiTime(start);
  let remaining = rule.workdays;
  let offset = 0;
  let day = { date, weekday: shanghaiTime(start).weekday };
  while (remaining > 0) {
    offset += 1;
    day = addDays(date, offset);
    if (dayType(day.date, day.weekday, calendar) === 'workday') remaining -= 1;
  }
  return new Date(Date.parse(`${day.date}T${String(WORKDAY_END_HOUR).padStart(2, '0')}:00:00Z`) - OFFSET_MS);
}
