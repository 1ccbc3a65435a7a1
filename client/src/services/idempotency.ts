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
