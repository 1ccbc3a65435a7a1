/**
 * Every DynamoDB key of the single table, in one place. One table (see infra/tables.js):
 * PK/SK, and four overloaded global secondary indexes GSI1–GSI4 (projection ALL). Each pattern of
 * shared/ACCESS-PATTERNS.md maps to one GetItem or one Query (a few for geo searches and sharded
 * lists), never a Scan:
 *
 * | #  | pattern                                        | read                                                     |
 * |----|------------------------------------------------|----------------------------------------------------------|
 * | 1  | user by id / by openid                         | Get USER#id,PROFILE / Get OPENID#openid,USER             |
 * | 1  | staff of a grid / community / street           | GSI1 STAFF#<scope>#<id>                                  |
 * | 2  | street / community / grid by id                | Get STREET#id / COMMUNITY#id / GRID#id, META             |
 * | 2  | grids of a community; communities of a street  | GSI1 COMMUNITY#id#GRIDS ; GSI1 STREET#id#COMMUNITIES     |
 * | 3  | station by id                                  | Get STATION#id,META                                      |
 * | 3  | stations near a point / in a bbox              | GSI2 GEO#<geohash4>, SK between <geohash prefix> ranges  |
 * | 4  | stations of a keeper                           | GSI1 KEEPER#uid                                          |
 * | 4  | open reports of a station / of a community     | GSI1 OPENREPORTS#STATION#id ; GSI3 OPENREPORTS#COMMUNITY#id |
 * | 4  | today's check-ins of a station                 | Get STATION#id,VISITS#day (counter); Query CHECKIN#day#  |
 * | 5  | request by id + timeline; a resident's requests| Query REQ#id ; GSI1 RESIDENT#uid#REQS (newest first)      |
 * | 5  | a street's requests by filing time (Open311)   | GSI1 STREETREQS#<street>#<yyyy-mm>, SK <createdAt>#id    |
 * | 6  | queue of a grid/community/street/department    | GSI2 QUEUE#<level>#<unitId>, SK <deadline>#id            |
 * | 7  | items overdue (escalation job)                 | GSI3 DUE#<shard 0..15>, SK <deadline>#id < now           |
 * | 8  | open requests of a category near a point       | GSI4 OPENREQ#<category>#<geohash4>, SK geohash ranges    |
 * | 9  | request by idempotency key / hotline id        | Get IDEM#<scope>#<key> ; Get HOTLINE#<source>#<extId>    |
 * | 10 | metrics per community / grid per day           | Query METRICS#COMMUNITY#id / METRICS#GRID#id, SK DAY#... |
 * | 10 | refusals (退单) per unit                        | Get REFUSALS#<level>#<unit>                              |
 * | 11 | services of a community; rules; holidays       | GSI1 COMMUNITY#id#SERVICES ; Query SERVICE#id RULE#/EXC# ; Get CALENDAR#year |
 * | 12 | slot occupancy over a date range               | Query SERVICE#id, SK between SLOT#from and SLOT#to       |
 * | 13 | a resident's bookings; centre's day; by code   | GSI1 RESIDENT#uid#BOOKINGS ; GSI2 CENTRE#id#<day> ; Get BOOKINGCODE#code |
 * | 14 | reminders due; no-shows in 30 days             | GSI3 REMIND#<shard> SK <remindAt> ; GSI4 NOSHOW#uid SK day |
 * | 15 | balance and lots; ledger newest first          | Get ACCOUNT#uid,BALANCE ; Query ACCOUNT#uid LOT# / LEDGER# |
 * | 16 | activities upcoming; sign-ups; attendance      | GSI1 COMMUNITY#id#ACTIVITIES ; Query ACTIVITY#id SIGNUP# ; GSI2 ATTEND#PENDING#activity |
 * | 17 | rewards of a site; by pickup code; per month   | Query SITE#id REWARD# ; Get PICKUP#code ; GSI1 REDEMPTIONS#uid SK month |
 * | 18 | lots expiring; quarterly leaderboard           | GSI3 EXPIRE#<shard> SK <expiry> ; Query BOARD#community#quarter |
 * | 19 | idempotency records (TTL)                      | Get IDEM#<scope>#<key>                                   |
 * | 20 | audit by entity / by actor                     | Query AUDIT#<entity>#id ; GSI1 ACTOR#uid                 |
 * | –  | partner API key (hotline, Open311)             | Get APIKEY#<sha256 of key>                               |
 *
 * Request timelines are audit trails of every staff action (who, role, level, when); other entities'
 * audit items (pattern 20) come with the booking and points jobs.
 *
 * Writes that must not race use conditions on these keys (attribute_not_exists, version checks) or
 * TransactWriteItems; sharded partitions (DUE, REMIND, EXPIRE) spread city-wide hot lists.
 */
import { INDEX } from '../../../../../infra/tables';

export { INDEX };

export interface Key {
  PK: string;
  SK: string;
}

export const SHARDS = 16;
/** A stable shard in [0, SHARDS) for an id (for the city-wide sharded lists). */
export function shardOf(id: string): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return h % SHARDS;
}

/** Identity and places (patterns 1–2). */
export const userKey = (id: string): Key => ({ PK: `USER#${id}`, SK: 'PROFILE' });
export const userSessionKey = (id: string): Key => ({ PK: `USER#${id}`, SK: 'WXSESSION' });
export const openidKey = (openid: string): Key => ({ PK: `OPENID#${openid}`, SK: 'USER' });
export const staffIndex = (scope: 'GRID' | 'COMMUNITY' | 'STREET', id: string) => ({
  GSI1PK: `STAFF#${scope}#${id}`,
});
export const streetKey = (id: string): Key => ({ PK: `STREET#${id}`, SK: 'META' });
export const communityKey = (id: string): Key => ({ PK: `COMMUNITY#${id}`, SK: 'META' });
export const gridKey = (id: string): Key => ({ PK: `GRID#${id}`, SK: 'META' });
export const gridsOfCommunity = (communityId: string) => ({ GSI1PK: `COMMUNITY#${communityId}#GRIDS` });
export const communitiesOfStreet = (streetId: string) => ({ GSI1PK: `STREET#${streetId}#COMMUNITIES` });

/** Rider stations (patterns 3–4). */
export const stationKey = (id: string): Key => ({ PK: `STATION#${id}`, SK: 'META' });
export const geoPartition = (geohash4: string): string => `GEO#${geohash4}`;
export const geoSort = (geohash9: string, id: string): string => `${geohash9}#${id}`;
/** Upper bound (inclusive) for sort keys that start with `prefix`: '~' sorts after every key character used. */
export const prefixEnd = (prefix: string): string => `${prefix}~`;
export const keeperIndex = (keeperId: string) => ({ GSI1PK: `KEEPER#${keeperId}` });
export const reportKey = (stationId: string, reportId: string): Key => ({
  PK: `STATION#${stationId}`,
  SK: `REPORT#${reportId}`,
});
export const REPORT_PREFIX = 'REPORT#';
export const openReportsOfStation = (stationId: string): string => `OPENREPORTS#STATION#${stationId}`;
export const openReportsOfCommunity = (communityId: string): string => `OPENREPORTS#COMMUNITY#${communityId}`;
export const checkInKey = (stationId: string, day: string, userId: string): Key => ({
  PK: `STATION#${stationId}`,
  SK: `CHECKIN#${day}#${userId}`,
});
export const visitsKey = (stationId: string, day: string): Key => ({
  PK: `STATION#${stationId}`,
  SK: `VISITS#${day}`,
});

/** Requests (patterns 5–10). */
export const requestKey = (id: string): Key => ({ PK: `REQ#${id}`, SK: 'META' });
export const REQUEST_EVENT_PREFIX = 'EVENT#';
/** Events sort by time, then by the item version that wrote them, then by their order in that write. */
export const requestEventKey = (id: string, at: string, version: number, index: number): Key => ({
  PK: `REQ#${id}`,
  SK: `${REQUEST_EVENT_PREFIX}${at}#${String(version).padStart(6, '0')}#${index}`,
});
/** A reporter's link to an item ("my requests"; also every "me too" reporter). */
export const FOLLOW_PREFIX = 'FOLLOW#';
export const requestFollowKey = (id: string, userId: string): Key => ({ PK: `REQ#${id}`, SK: `${FOLLOW_PREFIX}${userId}` });
export const requestsOfResident = (userId: string): string => `RESIDENT#${userId}#REQS`;
/** A street's requests by month of filing (Open311 listing; months keep partitions small). */
export const requestsOfStreetMonth = (streetId: string, month: string): string => `STREETREQS#${streetId}#${month}`;
export const queuePartition = (level: 'grid' | 'community' | 'street' | 'department', unitId: string): string =>
  `QUEUE#${level.toUpperCase()}#${unitId}`;
/** Refusals (退单) counted per unit. */
export const refusalsKey = (level: string, unitId: string): Key => ({ PK: `REFUSALS#${level.toUpperCase()}#${unitId}`, SK: 'COUNT' });
export const categoryKey = (communityId: string, categoryId: string): Key => ({
  PK: `COMMUNITY#${communityId}`,
  SK: `CATEGORY#${categoryId}`,
});
export const CATEGORY_PREFIX = 'CATEGORY#';
export const duePartition = (shard: number): string => `DUE#${shard}`;
export const openRequestsNear = (categoryId: string, geohash4: string): string => `OPENREQ#${categoryId}#${geohash4}`;
export const hotlineKey = (source: string, externalId: string): Key => ({
  PK: `HOTLINE#${source}#${externalId}`,
  SK: 'REF',
});
export const metricsKey = (scope: 'COMMUNITY' | 'GRID', id: string, day: string): Key => ({
  PK: `METRICS#${scope}#${id}`,
  SK: `DAY#${day}`,
});

/** After-hours booking (patterns 11–14). */
export const serviceKey = (id: string): Key => ({ PK: `SERVICE#${id}`, SK: 'META' });
export const servicesOfCommunity = (communityId: string): string => `COMMUNITY#${communityId}#SERVICES`;
export const slotKey = (serviceId: string, day: string, start: string): Key => ({
  PK: `SERVICE#${serviceId}`,
  SK: `SLOT#${day}#${start}`,
});
export const calendarKey = (year: number): Key => ({ PK: `CALENDAR#${year}`, SK: 'HOLIDAYS' });
export const bookingCodeKey = (code: string): Key => ({ PK: `BOOKINGCODE#${code}`, SK: 'BOOKING' });
export const bookingsOfResident = (userId: string): string => `RESIDENT#${userId}#BOOKINGS`;
export const bookingsOfCentreDay = (communityId: string, day: string): string => `CENTRE#${communityId}#${day}`;
export const remindPartition = (shard: number): string => `REMIND#${shard}`;
export const noShowsOf = (userId: string): string => `NOSHOW#${userId}`;

/** Volunteer points (patterns 15–18). */
export const balanceKey = (userId: string): Key => ({ PK: `ACCOUNT#${userId}`, SK: 'BALANCE' });
export const lotKey = (userId: string, expiry: string, lotId: string): Key => ({
  PK: `ACCOUNT#${userId}`,
  SK: `LOT#${expiry}#${lotId}`,
});
export const ledgerKey = (userId: string, at: string, entryId: string): Key => ({
  PK: `ACCOUNT#${userId}`,
  SK: `LEDGER#${at}#${entryId}`,
});
export const activitiesOfCommunity = (communityId: string): string => `COMMUNITY#${communityId}#ACTIVITIES`;
export const signUpKey = (activityId: string, userId: string): Key => ({
  PK: `ACTIVITY#${activityId}`,
  SK: `SIGNUP#${userId}`,
});
export const rewardKey = (siteId: string, rewardId: string): Key => ({ PK: `SITE#${siteId}`, SK: `REWARD#${rewardId}` });
export const pickupKey = (code: string): Key => ({ PK: `PICKUP#${code}`, SK: 'REDEMPTION' });
export const redemptionsOf = (userId: string): string => `REDEMPTIONS#${userId}`;
export const expirePartition = (shard: number): string => `EXPIRE#${shard}`;
export const leaderboardPartition = (communityId: string, quarter: string): string => `BOARD#${communityId}#${quarter}`;

/** The notice outbox (subscribe messages still to send), sharded by request. */
export const outboxKey = (shard: number, at: string, requestId: string, kind: string, userId: string): Key => ({
  PK: `OUTBOX#${shard}`,
  SK: `${at}#${requestId}#${kind}#${userId}`,
});
export const OUTBOX_PREFIX = 'OUTBOX#';

/** Partner systems' API keys, by the SHA-256 of the key. */
export const apiKeyKey = (keyHash: string): Key => ({ PK: `APIKEY#${keyHash}`, SK: 'KEY' });

/** Everywhere (patterns 19–20). */
export const idempotencyKey = (scope: string, key: string): Key => ({ PK: `IDEM#${scope}#${key}`, SK: 'IDEM' });
export const auditPartition = (entity: string, id: string): string => `AUDIT#${entity}#${id}`;
export const actorIndex = (userId: string) => ({ GSI1PK: `ACTOR#${userId}` });
