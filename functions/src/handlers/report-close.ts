import { closeReport } from '../domain/stations/reports';
import { defineHandler } from '../http/define-handler';
import { routes } from '../http/routes';

export const handler = defineHandler(routes.reportClose, async ({ actor, params, body, deps, now }) => ({
  report: await closeReport(deps, actor, params.id, params.reportId, body, now),
}));
