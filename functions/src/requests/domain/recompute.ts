/**
 * When a year's holiday arrangement is loaded (or corrected), deadlines already stored on open
 * items were counted on another calendar — Monday–Friday if the year was missing. This tick task
 * computes them again from the start of each item's current stage, a bounded page per tick, and
 * remembers in its task state which load of each year it has applied and where a pass stopped.
 *
 * It reads the calendar from the store itself (not the per-container cache), so a pass never runs
 * on a stale copy. Items flagged overdue at the top level have left the due index and are not
 * revisited. Each change is a conditional write on the item version: an item changed meanwhile is
 * skipped (its new stage was computed on the current calendar).
 */
import { buildCalendar, type HolidayCalendar } from '@linli/shared';
import { ConflictError } from '../../platform/domain/errors';
import { shanghaiTime } from '../../platform/domain/opening-hours';
import type { TickTask } from '../../platform/domain/tick';
import type { CalendarStore } from '../../platform/ports/calendar';
import type { TaskStateStore } from '../../platform/ports/task-state';
import { store } from './commands';
import type { RequestDeps } from './deps';
import { bump, event, OPEN_STATUSES, stageFor, type ServiceRequest, type Transition } from './request';

export const RECOMPUTE_TASK = 'requests.recomputeDeadlines';

const show = (iso: string): string => {
  const t = shanghaiTime(new Date(iso));
  const hhmm = `${String(Math.floor(t.minutes / 60)).padStart(2, '0')}:${String(t.minutes % 60).padStart(2, '0')}`;
  return `${Number(t.date.slice(5, 7))}月${Number(t.date.slice(8, 10))}日 ${hhmm}`;
};

/** The item with its current stage's deadlines counted again on `calendar`, or null when nothing changes. */
export function recomputeDeadlines(r: ServiceRequest, calendar: HolidayCalendar, now: Date): Transition | null {
  if (!OPEN_STATUSES.has(r.status) || !r.stageStartedAt) return null;
  const d = stageFor(r, r.level, new Date(r.stageStartedAt), calendar);
  if (d.acceptBy === r.acceptBy && d.resolveBy === r.resolveBy) return null;
  const next = bump(r, { acceptBy: d.acceptBy, resolveBy: d.resolveBy }, now);
  const changed = [
    d.acceptBy !== r.acceptBy && r.acceptBy ? `应受理时间 ${show(r.acceptBy)} → ${show(d.acceptBy)}` : null,
    d.resolveBy !== r.resolveBy && r.resolveBy ? `应办结时间 ${show(r.resolveBy)} → ${show(d.resolveBy)}` : null,
  ].filter(Boolean);
  const note = `按最新节假日安排重新计算：${changed.join('；')}`;
  return { next, events: [event(next, 'deadline_recomputed', null, null, now.toISOString(), note)] };
}

interface RecomputeState {
  /** For each year, the `loadedAt` of the arrangement whose deadlines have been applied. */
  applied: Record<string, string>;
  /** A pass under way: the year and load it applies, and where the due index read stopped. */
  pass: { year: number; loadedAt: string; cursor: string | null } | null;
}

export interface RecomputeDeps extends RequestDeps {
  calendarStore: CalendarStore;
  taskState: TaskStateStore;
}

/** Deadlines inside or after a year's first day (China time) may have counted that year's days. */
const yearStartIso = (year: number): string => new Date(Date.UTC(year, 0, 1) - 8 * 3600_000).toISOString();

export async function recomputeStep(deps: RecomputeDeps, now: Date, budget: number) {
  const stats = { examined: 0, changed: 0, conflicts: 0, year: null as number | null };
  const saved = await deps.taskState.get<RecomputeState>(RECOMPUTE_TASK);
  const state: RecomputeState = saved?.state ?? { applied: {}, pass: null };
  const years = await deps.calendarStore.list();
  const pending = () => years.filter((y) => state.applied[y.year] !== y.loadedAt).sort((a, b) => a.year - b.year);
  if (!state.pass) {
    const next = pending()[0];
    if (!next) return { ...stats, more: false };
    state.pass = { year: next.year, loadedAt: next.loadedAt, cursor: null };
  }
  const pass = state.pass;
  stats.year = pass.year;
  const calendar = buildCalendar(years);
  const page = await deps.requests.dueFrom(yearStartIso(pass.year), budget, pass.cursor);
  for (const r of page.items) {
    stats.examined++;
    const t = recomputeDeadlines(r, calendar, now);
    if (!t) continue;
    try {
      await store(deps, r, t, [], now);
      stats.changed++;
    } catch (e) {
      if (!(e instanceof ConflictError)) throw e;
      stats.conflicts++;
    }
  }
  if (page.nextCursor) pass.cursor = page.nextCursor;
  else {
    state.applied[pass.year] = pass.loadedAt;
    state.pass = null;
  }
  try {
    await deps.taskState.put(RECOMPUTE_TASK, state, saved?.version ?? 0);
  } catch (e) {
    if (!(e instanceof ConflictError)) throw e; // another tick moved on meanwhile: the work is idempotent
  }
  return { ...stats, more: state.pass !== null || pending().length > 0 };
}

export const deadlineRecomputeTask = (deps: RecomputeDeps): TickTask => ({
  name: RECOMPUTE_TASK,
  budget: 200,
  async run(now, budget) {
    const { more, ...stats } = await recomputeStep(deps, now, budget);
    return { handled: stats.examined, more, stats };
  },
});
