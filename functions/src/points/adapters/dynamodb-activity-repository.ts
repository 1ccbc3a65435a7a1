/** Activities and sign-ups on DynamoDB: places are a counter on the activity, taken and given back with the sign-up. */
import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { transactOnce } from '../../platform/adapters/dynamodb/idempotency';
import { pick } from '../../platform/adapters/dynamodb/items';
import { INDEX } from '../../platform/adapters/dynamodb/keys';
import { batchGet, queryAll } from '../../platform/adapters/dynamodb/query';
import { transact, type TxWrite } from '../../platform/adapters/dynamodb/transact';
import { ConflictError } from '../../platform/domain/errors';
import type { IdempotencyClaim, Once } from '../../platform/domain/idempotency';
import type { ActivityRecord, ActivityRepository, CreditPlan, SignupRecord } from '../ports';
import { activitiesOfCommunity, activityKey, signupKey, signupsOfUser } from './keys';
import { creditWrites } from './ledger-writes';

const ACTIVITY_FIELDS = [
  'id', 'communityId', 'streetId', 'title', 'description', 'place', 'start', 'end', 'places', 'taken', 'reward', 'joiners', 'teamId', 'teamName', 'captainId', 'unitId', 'unitName', 'organiserId', 'organiserName', 'checkInCode', 'status', 'createdAt',
] as const satisfies readonly (keyof ActivityRecord)[];
const SIGNUP_FIELDS = ['activityId', 'userId', 'status', 'signedUpAt', 'checkInAt', 'checkOutAt', 'points', 'minutes', 'start'] as const satisfies readonly (keyof SignupRecord)[];
const fromActivity = (i: Record<string, unknown>): ActivityRecord => ({ ...pick<ActivityRecord>(i, ACTIVITY_FIELDS), taken: Number(i.taken ?? 0) });
const fromSignup = (i: Record<string, unknown>): SignupRecord => pick<SignupRecord>(i, SIGNUP_FIELDS);

export class DynamoActivityRepository implements ActivityRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async get(id: string): Promise<ActivityRecord | null> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: activityKey(id), ConsistentRead: true }));
    return out.Item ? fromActivity(out.Item) : null;
  }

  async getMany(ids: readonly string[]): Promise<ActivityRecord[]> {
    if (ids.length === 0) return [];
    return (await batchGet(this.doc, this.table, ids.map(activityKey), { consistent: true })).map(fromActivity);
  }

  /** The activity and these people's sign-ups, in consistent BatchGetItems (one for up to 99 people). */
  async withSignupsOf(id: string, userIds: readonly string[]): Promise<{ activity: ActivityRecord | null; signups: Map<string, SignupRecord> }> {
    const items = await batchGet(this.doc, this.table, [activityKey(id), ...userIds.map((u) => signupKey(id, u))], { consistent: true });
    const meta = items.find((i) => i.SK === activityKey(id).SK);
    const signups = items.filter((i) => String(i.SK).startsWith('SIGNUP#')).map(fromSignup);
    return { activity: meta ? fromActivity(meta) : null, signups: new Map(signups.map((x) => [x.userId, x])) };
  }

  /** The activity and all its sign-ups: its partition, in one consistent query (more pages for a big one). */
  async withSignups(id: string): Promise<{ activity: ActivityRecord | null; signups: SignupRecord[] }> {
    const { items } = await queryAll(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': activityKey(id).PK },
      ConsistentRead: true,
    });
    const meta = items.find((i) => i.SK === activityKey(id).SK);
    return { activity: meta ? fromActivity(meta) : null, signups: items.filter((i) => String(i.SK).startsWith('SIGNUP#')).map(fromSignup) };
  }

  create(a: ActivityRecord, claim: IdempotencyClaim): Promise<Once<{ id: string }>> {
    const item = { ...activityKey(a.id), entity: 'Activity', ...a, [`${INDEX.GSI1}PK`]: activitiesOfCommunity(a.communityId), [`${INDEX.GSI1}SK`]: `${a.start}#${a.id}` };
    return transactOnce(this.doc, this.table, claim, { id: a.id }, [{ name: 'activity', write: { Put: { TableName: this.table, Item: item, ConditionExpression: 'attribute_not_exists(PK)' } } }]);
  }

  async ofCommunity(communityId: string, fromIso: string, limit: number): Promise<ActivityRecord[]> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: INDEX.GSI1,
        KeyConditionExpression: '#pk = :pk AND #sk >= :from',
        ExpressionAttributeNames: { '#pk': `${INDEX.GSI1}PK`, '#sk': `${INDEX.GSI1}SK` },
        ExpressionAttributeValues: { ':pk': activitiesOfCommunity(communityId), ':from': fromIso },
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map(fromActivity);
  }

  async signup(activityId: string, userId: string): Promise<SignupRecord | null> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: signupKey(activityId, userId), ConsistentRead: true }));
    return out.Item ? fromSignup(out.Item) : null;
  }

  async signups(activityId: string): Promise<SignupRecord[]> {
    const { items } = await queryAll(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :s)',
      ExpressionAttributeValues: { ':pk': activityKey(activityId).PK, ':s': 'SIGNUP#' },
      ConsistentRead: true,
    });
    return items.map(fromSignup);
  }

  async signupsOf(userId: string, limit: number): Promise<SignupRecord[]> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: INDEX.GSI1,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': `${INDEX.GSI1}PK` },
        ExpressionAttributeValues: { ':pk': signupsOfUser(userId) },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map(fromSignup);
  }

  private signupPut(s: SignupRecord, condition: string, values: Record<string, unknown> = {}): TxWrite['write'] {
    return {
      Put: {
        TableName: this.table,
        Item: { ...signupKey(s.activityId, s.userId), entity: 'Signup', ...s, [`${INDEX.GSI1}PK`]: signupsOfUser(s.userId), [`${INDEX.GSI1}SK`]: `${s.start}#${s.activityId}` },
        ConditionExpression: condition,
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: values,
      },
    };
  }

  async cancel(id: string): Promise<void> {
    await this.doc.send(
      new UpdateCommand({ TableName: this.table, Key: activityKey(id), UpdateExpression: 'SET #st = :c', ExpressionAttributeNames: { '#st': 'status' }, ExpressionAttributeValues: { ':c': 'cancelled' } }),
    );
  }

  async join(a: ActivityRecord, s: SignupRecord): Promise<void> {
    await transact(this.doc, [
      {
        name: 'places',
        write: {
          Update: {
            TableName: this.table,
            Key: activityKey(a.id),
            UpdateExpression: 'ADD taken :one',
            ConditionExpression: 'taken < places AND #st = :open',
            ExpressionAttributeNames: { '#st': 'status' },
            ExpressionAttributeValues: { ':one': 1, ':open': 'open' },
          },
        },
        conflict: () => new ConflictError('名额已满', 'activity_full'),
      },
      {
        name: 'signup',
        write: this.signupPut(s, 'attribute_not_exists(PK) OR #s = :withdrawn', { ':withdrawn': 'withdrawn' }),
        conflict: () => new ConflictError('已报名', 'already_signed_up'),
      },
    ]);
  }

  async withdraw(a: ActivityRecord, s: SignupRecord): Promise<void> {
    await transact(this.doc, [
      { name: 'places', write: { Update: { TableName: this.table, Key: activityKey(a.id), UpdateExpression: 'ADD taken :minus', ExpressionAttributeValues: { ':minus': -1 } } } },
      {
        name: 'signup',
        write: this.signupPut({ ...s, status: 'withdrawn', signedUpAt: s.signedUpAt }, '#s = :signed', { ':signed': 'signed_up' }),
        conflict: () => new ConflictError('已签到，不能退出', 'already_checked_in'),
      },
    ]);
  }

  async updateSignup(next: SignupRecord, expected: SignupRecord['status']): Promise<void> {
    await transact(this.doc, [
      { name: 'signup', write: this.signupPut(next, '#s = :expected', { ':expected': expected }), conflict: () => new ConflictError('报名状态已变化，请刷新', 'signup_changed') },
    ]);
  }

  async confirm(next: SignupRecord, expected: SignupRecord['status'], credit: CreditPlan): Promise<boolean> {
    try {
      await transact(this.doc, [
        { name: 'signup', write: this.signupPut(next, '#s = :expected', { ':expected': expected }), conflict: () => new ConflictError('已确认', 'already_confirmed') },
        ...creditWrites(this.table, credit),
      ]);
      return true;
    } catch (e) {
      if (e instanceof ConflictError && (e.code === 'already_confirmed' || e.code === 'already_credited')) return false;
      throw e;
    }
  }
}
