import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { BatchGetCommand, DeleteCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type Category, type Level, NOTICE_KINDS, type NoticeKind } from '@linli/shared';
import { ConflictError } from '../../platform/domain/errors';
import { dueAt, OPEN_STATUSES, type RequestEvent, type ServiceRequest } from '../domain/request';
import type {
  CategoryRepository,
  FollowerConsents,
  Page,
  PendingNotice,
  PendingNoticeInput,
  RequestRepository,
  SubmitReceipt,
} from '../ports';
import { decodeCursor, encodeCursor } from '../../platform/adapters/dynamodb/cursor';
import { geoKeyOf, type KeyRange } from '../../platform/domain/geo/search-plan';
import { shanghaiDate } from '../../platform/domain/opening-hours';
import type { MetricDelta } from '../domain/metrics';
import { cancellationCodes, conditional } from '../../platform/adapters/dynamodb/errors';
import {
  CATEGORY_PREFIX,
  categoryKey,
  communityKey,
  duePartition,
  idempotencyKey,
  FOLLOW_PREFIX,
  INDEX,
  metricsKey,
  OUTBOX_PREFIX,
  outboxKey,
  openRequestsNear,
  queuePartition,
  REQUEST_EVENT_PREFIX,
  requestEventKey,
  requestFollowKey,
  requestKey,
  refusalsKey,
  requestsOfResident,
  requestsOfStreetMonth,
  SHARDS,
  shardOf,
} from '../../platform/adapters/dynamodb/keys';
import { queryAll, queryGeoRanges } from '../../platform/adapters/dynamodb/query';

const REQUEST_FIELDS = [
  'id', 'source', 'categoryId', 'categoryName', 'group', 'urgent', 'requiresAfterPhoto', 'deadlines', 'description', 'photos',
  'location', 'sourceDatum', 'address', 'reporterId', 'reporterName', 'reporterPhone', 'anonymous', 'streetId',
  'communityId', 'gridId', 'level', 'unitId', 'status', 'acceptBy', 'resolveBy', 'assigneeId', 'result',
  'resolvedLevel', 'rating', 'reopenCount', 'sentBy', 'departments', 'revisits', 'overdueFlaggedFor', 'notify', 'mergedInto', 'followerCount', 'firstAcceptedAt', 'firstResolvedAt', 'createdAt',
  'updatedAt', 'version',
] as const satisfies readonly (keyof ServiceRequest)[];
const CATEGORY_FIELDS = ['id', 'group', 'name', 'urgent', 'requiresAfterPhoto', 'deadlines', 'order'] as const;
const EVENT_FIELDS = ['at', 'type', 'actorId', 'actorName', 'actorRole', 'level', 'status', 'note', 'photos'] as const;

function pick<T>(item: Record<string, unknown>, fields: readonly string[]): T {
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f] = item[f] ?? null;
  return out as T;
}
function fromRequestItem(i: Record<string, unknown>): ServiceRequest {
  const r = pick<ServiceRequest>(i, REQUEST_FIELDS);
  return {
    ...r,
    departments: r.departments ?? [],
    revisits: r.revisits ?? [],
    photos: r.photos ?? [],
    notify: r.notify ?? { accepted: false, escalated: false, resolved: false },
    followerCount: r.followerCount ?? 1,
    source: r.source ?? 'resident',
  };
}

/**
 * The stored item: open items are listed in their unit's queue, and, until their deadline has been
 * dealt with, in the city-wide due list the deadline job reads.
 */
export function requestItem(r: ServiceRequest): Record<string, unknown> {
  const due = dueAt(r);
  const open = OPEN_STATUSES.has(r.status) && due !== null;
  return {
    ...requestKey(r.id),
    entity: 'Request',
    ...r,
    ...(open ? { [`${INDEX.GSI2}PK`]: queuePartition(r.level, r.unitId), [`${INDEX.GSI2}SK`]: `${due}#${r.id}` } : {}),
    ...(open ? openNearKeys(r) : {}),
    [`${INDEX.GSI1}PK`]: requestsOfStreetMonth(r.streetId, shanghaiDate(new Date(r.createdAt)).slice(0, 7)),
    [`${INDEX.GSI1}SK`]: `${r.createdAt}#${r.id}`,
    ...(open && r.overdueFlaggedFor !== due
      ? { [`${INDEX.GSI3}PK`]: duePartition(shardOf(r.id)), [`${INDEX.GSI3}SK`]: `${due}#${r.id}` }
      : {}),
  };
}

function openNearKeys(r: ServiceRequest): Record<string, string> {
  const { partition, hash } = geoKeyOf(r.location);
  return { [`${INDEX.GSI4}PK`]: openRequestsNear(r.categoryId, partition), [`${INDEX.GSI4}SK`]: `${hash}#${r.id}` };
}

const followItem = (r: ServiceRequest, userId: string, at: string, consents: readonly NoticeKind[] = []) => ({
  ...requestFollowKey(r.id, userId),
  entity: 'RequestFollow',
  requestId: r.id,
  userId,
  notify: Object.fromEntries(NOTICE_KINDS.map((k) => [k, consents.includes(k)])),
  [`${INDEX.GSI1}PK`]: requestsOfResident(userId),
  [`${INDEX.GSI1}SK`]: `${at}#${r.id}`,
});

/** Counter updates of one change: the community's and the grid's day items. */
function metricUpdates(table: string, m: MetricDelta | null | undefined) {
  if (!m) return [];
  const entries = Object.entries(m.counters);
  const names = Object.fromEntries(entries.map(([k], i) => [`#c${i}`, k]));
  const values = Object.fromEntries(entries.map(([, v], i) => [`:c${i}`, v]));
  const update = `ADD ${entries.map((_, i) => `#c${i} :c${i}`).join(', ')} SET entity = :entity`;
  const keys = [metricsKey('COMMUNITY', m.communityId, m.day), ...(m.gridId ? [metricsKey('GRID', m.gridId, m.day)] : [])];
  return keys.map((Key) => ({
    Update: { TableName: table, Key, UpdateExpression: update, ExpressionAttributeNames: names, ExpressionAttributeValues: { ...values, ':entity': 'Metrics' } },
  }));
}

/** Puts the item only if its stored version is still `expected` (every transition's guard). */
const guardedPut = (table: string, r: ServiceRequest, expected: number) => ({
  Put: {
    TableName: table,
    Item: requestItem(r),
    ConditionExpression: '#v = :expected',
    ExpressionAttributeNames: { '#v': 'version' },
    ExpressionAttributeValues: { ':expected': expected },
  },
});

function groupKinds(list: PendingNoticeInput[]): Record<string, NoticeKind[]> {
  const out: Record<string, NoticeKind[]> = {};
  for (const { userId, kind } of list) if (!(out[userId] ??= []).includes(kind)) out[userId]!.push(kind);
  return out;
}

/** Notices not sent within two days are dropped (the resident has long seen the change). */
const NOTICE_RETENTION_S = 2 * 86400;

const eventPuts = (table: string, r: ServiceRequest, events: RequestEvent[]) =>
  events.map((e, i) => ({
    Put: { TableName: table, Item: { ...requestEventKey(r.id, e.at, r.version, i), entity: 'RequestEvent', ...e } },
  }));

/** Requests, their timelines and reporters' links in the single table. */
export class DynamoRequestRepository implements RequestRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async create(
    request: ServiceRequest,
    events: RequestEvent[],
    idem: { userId: string; key: string; bodyHash: string; expiresAt: number },
    metrics?: MetricDelta | null,
  ): Promise<{ created: true } | { created: false; receipt: SubmitReceipt }> {
    const idemKey = idempotencyKey(`submit#${idem.userId}`, idem.key);
    for (let attempt = 0; ; attempt++) {
      try {
        await this.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: this.table,
                  Item: { ...idemKey, entity: 'Idempotency', requestId: request.id, bodyHash: idem.bodyHash, expiresAt: idem.expiresAt },
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              },
              { Put: { TableName: this.table, Item: requestItem(request), ConditionExpression: 'attribute_not_exists(PK)' } },
              { Put: { TableName: this.table, Item: followItem(request, request.reporterId, request.createdAt) } },
              ...eventPuts(this.table, request, events),
              ...metricUpdates(this.table, metrics),
            ],
          }),
        );
        return { created: true };
      } catch (e) {
        const codes = cancellationCodes(e);
        if (!codes) throw e;
        if (codes[0] === 'ConditionalCheckFailed' || (codes.includes('TransactionConflict') && attempt >= 4)) {
          const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: idemKey, ConsistentRead: true }));
          if (out.Item) return { created: false, receipt: { requestId: String(out.Item.requestId), bodyHash: String(out.Item.bodyHash) } };
          if (codes[0] === 'ConditionalCheckFailed') throw new ConflictError('重复提交，请稍后刷新查看');
        }
        if (!codes.includes('TransactionConflict') || attempt >= 8) throw e;
        await new Promise((r) => setTimeout(r, 20 * 2 ** attempt + Math.random() * 20));
      }
    }
  }

  async get(id: string): Promise<ServiceRequest | null> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: requestKey(id) }));
    return out.Item ? fromRequestItem(out.Item) : null;
  }

  async getWithTimeline(
    id: string,
  ): Promise<{ request: ServiceRequest; events: RequestEvent[]; followers: string[]; consents: FollowerConsents } | null> {
    const { items } = await queryAll(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': requestKey(id).PK },
      ConsistentRead: true,
    });
    const meta = items.find((i) => i.SK === 'META');
    if (!meta) return null;
    const events = items
      .filter((i) => String(i.SK).startsWith(REQUEST_EVENT_PREFIX))
      .map((i) => pick<RequestEvent>(i, EVENT_FIELDS));
    const follows = items.filter((i) => String(i.SK).startsWith(FOLLOW_PREFIX));
    const followers = follows.map((i) => String(i.SK).slice(FOLLOW_PREFIX.length));
    const consents: FollowerConsents = {};
    for (const f of follows) {
      const notify = (f.notify ?? {}) as Record<string, boolean>;
      const kinds = NOTICE_KINDS.filter((k) => notify[k]);
      if (kinds.length) consents[String(f.SK).slice(FOLLOW_PREFIX.length)] = kinds;
    }
    return { request: fromRequestItem(meta), events, followers, consents };
  }

  async follow(next: ServiceRequest, expectedVersion: number, userId: string, consents: NoticeKind[]): Promise<boolean> {
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.table, Item: followItem(next, userId, next.updatedAt, consents), ConditionExpression: 'attribute_not_exists(PK)' } },
            guardedPut(this.table, next, expectedVersion),
          ],
        }),
      );
      return true;
    } catch (e) {
      const codes = cancellationCodes(e);
      if (codes?.[0] === 'ConditionalCheckFailed') return false;
      if (codes?.[1] === 'ConditionalCheckFailed' || codes?.includes('TransactionConflict')) {
        throw new ConflictError('事项刚刚更新，请重试', 'stale_version');
      }
      throw e;
    }
  }

  async merge(
    duplicate: { next: ServiceRequest; expectedVersion: number; events: RequestEvent[] },
    survivor: { next: ServiceRequest; expectedVersion: number; events: RequestEvent[] },
    followers: string[],
    metrics?: MetricDelta | null,
    consents: FollowerConsents = {},
  ): Promise<void> {
    const at = survivor.next.updatedAt;
    await conditional(
      () =>
        this.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              guardedPut(this.table, duplicate.next, duplicate.expectedVersion),
              guardedPut(this.table, survivor.next, survivor.expectedVersion),
              ...eventPuts(this.table, duplicate.next, duplicate.events),
              ...eventPuts(this.table, survivor.next, survivor.events),
              ...followers.map((userId) => ({ Put: { TableName: this.table, Item: followItem(survivor.next, userId, at, consents[userId] ?? []) } })),
              ...metricUpdates(this.table, metrics),
            ],
          }),
        ),
      () => new ConflictError('事项已被他人处理或已更新，请刷新后重试', 'stale_version'),
    );
  }

  async openOfCategoryIn(categoryId: string, ranges: readonly KeyRange[]): Promise<ServiceRequest[]> {
    const { items } = await queryGeoRanges(this.doc, this.table, INDEX.GSI4, ranges, (cell) => openRequestsNear(categoryId, cell));
    return items.map(fromRequestItem);
  }


  async save(
    next: ServiceRequest,
    expectedVersion: number,
    events: RequestEvent[],
    extras: {
      refusedBy?: { level: Level; unitId: string };
      metrics?: MetricDelta | null;
      notices?: PendingNoticeInput[];
      consume?: PendingNoticeInput[];
    } = {},
  ): Promise<PendingNotice[]> {
    const { refusedBy, metrics } = extras;
    const notices = (extras.notices ?? []).map((n) => this.pending(next, n));
    await conditional(
      () =>
        this.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              guardedPut(this.table, next, expectedVersion),
              ...eventPuts(this.table, next, events),
              ...(refusedBy
                ? [
                    {
                      Update: {
                        TableName: this.table,
                        Key: refusalsKey(refusedBy.level, refusedBy.unitId),
                        UpdateExpression: 'ADD refusals :one SET entity = :entity',
                        ExpressionAttributeValues: { ':one': 1, ':entity': 'RefusalCount' },
                      },
                    },
                  ]
                : []),
              ...metricUpdates(this.table, metrics),
              ...notices.map((n) => ({ Put: { TableName: this.table, Item: this.noticeItem(n, next.updatedAt) } })),
              // One update per follower item (a transaction may touch an item once).
              ...Object.entries(groupKinds(extras.consume ?? [])).map(([userId, kinds]) => ({
                Update: {
                  TableName: this.table,
                  Key: requestFollowKey(next.id, userId),
                  UpdateExpression: `SET ${kinds.map((_, i) => `#n.#k${i} = :false`).join(', ')}`,
                  ExpressionAttributeNames: { '#n': 'notify', ...Object.fromEntries(kinds.map((k, i) => [`#k${i}`, k])) },
                  ExpressionAttributeValues: { ':false': false },
                },
              })),
            ],
          }),
        ),
      () => new ConflictError('该事项已被他人处理或已更新，请刷新后重试', 'stale_version'),
    );
    return notices;
  }

  private pending(r: ServiceRequest, n: PendingNoticeInput): PendingNotice {
    return { key: outboxKey(shardOf(r.id), r.updatedAt, r.id, n.kind, n.userId), requestId: r.id, userId: n.userId, kind: n.kind, attempts: 0 };
  }

  private noticeItem(n: PendingNotice, at: string): Record<string, unknown> {
    return {
      ...n.key,
      entity: 'Notice',
      requestId: n.requestId,
      userId: n.userId,
      kind: n.kind,
      attempts: 0,
      expiresAt: Math.floor(Date.parse(at) / 1000) + NOTICE_RETENTION_S,
    };
  }

  async *pendingNotices(untilIso: string): AsyncIterable<PendingNotice> {
    for (let shard = 0; shard < SHARDS; shard++) {
      const { items } = await queryAll(this.doc, {
        TableName: this.table,
        KeyConditionExpression: 'PK = :pk AND SK <= :until',
        ExpressionAttributeValues: { ':pk': `${OUTBOX_PREFIX}${shard}`, ':until': `${untilIso}#~` },
      }, 500);
      for (const i of items) {
        yield {
          key: { PK: String(i.PK), SK: String(i.SK) },
          requestId: String(i.requestId),
          userId: String(i.userId),
          kind: i.kind as PendingNotice['kind'],
          attempts: Number(i.attempts ?? 0),
        };
      }
    }
  }

  async settleNotice(notice: PendingNotice, done: boolean): Promise<void> {
    if (done) {
      await this.doc.send(new DeleteCommand({ TableName: this.table, Key: notice.key }));
    } else {
      await this.doc.send(
        new UpdateCommand({ TableName: this.table, Key: notice.key, UpdateExpression: 'ADD attempts :one', ExpressionAttributeValues: { ':one': 1 } }),
      );
    }
  }

  async metrics(scope: 'community' | 'grid', id: string, from: string, to: string): Promise<Record<string, number>> {
    const pk = metricsKey(scope === 'community' ? 'COMMUNITY' : 'GRID', id, from).PK;
    const { items } = await queryAll(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': pk, ':from': `DAY#${from}`, ':to': `DAY#${to}` },
    });
    const sum: Record<string, number> = {};
    for (const item of items) {
      for (const [k, v] of Object.entries(item)) if (typeof v === 'number') sum[k] = (sum[k] ?? 0) + v;
    }
    return sum;
  }

  async openInQueues(
    queues: { level: Level; unitId: string }[],
    communityId: string,
  ): Promise<{ level: Level; status: 'submitted' | 'accepted'; gridId: string | null; dueAt: string }[]> {
    const results = await Promise.all(
      queues.map((q) =>
        queryAll(this.doc, {
          TableName: this.table,
          IndexName: INDEX.GSI2,
          KeyConditionExpression: '#pk = :pk',
          FilterExpression: 'communityId = :c',
          ProjectionExpression: '#level, #status, gridId, #sk',
          ExpressionAttributeNames: { '#pk': `${INDEX.GSI2}PK`, '#sk': `${INDEX.GSI2}SK`, '#level': 'level', '#status': 'status' },
          ExpressionAttributeValues: { ':pk': queuePartition(q.level, q.unitId), ':c': communityId },
        }),
      ),
    );
    return results.flatMap((r) =>
      r.items.map((i) => ({
        level: i.level as Level,
        status: i.status as 'submitted' | 'accepted',
        gridId: (i.gridId as string | null) ?? null,
        dueAt: String(i[`${INDEX.GSI2}SK`]).split('#')[0]!,
      })),
    );
  }

  async *overdue(untilIso: string): AsyncIterable<ServiceRequest> {
    for (let shard = 0; shard < SHARDS; shard++) {
      let start: Record<string, unknown> | undefined;
      do {
        const out = await this.doc.send(
          new QueryCommand({
            TableName: this.table,
            IndexName: INDEX.GSI3,
            KeyConditionExpression: '#pk = :pk AND #sk <= :until',
            ExpressionAttributeNames: { '#pk': `${INDEX.GSI3}PK`, '#sk': `${INDEX.GSI3}SK` },
            ExpressionAttributeValues: { ':pk': duePartition(shard), ':until': `${untilIso}#~` },
            Limit: 100,
            ExclusiveStartKey: start,
          }),
        );
        for (const item of out.Items ?? []) yield fromRequestItem(item);
        start = out.LastEvaluatedKey;
      } while (start);
    }
  }

  async refusalsOf(level: Level, unitId: string): Promise<number> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: refusalsKey(level, unitId) }));
    return typeof out.Item?.refusals === 'number' ? out.Item.refusals : 0;
  }

  getMany(ids: string[]): Promise<ServiceRequest[]> {
    return this.byIds(ids);
  }

  async listOfStreet(streetId: string, fromIso: string, toIso: string, limit: number): Promise<ServiceRequest[]> {
    const months: string[] = [];
    const end = shanghaiDate(new Date(toIso)).slice(0, 7);
    for (let m = shanghaiDate(new Date(fromIso)).slice(0, 7); m <= end; ) {
      months.push(m);
      const [y, mo] = m.split('-').map(Number) as [number, number];
      m = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
    }
    const out: ServiceRequest[] = [];
    for (const month of months.reverse()) {
      const { items } = await queryAll(
        this.doc,
        {
          TableName: this.table,
          IndexName: INDEX.GSI1,
          KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
          ExpressionAttributeNames: { '#pk': `${INDEX.GSI1}PK`, '#sk': `${INDEX.GSI1}SK` },
          ExpressionAttributeValues: { ':pk': requestsOfStreetMonth(streetId, month), ':from': fromIso, ':to': `${toIso}~` },
          ScanIndexForward: false,
        },
        limit - out.length,
      );
      out.push(...items.map(fromRequestItem));
      if (out.length >= limit) break;
    }
    return out;
  }

  private async byIds(ids: string[]): Promise<ServiceRequest[]> {
    if (ids.length === 0) return [];
    const found = new Map<string, ServiceRequest>();
    let keys: Record<string, unknown>[] = ids.map((id) => ({ ...requestKey(id) }));
    while (keys.length) {
      const out = await this.doc.send(new BatchGetCommand({ RequestItems: { [this.table]: { Keys: keys } } }));
      for (const item of out.Responses?.[this.table] ?? []) found.set(String(item.id), fromRequestItem(item));
      keys = (out.UnprocessedKeys?.[this.table]?.Keys ?? []) as Record<string, unknown>[];
    }
    return ids.map((id) => found.get(id)).filter((r): r is ServiceRequest => r !== undefined);
  }

  async listOfReporter(userId: string, cursor: string | undefined, limit: number): Promise<Page<ServiceRequest>> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: INDEX.GSI1,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': `${INDEX.GSI1}PK` },
        ExpressionAttributeValues: { ':pk': requestsOfResident(userId) },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor),
      }),
    );
    const ids = (out.Items ?? []).map((i) => String(i.requestId));
    return { items: await this.byIds(ids), nextCursor: encodeCursor(out.LastEvaluatedKey) };
  }

  async queue(level: Level, unitId: string, cursor: string | undefined, limit: number): Promise<Page<ServiceRequest>> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: INDEX.GSI2,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': `${INDEX.GSI2}PK` },
        ExpressionAttributeValues: { ':pk': queuePartition(level, unitId) },
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor),
      }),
    );
    return { items: (out.Items ?? []).map(fromRequestItem), nextCursor: encodeCursor(out.LastEvaluatedKey) };
  }
}

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
      ExpressionAttributeValues: { ':pk': communityKey(communityId).PK, ':prefix': CATEGORY_PREFIX },
    });
    return items.map((i) => pick<Category>(i, CATEGORY_FIELDS));
  }

  async get(communityId: string, categoryId: string): Promise<Category | null> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: categoryKey(communityId, categoryId) }));
    return out.Item ? pick<Category>(out.Item, CATEGORY_FIELDS) : null;
  }

  async put(communityId: string, category: Category): Promise<void> {
    await this.doc.send(
      new PutCommand({ TableName: this.table, Item: { ...categoryKey(communityId, category.id), entity: 'Category', ...category } }),
    );
  }
}
