/** Invitations in the single table: `INVITE#<code>` / `META`, listed per street (GSI1) and per community (GSI2). */
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../platform/domain/errors';
import type { IdempotencyClaim, Once } from '../../platform/domain/idempotency';
import { transactOnce } from '../../platform/adapters/dynamodb/idempotency';
import { pick } from '../../platform/adapters/dynamodb/items';
import { INDEX } from '../../platform/adapters/dynamodb/keys';
import { queryAll } from '../../platform/adapters/dynamodb/query';
import { transact, type TxWrite } from '../../platform/adapters/dynamodb/transact';
import type { InvitationRecord } from '../domain/invitation';
import type { InvitationRepository, UserRecord } from '../ports';
import { userWrite } from './dynamodb-user-repository';
import { invitationKey, invitationsOf } from './keys';

const FIELDS = [
  'code', 'role', 'streetId', 'communityId', 'gridId', 'departmentId', 'placeName', 'label', 'inviteeName', 'invitedBy', 'inviterName',
  'status', 'createdAt', 'expiresAt', 'acceptedBy', 'acceptedAt', 'revokedBy', 'revokedAt',
] as const satisfies readonly (keyof InvitationRecord)[];

/** The stored item of an invitation (also written by an application's approval). */
export const invitationItem = (i: InvitationRecord): Record<string, unknown> => ({
  ...invitationKey(i.code),
  entity: 'Invitation',
  ...i,
  [`${INDEX.GSI1}PK`]: invitationsOf('STREET', i.streetId),
  [`${INDEX.GSI1}SK`]: `${i.createdAt}#${i.code}`,
  ...(i.communityId ? { [`${INDEX.GSI2}PK`]: invitationsOf('COMMUNITY', i.communityId), [`${INDEX.GSI2}SK`]: `${i.createdAt}#${i.code}` } : {}),
});

export class DynamoInvitationRepository implements InvitationRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  create(inv: InvitationRecord, claim: IdempotencyClaim): Promise<Once<{ code: string }>> {
    return transactOnce(this.doc, this.table, claim, { code: inv.code }, [
      {
        name: 'invitation',
        write: { Put: { TableName: this.table, Item: invitationItem(inv), ConditionExpression: 'attribute_not_exists(PK)' } },
        conflict: () => new ConflictError('邀请码重复', 'code_taken'),
      },
    ]);
  }

  async get(code: string): Promise<InvitationRecord | null> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: invitationKey(code), ConsistentRead: true }));
    return out.Item ? pick<InvitationRecord>(out.Item, FIELDS) : null;
  }

  async listOf(scope: 'street' | 'community', id: string, limit: number): Promise<InvitationRecord[]> {
    const index = scope === 'street' ? INDEX.GSI1 : INDEX.GSI2;
    const { items } = await queryAll(
      this.doc,
      {
        TableName: this.table,
        IndexName: index,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': `${index}PK` },
        ExpressionAttributeValues: { ':pk': invitationsOf(scope === 'street' ? 'STREET' : 'COMMUNITY', id) },
        ScanIndexForward: false,
      },
      limit,
    );
    return items.map((i) => pick<InvitationRecord>(i, FIELDS));
  }

  async settle(inv: InvitationRecord, expectedStatus: InvitationRecord['status'], user: { next: UserRecord; userVersion: number } | null): Promise<void> {
    const writes: TxWrite[] = [
      {
        name: 'invitation',
        write: {
          Put: {
            TableName: this.table,
            Item: invitationItem(inv),
            ConditionExpression: '#status = :expected',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':expected': expectedStatus },
          },
        },
        conflict: () => new ConflictError('邀请已被处理，请刷新', 'invitation_settled'),
      },
    ];
    if (user) {
      writes.push(userWrite(this.table, user.next, user.userVersion));
    }
    await transact(this.doc, writes);
  }
}
