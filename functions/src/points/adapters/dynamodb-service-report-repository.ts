/** Service reports on DynamoDB: pending ones listed per community until decided, all listed per reporter. */
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { transactOnce } from '../../platform/adapters/dynamodb/idempotency';
import { pick } from '../../platform/adapters/dynamodb/items';
import { INDEX } from '../../platform/adapters/dynamodb/keys';
import { queryAll, queryNewest } from '../../platform/adapters/dynamodb/query';
import { transact } from '../../platform/adapters/dynamodb/transact';
import { ConflictError } from '../../platform/domain/errors';
import type { IdempotencyClaim, Once } from '../../platform/domain/idempotency';
import type { CreditPlan, ServiceReportRecord, ServiceReportRepository } from '../ports';
import { creditWrites } from './ledger-writes';
import { pendingReportsOf, reportsOf, serviceReportKey } from './keys';

const FIELDS = [
  'id', 'communityId', 'streetId', 'kind', 'description', 'photos', 'occurredOn', 'reporterId', 'doerName', 'status', 'decidedBy', 'decisionNote', 'creditedUserId', 'points', 'createdAt', 'version',
] as const satisfies readonly (keyof ServiceReportRecord)[];
const fromItem = (i: Record<string, unknown>): ServiceReportRecord => pick<ServiceReportRecord>(i, FIELDS);

export class DynamoServiceReportRepository implements ServiceReportRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  private item(r: ServiceReportRecord): Record<string, unknown> {
    return {
      ...serviceReportKey(r.id),
      entity: 'ServiceReport',
      ...r,
      ...(r.status === 'pending' ? { [`${INDEX.GSI1}PK`]: pendingReportsOf(r.communityId), [`${INDEX.GSI1}SK`]: `${r.createdAt}#${r.id}` } : {}),
      [`${INDEX.GSI2}PK`]: reportsOf(r.reporterId),
      [`${INDEX.GSI2}SK`]: `${r.createdAt}#${r.id}`,
    };
  }

  async get(id: string): Promise<ServiceReportRecord | null> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: serviceReportKey(id), ConsistentRead: true }));
    return out.Item ? fromItem(out.Item) : null;
  }

  create(r: ServiceReportRecord, claim: IdempotencyClaim): Promise<Once<{ id: string }>> {
    return transactOnce(this.doc, this.table, claim, { id: r.id }, [{ name: 'report', write: { Put: { TableName: this.table, Item: this.item(r), ConditionExpression: 'attribute_not_exists(PK)' } } }]);
  }

  async pendingIn(communityId: string, limit: number): Promise<ServiceReportRecord[]> {
    const { items } = await queryAll(
      this.doc,
      {
        TableName: this.table,
        IndexName: INDEX.GSI1,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': `${INDEX.GSI1}PK` },
        ExpressionAttributeValues: { ':pk': pendingReportsOf(communityId) },
        Limit: limit,
      },
      limit,
    );
    return items.map(fromItem);
  }

  async ofReporter(userId: string, limit: number): Promise<ServiceReportRecord[]> {
    return (await queryNewest(this.doc, this.table, INDEX.GSI2, reportsOf(userId), limit)).map(fromItem);
  }

  async decide(next: ServiceReportRecord, credit: CreditPlan | null): Promise<void> {
    await transact(this.doc, [
      {
        name: 'report',
        write: { Put: { TableName: this.table, Item: this.item(next), ConditionExpression: '#s = :pending', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':pending': 'pending' } } },
        conflict: () => new ConflictError('该记录已审核', 'already_decided'),
      },
      ...(credit ? creditWrites(this.table, credit) : []),
    ]);
  }
}
