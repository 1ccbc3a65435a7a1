import { rateRequest } from '../requests/domain/use-cases';
import { defineHandler } from '../platform/http/define-handler';
import { routes } from '../http/routes';

export const handler = defineHandler(routes.requestRating, async ({ actor, params, body, deps, now }) => ({
  request: await rateRequest(deps, actor, params.id, body, now),
}));
