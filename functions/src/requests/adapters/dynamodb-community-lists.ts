/** A community's duty lists and staff-alert robots: one item each, written only over the version read. */
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { conditional } from '../../platform/adapters/dynamodb/errors';
import { pick } from '../../platform/adapters/dynamodb/items';
import type { Key } from '../../platform/adapters/dynamodb/keys';
import { batchGet } from '../../platform/adapters/dynamodb/query';
import { ConflictError } from '../../platform/domain/errors';
import type { CommunityListRepository, StoredDutyLists, StoredStaffAlerts } from '../ports';
import { dutyListsKey, staffAlertsKey } from './keys';

const DUTY_FIELDS = ['communityId', 'performs', 'assists', 'notHandled', 'version', 'updatedAt', 'updatedByName'] as const;
const ALERT_FIELDS = ['communityId', 'communityWebhook', 'grids', 'version', 'updatedAt'] as const;

export class DynamoCommunityListRepository implements CommunityListRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  private async read<T>(key: Key, fields: readonly string[]): Promise<T | null> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true }));
    return out.Item ? pick<T>(out.Item, fields) : null;
  }

  /** Puts the item over the version before it (or where none is, for version 1): two editors cannot both win. */
  private async write(key: Key, entity: string, item: { version: number }, what: string): Promise<void> {
    const first = item.version === 1;
    await conditional(
      () =>
        this.doc.send(
          new PutCommand({
            TableName: this.table,
            Item: { ...key, entity, ...item },
            ConditionExpression: first ? 'attribute_not_exists(PK)' : '#v = :before',
            ...(first ? {} : { ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: { ':before': item.version - 1 } }),
          }),
        ),
      () => new ConflictError(`${what}已被他人修改，请刷新后再改`, 'stale'),
    );
  }

  async dutyLists(communityId: string): Promise<StoredDutyLists | null> {
    return this.read<StoredDutyLists>(dutyListsKey(communityId), DUTY_FIELDS);
  }

  putDutyLists(next: StoredDutyLists): Promise<void> {
    return this.write(dutyListsKey(next.communityId), 'DutyLists', next, '职责清单');
  }

  async staffAlerts(communityId: string): Promise<StoredStaffAlerts | null> {
    const found = await this.read<StoredStaffAlerts>(staffAlertsKey(communityId), ALERT_FIELDS);
    return found ? { ...found, grids: found.grids ?? [] } : null;
  }

  async staffAlertsOf(communityIds: readonly string[]): Promise<Map<string, StoredStaffAlerts>> {
    if (communityIds.length === 0) return new Map();
    const items = await batchGet(this.doc, this.table, communityIds.map(staffAlertsKey), { consistent: true });
    return new Map(
      items.map((i) => {
        const found = pick<StoredStaffAlerts>(i, ALERT_FIELDS);
        return [found.communityId, { ...found, grids: found.grids ?? [] }];
      }),
    );
  }

  putStaffAlerts(next: StoredStaffAlerts): Promise<void> {
    return this.write(staffAlertsKey(next.communityId), 'StaffAlerts', next, '工作群提醒设置');
  }
}
