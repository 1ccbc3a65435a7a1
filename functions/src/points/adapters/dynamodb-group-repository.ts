/**
 * Groups of a community on DynamoDB — volunteer teams and 共建单位 — with their member items in one
 * partition and the count kept with each join and leave.
 */
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { transactOnce } from '../../platform/adapters/dynamodb/idempotency';
import { pick } from '../../platform/adapters/dynamodb/items';
import { INDEX } from '../../platform/adapters/dynamodb/keys';
import { queryAll } from '../../platform/adapters/dynamodb/query';
import { ConditionFailed, transact, type TxWrite } from '../../platform/adapters/dynamodb/transact';
import type { IdempotencyClaim, Once } from '../../platform/domain/idempotency';
import type { GroupRepository, TeamRecord, UnitRecord } from '../ports';
import { groupKey, groupMemberKey, groupsOfCommunity, groupsOfUser, type GroupKind } from './keys';

type Group = { id: string; communityId: string; members: number; createdAt: string };

class DynamoGroupRepository<T extends Group> implements GroupRepository<T> {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly kind: GroupKind,
    private readonly fields: readonly string[],
  ) {}

  private fromItem(i: Record<string, unknown>): T {
    return { ...pick<T>(i, this.fields), members: Number(i.members ?? 0) };
  }

  private memberPut(groupId: string, userId: string, at: string): TxWrite {
    return {
      name: 'member',
      write: {
        Put: {
          TableName: this.table,
          Item: {
            ...groupMemberKey(this.kind, groupId, userId), entity: `${this.kind}Member`, groupId, userId, joinedAt: at,
            [`${INDEX.GSI1}PK`]: groupsOfUser(this.kind, userId), [`${INDEX.GSI1}SK`]: groupId,
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
    };
  }

  private count(groupId: string, by: number): TxWrite {
    return {
      name: 'group',
      write: { Update: { TableName: this.table, Key: groupKey(this.kind, groupId), UpdateExpression: 'ADD members :n', ConditionExpression: 'attribute_exists(PK)', ExpressionAttributeValues: { ':n': by } } },
    };
  }

  private byIndex(partition: string) {
    return queryAll(this.doc, {
      TableName: this.table,
      IndexName: INDEX.GSI1,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': `${INDEX.GSI1}PK` },
      ExpressionAttributeValues: { ':pk': partition },
    });
  }

  async get(id: string): Promise<T | null> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: groupKey(this.kind, id), ConsistentRead: true }));
    return out.Item ? this.fromItem(out.Item) : null;
  }

  create(g: T, claim: IdempotencyClaim, firstMember?: string): Promise<Once<{ id: string }>> {
    const item = { ...groupKey(this.kind, g.id), entity: this.kind, ...g, members: firstMember ? 1 : 0, [`${INDEX.GSI1}PK`]: groupsOfCommunity(this.kind, g.communityId), [`${INDEX.GSI1}SK`]: `${g.createdAt}#${g.id}` };
    return transactOnce(this.doc, this.table, claim, { id: g.id }, [
      { name: 'group', write: { Put: { TableName: this.table, Item: item, ConditionExpression: 'attribute_not_exists(PK)' } } },
      ...(firstMember ? [this.memberPut(g.id, firstMember, g.createdAt)] : []),
    ]);
  }

  async ofCommunity(communityId: string): Promise<T[]> {
    return (await this.byIndex(groupsOfCommunity(this.kind, communityId))).items.map((i) => this.fromItem(i));
  }

  async members(groupId: string): Promise<{ userId: string; joinedAt: string }[]> {
    const { items } = await queryAll(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :m)',
      ExpressionAttributeValues: { ':pk': groupKey(this.kind, groupId).PK, ':m': 'MEMBER#' },
    });
    return items.map((i) => ({ userId: String(i.userId), joinedAt: String(i.joinedAt) }));
  }

  async isMember(groupId: string, userId: string): Promise<boolean> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: groupMemberKey(this.kind, groupId, userId), ConsistentRead: true }));
    return !!out.Item;
  }

  async join(groupId: string, userId: string, at: string): Promise<boolean> {
    return this.once([this.memberPut(groupId, userId, at), this.count(groupId, 1)]);
  }

  async leave(groupId: string, userId: string): Promise<boolean> {
    return this.once([
      { name: 'member', write: { Delete: { TableName: this.table, Key: groupMemberKey(this.kind, groupId, userId), ConditionExpression: 'attribute_exists(PK)' } } },
      this.count(groupId, -1),
    ]);
  }

  async groupsOf(userId: string): Promise<string[]> {
    return (await this.byIndex(groupsOfUser(this.kind, userId))).items.map((i) => String(i.groupId));
  }

  /** True when the writes went through; false when the member item said it was already so. */
  private async once(writes: TxWrite[]): Promise<boolean> {
    try {
      await transact(this.doc, writes, { raw: true });
      return true;
    } catch (e) {
      if (e instanceof ConditionFailed && e.item === 'member') return false;
      throw e;
    }
  }
}

const TEAM_FIELDS = ['id', 'communityId', 'streetId', 'name', 'description', 'captainId', 'members', 'createdAt'] as const satisfies readonly (keyof TeamRecord)[];
const UNIT_FIELDS = ['id', 'communityId', 'streetId', 'name', 'contact', 'joinCode', 'members', 'createdAt'] as const satisfies readonly (keyof UnitRecord)[];

export const dynamoTeams = (doc: DynamoDBDocumentClient, table: string): GroupRepository<TeamRecord> => new DynamoGroupRepository<TeamRecord>(doc, table, 'TEAM', TEAM_FIELDS);
export const dynamoUnits = (doc: DynamoDBDocumentClient, table: string): GroupRepository<UnitRecord> => new DynamoGroupRepository<UnitRecord>(doc, table, 'UNIT', UNIT_FIELDS);
