/** Idempotent creates: the receipt goes into the same transaction as what it creates. */
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../domain/errors';
import type { IdempotencyClaim, IdempotencyReceipt, Once } from '../../domain/idempotency';
import { idempotencyKey } from './keys';
import { ConditionFailed, transact, type TxWrite } from './transact';
import { cancellationCodes } from './errors';

const RECEIPT = 'idempotency';

/** The receipt an earlier call with this claim's key left, if any (consistent read). */
export async function findReceipt<T>(doc: DynamoDBDocumentClient, table: string, claim: IdempotencyClaim): Promise<IdempotencyReceipt<T> | null> {
  const out = await doc.send(new GetCommand({ TableName: table, Key: idempotencyKey(claim.operation, claim.callerId, claim.key), ConsistentRead: true }));
  return out.Item ? { bodyHash: String(out.Item.bodyHash), outcome: out.Item.outcome as T } : null;
}

/**
 * Writes `writes` together with the claim's receipt, once per (operation, caller, key). A second
 * call with the key stores nothing and returns the first call's receipt; of concurrent first calls
 * exactly one wins and the others get the winner's receipt.
 */
export async function transactOnce<T extends Record<string, unknown>>(
  doc: DynamoDBDocumentClient,
  table: string,
  claim: IdempotencyClaim,
  outcome: T,
  writes: readonly TxWrite[],
): Promise<Once<T>> {
  const Key = idempotencyKey(claim.operation, claim.callerId, claim.key);
  const receipt: TxWrite = {
    name: RECEIPT,
    write: {
      Put: {
        TableName: table,
        Item: { ...Key, entity: 'Idempotency', bodyHash: claim.bodyHash, outcome, expiresAt: claim.expiresAt },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
  };
  const earlier = () => findReceipt<T>(doc, table, claim);
  try {
    await transact(doc, [receipt, ...writes], { raw: true });
    return { created: true };
  } catch (e) {
    const lostRace = e instanceof ConditionFailed ? e.item === RECEIPT : cancellationCodes(e)?.includes('TransactionConflict');
    if (!lostRace) {
      if (!(e instanceof ConditionFailed)) throw e;
      const conflict = writes.find((w) => w.name === e.item)?.conflict;
      throw conflict ? conflict() : new ConflictError(undefined, undefined, e.item);
    }
    const found = await earlier();
    if (!found) throw new ConflictError('重复提交，请稍后刷新查看');
    return { created: false, receipt: found };
  }
}
