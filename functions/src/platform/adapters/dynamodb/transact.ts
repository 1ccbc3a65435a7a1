/**
 * One way to write several items atomically: TransactWriteItems with each item named, so that a
 * failed condition becomes the named domain conflict of the item that failed (or a ConflictError
 * naming it), and DynamoDB's transient TransactionConflict is retried with backoff (nothing of a
 * cancelled transaction was written, so a retry is safe).
 */
import { TransactWriteCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ConflictError, type DomainError } from '../../domain/errors';
import { cancellationCodes } from './errors';

export type TransactWriteItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** One write of a transaction, with the name and conflict to report if its condition fails. */
export interface TxWrite {
  name: string;
  write: TransactWriteItem;
  conflict?: () => DomainError;
}

/** A failed condition on the named item (for callers that handle one item's failure themselves). */
export class ConditionFailed extends Error {
  constructor(readonly item: string) {
    super(`condition failed on ${item}`);
  }
}

const MAX_ATTEMPTS = 10;

/** Transient TransactionConflicts retried in this container so far (benchmarks and simulations read it). */
export const transactStats = { conflictRetries: 0 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** DynamoDB allows at most 100 writes in one transaction. */
export const MAX_TRANSACTION_WRITES = 100;

export async function transact(doc: DynamoDBDocumentClient, writes: readonly TxWrite[], opts: { raw?: boolean } = {}): Promise<void> {
  if (writes.length === 0) return;
  if (writes.length > MAX_TRANSACTION_WRITES) throw new Error(`transaction of ${writes.length} writes exceeds ${MAX_TRANSACTION_WRITES}`);
  for (let attempt = 1; ; attempt++) {
    try {
      await doc.send(new TransactWriteCommand({ TransactItems: writes.map((w) => w.write) }));
      return;
    } catch (e) {
      const codes = cancellationCodes(e);
      if (!codes) throw e;
      const failed = codes.indexOf('ConditionalCheckFailed');
      if (failed >= 0) {
        const w = writes[failed]!;
        if (opts.raw) throw new ConditionFailed(w.name);
        throw w.conflict?.() ?? new ConflictError('数据已被他人修改，请刷新后重试', 'conflict', w.name);
      }
      if (!codes.includes('TransactionConflict')) throw e;
      // Still colliding after every retry (a hot item under a rush): a clear 409 the client may retry with its key, never a 500.
      if (attempt >= MAX_ATTEMPTS) throw new ConflictError('当前办理人数较多，请稍后重试', 'busy');
      transactStats.conflictRetries++;
      // Full jitter: racing writers spread out instead of colliding again in step.
      await sleep(5 + Math.random() * 15 * 2 ** attempt);
    }
  }
}
