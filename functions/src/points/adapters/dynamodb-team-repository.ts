/** Volunteer teams on DynamoDB: the team and its member items in one partition, the count kept with each join and leave. */
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { transactOnce } from '../../platform/adapters/dynamodb/idempotency';
import { pick } from '../../platform/adapters/dynamodb/items';
import { INDEX } from '../../platform/adapters/dynamodb/keys';
import { queryAll } from '../../platform/adapters/dynamodb/query';
import { ConditionFailed, transact, type TxWrite } from '../../platform/adapters/dynamodb/transact';
import type { IdempotencyClaim, Once } from '../../platform/domain/idempotency';
import type { TeamRecord, TeamRepository } from '../ports';
import { teamKey, teamMemberKey, teamsOfCommunity, teamsOfUser } from './keys';

const FIELDS = ['id', 'communityId', 'streetId', 'name', 'description', 'captainId', 'members', 'createdAt'] as const satisfies readonly (keyof TeamRecord)[];
const fromItem = (i: Record<string, unknown>): TeamRecord => ({ ...pick<TeamRecord>(i, FIELDS), members: Number(i.members ?? 0) });

export class DynamoTeamRepository implements TeamRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  private memberPut(teamId: string, userId: string, at: string): TxWrite {
    return {
      name: 'member',
      write: {
        Put: {
          TableName: this.table,
          Item: { ...teamMemberKey(teamId, userId), entity: 'TeamMember', teamId, userId, joinedAt: at, [`${INDEX.GSI1}PK`]: teamsOfUser(userId), [`${INDEX.GSI1}SK`]: teamId },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
    };
  }

  private count(teamId: string, by: number): TxWrite {
    return { name: 'team', write: { Update: { TableName: this.table, Key: teamKey(teamId), UpdateExpression: 'ADD members :n', ConditionExpression: 'attribute_exists(PK)', ExpressionAttributeValues: { ':n': by } } } };
  }

  async get(id: string): Promise<TeamRecord | null> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: teamKey(id), ConsistentRead: true }));
    return out.Item ? fromItem(out.Item) : null;
  }

  create(t: TeamRecord, claim: IdempotencyClaim): Promise<Once<{ id: string }>> {
    const item = { ...teamKey(t.id), entity: 'Team', ...t, members: 1, [`${INDEX.GSI1}PK`]: teamsOfCommunity(t.communityId), [`${INDEX.GSI1}SK`]: `${t.createdAt}#${t.id}` };
    return transactOnce(this.doc, this.table, claim, { id: t.id }, [
      { name: 'team', write: { Put: { TableName: this.table, Item: item, ConditionExpression: 'attribute_not_exists(PK)' } } },
      this.memberPut(t.id, t.captainId, t.createdAt),
    ]);
  }

  async ofCommunity(communityId: string): Promise<TeamRecord[]> {
    const { items } = await queryAll(this.doc, {
      TableName: this.table,
      IndexName: INDEX.GSI1,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': `${INDEX.GSI1}PK` },
      ExpressionAttributeValues: { ':pk': teamsOfCommunity(communityId) },
    });
    return items.map(fromItem);
  }

  async members(teamId: string): Promise<{ userId: string; joinedAt: string }[]> {
    const { items } = await queryAll(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :m)',
      ExpressionAttributeValues: { ':pk': teamKey(teamId).PK, ':m': 'MEMBER#' },
    });
    return items.map((i) => ({ userId: String(i.userId), joinedAt: String(i.joinedAt) }));
  }

  async isMember(teamId: string, userId: string): Promise<boolean> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: teamMemberKey(teamId, userId), ConsistentRead: true }));
    return !!out.Item;
  }

  async join(teamId: string, userId: string, at: string): Promise<boolean> {
    return this.once([this.memberPut(teamId, userId, at), this.count(teamId, 1)]);
  }

  async leave(teamId: string, userId: string): Promise<boolean> {
    return this.once([
      { name: 'member', write: { Delete: { TableName: this.table, Key: teamMemberKey(teamId, userId), ConditionExpression: 'attribute_exists(PK)' } } },
      this.count(teamId, -1),
    ]);
  }

  async teamsOf(userId: string): Promise<string[]> {
    const { items } = await queryAll(this.doc, {
      TableName: this.table,
      IndexName: INDEX.GSI1,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': `${INDEX.GSI1}PK` },
      ExpressionAttributeValues: { ':pk': teamsOfUser(userId) },
    });
    return items.map((i) => String(i.teamId));
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
