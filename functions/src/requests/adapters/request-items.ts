/** How a request, its events, followers and counters are stored as items of the single table. */
import { pick } from '../../platform/adapters/dynamodb/items';
import { INDEX, shardOf } from '../../platform/adapters/dynamodb/keys';
import type { TxWrite } from '../../platform/adapters/dynamodb/transact';
import { ConflictError } from '../../platform/domain/errors';
import { geoKeyOf } from '../../platform/domain/geo/search-plan';
import { shanghaiDate } from '../../platform/domain/opening-hours';
import { requestNumberParts } from '../domain/filing';
import type { MetricDelta } from '../domain/metrics';
import type { StoredEvaluation } from '../domain/evaluations';
import { mergeCounters, type UnitCounters } from '../domain/measures';
import { dueAt, OPEN_STATUSES, type RequestEvent, type ServiceRequest } from '../domain/request';
import {
  duePartition, metricsKey, metricsShardOf, openInCommunity, openRequestsNear, queuePartition, requestEventKey, requestFollowKey, requestKey, requestNumberKey, requestsOfResident, requestsOfStreetMonth,
} from './keys';

const REQUEST_FIELDS = [
  'id', 'number', 'source', 'categoryId', 'categoryName', 'group', 'urgent', 'requiresAfterPhoto', 'deadlines', 'description', 'photos',
  'location', 'sourceDatum', 'address', 'reporterId', 'reporterName', 'reporterPhone', 'anonymous', 'streetId',
  'communityId', 'gridId', 'compound', 'companyId', 'level', 'unitId', 'status', 'acceptBy', 'resolveBy', 'stageStartedAt', 'assigneeId', 'result',
  'resolvedLevel', 'rating', 'reopenCount', 'sentBy', 'departments', 'revisits', 'hotline', 'forNeighbour', 'gridAdmitted', 'overdueFlaggedFor', 'mergedInto', 'followerCount', 'firstAcceptedAt', 'firstResolvedAt', 'countsInRates', 'createdAt',
  'updatedAt', 'version',
] as const satisfies readonly (keyof ServiceRequest)[];
export const EVENT_FIELDS = ['at', 'type', 'actorId', 'actorName', 'actorRole', 'level', 'status', 'note', 'photos'] as const;

export function fromRequestItem(i: Record<string, unknown>): ServiceRequest {
  const r = pick<ServiceRequest>(i, REQUEST_FIELDS);
  return {
    ...r,
    number: r.number ?? null,
    departments: r.departments ?? [],
    revisits: r.revisits ?? [],
    hotline: r.hotline ?? null,
    photos: r.photos ?? [],
    followerCount: r.followerCount ?? 1,
    source: r.source ?? 'resident',
    forNeighbour: r.forNeighbour ?? null,
    gridAdmitted: r.gridAdmitted !== false,
  };
}

const EVALUATION_FIELDS = ['requestId', 'slot', 'by', 'kind', 'level', 'unitId', 'unitName', 'byUnitId', 'byUnitName', 'score', 'comment', 'at'] as const;
export const fromEvaluationItem = (i: Record<string, unknown>): StoredEvaluation => pick<StoredEvaluation>(i, EVALUATION_FIELDS);

export const fromEventItem = (i: Record<string, unknown>): RequestEvent => pick<RequestEvent>(i, EVENT_FIELDS);

/**
 * The stored item: open items are listed in their unit's queue (GSI2), among their community's open
 * items (GSI5), near their category's other open items (GSI4), and, until their deadline has been
 * dealt with, in the city-wide due list (GSI3).
 */
export function requestItem(r: ServiceRequest): Record<string, unknown> {
  const due = dueAt(r);
  const open = OPEN_STATUSES.has(r.status) && due !== null;
  const { partition, hash } = geoKeyOf(r.location);
  return {
    ...requestKey(r.id),
    entity: 'Request',
    ...Object.fromEntries(REQUEST_FIELDS.map((f) => [f, r[f]])),
    ...(open ? { [`${INDEX.GSI2}PK`]: queuePartition(r.level, r.unitId), [`${INDEX.GSI2}SK`]: `${due}#${r.id}` } : {}),
    ...(open ? { [`${INDEX.GSI5}PK`]: openInCommunity(r.communityId), [`${INDEX.GSI5}SK`]: `${due}#${r.id}` } : {}),
    ...(open ? { [`${INDEX.GSI4}PK`]: openRequestsNear(r.categoryId, partition), [`${INDEX.GSI4}SK`]: `${hash}#${r.id}` } : {}),
    [`${INDEX.GSI1}PK`]: requestsOfStreetMonth(r.streetId, shanghaiDate(new Date(r.createdAt)).slice(0, 7)),
    [`${INDEX.GSI1}SK`]: `${r.createdAt}#${r.id}`,
    ...(open && r.overdueFlaggedFor !== due ? { [`${INDEX.GSI3}PK`]: duePartition(shardOf(r.id)), [`${INDEX.GSI3}SK`]: `${due}#${r.id}` } : {}),
  };
}

/** A follower's link to an item (the reporter's too): "my requests" reads them newest first. */
export const followWrite = (table: string, r: ServiceRequest, userId: string, at: string, onlyNew = false): TxWrite => ({
  name: 'follower',
  write: {
    Put: {
      TableName: table,
      Item: {
        ...requestFollowKey(r.id, userId),
        entity: 'RequestFollow',
        requestId: r.id,
        userId,
        [`${INDEX.GSI1}PK`]: requestsOfResident(userId),
        [`${INDEX.GSI1}SK`]: `${at}#${r.id}`,
      },
      ...(onlyNew ? { ConditionExpression: 'attribute_not_exists(PK)' } : {}),
    },
  },
});

/** The item, put only if its stored version is still `expected` (every transition's guard). */
export const guardedPut = (table: string, r: ServiceRequest, expected: number): TxWrite => ({
  name: `request ${r.id}`,
  write: {
    Put: {
      TableName: table,
      Item: requestItem(r),
      ConditionExpression: '#v = :expected',
      ExpressionAttributeNames: { '#v': 'version' },
      ExpressionAttributeValues: { ':expected': expected },
    },
  },
  conflict: () => new ConflictError('该事项已被他人处理或已更新，请刷新后重试', 'stale_version', `request ${r.id}`),
});

/** The item's request number, claimed only if no other item holds it. */
export function numberPut(table: string, r: ServiceRequest): TxWrite[] {
  const parts = r.number ? requestNumberParts(r.number) : null;
  if (!parts) return [];
  return [
    {
      name: 'number',
      write: {
        Put: {
          TableName: table,
          Item: { ...requestNumberKey(parts.day, parts.seq), entity: 'RequestNumber', number: r.number, requestId: r.id },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      conflict: () => new ConflictError('受理编号已被占用，请重试', 'number_taken', 'number'),
    },
  ];
}

/** A new item, put only if the id is unused. */
export const newItemPut = (table: string, r: ServiceRequest): TxWrite => ({
  name: 'request',
  write: { Put: { TableName: table, Item: requestItem(r), ConditionExpression: 'attribute_not_exists(PK)' } },
});

export const eventPuts = (table: string, r: ServiceRequest, events: RequestEvent[]): TxWrite[] =>
  events.map((e, i) => ({
    name: `event ${e.type}`,
    write: { Put: { TableName: table, Item: { ...requestEventKey(r.id, e.at, r.version, i), entity: 'RequestEvent', ...e } } },
  }));

/**
 * Counter updates of a change: its flows in today's items, its measures in the filing day's, one update per item,
 * each in the day's shard of `spreadBy` (the request id).
 */
export function metricUpdates(table: string, m: MetricDelta | null | undefined, spreadBy: string): TxWrite[] {
  if (!m) return [];
  const flows: UnitCounters[] = [
    { level: 'community' as const, unitId: m.communityId },
    ...(m.gridId ? [{ level: 'grid' as const, unitId: m.gridId }] : []),
    ...(m.propertyUnit ? [{ level: 'property' as const, unitId: m.propertyUnit }] : []),
  ].map((u) => ({ ...u, communityId: m.communityId, day: m.day, counters: m.counters }));
  return counterUpdates(table, mergeCounters([...flows, ...m.units]), spreadBy);
}

/** ADDs to unit day items (each item once), in the shard of `spreadBy` (the request id). */
export function counterUpdates(table: string, units: readonly UnitCounters[], spreadBy: string): TxWrite[] {
  const shard = metricsShardOf(spreadBy);
  return units.map((u) => {
    const entries = Object.entries(u.counters);
    const names = Object.fromEntries(entries.map(([k], i) => [`#c${i}`, k]));
    const values = Object.fromEntries(entries.map(([, v], i) => [`:c${i}`, v]));
    return {
      name: 'metrics',
      write: {
        Update: {
          TableName: table,
          Key: metricsKey(u.level, u.unitId, u.communityId, u.day, shard),
          UpdateExpression: `ADD ${entries.map((_, i) => `#c${i} :c${i}`).join(', ')} SET entity = :entity`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: { ...values, ':entity': 'Metrics' },
        },
      },
    };
  });
}
