import { getRequest } from '../domain/requests/use-cases';
import { defineHandler } from '../http/define-handler';
import { routes } from '../http/routes';

export const handler = defineHandler(routes.requestGet, async ({ actor, params, deps, now }) => ({
  request: await getRequest(deps, actor, params.id, now),
}));
