import { closeReport } from '../stations/domain/reports';
import { defineHandler } from '../platform/http/define-handler';
import { routes } from '../http/routes';

export const handler = defineHandler(routes.reportClose, async ({ actor, params, body, deps, now }) => ({
  report: await closeReport(deps, actor, params.id, params.reportId, body, now),
}));
