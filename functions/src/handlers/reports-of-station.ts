import { listStationReports } from '../stations/domain/reports';
import { defineHandler } from '../platform/http/define-handler';
import { routes } from '../http/routes';

export const handler = defineHandler(routes.reportsOfStation, async ({ actor, params, query, deps }) => ({
  items: await listStationReports(deps, actor, params.id, query.status),
}));
