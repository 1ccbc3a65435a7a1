import { reportProblem } from '../stations/domain/reports';
import { defineHandler } from '../platform/http/define-handler';
import { routes } from '../http/routes';

export const handler = defineHandler(routes.reportCreate, async ({ actor, params, body, deps, now }) => ({
  report: await reportProblem(deps, actor, params.id, body, now),
}));
