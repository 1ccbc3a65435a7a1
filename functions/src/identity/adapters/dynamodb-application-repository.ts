/** Applications: `APPLICATION#<id>` / `META`, listed per community on GSI2; approval writes the appointment with it. */
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../platform/domain/errors';
import type { IdempotencyClaim, Once } from '../../platform/domain/idempotency';
import { transactOnce } from '../../platform/adapters/dynamodb/idempotency';
import { pick } from '../../platform/adapters/dynamodb/items';
import { INDEX } from '../../platform/adapters/dynamodb/keys';
import { queryNewest } from '../../platform/adapters/dynamodb/query';
import { transact, type TxWrite } from '../../platform/adapters/dynamodb/transact';
import type { InvitationRecord } from '../domain/invitation';
import type { ApplicationRecord, ApplicationRepository, UserRecord } from '../ports';
import { invitationItem } from './dynamodb-invitation-repository';
import { userWrite } from './dynamodb-user-repository';
import { applicationKey, applicationsByUser, applicationsOf } from './keys';

const FIELDS = [
  'id', 'userId', 'gridId', 'communityId', 'streetId', 'placeName', 'note', 'status', 'createdAt', 'decidedBy', 'decidedAt', 'decisionNote', 'invitationCode',
] as const satisfies readonly (keyof ApplicationRecord)[];

const item = (a: ApplicationRecord) => ({
  ...applicationKey(a.id),
  entity: 'Application',
  ...a,
  [`${INDEX.GSI2}PK`]: applicationsOf(a.communityId),
  [`${INDEX.GSI2}SK`]: `${a.createdAt}#${a.id}`,
  [`${INDEX.GSI1}PK`]: applicationsByUser(a.userId),
  [`${INDEX.GSI1}SK`]: `${a.createdAt}#${a.id}`,
});

export class DynamoApplicationRepository implements ApplicationRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  create(a: ApplicationRecord, claim: IdempotencyClaim): Promise<Once<{ id: string }>> {
    return transactOnce(this.doc, this.table, claim, { id: a.id }, [
      { name: 'application', write: { Put: { TableName: this.table, Item: item(a), ConditionExpression: 'attribute_not_exists(PK)' } } },
    ]);
  }

  async get(id: string): Promise<ApplicationRecord | null> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: applicationKey(id), ConsistentRead: true }));
    return out.Item ? pick<ApplicationRecord>(out.Item, FIELDS) : null;
  }

  listOfCommunity(communityId: string, limit: number): Promise<ApplicationRecord[]> {
    return this.newest('GSI2', applicationsOf(communityId), limit);
  }

  listOfUser(userId: string, limit: number): Promise<ApplicationRecord[]> {
    return this.newest('GSI1', applicationsByUser(userId), limit);
  }

  private async newest(index: 'GSI1' | 'GSI2', pk: string, limit: number): Promise<ApplicationRecord[]> {
    return (await queryNewest(this.doc, this.table, INDEX[index], pk, limit)).map((i) => pick<ApplicationRecord>(i, FIELDS));
  }

  async decide(decided: ApplicationRecord, appointment: { invitation: InvitationRecord; user: UserRecord; userVersion: number } | null): Promise<void> {
    const writes: TxWrite[] = [
      {
        name: 'application',
        write: {
          Put: {
            TableName: this.table,
            Item: item(decided),
            ConditionExpression: '#status = :pending',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':pending': 'pending' },
          },
        },
        conflict: () => new ConflictError('该申请已审核', 'application_decided'),
      },
    ];
    if (appointment) {
      writes.push(
        { name: 'appointment', write: { Put: { TableName: this.table, Item: invitationItem(appointment.invitation), ConditionExpression: 'attribute_not_exists(PK)' } } },
        userWrite(this.table, appointment.user, appointment.userVersion, '申请人账号信息刚刚有变化，请重试'),
      );
    }
    await transact(this.doc, writes);
  }
}
