import { residentUpdate } from '../requests/domain/use-cases';
import { defineHandler } from '../platform/http/define-handler';
import { routes } from '../http/routes';

export const handler = defineHandler(routes.requestUpdate, async ({ actor, params, body, deps, now }) => ({
  request: await residentUpdate(deps, actor, params.id, body, now),
}));
