import { randomUUID } from 'node:crypto';
import { postOpen311Request } from '../requests/domain/open311';
import { defineOpen311Handler } from '../requests/open311-http';
import { routes } from '../http/routes';

export const handler = defineOpen311Handler(routes.open311Post, { publicRead: false }, ({ partner, body, deps, now, event }) => {
  // GeoReport has no idempotency; a partner may send Idempotency-Key to make retries safe.
  const key = event.headers?.['idempotency-key'];
  return postOpen311Request(deps, partner, body, key && /^[A-Za-z0-9_-]{8,64}$/.test(key) ? key : randomUUID(), now);
});
