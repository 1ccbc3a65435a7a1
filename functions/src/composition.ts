/**
 * The composition of every part (platform and every job): the scheduled tick, which runs every
 * job's tasks and delivers every outbox topic, and the tests that drive use cases directly. Each
 * HTTP function composes only its own job's parts (handlers/<job>.ts).
 */
import type { Deps } from './deps';
import { bookingPart } from './booking/wiring';
import { lapseOffersTask } from './booking/domain/waitlist';
import { identityPart, peoplePart } from './identity/wiring';
import type { TickTask } from './platform/domain/tick';
import { storagePart } from './platform/storage-wiring';
import { depsOf, forgetDeps } from './platform/wiring';
import { expiryTask } from './points/domain/expiry';
import { lapseRedemptionsTask } from './points/domain/redeem';
import { pointsPart } from './points/wiring';
import { escalationTask } from './requests/domain/escalation';
import { hotlineImportTask } from './requests/domain/hotline-import-jobs';
import { deadlineRecomputeTask } from './requests/domain/recompute';
import { requestsPart } from './requests/wiring';
import { stationsPart } from './stations/wiring';

export type { Deps } from './deps';

/** The tasks of the every-minute tick, from every job. */
export const tickTasks = (deps: Deps): TickTask[] => [
  escalationTask(deps, { concurrency: deps.config.ESCALATION_CONCURRENCY }),
  deadlineRecomputeTask(deps),
  lapseOffersTask(deps),
  lapseRedemptionsTask(deps),
  expiryTask(deps),
  hotlineImportTask(deps),
  {
    name: 'platform.outbox',
    budget: 200,
    async run(now, budget) {
      const { more, ...stats } = await deps.outbox.drain(now, budget);
      return { handled: stats.sent + stats.retried + stats.dropped, more, stats };
    },
  },
];

/** The process-wide dependencies with every part, built from the environment on first use. */
export const getDeps = depsOf('tick', [peoplePart, identityPart, storagePart, stationsPart, requestsPart, bookingPart, pointsPart], { everyTopic: true });

/** Forgets the dependencies so that the next use builds them from the environment again (benchmarks that switch stores). */
export function resetDeps(): void {
  forgetDeps();
}
