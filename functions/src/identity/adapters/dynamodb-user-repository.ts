import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../platform/domain/errors';
import type { UserRecord, UserRepository } from '../ports';
import { conditional } from '../../platform/adapters/dynamodb/errors';
import { INDEX } from '../../platform/adapters/dynamodb/keys';
import { openidKey, staffIndex, userKey, userSessionKey } from './keys';

const USER_FIELDS = ['id', 'openid', 'name', 'phone', 'roles', 'streetId', 'communityId', 'gridId', 'createdAt'] as const;
const SESSION_KEY_RETENTION_S = 30 * 86400;

const STAFF_ROLES = new Set(['grid_worker', 'community_admin', 'street_admin', 'station_keeper']);

function userItem(u: UserRecord): Record<string, unknown> {
  const isStaff = u.roles.some((r) => STAFF_ROLES.has(r));
  const scope = u.gridId ? staffIndex('GRID', u.gridId) : u.communityId ? staffIndex('COMMUNITY', u.communityId) : u.streetId ? staffIndex('STREET', u.streetId) : null;
  return {
    ...userKey(u.id),
    entity: 'User',
    ...u,
    ...(isStaff && scope ? { [`${INDEX.GSI1}PK`]: scope.GSI1PK, [`${INDEX.GSI1}SK`]: `USER#${u.id}` } : {}),
  };
}

function fromUserItem(item: Record<string, unknown>): UserRecord {
  const out: Record<string, unknown> = {};
  for (const f of USER_FIELDS) out[f] = item[f] ?? null;
  return out as unknown as UserRecord;
}

/** Users and their WeChat openid claims. */
export class DynamoUserRepository implements UserRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async get(id: string): Promise<UserRecord | null> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: userKey(id) }));
    return out.Item ? fromUserItem(out.Item) : null;
  }

  async getByOpenid(openid: string): Promise<UserRecord | null> {
    const ref = await this.doc.send(new GetCommand({ TableName: this.table, Key: openidKey(openid), ConsistentRead: true }));
    const userId = ref.Item?.userId;
    return typeof userId === 'string' ? this.get(userId) : null;
  }

  async create(user: UserRecord): Promise<void> {
    await conditional(
      () =>
        this.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName: this.table, Item: userItem(user), ConditionExpression: 'attribute_not_exists(PK)' } },
              {
                Put: {
                  TableName: this.table,
                  Item: { ...openidKey(user.openid), entity: 'OpenidClaim', userId: user.id },
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              },
            ],
          }),
        ),
      () => new ConflictError('该微信账号已注册', 'already_exists'),
    );
  }

  async saveSessionKey(userId: string, sessionKey: string, at: string): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          ...userSessionKey(userId),
          entity: 'WeChatSession',
          sessionKey,
          at,
          expiresAt: Math.floor(Date.parse(at) / 1000) + SESSION_KEY_RETENTION_S,
        },
      }),
    );
  }
}
