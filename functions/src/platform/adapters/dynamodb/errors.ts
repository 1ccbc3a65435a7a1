import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { ConflictError } from '../../domain/errors';

/** Whether a DynamoDB error is a failed condition (single write). */
export const isConditionFailure = (e: unknown): boolean => e instanceof ConditionalCheckFailedException;

/** A conditional write: true when it was made, false when its condition did not hold (any other failure is thrown). */
export async function whenConditionHolds(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

/** For a cancelled transaction, the codes of each item's cancellation reason ('None' where fine). */
export function cancellationCodes(e: unknown): string[] | null {
  if (!(e instanceof TransactionCanceledException)) return null;
  return (e.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
}

/** Runs a write and turns a failed condition into the given ConflictError. */
export async function conditional<T>(write: () => Promise<T>, conflict: () => ConflictError): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (isConditionFailure(e)) throw conflict();
    const codes = cancellationCodes(e);
    if (codes && codes.includes('ConditionalCheckFailed')) throw conflict();
    throw e;
  }
}
