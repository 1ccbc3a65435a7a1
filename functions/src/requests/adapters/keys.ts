/** Keys of requests (接诉即办): items, timelines, followers, queues, due list, geo hints, categories, metrics. */
import { prefixEnd, type Key } from '../../platform/adapters/dynamodb/keys';
import type { Level } from '@linli/shared';

export const requestKey = (id: string): Key => ({ PK: `REQ#${id}`, SK: 'META' });
export const REQUEST_EVENT_PREFIX = 'EVENT#';
/**
 * Events sort by time, then by the item version that wrote them, then by their order in that write;
 * events appended without a change of the item (delivery reports) carry a tag of their own.
 */
export const requestEventKey = (id: string, at: string, version: number, index: number, tag?: string): Key => ({
  PK: `REQ#${id}`,
  SK: `${REQUEST_EVENT_PREFIX}${at}#${String(version).padStart(6, '0')}#${index}${tag ? `#${tag}` : ''}`,
});
/** A reporter's link to an item ("my requests"; also every "me too" reporter). */
export const FOLLOW_PREFIX = 'FOLLOW#';
export const requestFollowKey = (id: string, userId: string): Key => ({ PK: `REQ#${id}`, SK: `${FOLLOW_PREFIX}${userId}` });
export const requestsOfResident = (userId: string): string => `RESIDENT#${userId}#REQS`;
/** A street's requests by month of filing (Open311 listing; months keep partitions small). */
export const requestsOfStreetMonth = (streetId: string, month: string): string => `STREETREQS#${streetId}#${month}`;
export const queuePartition = (level: Level, unitId: string): string => `QUEUE#${level.toUpperCase()}#${unitId}`;
/** Refusals (退单) counted per unit. */
export const refusalsKey = (level: string, unitId: string): Key => ({ PK: `REFUSALS#${level.toUpperCase()}#${unitId}`, SK: 'COUNT' });
export const CATEGORY_PREFIX = 'CATEGORY#';
export const categoryKey = (communityId: string, categoryId: string): Key => ({ PK: `COMMUNITY#${communityId}`, SK: `${CATEGORY_PREFIX}${categoryId}` });
/** GSI3: open items by current deadline, sharded (the escalation task reads every shard up to now). */
export const duePartition = (shard: number): string => `DUE#${shard}`;
/** GSI4: open items of a category by geohash cell (duplicate hints). */
export const openRequestsNear = (categoryId: string, geohash4: string): string => `OPENREQ#${categoryId}#${geohash4}`;
/**
 * A community's counters: every unit's counters of one China day (flows of that day, and the measures of
 * the items filed that day) for that community's items, in one partition, so one range Query over the days
 * returns them all (the community dashboard, the property board). Units are the community, its grids, and
 * the units serving it — a department, a property company (which may serve compounds of several
 * communities) — which keep their counters per community they serve: a community's dashboard reads only
 * its own share, and no counter item is written by more changes than the community's own item.
 */
export const metricsPartition = (communityId: string): string => `METRICS#IN#${communityId}`;
/**
 * A unit's day is written to METRICS_SHARDS items (`DAY#<day>#<LEVEL>#<unit>#<shard>`), the shard chosen per
 * write from the request id, so that a wave of changes in one community (thousands of escalations in one
 * minute) does not queue on one item: DynamoDB cancels transactions that touch the same item at once.
 * Readers sum every item of the unit in the day range (`metricsDayRange`).
 */
export const METRICS_SHARDS = 16;
/** The shard of a write: a stable hash of what it is spread by (the request id), mod METRICS_SHARDS. */
export function metricsShardOf(spreadBy: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < spreadBy.length; i++) h = Math.imul(h ^ spreadBy.charCodeAt(i), 0x01000193) >>> 0;
  return h % METRICS_SHARDS;
}
const DAY_PREFIX = 'DAY#';
export const metricsKey = (level: string, unitId: string, communityId: string, day: string, shard: number): Key => ({
  PK: metricsPartition(communityId),
  SK: `${DAY_PREFIX}${day}#${level.toUpperCase()}#${unitId}#${String(shard).padStart(2, '0')}`,
});
/** Sort-key bounds (inclusive) of every unit's metrics items from day `from` to day `to`, all shards. */
export const metricsDayRange = (from: string, to: string): { from: string; to: string } => ({ from: `${DAY_PREFIX}${from}`, to: prefixEnd(`${DAY_PREFIX}${to}`) });
/** The unit a metrics item's sort key belongs to (a unit id may hold `#`: a compound's own staff are `<community>#<compound>`). */
export function metricsUnitOf(sk: string): { level: string; unitId: string } | null {
  const m = /^DAY#\d{4}-\d{2}-\d{2}#([A-Z]+)#(.+)#\d{2}$/.exec(sk);
  return m ? { level: m[1]!.toLowerCase(), unitId: m[2]! } : null;
}
/** GSI5 (narrow): a community's open items, by current deadline (the dashboards' open figures, one Query). */
export const openInCommunity = (communityId: string): string => `OPEN#COMMUNITY#${communityId}`;
/** An evaluation (三评) of an item: `UNITS#<level>#<unit>` by its grid, `GRID#<department>` by a department. */
export const EVALUATION_PREFIX = 'EVAL#';
export const evaluationKey = (requestId: string, slot: string): Key => ({ PK: `REQ#${requestId}`, SK: `${EVALUATION_PREFIX}${slot}` });
/**
 * Request numbers (受理编号) of a China day, one partition a day: each number held by one item
 * (`SEQ#<seq, 8 digits>`, written with the item, only if unused; finds the item by number) and the
 * day's counter (`COUNTER`, `ADD seq 1`).
 */
export const requestNumbersOfDay = (day: string): string => `REQNO#${day.replace(/-/g, '')}`;
export const REQUEST_NUMBER_PREFIX = 'SEQ#';
export const requestNumberKey = (day: string, seq: number): Key => ({ PK: requestNumbersOfDay(day), SK: `${REQUEST_NUMBER_PREFIX}${String(seq).padStart(8, '0')}` });
export const requestNumberCounterKey = (day: string): Key => ({ PK: requestNumbersOfDay(day), SK: 'COUNTER' });
/** A 12345 ticket's item (the platform's answers arrive by its external id). */
export const hotlineTicketKey = (source: string, externalId: string): Key => ({ PK: `HOTLINE#${source}#${externalId}`, SK: 'TICKET' });
/** A community's published duty lists (履职事项, 协助事项, 不属于社区办理): one versioned item. */
export const dutyListsKey = (communityId: string): Key => ({ PK: `COMMUNITY#${communityId}`, SK: 'DUTYLISTS' });
/** Where a community's staff are alerted (企业微信 group robots of the community and its grids): one versioned item. */
export const staffAlertsKey = (communityId: string): Key => ({ PK: `COMMUNITY#${communityId}`, SK: 'STAFFALERTS' });
/** A batch import of 12345 tickets from a file (its progress and report). */
export const hotlineImportJobKey = (id: string): Key => ({ PK: `HOTLINEIMPORT#${id}`, SK: 'JOB' });
/** Import jobs not finished yet, oldest first (the tick's work list; an entry leaves when its job ends). */
export const RUNNING_HOTLINE_IMPORTS = 'HOTLINEIMPORTS#RUNNING';
export const runningHotlineImportKey = (createdAt: string, id: string): Key => ({ PK: RUNNING_HOTLINE_IMPORTS, SK: `${createdAt}#${id}` });
