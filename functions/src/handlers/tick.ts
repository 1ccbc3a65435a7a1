/**
 * Scheduled every minute (serverless.yml `schedule`; locally by `npm start`): escalates overdue
 * requests and retries subscribe messages that could not be sent at once. Not an HTTP route.
 */
import { getDeps } from '../composition';
import { drainNotices, escalateOverdue } from '../requests/domain/use-cases';
import { logger } from '../platform/logger';

export const handler = async () => {
  const deps = getDeps();
  const now = deps.now();
  const stats = await escalateOverdue(deps, now);
  const notices = await drainNotices(deps, now);
  if (stats.examined > 0 || notices.sent + notices.retried + notices.dropped > 0) logger.info('minute job', { ...stats, notices });
  return { ...stats, notices };
};
