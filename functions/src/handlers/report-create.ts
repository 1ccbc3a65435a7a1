import { reportProblem } from '../domain/stations/reports';
import { defineHandler } from '../http/define-handler';
import { routes } from '../http/routes';

export const handler = defineHandler(routes.reportCreate, async ({ actor, params, body, deps, now }) => ({
  report: await reportProblem(deps, actor, params.id, body, now),
}));
