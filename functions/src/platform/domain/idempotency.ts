/**
 * Idempotency for any operation that creates, spends or reserves: the caller sends a key with the
 * call; the first call stores a receipt (a digest of its body and what it produced) with the change
 * itself, so a retried call replays the original outcome instead of doing it twice.
 */
import { ConflictError } from './errors';

/** Receipts are kept this long (then DynamoDB's TTL removes them). */
export const IDEMPOTENCY_TTL_S = 24 * 3600;

/** A caller's first use of a key for one operation. Keys are scoped to caller and operation. */
export interface IdempotencyClaim {
  operation: string;
  callerId: string;
  key: string;
  bodyHash: string;
  expiresAt: number;
}

/** What an earlier call with the same key stored. */
export interface IdempotencyReceipt<T = Record<string, unknown>> {
  bodyHash: string;
  outcome: T;
}

/** The outcome of an idempotent write: done now, or done before (with the earlier receipt). */
export type Once<T> = { created: true } | { created: false; receipt: IdempotencyReceipt<T> };

/** The claim a call makes: its key within (operation, caller) and a digest of its body. */
export function claimFor(
  operation: string,
  callerId: string,
  key: string,
  body: unknown,
  now: Date,
  hash: (text: string) => string,
): IdempotencyClaim {
  return { operation, callerId, key, bodyHash: hash(JSON.stringify(body ?? null)), expiresAt: Math.floor(now.getTime() / 1000) + IDEMPOTENCY_TTL_S };
}

/** The earlier outcome to replay; the same key with another body is a 409 `idempotency_key_reused`. */
export function replayOf<T>(claim: IdempotencyClaim, receipt: IdempotencyReceipt<T>): T {
  if (receipt.bodyHash !== claim.bodyHash) {
    throw new ConflictError('该 Idempotency-Key 已用于另一条内容不同的提交', 'idempotency_key_reused');
  }
  return receipt.outcome;
}
