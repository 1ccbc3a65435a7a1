/**
 * The recount's own arithmetic, written apart from the product's (functions/src/requests/domain/
 * deadlines.ts) so a mistake in one shows against the other: China days, working days and 调休 from
 * the calendar files themselves, and a stage's deadlines from the category's rules.
 */
import type { DeadlineRule, LevelDeadlines } from '@linli/shared';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { shippedCalendars } from '../../infra/calendar/files';

export const CHINA_OFFSET_MS = 8 * 3600_000;
export const DAY_MS = 86400_000;

interface CalendarFile {
  holidays: { from: string; to: string }[];
  workdays: string[];
}

/** Every holiday and every 调休 working weekend day of the shipped years and the simulated year. */
export class SimCalendar {
  private holidays = new Set<string>();
  private extraWorkdays = new Set<string>();

  constructor(files: CalendarFile[]) {
    for (const f of files) {
      for (const h of f.holidays) {
        for (let t = Date.parse(`${h.from}T00:00:00Z`); t <= Date.parse(`${h.to}T00:00:00Z`); t += DAY_MS) this.holidays.add(new Date(t).toISOString().slice(0, 10));
      }
      for (const w of f.workdays) this.extraWorkdays.add(w);
    }
  }

  static load(): SimCalendar {
    return new SimCalendar([...shippedCalendars().map((f) => f.body), simulatedYear()]);
  }

  isWorkday(date: string): boolean {
    if (this.extraWorkdays.has(date)) return true;
    if (this.holidays.has(date)) return false;
    const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
    return wd >= 1 && wd <= 5;
  }

  isHoliday(date: string): boolean {
    return this.holidays.has(date);
  }
}

export function simulatedYear(): CalendarFile & { year: number; source: string } {
  return JSON.parse(readFileSync(path.join(__dirname, 'calendar-2027.json'), 'utf8')) as CalendarFile & { year: number; source: string };
}

/** The China date (YYYY-MM-DD) of an instant. */
export const chinaDate = (ms: number): string => new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
/** Midnight China time of a China date, as epoch ms. */
export const chinaMidnight = (date: string): number => Date.parse(`${date}T00:00:00Z`) - CHINA_OFFSET_MS;
export const addDaysTo = (date: string, n: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** When a stage started at `start` is due by `rule`: hours on the clock, or 18:00 of the n-th working day after the start day. */
export function expectedDeadline(start: number, rule: DeadlineRule, cal: SimCalendar): number {
  if ('hours' in rule) return start + rule.hours * 3600_000;
  let date = chinaDate(start);
  let left = rule.workdays;
  while (left > 0) {
    date = addDaysTo(date, 1);
    if (cal.isWorkday(date)) left--;
  }
  return chinaMidnight(date) + 18 * 3600_000;
}

export function expectedStage(start: number, rules: LevelDeadlines, cal: SimCalendar): { acceptBy: number; resolveBy: number } {
  return { acceptBy: expectedDeadline(start, rules.accept, cal), resolveBy: expectedDeadline(start, rules.resolve, cal) };
}
