/**
 * The table's shared key machinery and the keys of the platform's own records (idempotency,
 * outbox, consents, partner API keys). Each job keeps its own keys in
 * `<job>/adapters/keys.ts`; docs/data-model.md lists every entity, key and access pattern.
 */
import design from './table-design.json';

/**
 * Global secondary index names (see infra/tables.js): GSI1–GSI4 overloaded, projection ALL; GSI5 narrow
 * (open requests by community: keys, level, status, gridId, unitId, communityId).
 */
export const INDEX = Object.freeze(Object.fromEntries(design.indexes.map((n) => [n, n]))) as Readonly<{
  GSI1: 'GSI1';
  GSI2: 'GSI2';
  GSI3: 'GSI3';
  GSI4: 'GSI4';
  GSI5: 'GSI5';
}>;

export interface Key {
  PK: string;
  SK: string;
}

/** City-wide hot lists (due deadlines, outbox) are spread over this many partitions. */
export const SHARDS = 16;
/** A stable shard in [0, SHARDS) for an id. */
export function shardOf(id: string): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return h % SHARDS;
}

/** Upper bound (inclusive) for sort keys that start with `prefix`: '~' sorts after every key character used. */
export const prefixEnd = (prefix: string): string => `${prefix}~`;

/** Idempotency record of one caller's operation (pattern 19), removed by TTL. */
export const idempotencyKey = (operation: string, callerId: string, key: string): Key => ({
  PK: `IDEM#${operation}#${callerId}#${key}`,
  SK: 'IDEM',
});

/** The outbox: messages to deliver at or after `dueAt`, spread over SHARDS partitions. */
export const outboxPartition = (shard: number): string => `OUTBOX#${shard}`;
export const outboxKey = (shard: number, dueAt: string, topic: string, subject: string, id: string): Key => ({
  PK: outboxPartition(shard),
  SK: `${dueAt}#${topic}#${subject}#${id}`,
});

/** A user's subscribe-message consents for one template. */
export const consentKey = (userId: string, templateId: string): Key => ({ PK: `USER#${userId}`, SK: `CONSENT#${templateId}` });

/** Partner systems' API keys, by the SHA-256 of the key. */
export const apiKeyKey = (keyHash: string): Key => ({ PK: `APIKEY#${keyHash}`, SK: 'KEY' });

/** The WeChat server API access token of an app, shared by every container (with its refresh lease). */
export const accessTokenKey = (appId: string): Key => ({ PK: `WXTOKEN#${appId}`, SK: 'TOKEN' });

/** The holiday calendar: one item per loaded year, all in one partition (one Query reads them all). */
export const CALENDAR_PARTITION = 'CALENDAR';
export const calendarKey = (year: number): Key => ({ PK: CALENDAR_PARTITION, SK: `YEAR#${year}` });

/** Where a tick task keeps its progress between ticks (a cursor, what it has applied). */
export const taskStateKey = (task: string): Key => ({ PK: `TICK#${task}`, SK: 'STATE' });
