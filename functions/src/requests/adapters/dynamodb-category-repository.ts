import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { whenConditionHolds } from '../../platform/adapters/dynamodb/errors';
import { type Category, EMERGENCY_KINDS } from '@linli/shared';
import { pick } from '../../platform/adapters/dynamodb/items';
import { queryAll } from '../../platform/adapters/dynamodb/query';
import type { CategoryRepository } from '../ports';
import { CATEGORY_PREFIX, categoryKey } from './keys';

const CATEGORY_FIELDS = ['id', 'group', 'name', 'urgent', 'requiresAfterPhoto', 'deadlines', 'order', 'propertyItem', 'staffOnly', 'emergency', 'gridAdmitted'] as const;
const EMERGENCIES: readonly unknown[] = EMERGENCY_KINDS;
/** Categories stored before a flag existed do not have it (not property, not staff-only, no emergency). */
const toCategory = (i: Record<string, unknown>): Category => ({
  ...pick<Category>(i, CATEGORY_FIELDS),
  propertyItem: i.propertyItem === true,
  staffOnly: i.staffOnly === true,
  // Categories stored before the admission list was kept are admitted to grids.
  gridAdmitted: i.gridAdmitted !== false,
  emergency: EMERGENCIES.includes(i.emergency) ? (i.emergency as Category['emergency']) : null,
});

/** The admitted-item list of each community (准入事项清单). */
export class DynamoCategoryRepository implements CategoryRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async listOfCommunity(communityId: string): Promise<Category[]> {
    const { items } = await queryAll(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': categoryKey(communityId, '').PK, ':prefix': CATEGORY_PREFIX },
    });
    return items.map(toCategory);
  }

  async get(communityId: string, categoryId: string): Promise<Category | null> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: categoryKey(communityId, categoryId) }));
    return out.Item ? toCategory(out.Item) : null;
  }

  async put(communityId: string, category: Category): Promise<void> {
    await this.doc.send(
      new PutCommand({ TableName: this.table, Item: { ...categoryKey(communityId, category.id), entity: 'Category', ...category } }),
    );
  }

  async setGridAdmitted(communityId: string, categoryId: string, gridAdmitted: boolean): Promise<boolean> {
    return whenConditionHolds(() => this.doc.send(
      new UpdateCommand({
        TableName: this.table,
        Key: categoryKey(communityId, categoryId),
        UpdateExpression: 'SET gridAdmitted = :v',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':v': gridAdmitted },
      }),
    ));
  }
}
