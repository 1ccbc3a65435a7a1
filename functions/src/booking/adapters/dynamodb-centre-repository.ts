/** Service centres in the single table: `CENTRE#<id>` / `META`, listed per street on GSI1. */
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../platform/domain/errors';
import type { IdempotencyClaim, Once } from '../../platform/domain/idempotency';
import { conditional } from '../../platform/adapters/dynamodb/errors';
import { transactOnce } from '../../platform/adapters/dynamodb/idempotency';
import { pick } from '../../platform/adapters/dynamodb/items';
import { INDEX } from '../../platform/adapters/dynamodb/keys';
import { queryAll } from '../../platform/adapters/dynamodb/query';
import type { CentreRecord } from '../domain/centre';
import type { CentreRepository } from '../ports';
import { centreKey, centresOfStreet } from './keys';

const FIELDS = [
  'id', 'communityId', 'streetId', 'name', 'address', 'location', 'phone', 'staffTotal', 'rooms', 'offerings', 'rules', 'exceptions', 'policy',
  'version', 'createdAt', 'updatedAt',
] as const satisfies readonly (keyof CentreRecord)[];

export const centreItem = (c: CentreRecord): Record<string, unknown> => ({
  ...centreKey(c.id),
  entity: 'Centre',
  ...c,
  [`${INDEX.GSI1}PK`]: centresOfStreet(c.streetId),
  [`${INDEX.GSI1}SK`]: `${c.communityId}#${c.id}`,
});

export class DynamoCentreRepository implements CentreRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async get(id: string): Promise<CentreRecord | null> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: centreKey(id) }));
    return out.Item ? pick<CentreRecord>(out.Item, FIELDS) : null;
  }

  async ofStreet(streetId: string): Promise<CentreRecord[]> {
    const { items } = await queryAll(this.doc, {
      TableName: this.table,
      IndexName: INDEX.GSI1,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': `${INDEX.GSI1}PK` },
      ExpressionAttributeValues: { ':pk': centresOfStreet(streetId) },
    });
    return items.map((i) => pick<CentreRecord>(i, FIELDS));
  }

  create(c: CentreRecord, claim: IdempotencyClaim): Promise<Once<{ id: string }>> {
    return transactOnce(this.doc, this.table, claim, { id: c.id }, [
      { name: 'centre', write: { Put: { TableName: this.table, Item: centreItem(c), ConditionExpression: 'attribute_not_exists(PK)' } } },
    ]);
  }

  async update(c: CentreRecord, expectedVersion: number): Promise<void> {
    await conditional(
      () =>
        this.doc.send(
          new PutCommand({
            TableName: this.table,
            Item: centreItem(c),
            ConditionExpression: 'attribute_exists(PK) AND #v = :v',
            ExpressionAttributeNames: { '#v': 'version' },
            ExpressionAttributeValues: { ':v': expectedVersion },
          }),
        ),
      () => new ConflictError('设置已被他人修改，请刷新后再改', 'stale'),
    );
  }
}
