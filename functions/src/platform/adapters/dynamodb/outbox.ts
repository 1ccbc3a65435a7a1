/** The outbox in the single table: entries written inside the jobs' transactions, claimed by conditional delete. */
import { randomUUID } from 'node:crypto';
import { DeleteCommand, PutCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { OutboxEntry, OutboxMessage } from '../../domain/outbox';
import type { OutboxStore } from '../../ports/outbox';
import { isConditionFailure, whenConditionHolds } from './errors';
import { outboxKey, outboxPartition, shardOf, type Key } from './keys';
import { queryShards } from './sharded';
import type { TxWrite } from './transact';

/** Entries nobody could deliver within this long after they were due are removed by TTL. */
const RETENTION_S = 2 * 86400;

/** Where an entry is stored: its shard by subject and id, sorted by when it is due. */
const refOf = (e: Pick<OutboxEntry, 'subject' | 'id' | 'dueAt' | 'topic'>): Key => outboxKey(shardOf(`${e.subject}#${e.id}`), e.dueAt, e.topic, e.subject, e.id);

/** Stores a message (at `now` unless it says when) as an entry; the id makes its key unique. */
export function toEntry(m: OutboxMessage, id: string, now: Date): OutboxEntry {
  const entry = { ...m, id, dueAt: m.dueAt ?? now.toISOString(), attempts: 0 };
  return { ...entry, ref: refOf(entry) };
}

const itemOf = (e: OutboxEntry) => ({
  ...(e.ref as Key),
  entity: 'Outbox',
  id: e.id,
  topic: e.topic,
  subject: e.subject,
  payload: e.payload,
  dueAt: e.dueAt,
  attempts: e.attempts,
  expiresAt: Math.floor(Date.parse(e.dueAt) / 1000) + RETENTION_S,
});

/** The writes that enqueue entries, for a job's own transaction. */
export const outboxWrites = (table: string, entries: readonly OutboxEntry[]): TxWrite[] =>
  entries.map((e) => ({ name: `outbox ${e.topic}`, write: { Put: { TableName: table, Item: itemOf(e) } } }));

const fromItem = (i: Record<string, unknown>): OutboxEntry => ({
  id: String(i.id),
  topic: String(i.topic),
  subject: String(i.subject),
  payload: (i.payload ?? {}) as Record<string, unknown>,
  dueAt: String(i.dueAt),
  attempts: Number(i.attempts ?? 0),
  ref: { PK: String(i.PK), SK: String(i.SK) },
});

export class DynamoOutboxStore implements OutboxStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async due(untilIso: string, limit: number): Promise<OutboxEntry[]> {
    const { items } = await queryShards(this.doc, { table: this.table, partition: outboxPartition, until: `${untilIso}#~` }, limit);
    return items.map(fromItem);
  }

  async claim(entry: OutboxEntry): Promise<boolean> {
    return whenConditionHolds(() => this.doc.send(new DeleteCommand({ TableName: this.table, Key: entry.ref as Key, ConditionExpression: 'attribute_exists(PK)' })));
  }

  async lease(entry: OutboxEntry, untilIso: string, nowIso: string): Promise<OutboxEntry | null> {
    const leaseId = randomUUID();
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: entry.ref as Key,
          UpdateExpression: 'SET leaseUntil = :until, leaseId = :lease',
          ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)',
          ExpressionAttributeValues: { ':until': untilIso, ':lease': leaseId, ':now': nowIso },
        }),
      );
      return { ...entry, ref: { ...(entry.ref as Key), leaseId } };
    } catch (e) {
      if (isConditionFailure(e)) return null;
      throw e;
    }
  }

  async complete(leased: OutboxEntry): Promise<void> {
    const { leaseId, ...key } = leased.ref as Key & { leaseId: string };
    try {
      await this.doc.send(
        new DeleteCommand({ TableName: this.table, Key: key, ConditionExpression: 'leaseId = :lease', ExpressionAttributeValues: { ':lease': leaseId } }),
      );
    } catch (e) {
      if (!isConditionFailure(e)) throw e; // the lease lapsed and another deliverer took it over: it is his now
    }
  }

  async release(leased: OutboxEntry, dueAt: string): Promise<void> {
    const { leaseId, ...key } = leased.ref as Key & { leaseId: string };
    const moved = { ...leased, dueAt, attempts: leased.attempts + 1 };
    const again: OutboxEntry = { ...moved, ref: refOf(moved) };
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Delete: { TableName: this.table, Key: key, ConditionExpression: 'leaseId = :lease', ExpressionAttributeValues: { ':lease': leaseId } } },
            { Put: { TableName: this.table, Item: itemOf(again) } },
          ],
        }),
      );
    } catch (e) {
      if (!(e instanceof Error && e.name === 'TransactionCanceledException')) throw e; // lease lapsed: another deliverer has it
    }
  }

  async requeue(entry: OutboxEntry, dueAt: string): Promise<void> {
    const moved = { ...entry, dueAt, attempts: entry.attempts + 1 };
    const again: OutboxEntry = { ...moved, ref: refOf(moved) };
    await this.doc.send(new PutCommand({ TableName: this.table, Item: itemOf(again) }));
  }
}

