import { staffAction } from '../requests/domain/use-cases';
import { defineHandler } from '../platform/http/define-handler';
import { routes } from '../http/routes';

export const handler = defineHandler(routes.requestAction, async ({ actor, params, body, deps, now }) => ({
  request: await staffAction(deps, actor, params.id, body, now),
}));
