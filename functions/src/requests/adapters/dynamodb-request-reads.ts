/** The read side of requests: items, timelines, queues, lists, hints and counters (Queries and Gets, no Scan). */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { BatchGetCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Level } from '@linli/shared';
import { decodeCursor, encodeCursor } from '../../platform/adapters/dynamodb/cursor';
import { INDEX, SHARDS } from '../../platform/adapters/dynamodb/keys';
import { queryAll, queryGeoRanges } from '../../platform/adapters/dynamodb/query';
import { queryShards } from '../../platform/adapters/dynamodb/sharded';
import type { KeyRange } from '../../platform/domain/geo/search-plan';
import { shanghaiDate } from '../../platform/domain/opening-hours';
import { requestNumberParts } from '../domain/filing';
import { CommunitySums } from '../domain/measures';
import type { RequestEvent, ServiceRequest } from '../domain/request';
import type { Page } from '../ports';
import { duePartition, FOLLOW_PREFIX, hotlineTicketKey, metricsDayRange, metricsPartition, metricsUnitOf, openInCommunity, openRequestsNear, queuePartition, refusalsKey, REQUEST_EVENT_PREFIX, requestKey, requestNumberKey, requestsOfResident, requestsOfStreetMonth } from './keys';
import { fromEventItem, fromRequestItem } from './request-items';

export class DynamoRequestReads {
  constructor(
    protected readonly doc: DynamoDBDocumentClient,
    protected readonly table: string,
  ) {}

  async get(id: string): Promise<ServiceRequest | null> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: requestKey(id) }));
    return out.Item ? fromRequestItem(out.Item) : null;
  }

  async idOfNumber(number: string): Promise<string | null> {
    const parts = requestNumberParts(number);
    if (!parts) return null;
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: requestNumberKey(parts.day, parts.seq) }));
    return typeof out.Item?.requestId === 'string' ? out.Item.requestId : null;
  }

  async idOfHotlineTicket(source: string, externalId: string): Promise<string | null> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: hotlineTicketKey(source, externalId), ConsistentRead: true }));
    return typeof out.Item?.requestId === 'string' ? out.Item.requestId : null;
  }

  async getWithTimeline(id: string): Promise<{ request: ServiceRequest; events: RequestEvent[]; followers: string[] } | null> {
    const { items } = await queryAll(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': requestKey(id).PK },
      ConsistentRead: true,
    });
    const meta = items.find((i) => i.SK === 'META');
    if (!meta) return null;
    return {
      request: fromRequestItem(meta),
      events: items.filter((i) => String(i.SK).startsWith(REQUEST_EVENT_PREFIX)).map(fromEventItem),
      followers: items.filter((i) => String(i.SK).startsWith(FOLLOW_PREFIX)).map((i) => String(i.SK).slice(FOLLOW_PREFIX.length)),
    };
  }

  async overdue(untilIso: string, limit: number, cursor: string | null = null): Promise<{ items: ServiceRequest[]; nextCursor: string | null }> {
    // About twice a shard's share per shard: a wave of thousands is read once, not once per shard.
    const perShard = Math.max(8, Math.ceil((2 * limit) / SHARDS));
    const page = await queryShards(this.doc, { table: this.table, index: INDEX.GSI3, partition: duePartition, until: `${untilIso}#~`, perShard }, limit, cursor);
    return { items: page.items.map(fromRequestItem), nextCursor: page.nextCursor };
  }

  async dueFrom(fromIso: string, limit: number, cursor: string | null): Promise<{ items: ServiceRequest[]; nextCursor: string | null }> {
    const page = await queryShards(this.doc, { table: this.table, index: INDEX.GSI3, partition: duePartition, from: fromIso }, limit, cursor);
    return { items: page.items.map(fromRequestItem), nextCursor: page.nextCursor };
  }

  async openOfCategoryIn(categoryId: string, ranges: readonly KeyRange[]): Promise<ServiceRequest[]> {
    const { items } = await queryGeoRanges(this.doc, this.table, INDEX.GSI4, ranges, (cell) => openRequestsNear(categoryId, cell));
    return items.map(fromRequestItem);
  }

  async countersOfCommunity(communityId: string, from: string, to: string): Promise<CommunitySums> {
    const days = metricsDayRange(from, to); // every unit's shards of every day
    const { items } = await queryAll(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': metricsPartition(communityId), ':from': days.from, ':to': days.to },
    });
    return CommunitySums.from(
      items.flatMap((item) => {
        const unit = metricsUnitOf(String(item.SK));
        if (!unit) return [];
        const counters: Record<string, number> = {};
        for (const [k, v] of Object.entries(item)) if (typeof v === 'number') counters[k] = v;
        return [{ ...unit, counters }];
      }),
    );
  }

  async openOfCommunity(communityId: string): Promise<{ level: Level; status: 'submitted' | 'accepted'; gridId: string | null; unitId: string; dueAt: string }[]> {
    // The narrow index holds only what this needs: its partition is the community's open items, all queues.
    const { items } = await queryAll(this.doc, {
      TableName: this.table,
      IndexName: INDEX.GSI5,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': `${INDEX.GSI5}PK` },
      ExpressionAttributeValues: { ':pk': openInCommunity(communityId) },
    });
    return items.map((i) => ({
      level: i.level as Level,
      status: i.status as 'submitted' | 'accepted',
      gridId: (i.gridId as string | null) ?? null,
      unitId: String(i.unitId),
      dueAt: String(i[`${INDEX.GSI5}SK`]).split('#')[0]!,
    }));
  }

  async refusalsOf(level: Level, unitId: string): Promise<number> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: refusalsKey(level, unitId) }));
    return typeof out.Item?.refusals === 'number' ? out.Item.refusals : 0;
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

  async getMany(ids: string[]): Promise<ServiceRequest[]> {
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
    return { items: await this.getMany(ids), nextCursor: encodeCursor(out.LastEvaluatedKey) };
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
