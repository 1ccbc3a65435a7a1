/** Redemptions on DynamoDB: one transaction debits the balance, takes the stock, counts the month and stores the code. */
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { consentGrantWrites } from '../../platform/adapters/dynamodb/consents';
import { findReceipt, transactOnce } from '../../platform/adapters/dynamodb/idempotency';
import { pick } from '../../platform/adapters/dynamodb/items';
import { INDEX, shardOf } from '../../platform/adapters/dynamodb/keys';
import { queryNewest } from '../../platform/adapters/dynamodb/query';
import { queryShards } from '../../platform/adapters/dynamodb/sharded';
import { transact, type TxWrite } from '../../platform/adapters/dynamodb/transact';
import { ConflictError } from '../../platform/domain/errors';
import type { IdempotencyClaim, IdempotencyReceipt, Once } from '../../platform/domain/idempotency';
import type { CreditPlan, RedemptionRecord, RedemptionRepository, RewardRecord, SpendPlan } from '../ports';
import { monthCountKey, pickupCodeKey, redemptionKey, redemptionsOfSite, redemptionsOfUser, rewardKey, uncollected } from './keys';
import { creditWrites, spendWrites } from './ledger-writes';

const FIELDS = [
  'id', 'userId', 'siteId', 'rewardId', 'rewardName', 'cost', 'code', 'status', 'month', 'createdAt', 'collectBy', 'collectedAt', 'collectedBy', 'entryId', 'version',
] as const satisfies readonly (keyof RedemptionRecord)[];
const fromItem = (i: Record<string, unknown>): RedemptionRecord => pick<RedemptionRecord>(i, FIELDS);

export class DynamoRedemptionRepository implements RedemptionRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly longTerm: ReadonlySet<string> = new Set(),
  ) {}

  async get(id: string): Promise<RedemptionRecord | null> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: redemptionKey(id), ConsistentRead: true }));
    return out.Item ? fromItem(out.Item) : null;
  }

  receipt(claim: IdempotencyClaim): Promise<IdempotencyReceipt<{ id: string }> | null> {
    return findReceipt<{ id: string }>(this.doc, this.table, claim);
  }

  async byCode(siteId: string, code: string): Promise<RedemptionRecord | null> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: pickupCodeKey(siteId, code), ConsistentRead: true }));
    return out.Item ? this.get(String(out.Item.redemptionId)) : null;
  }

  async mine(userId: string, limit: number): Promise<RedemptionRecord[]> {
    return (await queryNewest(this.doc, this.table, INDEX.GSI1, redemptionsOfUser(userId), limit)).map(fromItem);
  }

  async ofSite(siteId: string, limit: number): Promise<RedemptionRecord[]> {
    return (await queryNewest(this.doc, this.table, INDEX.GSI2, redemptionsOfSite(siteId), limit)).map(fromItem);
  }

  async redeem(r: RedemptionRecord, spend: SpendPlan, reward: RewardRecord, claim: IdempotencyClaim, consents: readonly string[] = []): Promise<Once<{ id: string }>> {
    const t = this.table;
    const writes: TxWrite[] = [
      ...spendWrites(t, spend),
      {
        name: 'stock',
        write: {
          Update: {
            TableName: t,
            Key: rewardKey(reward.siteId, reward.id),
            UpdateExpression: 'ADD stock :minus',
            ConditionExpression: 'stock >= :one AND active = :yes',
            ExpressionAttributeValues: { ':minus': -1, ':one': 1, ':yes': true },
          },
        },
        conflict: () => new ConflictError('该物品已兑完', 'out_of_stock'),
      },
      {
        name: 'month',
        write: {
          Update: {
            TableName: t,
            Key: monthCountKey(r.userId, r.month, reward.id),
            UpdateExpression: 'ADD n :one SET entity = :e',
            ...(reward.monthlyLimit ? { ConditionExpression: 'attribute_not_exists(n) OR n < :limit' } : {}),
            ExpressionAttributeValues: { ':one': 1, ':e': 'PointsMonthCount', ...(reward.monthlyLimit ? { ':limit': reward.monthlyLimit } : {}) },
          },
        },
        conflict: () => new ConflictError(`该物品每人每月限兑 ${reward.monthlyLimit} 次`, 'monthly_limit'),
      },
      {
        name: 'redemption',
        write: {
          Put: {
            TableName: t,
            Item: {
              ...redemptionKey(r.id),
              entity: 'Redemption',
              ...r,
              [`${INDEX.GSI1}PK`]: redemptionsOfUser(r.userId),
              [`${INDEX.GSI1}SK`]: `${r.createdAt}#${r.id}`,
              [`${INDEX.GSI2}PK`]: redemptionsOfSite(r.siteId),
              [`${INDEX.GSI2}SK`]: `${r.createdAt}#${r.id}`,
              [`${INDEX.GSI3}PK`]: uncollected(shardOf(r.id)),
              [`${INDEX.GSI3}SK`]: `${r.collectBy}#${r.id}`,
            },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
      },
      {
        name: 'code',
        write: {
          Put: { TableName: t, Item: { ...pickupCodeKey(r.siteId, r.code), entity: 'PickupCode', redemptionId: r.id }, ConditionExpression: 'attribute_not_exists(PK)' },
        },
        conflict: () => new ConflictError('领取码重复', 'code_taken'),
      },
    ];
    // The consents the person gave at the tap are stored with the redemption.
    return transactOnce(this.doc, t, claim, { id: r.id }, [...writes, ...consentGrantWrites(t, r.userId, consents, this.longTerm)]);
  }

  async release(r: RedemptionRecord, status: 'cancelled' | 'lapsed', refund: CreditPlan, at: string): Promise<void> {
    const t = this.table;
    await transact(this.doc, [
      {
        name: 'redemption',
        write: {
          Update: {
            TableName: t,
            Key: redemptionKey(r.id),
            UpdateExpression: `SET #s = :s, updatedAt = :at, version = version + :one REMOVE ${INDEX.GSI3}PK, ${INDEX.GSI3}SK`,
            ConditionExpression: '#s = :reserved',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':s': status, ':at': at, ':one': 1, ':reserved': 'reserved' },
          },
        },
        conflict: () => new ConflictError('该兑换已领取或已取消', 'not_reserved'),
      },
      { name: 'stock', write: { Update: { TableName: t, Key: rewardKey(r.siteId, r.rewardId), UpdateExpression: 'ADD stock :one', ExpressionAttributeValues: { ':one': 1 } } } },
      { name: 'month', write: { Update: { TableName: t, Key: monthCountKey(r.userId, r.month, r.rewardId), UpdateExpression: 'ADD n :minus', ExpressionAttributeValues: { ':minus': -1 } } } },
      ...creditWrites(t, refund),
    ]);
  }

  async collect(r: RedemptionRecord, by: string, at: string): Promise<void> {
    await transact(this.doc, [
      {
        name: 'redemption',
        write: {
          Update: {
            TableName: this.table,
            Key: redemptionKey(r.id),
            UpdateExpression: `SET #s = :s, collectedAt = :at, collectedBy = :by, updatedAt = :at, version = version + :one REMOVE ${INDEX.GSI3}PK, ${INDEX.GSI3}SK`,
            ConditionExpression: '#s = :reserved',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':s': 'collected', ':at': at, ':by': by, ':one': 1, ':reserved': 'reserved' },
          },
        },
        conflict: () => new ConflictError('该领取码已使用', 'already_collected'),
      },
    ]);
  }

  async overdue(now: string, limit: number): Promise<RedemptionRecord[]> {
    const { items } = await queryShards(this.doc, { table: this.table, index: INDEX.GSI3, partition: uncollected, until: `${now}#~` }, limit);
    return items.map(fromItem);
  }
}
