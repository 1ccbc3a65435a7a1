/**
 * Scheduled every minute (serverless.yml `schedule`; locally by `npm start`): escalates overdue
 * requests. Not an HTTP route.
 */
import { getDeps } from '../composition';
import { escalateOverdue } from '../domain/requests/use-cases';
import { logger } from '../http/logger';

export const handler = async (): Promise<{ examined: number; escalated: number; flagged: number; conflicts: number }> => {
  const deps = getDeps();
  const stats = await escalateOverdue(deps, deps.now());
  if (stats.examined > 0) logger.info('deadline job', stats);
  return stats;
};
