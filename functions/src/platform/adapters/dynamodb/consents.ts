/** Subscribe-message consents in the single table: `USER#<id>` / `CONSENT#<templateId>`, a counter and a long-term flag. */
import { BatchGetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { consentPair, type ConsentStore } from '../../ports/consents';
import { isConditionFailure, whenConditionHolds } from './errors';
import { consentKey } from './keys';
import type { TxWrite } from './transact';

/** The writes that record consents a user just gave (one more message per one-time template), for a job's transaction. */
export function consentGrantWrites(table: string, userId: string, templateIds: readonly string[], longTerm: ReadonlySet<string>): TxWrite[] {
  return [...new Set(templateIds)].map((templateId) => ({
    name: `consent ${templateId}`,
    write: {
      Update: {
        TableName: table,
        Key: consentKey(userId, templateId),
        UpdateExpression: longTerm.has(templateId) ? 'SET entity = :e, longTerm = :t' : 'ADD #count :one SET entity = :e',
        ...(longTerm.has(templateId) ? {} : { ExpressionAttributeNames: { '#count': 'count' } }),
        ExpressionAttributeValues: longTerm.has(templateId) ? { ':e': 'Consent', ':t': true } : { ':e': 'Consent', ':one': 1 },
      },
    },
  }));
}

export class DynamoConsentStore implements ConsentStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    /** Long-term templates (长期订阅) where configured: never used up. */
    private readonly longTerm: ReadonlySet<string> = new Set(),
  ) {}

  async available(pairs: readonly { userId: string; templateId: string }[]): Promise<Set<string>> {
    const found = new Set<string>();
    const unique = [...new Map(pairs.map((p) => [consentPair(p.userId, p.templateId), p])).values()];
    for (let i = 0; i < unique.length; i += 100) {
      let keys: Record<string, unknown>[] = unique.slice(i, i + 100).map((p) => ({ ...consentKey(p.userId, p.templateId) }));
      while (keys.length) {
        const out = await this.doc.send(new BatchGetCommand({ RequestItems: { [this.table]: { Keys: keys, ConsistentRead: true } } }));
        for (const item of out.Responses?.[this.table] ?? []) {
          if (item.longTerm === true || Number(item.count ?? 0) > 0) {
            found.add(consentPair(String(item.PK).slice('USER#'.length), String(item.SK).slice('CONSENT#'.length)));
          }
        }
        keys = (out.UnprocessedKeys?.[this.table]?.Keys ?? []) as Record<string, unknown>[];
      }
    }
    return found;
  }

  async consume(userId: string, templateId: string): Promise<boolean> {
    return whenConditionHolds(() => this.doc.send(
      new UpdateCommand({
        TableName: this.table,
        Key: consentKey(userId, templateId),
        // A long-term consent is checked, never used up; a one-time consent is one message.
        ...(this.longTerm.has(templateId)
          ? { UpdateExpression: 'SET entity = :e', ConditionExpression: 'longTerm = :true', ExpressionAttributeValues: { ':e': 'Consent', ':true': true } }
          : {
              UpdateExpression: 'ADD #count :dec',
              ConditionExpression: '#count > :zero',
              ExpressionAttributeNames: { '#count': 'count' },
              ExpressionAttributeValues: { ':zero': 0, ':dec': -1 },
            }),
      }),
    ));
  }

  async restore(userId: string, templateId: string): Promise<void> {
    if (this.longTerm.has(templateId)) return;
    await this.doc.send(
      new UpdateCommand({
        TableName: this.table,
        Key: consentKey(userId, templateId),
        UpdateExpression: 'ADD #count :one',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeNames: { '#count': 'count' },
        ExpressionAttributeValues: { ':one': 1 },
      }),
    ).catch((e: unknown) => {
      if (!isConditionFailure(e)) throw e;
    });
  }
}
