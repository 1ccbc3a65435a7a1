/**
 * Idempotency keys for creates (a request, a station report; next bookings and redemptions): one
 * key per thing the user means to create, sent again on every retry, so a double tap or a retried
 * call never makes two.
 */
export function newIdempotencyKey(): string {
  const chars = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let key = `k-${Date.now().toString(36)}-`;
  for (let i = 0; i < 16; i++) key += chars[Math.floor(Math.random() * chars.length)];
  return key;
}

/** The key last sent and the content it was sent with. */
export interface SentKey {
  content: string;
  key: string;
}

/**
 * The key to send with this body: the same as last time if the body is the same (a double tap, a
 * retry after a network failure), a new one once anything in it changed.
 */
export function keyForContent(last: SentKey | null, body: unknown, make: () => string = newIdempotencyKey): SentKey {
  const content = JSON.stringify(body);
  return last && last.content === content ? last : { content, key: make() };
}
