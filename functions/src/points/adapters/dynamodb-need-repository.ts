/** Needs on DynamoDB: one item each, listed per community (by status), per requester, poster and volunteer. */
import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { transactOnce } from '../../platform/adapters/dynamodb/idempotency';
import { pick } from '../../platform/adapters/dynamodb/items';
import { INDEX } from '../../platform/adapters/dynamodb/keys';
import { queryNewest } from '../../platform/adapters/dynamodb/query';
import { transact, type TxWrite } from '../../platform/adapters/dynamodb/transact';
import { ConflictError } from '../../platform/domain/errors';
import type { IdempotencyClaim, Once } from '../../platform/domain/idempotency';
import type { CreditPlan, NeedRecord, NeedRepository, SpendPlan } from '../ports';
import { needKey, needsOf, needsOfCommunity } from './keys';
import { creditWrites, spendWrites } from './ledger-writes';

const FIELDS = [
  'id', 'communityId', 'streetId', 'kind', 'title', 'description', 'when', 'place', 'minutes', 'payWithHours', 'status', 'requesterId', 'postedBy', 'neighbour',
  'volunteerId', 'doneNote', 'rating', 'paidMinutes', 'createdAt', 'updatedAt', 'version',
] as const satisfies readonly (keyof NeedRecord)[];
const fromItem = (i: Record<string, unknown>): NeedRecord => pick<NeedRecord>(i, FIELDS);

export class DynamoNeedRepository implements NeedRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  private item(n: NeedRecord): Record<string, unknown> {
    const sort = `${n.createdAt}#${n.id}`;
    return {
      ...needKey(n.id),
      entity: 'Need',
      ...n,
      [`${INDEX.GSI1}PK`]: needsOfCommunity(n.communityId),
      [`${INDEX.GSI1}SK`]: `${n.status}#${n.when}#${n.id}`,
      [`${INDEX.GSI2}PK`]: needsOf('requester', n.requesterId),
      [`${INDEX.GSI2}SK`]: sort,
      ...(n.volunteerId ? { [`${INDEX.GSI3}PK`]: needsOf('volunteer', n.volunteerId), [`${INDEX.GSI3}SK`]: sort } : {}),
      ...(n.postedBy ? { [`${INDEX.GSI4}PK`]: needsOf('poster', n.postedBy), [`${INDEX.GSI4}SK`]: sort } : {}),
    };
  }

  async get(id: string): Promise<NeedRecord | null> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: needKey(id), ConsistentRead: true }));
    return out.Item ? fromItem(out.Item) : null;
  }

  create(n: NeedRecord, claim: IdempotencyClaim): Promise<Once<{ id: string }>> {
    return transactOnce(this.doc, this.table, claim, { id: n.id }, [{ name: 'need', write: { Put: { TableName: this.table, Item: this.item(n), ConditionExpression: 'attribute_not_exists(PK)' } } }]);
  }

  async openIn(communityId: string, limit: number): Promise<NeedRecord[]> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: INDEX.GSI1,
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :open)',
        ExpressionAttributeNames: { '#pk': `${INDEX.GSI1}PK`, '#sk': `${INDEX.GSI1}SK` },
        ExpressionAttributeValues: { ':pk': needsOfCommunity(communityId), ':open': 'open#' },
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map(fromItem);
  }

  async ofUser(userId: string, as: 'requester' | 'poster' | 'volunteer', limit: number): Promise<NeedRecord[]> {
    const index = as === 'requester' ? INDEX.GSI2 : as === 'volunteer' ? INDEX.GSI3 : INDEX.GSI4;
    return (await queryNewest(this.doc, this.table, index, needsOf(as, userId), limit)).map(fromItem);
  }

  private updateWrite(next: NeedRecord, expectedVersion: number): TxWrite {
    return {
      name: 'need',
      write: { Put: { TableName: this.table, Item: this.item(next), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } } },
      conflict: () => new ConflictError('该需求刚被他人处理，请刷新', 'need_changed'),
    };
  }

  async update(next: NeedRecord, expectedVersion: number): Promise<void> {
    await transact(this.doc, [this.updateWrite(next, expectedVersion)]);
  }

  async confirm(next: NeedRecord, expectedVersion: number, credit: CreditPlan, payment: SpendPlan | null): Promise<void> {
    await transact(this.doc, [this.updateWrite(next, expectedVersion), ...creditWrites(this.table, credit), ...(payment ? spendWrites(this.table, payment) : [])]);
  }
}
