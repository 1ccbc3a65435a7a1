/** The shared WeChat access token in the single table: `WXTOKEN#<appId>` / `TOKEN` (value, expiry, refresh lease). */
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AccessTokenStore, SharedToken } from '../../ports/access-tokens';
import { whenConditionHolds } from './errors';
import { accessTokenKey } from './keys';

export class DynamoAccessTokenStore implements AccessTokenStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async read(appId: string): Promise<SharedToken | null> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: accessTokenKey(appId), ConsistentRead: true }));
    const item = out.Item;
    return item && typeof item.value === 'string' ? { value: item.value, expiresAt: Number(item.expiresAt) } : null;
  }

  async lease(appId: string, now: number, until: number, seen: SharedToken | null): Promise<boolean> {
    return whenConditionHolds(() => this.doc.send(
      new UpdateCommand({
        TableName: this.table,
        Key: accessTokenKey(appId),
        UpdateExpression: 'SET entity = :e, leaseUntil = :until',
        ConditionExpression: `(attribute_not_exists(leaseUntil) OR leaseUntil < :now) AND ${seen === null ? 'attribute_not_exists(#v)' : '#v = :seen AND expiresAt = :seenExpiry'}`,
        ExpressionAttributeNames: { '#v': 'value' },
        ExpressionAttributeValues: { ':e': 'AccessToken', ':until': until, ':now': now, ...(seen === null ? {} : { ':seen': seen.value, ':seenExpiry': seen.expiresAt }) },
      }),
    ));
  }

  async save(appId: string, token: SharedToken): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.table, Item: { ...accessTokenKey(appId), entity: 'AccessToken', value: token.value, expiresAt: token.expiresAt } }));
  }

  async release(appId: string): Promise<void> {
    await this.doc.send(new UpdateCommand({ TableName: this.table, Key: accessTokenKey(appId), UpdateExpression: 'REMOVE leaseUntil' }));
  }
}
