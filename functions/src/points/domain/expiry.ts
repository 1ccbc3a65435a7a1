/**
 * Points expire lot by lot (31 December of the year after they were earned): the expiry task on
 * the tick takes what is left of each lot due before today off the balance with an `expiry` entry.
 * Safe to run twice at once: each lot goes with a condition on what was left.
 */
import { shanghaiDate } from '../../platform/domain/opening-hours';
import type { TickTask } from '../../platform/domain/tick';
import type { PointsDeps } from './deps';
import { entryOf } from './ledger';

export async function expireLots(deps: Pick<PointsDeps, 'ledger' | 'newId'>, now: Date, budget: number): Promise<{ expired: number; points: number; examined: number; more: boolean }> {
  const today = shanghaiDate(now);
  const due = await deps.ledger.expiringBefore(today, budget + 1);
  let expired = 0;
  let points = 0;
  for (const lot of due.slice(0, budget)) {
    const entry = entryOf({
      id: deps.newId(), userId: lot.userId, at: now.toISOString(), kind: 'expiry', points: -lot.remaining, minutes: 0,
      reason: `${lot.expiresOn} 到期的积分已过期`, source: { type: 'lot', id: lot.id }, actorId: null, verified: true,
      lots: [{ id: lot.id, expiresOn: lot.expiresOn, points: -lot.remaining }],
    });
    if ((await deps.ledger.expire(lot, entry)) && lot.remaining > 0) {
      expired++;
      points += lot.remaining;
    }
  }
  return { expired, points, examined: Math.min(due.length, budget), more: due.length > budget };
}

export const expiryTask = (deps: Pick<PointsDeps, 'ledger' | 'newId'>): TickTask => ({
  name: 'points.expire',
  budget: 200,
  async run(now, budget) {
    const { examined, more, ...stats } = await expireLots(deps, now, budget);
    return { handled: examined, more, stats };
  },
});
