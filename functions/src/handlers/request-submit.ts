import { IdempotencyKeyHeader } from '@linli/shared';
import { submitRequest } from '../domain/requests/use-cases';
import { defineHandler, parseHeader, Respond } from '../http/define-handler';
import { routes } from '../http/routes';

export const handler = defineHandler(routes.requestSubmit, async ({ actor, body, deps, now, event }) => {
  const key = parseHeader(event, 'Idempotency-Key', IdempotencyKeyHeader);
  const { request, created } = await submitRequest(deps, actor, body, key, now);
  return created ? { request } : new Respond(200, { request });
});
