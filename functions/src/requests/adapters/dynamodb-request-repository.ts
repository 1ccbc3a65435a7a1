/** The write side of requests: every change one transaction, version-guarded, with its events, counters and outbox messages. */
import { consentGrantWrites } from '../../platform/adapters/dynamodb/consents';
import { transactOnce } from '../../platform/adapters/dynamodb/idempotency';
import { outboxWrites, toEntry } from '../../platform/adapters/dynamodb/outbox';
import { ConditionFailed, transact, type TxWrite } from '../../platform/adapters/dynamodb/transact';
import { ConflictError } from '../../platform/domain/errors';
import type { Once } from '../../platform/domain/idempotency';
import type { OutboxEntry } from '../../platform/domain/outbox';
import type { MetricDelta } from '../domain/metrics';
import type { RequestEvent, ServiceRequest } from '../domain/request';
import type { CreateExtras, RequestRepository, SaveExtras } from '../ports';
import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { conditional } from '../../platform/adapters/dynamodb/errors';
import { queryAll } from '../../platform/adapters/dynamodb/query';
import { DynamoRequestReads } from './dynamodb-request-reads';
import { EVALUATION_PREFIX, evaluationKey, hotlineTicketKey, REQUEST_EVENT_PREFIX, REQUEST_NUMBER_PREFIX, refusalsKey, requestEventKey, requestKey, requestNumberCounterKey, requestNumbersOfDay } from './keys';
import { counterUpdates, eventPuts, followWrite, fromEvaluationItem, guardedPut, metricUpdates, newItemPut, numberPut } from './request-items';
import type { StoredEvaluation } from '../domain/evaluations';
import type { UnitCounters } from '../domain/measures';

/** Finds a 12345 ticket's item by the platform's id (written with the item). */
const hotlineTicketPut = (table: string, t: { source: string; externalId: string }, requestId: string): TxWrite => ({
  name: 'hotline ticket',
  write: { Put: { TableName: table, Item: { ...hotlineTicketKey(t.source, t.externalId), entity: 'HotlineTicket', requestId, ...t } } },
});

export class DynamoRequestRepository extends DynamoRequestReads implements RequestRepository {
  constructor(
    doc: DynamoDBDocumentClient,
    table: string,
    /** Long-term subscribe templates (a grant marks them, it does not count). */
    private readonly longTermTemplates: ReadonlySet<string> = new Set(),
  ) {
    super(doc, table);
  }

  async create(request: ServiceRequest, events: RequestEvent[], extras: CreateExtras): Promise<Once<{ requestId: string }> & { outbox?: OutboxEntry[] }> {
    // Entry ids from the item and position: one alert per new item, however often the filing is retried.
    const entries = (extras.outbox ?? []).map((m, i) => toEntry(m, `${request.id}.0.${i}`, new Date(request.createdAt)));
    const once = await transactOnce(this.doc, this.table, extras.claim, { requestId: request.id }, [
      newItemPut(this.table, request),
      ...numberPut(this.table, request),
      followWrite(this.table, request, request.reporterId, request.createdAt),
      ...eventPuts(this.table, request, events),
      ...metricUpdates(this.table, extras.metrics, request.id),
      ...consentGrantWrites(this.table, request.reporterId, extras.consents ?? [], this.longTermTemplates),
      ...(extras.hotlineTicket ? [hotlineTicketPut(this.table, extras.hotlineTicket, request.id)] : []),
      ...outboxWrites(this.table, entries),
    ]);
    return once.created ? { ...once, outbox: entries } : once;
  }

  async appendEvents(r: ServiceRequest, events: RequestEvent[], tag: string): Promise<void> {
    // Keyed by the item version and a tag of their own: they sort with the change they report on and never overwrite its events.
    await transact(
      this.doc,
      events.map((e, i) => ({
        name: `event ${e.type}`,
        write: { Put: { TableName: this.table, Item: { ...requestEventKey(r.id, e.at, r.version, i, tag), entity: 'RequestEvent', ...e } } },
      })),
    );
  }

  async nextNumber(day: string): Promise<number> {
    const out = await this.doc.send(
      new UpdateCommand({
        TableName: this.table,
        Key: requestNumberCounterKey(day),
        UpdateExpression: 'ADD seq :one SET entity = :entity',
        ExpressionAttributeValues: { ':one': 1, ':entity': 'RequestNumberCounter' },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(out.Attributes?.seq);
  }

  async catchUpNumbers(day: string): Promise<void> {
    const { Items } = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :seq)',
        ExpressionAttributeValues: { ':pk': requestNumbersOfDay(day), ':seq': REQUEST_NUMBER_PREFIX },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    const highest = Items?.[0] ? Number(String(Items[0].SK).slice(REQUEST_NUMBER_PREFIX.length)) : 0;
    await this.doc
      .send(
        new UpdateCommand({
          TableName: this.table,
          Key: requestNumberCounterKey(day),
          UpdateExpression: 'SET seq = :highest, entity = :entity',
          ConditionExpression: 'attribute_not_exists(seq) OR seq < :highest',
          ExpressionAttributeValues: { ':highest': highest, ':entity': 'RequestNumberCounter' },
        }),
      )
      .catch((e: Error) => {
        if (e.name !== 'ConditionalCheckFailedException') throw e; // already past it
      });
  }

  async follow(next: ServiceRequest, expectedVersion: number, userId: string, consents: readonly string[]): Promise<boolean> {
    try {
      await transact(
        this.doc,
        [
          followWrite(this.table, next, userId, next.updatedAt, true),
          guardedPut(this.table, next, expectedVersion),
          ...consentGrantWrites(this.table, userId, consents, this.longTermTemplates),
        ],
        { raw: true },
      );
      return true;
    } catch (e) {
      if (e instanceof ConditionFailed && e.item === 'follower') return false;
      if (e instanceof ConditionFailed) throw new ConflictError('事项刚刚更新，请重试', 'stale_version', e.item);
      throw e;
    }
  }

  async merge(
    duplicate: { next: ServiceRequest; expectedVersion: number; events: RequestEvent[] },
    survivor: { next: ServiceRequest; expectedVersion: number; events: RequestEvent[] },
    followers: string[],
    metrics?: MetricDelta | null,
  ): Promise<void> {
    const at = survivor.next.updatedAt;
    await transact(this.doc, [
      guardedPut(this.table, duplicate.next, duplicate.expectedVersion),
      guardedPut(this.table, survivor.next, survivor.expectedVersion),
      ...eventPuts(this.table, duplicate.next, duplicate.events),
      ...eventPuts(this.table, survivor.next, survivor.events),
      ...followers.map((userId) => followWrite(this.table, survivor.next, userId, at)),
      ...metricUpdates(this.table, metrics, duplicate.next.id),
    ]);
  }

  async save(next: ServiceRequest, expectedVersion: number, events: RequestEvent[], extras: SaveExtras = {}): Promise<OutboxEntry[]> {
    const now = new Date(next.updatedAt);
    // Entry ids from the item version and position: unique, and the same if the write is retried.
    const entries = (extras.outbox ?? []).map((m, i) => toEntry(m, `${next.id}.${next.version}.${i}`, now));
    const refusal: TxWrite[] = extras.refusedBy
      ? [
          {
            name: 'refusals',
            write: {
              Update: {
                TableName: this.table,
                Key: refusalsKey(extras.refusedBy.level, extras.refusedBy.unitId),
                UpdateExpression: 'ADD refusals :one SET entity = :entity',
                ExpressionAttributeValues: { ':one': 1, ':entity': 'RefusalCount' },
              },
            },
          },
        ]
      : [];
    await transact(this.doc, [
      guardedPut(this.table, next, expectedVersion),
      ...eventPuts(this.table, next, events),
      ...refusal,
      ...metricUpdates(this.table, extras.metrics, next.id),
      ...outboxWrites(this.table, entries),
    ]);
    return entries;
  }

  async addEvaluation(e: StoredEvaluation, counters: UnitCounters): Promise<{ created: boolean; stored: StoredEvaluation }> {
    try {
      await transact(
        this.doc,
        [
          {
            name: 'evaluation',
            write: {
              Put: {
                TableName: this.table,
                Item: { ...evaluationKey(e.requestId, e.slot), entity: 'RequestEvaluation', ...e },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
          },
          ...counterUpdates(this.table, [counters], e.requestId),
        ],
        { raw: true },
      );
      return { created: true, stored: e };
    } catch (err) {
      if (!(err instanceof ConditionFailed)) throw err;
      const out = await this.doc.send(
        new GetCommand({ TableName: this.table, Key: evaluationKey(e.requestId, e.slot), ConsistentRead: true }),
      );
      return { created: false, stored: fromEvaluationItem(out.Item!) };
    }
  }

  async evaluationsOf(requestId: string): Promise<StoredEvaluation[]> {
    const { items } = await queryAll(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :eval)',
      ExpressionAttributeValues: { ':pk': requestKey(requestId).PK, ':eval': EVALUATION_PREFIX },
    });
    return items.map(fromEvaluationItem);
  }

  async eraseActor(requestId: string, userId: string, name: string): Promise<void> {
    const current = await this.get(requestId);
    if (!current) return;
    // A neighbour filed for by the erased account loses his name and phone too (entered by that account).
    const neighbour = current.forNeighbour ? { ...current.forNeighbour, name, phone: null, filedByName: null } : null;
    const neighbourLeft = !!current.forNeighbour && (current.forNeighbour.name !== name || current.forNeighbour.phone !== null);
    if (current.reporterId === userId && (current.reporterName !== name || current.reporterPhone !== null || neighbourLeft)) {
      await conditional(
        () =>
          this.doc.send(
            new UpdateCommand({
              TableName: this.table,
              Key: requestKey(requestId),
              UpdateExpression: 'SET reporterName = :name, reporterPhone = :none, forNeighbour = :neighbour, #version = :next',
              ConditionExpression: '#version = :v',
              ExpressionAttributeNames: { '#version': 'version' },
              ExpressionAttributeValues: { ':name': name, ':none': null, ':neighbour': neighbour, ':v': current.version, ':next': current.version + 1 },
            }),
          ),
        () => new ConflictError(),
      );
    }
    const { items } = await queryAll(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :events)',
      FilterExpression: 'actorId = :user AND attribute_type(actorName, :string)',
      ExpressionAttributeValues: { ':pk': requestKey(requestId).PK, ':events': REQUEST_EVENT_PREFIX, ':user': userId, ':string': 'S' },
    });
    for (const e of items) {
      await this.doc.send(
        new UpdateCommand({ TableName: this.table, Key: { PK: e.PK, SK: e.SK }, UpdateExpression: 'SET actorName = :none', ExpressionAttributeValues: { ':none': null } }),
      );
    }
  }
}
