import { getRequest } from '../requests/domain/use-cases';
import { defineHandler } from '../platform/http/define-handler';
import { routes } from '../http/routes';

export const handler = defineHandler(routes.requestGet, async ({ actor, params, deps, now }) => ({
  request: await getRequest(deps, actor, params.id, now),
}));
