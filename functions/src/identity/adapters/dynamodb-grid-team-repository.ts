/**
 * Grid teams: `TEAM#COMMUNITY#<id>` / `MEMBER#<userId>` (one partition per community, read whole:
 * a community's team is tens of people). Property companies: `PROPCO#<id>` / `META`, listed under
 * each community they serve (`PROPCOS#COMMUNITY#<id>` / `PROPCO#<id>`, with the compounds there).
 */
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../platform/domain/errors';
import { pick } from '../../platform/adapters/dynamodb/items';
import { queryAll } from '../../platform/adapters/dynamodb/query';
import { transact, type TxWrite } from '../../platform/adapters/dynamodb/transact';
import type { GridTeamRepository, PropertyCompanyRecord, PropertyCompanyRepository, TeamMemberRecord, UserChange } from '../team-port';
import { userWrite } from './dynamodb-user-repository';
import { companiesOfCommunity, companyOfCommunityKey, propertyCompanyKey, teamMemberKey, teamOf } from './keys';

const MEMBER_FIELDS = [
  'userId', 'name', 'phone', 'communityId', 'teamRole', 'gridIds', 'specialties', 'addedAt', 'updatedAt', 'version',
] as const satisfies readonly (keyof TeamMemberRecord)[];

const memberItem = (m: TeamMemberRecord) => ({ ...teamMemberKey(m.communityId, m.userId), entity: 'TeamMember', ...m });
const changed = () => new ConflictError('该成员信息刚刚被他人修改，请刷新后重试', 'stale_version');

export class DynamoGridTeamRepository implements GridTeamRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async member(communityId: string, userId: string): Promise<TeamMemberRecord | null> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: teamMemberKey(communityId, userId), ConsistentRead: true }));
    return out.Item ? pick<TeamMemberRecord>(out.Item, MEMBER_FIELDS) : null;
  }

  async membersOf(communityId: string): Promise<TeamMemberRecord[]> {
    const { items } = await queryAll(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :m)',
      ExpressionAttributeValues: { ':pk': teamOf(communityId), ':m': 'MEMBER#' },
    });
    return items.map((i) => pick<TeamMemberRecord>(i, MEMBER_FIELDS));
  }

  async save(m: TeamMemberRecord, expectedVersion: number | null, user: UserChange | null): Promise<void> {
    const put: TxWrite =
      expectedVersion === null
        ? {
            name: 'member',
            write: { Put: { TableName: this.table, Item: memberItem(m), ConditionExpression: 'attribute_not_exists(PK)' } },
            conflict: () => new ConflictError('此人已是本社区网格团队成员', 'already_member'),
          }
        : {
            name: 'member',
            write: { Put: { TableName: this.table, Item: memberItem(m), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } } },
            conflict: changed,
          };
    await transact(this.doc, [put, ...(user ? [userWrite(this.table, user.next, user.userVersion)] : [])]);
  }

  async remove(m: TeamMemberRecord, expectedVersion: number, user: UserChange | null): Promise<void> {
    const del: TxWrite = {
      name: 'member',
      write: {
        Delete: { TableName: this.table, Key: teamMemberKey(m.communityId, m.userId), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } },
      },
      conflict: changed,
    };
    await transact(this.doc, [del, ...(user ? [userWrite(this.table, user.next, user.userVersion)] : [])]);
  }
}

export class DynamoPropertyCompanyRepository implements PropertyCompanyRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async companiesOf(communityId: string): Promise<{ id: string; name: string; compounds: string[] }[]> {
    const { items } = await queryAll(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': companiesOfCommunity(communityId) },
    });
    return items.map((i) => ({ id: String(i.companyId), name: String(i.name), compounds: (i.compounds as string[]) ?? [] }));
  }

  async get(id: string): Promise<PropertyCompanyRecord | null> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: propertyCompanyKey(id) }));
    return out.Item ? pick<PropertyCompanyRecord>(out.Item, ['id', 'name', 'streetId', 'serves']) : null;
  }

  async put(c: PropertyCompanyRecord): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.table, Item: { ...propertyCompanyKey(c.id), entity: 'PropertyCompany', ...c } }));
    for (const s of c.serves) {
      await this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...companyOfCommunityKey(s.communityId, c.id), entity: 'PropertyCompanyListing', companyId: c.id, name: c.name, compounds: s.compounds },
        }),
      );
    }
  }
}
