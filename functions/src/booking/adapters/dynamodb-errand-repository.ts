/** Errands in the single table: `ERRAND#<id>` / `META`, listed per person (GSI1), centre (GSI2) and grid (GSI3). */
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../platform/domain/errors';
import type { IdempotencyClaim, Once } from '../../platform/domain/idempotency';
import { conditional } from '../../platform/adapters/dynamodb/errors';
import { transactOnce } from '../../platform/adapters/dynamodb/idempotency';
import { pick } from '../../platform/adapters/dynamodb/items';
import { INDEX } from '../../platform/adapters/dynamodb/keys';
import { queryNewest } from '../../platform/adapters/dynamodb/query';
import type { ErrandRecord, ErrandRepository } from '../ports';
import { errandKey, errandsOfCentre, errandsOfGrid, errandsOfUser } from './keys';

const FIELDS = [
  'id', 'centreId', 'communityId', 'streetId', 'gridId', 'offeringId', 'mode', 'note', 'address', 'userId', 'requestedBy', 'status',
  'assigneeId', 'assigneeName', 'createdAt', 'updatedAt', 'version', 'timeline',
] as const satisfies readonly (keyof ErrandRecord)[];

const item = (e: ErrandRecord): Record<string, unknown> => ({
  ...errandKey(e.id),
  entity: 'Errand',
  ...e,
  [`${INDEX.GSI1}PK`]: errandsOfUser(e.userId),
  [`${INDEX.GSI1}SK`]: `${e.createdAt}#${e.id}`,
  [`${INDEX.GSI2}PK`]: errandsOfCentre(e.centreId),
  [`${INDEX.GSI2}SK`]: `${e.createdAt}#${e.id}`,
  ...(e.gridId ? { [`${INDEX.GSI3}PK`]: errandsOfGrid(e.gridId), [`${INDEX.GSI3}SK`]: `${e.createdAt}#${e.id}` } : {}),
});

export class DynamoErrandRepository implements ErrandRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  create(e: ErrandRecord, claim: IdempotencyClaim): Promise<Once<{ id: string }>> {
    return transactOnce(this.doc, this.table, claim, { id: e.id }, [
      { name: 'errand', write: { Put: { TableName: this.table, Item: item(e), ConditionExpression: 'attribute_not_exists(PK)' } } },
    ]);
  }

  async get(id: string): Promise<ErrandRecord | null> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: errandKey(id), ConsistentRead: true }));
    return out.Item ? pick<ErrandRecord>(out.Item, FIELDS) : null;
  }

  async save(e: ErrandRecord, expectedVersion: number): Promise<void> {
    await conditional(
      () =>
        this.doc.send(
          new PutCommand({
            TableName: this.table,
            Item: item(e),
            ConditionExpression: '#v = :v',
            ExpressionAttributeNames: { '#v': 'version' },
            ExpressionAttributeValues: { ':v': expectedVersion },
          }),
        ),
      () => new ConflictError('该代办已被他人处理，请刷新后重试', 'stale'),
    );
  }

  private async newest(index: 'GSI1' | 'GSI2' | 'GSI3', pk: string, limit: number): Promise<ErrandRecord[]> {
    return (await queryNewest(this.doc, this.table, INDEX[index], pk, limit)).map((i) => pick<ErrandRecord>(i, FIELDS));
  }

  ofUser(userId: string, limit: number): Promise<ErrandRecord[]> {
    return this.newest('GSI1', errandsOfUser(userId), limit);
  }

  ofCentre(centreId: string, limit: number): Promise<ErrandRecord[]> {
    return this.newest('GSI2', errandsOfCentre(centreId), limit);
  }

  ofGrid(gridId: string, limit: number): Promise<ErrandRecord[]> {
    return this.newest('GSI3', errandsOfGrid(gridId), limit);
  }
}
