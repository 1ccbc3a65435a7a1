/**
 * Service verified by other jobs earns points (以服务换服务): the handler of the outbox's
 * SERVICE_VERIFIED messages credits the person once per source, with the amount the points job sets
 * for the kind (within the daily cap for tasks). Delivered at least once: a repeat finds the guard.
 */
import { SERVICE_POINTS as SHARED_SERVICE_POINTS } from '@linli/shared';
import type { AtLeastOnce } from '../../platform/domain/outbox';
import type { ServiceKind, ServiceVerified } from '../../platform/domain/events';
import { ConflictError } from '../../platform/domain/errors';
import { plannedCredit, retryOnCapChange } from './accounts';
import type { PointsDeps } from './deps';

/** Points per verified service, by kind (shared, so the review page can say it before approving). */
export const SERVICE_POINTS: Readonly<Record<ServiceKind, number>> = SHARED_SERVICE_POINTS;

export async function creditService(deps: Pick<PointsDeps, 'ledger' | 'newId' | 'users' | 'units' | 'expiryYears'>, s: ServiceVerified, now: Date): Promise<boolean> {
  const person = await deps.users.get(s.userId);
  if (!person || person.deletedAt) return false; // an erased account earns nothing
  return retryOnCapChange(async () => {
    const plan = await plannedCredit(
      deps,
      { userId: s.userId, points: SERVICE_POINTS[s.kind], minutes: 0, reason: s.reason, source: { type: 'task', id: s.sourceId }, actorId: s.verifiedBy, verified: true, communityId: s.communityId },
      now,
    );
    return deps.ledger.credit(plan);
  });
}

export const serviceHandler = (deps: Pick<PointsDeps, 'ledger' | 'newId' | 'users' | 'units' | 'expiryYears'>): AtLeastOnce => ({
  async atLeastOnce(entry, now) {
    try {
      await creditService(deps, entry.payload as unknown as ServiceVerified, now);
      return 'done';
    } catch (e) {
      if (e instanceof ConflictError) return 'retry';
      throw e;
    }
  },
});

