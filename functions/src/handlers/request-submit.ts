import { IdempotencyKeyHeader } from '@linli/shared';
import { submitRequest } from '../requests/domain/use-cases';
import { defineHandler, parseHeader, Respond } from '../platform/http/define-handler';
import { routes } from '../http/routes';

export const handler = defineHandler(routes.requestSubmit, async ({ actor, body, deps, now, event }) => {
  const key = parseHeader(event, 'Idempotency-Key', IdempotencyKeyHeader);
  const { request, created } = await submitRequest(deps, actor, body, key, now);
  return created ? { request } : new Respond(200, { request });
});
