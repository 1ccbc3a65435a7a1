/**
 * The deadline task (on the every-minute tick): escalates every open item whose deadline has
 * passed, reading only the due index up to `now`, at most `budget` items per tick (escalated items
 * leave the due range, so the next tick continues with the rest). Safe to run twice at once: each
 * change is a conditional write on the item version.
 */
import type { TickTask } from '../../platform/domain/tick';
import { ConflictError } from '../../platform/domain/errors';
import { store } from './commands';
import type { RequestDeps } from './deps';
import { escalateIfOverdue } from './request';

export interface EscalationStats {
  examined: number;
  escalated: number;
  flagged: number;
  conflicts: number;
}

export async function escalateOverdue(deps: RequestDeps, now: Date, budget = 500): Promise<EscalationStats & { more: boolean }> {
  const stats = { examined: 0, escalated: 0, flagged: 0, conflicts: 0 };
  const due = await deps.requests.overdue(now.toISOString(), budget + 1);
  for (const r of due.slice(0, budget)) {
    stats.examined++;
    const t = escalateIfOverdue(r, now, deps.calendar);
    if (!t) continue;
    try {
      const followers = t.notices?.length ? ((await deps.requests.getWithTimeline(r.id))?.followers ?? []) : [];
      await store(deps, r, t, followers, now);
      if (t.events[0]!.type === 'escalated') stats.escalated++;
      else stats.flagged++;
    } catch (e) {
      if (!(e instanceof ConflictError)) throw e;
      stats.conflicts++; // someone acted on it meanwhile; the next run sees its new state
    }
  }
  return { ...stats, more: due.length > budget };
}

export const escalationTask = (deps: RequestDeps): TickTask => ({
  name: 'requests.escalate',
  budget: 500,
  async run(now, budget) {
    const { more, ...stats } = await escalateOverdue(deps, now, budget);
    return { handled: stats.examined, more, stats };
  },
});
