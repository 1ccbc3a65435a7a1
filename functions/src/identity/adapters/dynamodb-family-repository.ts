/** Family links: requests `FAMILYCODE#<code>` / `META`; each link under both users, `USER#<id>` / `FAMILY#<otherId>`. */
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../platform/domain/errors';
import type { IdempotencyClaim, Once } from '../../platform/domain/idempotency';
import { transactOnce } from '../../platform/adapters/dynamodb/idempotency';
import { pick } from '../../platform/adapters/dynamodb/items';
import { queryAll } from '../../platform/adapters/dynamodb/query';
import { transact } from '../../platform/adapters/dynamodb/transact';
import type { FamilyCodeRecord, FamilyLink, FamilyRepository } from '../ports';
import { FAMILY_PREFIX, familyCodeKey, familyLinkKey } from './keys';

const CODE_FIELDS = ['code', 'requesterId', 'relation', 'note', 'status', 'createdAt', 'expiresAt', 'usedBy'] as const;
const LINK_FIELDS = ['userId', 'otherId', 'direction', 'relation', 'since'] as const;

export class DynamoFamilyRepository implements FamilyRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  createCode(r: FamilyCodeRecord, claim: IdempotencyClaim): Promise<Once<{ code: string }>> {
    return transactOnce(this.doc, this.table, claim, { code: r.code }, [
      {
        name: 'family code',
        write: { Put: { TableName: this.table, Item: { ...familyCodeKey(r.code), entity: 'FamilyCode', ...r }, ConditionExpression: 'attribute_not_exists(PK)' } },
        conflict: () => new ConflictError('关联码重复', 'code_taken'),
      },
    ]);
  }

  async getCode(code: string): Promise<FamilyCodeRecord | null> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: familyCodeKey(code), ConsistentRead: true }));
    return out.Item ? pick<FamilyCodeRecord>(out.Item, CODE_FIELDS) : null;
  }

  async link(used: FamilyCodeRecord, sides: [FamilyLink, FamilyLink]): Promise<void> {
    await transact(this.doc, [
      {
        name: 'family code',
        write: {
          Put: {
            TableName: this.table,
            Item: { ...familyCodeKey(used.code), entity: 'FamilyCode', ...used },
            ConditionExpression: '#status = :open',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':open': 'open' },
          },
        },
        conflict: () => new ConflictError('该关联码已被使用', 'family_code_used'),
      },
      ...sides.map((l) => ({ name: `link ${l.direction}`, write: { Put: { TableName: this.table, Item: { ...familyLinkKey(l.userId, l.otherId), entity: 'FamilyLink', ...l } } } })),
    ]);
  }

  async linksOf(userId: string): Promise<FamilyLink[]> {
    const { items } = await queryAll(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :family)',
      ExpressionAttributeValues: { ':pk': familyLinkKey(userId, '').PK, ':family': FAMILY_PREFIX },
    });
    return items.map((i) => pick<FamilyLink>(i, LINK_FIELDS));
  }

  async unlink(userId: string, otherId: string): Promise<void> {
    await transact(this.doc, [
      { name: 'my side', write: { Delete: { TableName: this.table, Key: familyLinkKey(userId, otherId) } } },
      { name: 'other side', write: { Delete: { TableName: this.table, Key: familyLinkKey(otherId, userId) } } },
    ]);
  }
}
