/** The ledger on DynamoDB: one partition per person (account, lots, entries, guards, counters). */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SourceType } from '@linli/shared';
import { decodeCursor, encodeCursor } from '../../platform/adapters/dynamodb/cursor';
import { transactOnce } from '../../platform/adapters/dynamodb/idempotency';
import { pick } from '../../platform/adapters/dynamodb/items';
import { INDEX, prefixEnd } from '../../platform/adapters/dynamodb/keys';
import { batchGet, queryAll } from '../../platform/adapters/dynamodb/query';
import { queryShards } from '../../platform/adapters/dynamodb/sharded';
import { ConditionFailed, transact, type TxWrite } from '../../platform/adapters/dynamodb/transact';
import { ConflictError } from '../../platform/domain/errors';
import type { IdempotencyClaim, Once } from '../../platform/domain/idempotency';
import type { AccountRecord, CreditPlan, EntryRecord, LedgerRepository, LotRecord, SpendPlan } from '../ports';
import { accountKey, accountPartition, boardKey, dayCapKey, ENTRY_PREFIX, entryKey, expiryNoticeKey, giftCountKey, LOT_PREFIX, lotKey, lotsExpiring, serviceOfCommunity } from './keys';
import { creditWrites, spendWrites } from './ledger-writes';

const LOT_FIELDS = ['id', 'userId', 'remaining', 'expiresOn', 'earnedAt'] as const satisfies readonly (keyof LotRecord)[];
const ENTRY_FIELDS = [
  'id', 'userId', 'at', 'kind', 'points', 'minutes', 'bank', 'reason', 'source', 'actorId', 'verified', 'lots', 'communityId', 'teamId', 'unitIds', 'reversedBy',
] as const satisfies readonly (keyof EntryRecord)[];
export const fromLotItem = (i: Record<string, unknown>): LotRecord => ({ ...pick<LotRecord>(i, LOT_FIELDS), remaining: Number(i.remaining) });
const toAccount = (userId: string, i: Record<string, unknown> | undefined): AccountRecord => ({
  userId, balance: Number(i?.balance ?? 0), servedMinutes: Number(i?.servedMinutes ?? 0), bankMinutes: Number(i?.bankMinutes ?? 0),
});
export const fromEntryItem = (i: Record<string, unknown>): EntryRecord => ({ ...pick<EntryRecord>(i, ENTRY_FIELDS), bank: Number(i.bank ?? 0) });

export class DynamoLedgerRepository implements LedgerRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async account(userId: string): Promise<AccountRecord> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: accountKey(userId), ConsistentRead: true }));
    return toAccount(userId, out.Item);
  }

  async lots(userId: string): Promise<LotRecord[]> {
    const { items } = await queryAll(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :lot)',
      ExpressionAttributeValues: { ':pk': accountPartition(userId), ':lot': LOT_PREFIX },
      ConsistentRead: true,
    });
    return this.live(items.map(fromLotItem));
  }

  /**
   * The account and its live lots in one consistent query: in the account's partition the lots
   * (`LOT#…`) sort right before the account item (`META`), and nothing else sorts between them.
   */
  async accountWithLots(userId: string): Promise<{ account: AccountRecord; lots: LotRecord[] }> {
    const { items } = await queryAll(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'PK = :pk AND SK BETWEEN :lot AND :meta',
      ExpressionAttributeValues: { ':pk': accountPartition(userId), ':lot': LOT_PREFIX, ':meta': accountKey(userId).SK },
      ConsistentRead: true,
    });
    const meta = items.find((i) => i.SK === accountKey(userId).SK);
    const lots = items.filter((i) => String(i.SK).startsWith(LOT_PREFIX)).map(fromLotItem);
    return { account: toAccount(userId, meta), lots: this.live(lots) };
  }

  /**
   * The lots with points left. A read never writes (a GET route's role cannot): a spend deletes the
   * lot it empties; one left at 0 by older data is only skipped here, and the expiry task removes it.
   */
  private live(lots: LotRecord[]): LotRecord[] {
    return lots.filter((l) => l.remaining > 0);
  }

  async entries(userId: string, cursor: string | undefined, limit: number): Promise<{ items: EntryRecord[]; nextCursor: string | null }> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': accountPartition(userId), ':from': ENTRY_PREFIX, ':to': prefixEnd(ENTRY_PREFIX) },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor),
      }),
    );
    return { items: (out.Items ?? []).map(fromEntryItem), nextCursor: encodeCursor(out.LastEvaluatedKey) };
  }

  async entry(userId: string, entryId: string): Promise<EntryRecord | null> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: entryKey(userId, entryId), ConsistentRead: true }));
    return out.Item ? fromEntryItem(out.Item) : null;
  }

  async creditedOn(userId: string, day: string, type: SourceType): Promise<number> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: dayCapKey(userId, day, type), ConsistentRead: true }));
    return Number(out.Item?.points ?? 0);
  }

  async credit(plan: CreditPlan): Promise<boolean> {
    try {
      await transact(this.doc, creditWrites(this.table, plan));
      return true;
    } catch (e) {
      if (e instanceof ConflictError && e.code === 'already_credited') return false;
      throw e;
    }
  }

  creditOnce(plan: CreditPlan, claim: IdempotencyClaim): Promise<Once<{ id: string }>> {
    return transactOnce(this.doc, this.table, claim, { id: plan.entry.id }, creditWrites(this.table, plan));
  }

  async reverse(original: EntryRecord, reversal: SpendPlan | CreditPlan): Promise<void> {
    const mark: TxWrite = {
      name: 'original',
      write: {
        Update: {
          TableName: this.table,
          Key: entryKey(original.userId, original.id),
          UpdateExpression: 'SET reversedBy = :r',
          ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(reversedBy) OR reversedBy = :null)',
          ExpressionAttributeValues: { ':r': reversal.entry.id, ':null': null },
        },
      },
      conflict: () => new ConflictError('该记录已冲正', 'already_reversed'),
    };
    const writes = 'takes' in reversal ? spendWrites(this.table, reversal) : creditWrites(this.table, reversal);
    await transact(this.doc, [mark, ...writes]);
  }

  transfer(out: SpendPlan, into: CreditPlan, year: string, cap: number, claim: IdempotencyClaim): Promise<Once<{ id: string }>> {
    const minutes = -out.entry.bank;
    const count: TxWrite = {
      name: 'gift_cap',
      write: {
        Update: {
          TableName: this.table,
          Key: giftCountKey(out.entry.userId, year),
          UpdateExpression: 'ADD given :m SET entity = :e',
          ConditionExpression: 'attribute_not_exists(given) OR given <= :room',
          ExpressionAttributeValues: { ':m': minutes, ':room': cap - minutes, ':e': 'PointsGiftCount' },
        },
      },
      conflict: () => new ConflictError(`每年最多转赠 ${cap / 60} 小时`, 'yearly_gift_cap'),
    };
    return transactOnce(this.doc, this.table, claim, { id: out.entry.id }, [...spendWrites(this.table, out), ...creditWrites(this.table, into), count]);
  }

  async givenIn(userId: string, year: string): Promise<number> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: giftCountKey(userId, year), ConsistentRead: true }));
    return Number(out.Item?.given ?? 0);
  }

  async serviceOf(communityId: string, fromIso: string, toIso: string, limit: number): Promise<EntryRecord[]> {
    const { items } = await queryAll(
      this.doc,
      {
        TableName: this.table,
        IndexName: INDEX.GSI1,
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
        ExpressionAttributeNames: { '#pk': `${INDEX.GSI1}PK`, '#sk': `${INDEX.GSI1}SK` },
        ExpressionAttributeValues: { ':pk': serviceOfCommunity(communityId), ':from': fromIso, ':to': `${toIso}~` },
      },
      limit,
    );
    return items.map(fromEntryItem);
  }

  async board(scope: 'COMMUNITY' | 'TEAM' | 'UNIT', id: string, quarter: string): Promise<{ userId: string; points: number; minutes: number }[]> {
    const { PK } = boardKey(scope, id, quarter, '');
    const { items } = await queryAll(this.doc, { TableName: this.table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': PK } });
    return items.map((i) => ({ userId: String(i.userId), points: Number(i.points ?? 0), minutes: Number(i.minutes ?? 0) }));
  }

  async hidingAmong(userIds: readonly string[]): Promise<Set<string>> {
    const items = await batchGet(this.doc, this.table, userIds.map(accountKey));
    return new Set(items.filter((i) => i.hideName === true).map((i) => String(i.userId)));
  }

  async setHideName(userId: string, hide: boolean): Promise<void> {
    await this.doc.send(
      new UpdateCommand({ TableName: this.table, Key: accountKey(userId), UpdateExpression: 'SET hideName = :h, entity = :e, userId = :u', ExpressionAttributeValues: { ':h': hide, ':e': 'PointsAccount', ':u': userId } }),
    );
  }

  async markExpiryNoticed(userId: string, expiresOn: string): Promise<boolean> {
    try {
      await this.doc.send(new PutCommand({ TableName: this.table, Item: { ...expiryNoticeKey(userId, expiresOn), entity: 'PointsExpiryNotice' }, ConditionExpression: 'attribute_not_exists(PK)' }));
      return true;
    } catch (e) {
      if ((e as Error).name === 'ConditionalCheckFailedException') return false;
      throw e;
    }
  }

  async expiringBefore(day: string, limit: number): Promise<LotRecord[]> {
    const { items } = await queryShards(this.doc, { table: this.table, index: INDEX.GSI3, partition: lotsExpiring, until: `${day}#` }, limit);
    return items.map(fromLotItem);
  }

  async expire(lot: LotRecord, entry: EntryRecord): Promise<boolean> {
    const writes: TxWrite[] = [
      {
        name: 'lot',
        write: {
          Delete: {
            TableName: this.table,
            Key: lotKey(lot.userId, lot.expiresOn, lot.id),
            ConditionExpression: 'remaining = :r',
            ExpressionAttributeValues: { ':r': lot.remaining },
          },
        },
      },
      // What was left goes off the balance with an expiry entry (a lot at 0, left by older data, is only tidied away).
      ...(lot.remaining > 0 ? spendWrites(this.table, { entry, takes: [] }) : []),
    ];
    try {
      await transact(this.doc, writes, { raw: true });
      return true;
    } catch (e) {
      if (e instanceof ConditionFailed) return false;
      throw e;
    }
  }
}

