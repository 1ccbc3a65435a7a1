/**
 * The scheduled tick, every minute (serverless.yml `schedule`; locally by `npm start`): runs every
 * job's registered tasks (request escalation, outbox delivery, …). Not an HTTP route. Its report
 * becomes metrics: escalations made, tasks failed, the outbox backlog (alarmed in serverless.yml).
 */
import { getDeps, tickTasks } from '../composition';
import { runTick } from '../platform/domain/tick';
import { observeScheduled } from '../platform/http/observe';
import { logger } from '../platform/logger';
import { count, gauge } from '../platform/metrics';

export const handler = observeScheduled(async () => {
  const deps = getDeps();
  const now = deps.now();
  await deps.prepare(now);
  const report = await runTick(tickTasks(deps), now, logger.error);
  const results = Object.values(report);
  const failures = results.filter((r) => 'error' in r).length;
  if (failures) count('TickTaskFailures', failures);
  const escalation = report['requests.escalate'];
  if (escalation && 'handled' in escalation && escalation.handled) count('Escalations', escalation.handled);
  const outbox = report['platform.outbox'];
  if (outbox && 'stats' in outbox) {
    const stats = outbox.stats as { due?: number; oldestDueSeconds?: number };
    gauge('OutboxDue', stats.due ?? 0);
    gauge('OutboxOldestDueSeconds', stats.oldestDueSeconds ?? 0, 'Seconds');
  }
  if (results.some((r) => 'error' in r || r.handled > 0)) logger.info('tick', report);
  return report;
});
