/**
 * The official holiday calendar as loaded data: a platform administrator loads a year's
 * arrangement; every container keeps the loaded years in a cache that it refreshes when older than
 * CALENDAR_STALE_MS (so a newly loaded year reaches every function within ten minutes). A year
 * with no arrangement counts Monday–Friday as working days and is reported, never silently.
 */
import {
  buildCalendar,
  calendarWarning,
  calendarYearProblems,
  missingYears,
  type CalendarResponse,
  type CalendarYearBody,
  type HolidayCalendar,
} from '@linli/shared';
import type { CalendarStore } from '../ports/calendar';
import type { Actor } from './actor';
import { hasRole } from './actor';
import { ForbiddenError, ValidationError } from './errors';

/** How old the cached calendar may be before a container reads it again. */
export const CALENDAR_STALE_MS = 10 * 60_000;

type Warn = (message: string, context: Record<string, unknown>) => void;

/** The calendar as the domain reads it (a HolidayCalendar), refreshed from the store when stale. */
export class CalendarCache implements HolidayCalendar {
  holidays: ReadonlySet<string> = new Set();
  adjustedWorkdays: ReadonlySet<string> = new Set();
  years: ReadonlySet<number> = new Set();
  private fetchedAt = -Infinity;
  private inFlight: Promise<void> | null = null;

  constructor(
    private readonly store: CalendarStore,
    private readonly log: { warn: Warn; error: Warn },
    private readonly staleMs = CALENDAR_STALE_MS,
  ) {}

  /** Reads the store again when the cache is older than its staleness (one read at a time). */
  async refresh(now: Date): Promise<void> {
    if (now.getTime() - this.fetchedAt < this.staleMs) return;
    this.inFlight ??= this.load(now).finally(() => (this.inFlight = null));
    await this.inFlight;
  }

  private async load(now: Date): Promise<void> {
    try {
      const loaded = buildCalendar(await this.store.list());
      this.holidays = loaded.holidays;
      this.adjustedWorkdays = loaded.adjustedWorkdays;
      this.years = loaded.years;
      this.fetchedAt = now.getTime();
      const missing = missingYears(this, now);
      if (missing.length) this.log.warn('holiday calendar missing: working days counted Monday–Friday', { missingYears: missing });
    } catch (e) {
      // Keep what was loaded before (or Monday–Friday) and try again on the next call.
      this.log.error('holiday calendar could not be read', { error: e instanceof Error ? e.message : String(e) });
    }
  }
}

export interface CalendarDeps {
  calendarStore: CalendarStore;
}

/** The loaded years, and which years around now are missing. */
export async function calendarStatus(deps: CalendarDeps, now: Date): Promise<CalendarResponse> {
  const years = (await deps.calendarStore.list()).sort((a, b) => a.year - b.year);
  const missing = missingYears({ years: new Set(years.map((y) => y.year)) }, now);
  return { years, missing, warning: calendarWarning(missing) };
}

/**
 * Loads (or replaces) one year's arrangement. Deadlines already stored on open items are computed
 * again by the requests job's tick task, which notices the new `loadedAt`.
 */
export async function loadCalendarYear(deps: CalendarDeps, actor: Actor, year: number, body: CalendarYearBody, now: Date): Promise<CalendarResponse> {
  if (!hasRole(actor, 'platform_admin')) throw new ForbiddenError('只有平台管理员可以载入节假日安排');
  const problems = calendarYearProblems(year, body);
  if (problems.length) throw new ValidationError('节假日安排有误', problems);
  await deps.calendarStore.put({ year, holidays: body.holidays, workdays: body.workdays, source: body.source ?? null, loadedAt: now.toISOString(), loadedBy: actor.userId });
  return calendarStatus(deps, now);
}
