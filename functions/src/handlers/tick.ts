/**
 * The scheduled tick, every minute (serverless.yml `schedule`; locally by `npm start`): runs every
 * job's registered tasks (request escalation, outbox delivery, …). Not an HTTP route.
 */
import { getDeps, tickTasks } from '../composition';
import { runTick } from '../platform/domain/tick';
import { logger } from '../platform/logger';

export const handler = async () => {
  const deps = getDeps();
  const now = deps.now();
  await deps.prepare(now);
  const report = await runTick(tickTasks(deps), now, logger.error);
  const busy = Object.values(report).some((r) => 'error' in r || r.handled > 0);
  if (busy) logger.info('tick', report);
  return report;
};
