import { residentUpdate } from '../domain/requests/use-cases';
import { defineHandler } from '../http/define-handler';
import { routes } from '../http/routes';

export const handler = defineHandler(routes.requestUpdate, async ({ actor, params, body, deps, now }) => ({
  request: await residentUpdate(deps, actor, params.id, body, now),
}));
