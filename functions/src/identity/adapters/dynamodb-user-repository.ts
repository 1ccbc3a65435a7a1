import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, NotFoundError } from '../../platform/domain/errors';
import { PLACEHOLDER_NAME } from '../domain/login';
import type { Registration, UserRecord, UserRepository } from '../ports';
import { conditional } from '../../platform/adapters/dynamodb/errors';
import { INDEX } from '../../platform/adapters/dynamodb/keys';
import { batchGet, queryAll } from '../../platform/adapters/dynamodb/query';
import { outboxWrites, toEntry } from '../../platform/adapters/dynamodb/outbox';
import { transact, type TxWrite } from '../../platform/adapters/dynamodb/transact';
import type { OutboxEntry, OutboxMessage } from '../../platform/domain/outbox';
import { openidKey, residentNamesOf, residentNameSort, residentsOf, residentSort, staffIndex, userKey, userSessionKey } from './keys';

const USER_FIELDS = [
  'id', 'openid', 'name', 'phone', 'roles', 'streetId', 'communityId', 'gridId', 'createdAt',
  'realName', 'address', 'registeredAt', 'verifiedAt', 'verifiedBy', 'rolesVersion', 'homePlace', 'departmentId', 'compound', 'moves', 'deletedAt', 'riderPlatform', 'companyId',
] as const satisfies readonly (keyof UserRecord)[];
const SESSION_KEY_RETENTION_S = 30 * 86400;

const STAFF_ROLES = new Set([
  'grid_worker', 'parttime_grid_worker', 'building_leader', 'community_admin', 'street_admin', 'station_keeper',
  'property_staff', 'service_staff', 'redemption_staff', 'department_staff', 'team_member',
]);

/**
 * The index attributes of a user: staff by their scope (GSI1), registered residents by their grid or
 * community (GSI2) and, when they gave their real name, by name within the community (GSI3).
 */
function indexOf(u: UserRecord): Record<string, string> {
  const isStaff = u.roles.some((r) => STAFF_ROLES.has(r));
  const scope = u.gridId ? staffIndex('GRID', u.gridId) : u.communityId ? staffIndex('COMMUNITY', u.communityId) : u.streetId ? staffIndex('STREET', u.streetId) : null;
  const home = u.registeredAt && (u.gridId ? residentsOf('GRID', u.gridId) : u.communityId ? residentsOf('COMMUNITY', u.communityId) : null);
  return {
    ...(isStaff && scope ? { [`${INDEX.GSI1}PK`]: scope.GSI1PK, [`${INDEX.GSI1}SK`]: `USER#${u.id}` } : {}),
    ...(home ? { [`${INDEX.GSI2}PK`]: home, [`${INDEX.GSI2}SK`]: residentSort(u.verifiedAt !== null, u.registeredAt!, u.id) } : {}),
    ...(u.registeredAt && u.communityId && u.realName && !u.deletedAt
      ? { [`${INDEX.GSI3}PK`]: residentNamesOf(u.communityId), [`${INDEX.GSI3}SK`]: residentNameSort(u.name, u.id) }
      : {}),
  };
}

/** The stored item of a user, with its index attributes (also written by invitations' transactions). */
export const userItem = (u: UserRecord): Record<string, unknown> => ({ ...userKey(u.id), entity: 'User', ...u, ...indexOf(u) });

/**
 * The write that stores a changed user if he is still at `userVersion` (his roles version when
 * read), for any transaction that changes a user (registration, invitations, applications, deletion).
 */
export const userWrite = (table: string, next: UserRecord, userVersion: number, conflictMessage = '账号信息刚刚有变化，请重试'): TxWrite => ({
  name: 'user',
  write: {
    Put: {
      TableName: table,
      Item: userItem(next),
      ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(rolesVersion) OR rolesVersion = :v)',
      ExpressionAttributeValues: { ':v': userVersion },
    },
  },
  conflict: () => new ConflictError(conflictMessage),
});

function fromUserItem(item: Record<string, unknown>): UserRecord {
  const out: Record<string, unknown> = {};
  for (const f of USER_FIELDS) out[f] = item[f] ?? null;
  // Users stored before `realName` existed had either WeChat's placeholder or a real name.
  const realName = typeof item.realName === 'boolean' ? item.realName : item.name !== PLACEHOLDER_NAME;
  return { ...(out as unknown as UserRecord), realName, rolesVersion: Number(item.rolesVersion ?? 1), moves: (item.moves as UserRecord['moves'] | undefined) ?? [] };
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

  async getMany(ids: readonly string[]): Promise<Map<string, UserRecord>> {
    if (ids.length === 0) return new Map();
    const items = await batchGet(this.doc, this.table, ids.map(userKey));
    return new Map(items.map((i) => [String(i.id), fromUserItem(i)]));
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

  /**
   * Rewrites the user item with the change applied, guarded by the roles version read (so two
   * concurrent changes cannot both apply on the same version); the index attributes follow.
   */
  private async change(userId: string, apply: (u: UserRecord) => UserRecord, guard?: (u: UserRecord) => void): Promise<UserRecord> {
    const current = await this.get(userId);
    if (!current) throw new NotFoundError('用户');
    guard?.(current);
    const next = apply(current);
    // One item: a conditional Put (half the write cost of a one-item transaction), same condition and conflict.
    const { write, conflict } = userWrite(this.table, next, current.rolesVersion);
    await conditional(() => this.doc.send(new PutCommand(write.Put!)), conflict!);
    return next;
  }

  register(userId: string, r: Registration): Promise<UserRecord> {
    const { keepVerification, ...changes } = r;
    return this.change(userId, (u) => ({
      ...u,
      ...changes,
      ...(keepVerification ? { registeredAt: u.registeredAt ?? changes.registeredAt } : { verifiedAt: null, verifiedBy: null }),
      rolesVersion: u.rolesVersion + 1,
    }));
  }

  verify(userId: string, expectedGridId: string | null, changes: Partial<Pick<UserRecord, 'address' | 'gridId'>>, by: string, at: string): Promise<UserRecord> {
    return this.change(
      userId,
      (u) => ({ ...u, ...changes, verifiedAt: at, verifiedBy: by, rolesVersion: changes.gridId && changes.gridId !== u.gridId ? u.rolesVersion + 1 : u.rolesVersion }),
      (u) => {
        if (!u.registeredAt || u.gridId !== expectedGridId) throw new ConflictError('该居民的登记已变更，请刷新', 'registration_changed');
      },
    );
  }

  async residentsOfGrid(gridId: string, onlyUnverified: boolean): Promise<UserRecord[]> {
    const read = async (prefix: 'U#' | 'V#') =>
      (
        await queryAll(
          this.doc,
          {
            TableName: this.table,
            IndexName: INDEX.GSI2,
            KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :p)',
            ExpressionAttributeNames: { '#pk': `${INDEX.GSI2}PK`, '#sk': `${INDEX.GSI2}SK` },
            ExpressionAttributeValues: { ':pk': residentsOf('GRID', gridId), ':p': prefix },
            ScanIndexForward: false,
          },
          500,
        )
      ).items.map(fromUserItem);
    return onlyUnverified ? read('U#') : [...(await read('U#')), ...(await read('V#'))];
  }

  async residentsNamed(communityId: string, namePrefix: string, limit: number): Promise<UserRecord[]> {
    const { items } = await queryAll(
      this.doc,
      {
        TableName: this.table,
        IndexName: INDEX.GSI3,
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :p)',
        ExpressionAttributeNames: { '#pk': `${INDEX.GSI3}PK`, '#sk': `${INDEX.GSI3}SK` },
        ExpressionAttributeValues: { ':pk': residentNamesOf(communityId), ':p': namePrefix },
      },
      limit,
    );
    return items.map(fromUserItem);
  }

  async erase(erased: UserRecord, userVersion: number, message: OutboxMessage): Promise<OutboxEntry[]> {
    const current = await this.get(erased.id);
    if (!current) throw new NotFoundError('用户');
    const entries = [toEntry(message, `${erased.id}.erase.${erased.rolesVersion}`, new Date(erased.deletedAt ?? Date.now()))];
    await transact(this.doc, [
      userWrite(this.table, erased, userVersion),
      { name: 'openid', write: { Delete: { TableName: this.table, Key: openidKey(current.openid) } } },
      { name: 'session key', write: { Delete: { TableName: this.table, Key: userSessionKey(erased.id) } } },
      ...outboxWrites(this.table, entries),
    ]);
    return entries;
  }

  declareRider(userId: string, rider: boolean, platform: string | null): Promise<UserRecord> {
    return this.change(userId, (u) => ({
      ...u,
      roles: rider ? [...u.roles.filter((r) => r !== 'rider'), 'rider'] : u.roles.filter((r) => r !== 'rider').length ? u.roles.filter((r) => r !== 'rider') : ['resident'],
      riderPlatform: rider ? platform : null,
      rolesVersion: u.rolesVersion + 1,
    }));
  }

  async staffOf(scope: 'grid' | 'community', id: string): Promise<UserRecord[]> {
    const { items } = await queryAll(
      this.doc,
      {
        TableName: this.table,
        IndexName: INDEX.GSI1,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': `${INDEX.GSI1}PK` },
        ExpressionAttributeValues: { ':pk': staffIndex(scope === 'grid' ? 'GRID' : 'COMMUNITY', id).GSI1PK },
      },
      100,
    );
    return items.map(fromUserItem);
  }

  async rolesVersion(userId: string): Promise<number | null> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: userKey(userId), ConsistentRead: true, ProjectionExpression: 'rolesVersion, PK' }),
    );
    return out.Item ? Number(out.Item.rolesVersion ?? 1) : null;
  }
}
