import { followRequest } from '../requests/domain/use-cases';
import { defineHandler } from '../platform/http/define-handler';
import { routes } from '../http/routes';

export const handler = defineHandler(routes.requestFollow, async ({ actor, params, body, deps, now }) => ({
  request: await followRequest(deps, actor, params.id, body.notify, now),
}));
