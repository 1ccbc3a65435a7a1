/**
 * Bookings in the single table. A place is taken by one transaction: the slot's counter goes up only
 * while below the slot's capacity, the booking, its code and the person's guard are created only if
 * new, and the idempotency receipt and reminders go in with them.
 */
import { DeleteCommand, GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../platform/domain/errors';
import type { IdempotencyClaim, Once } from '../../platform/domain/idempotency';
import type { OutboxEntry } from '../../platform/domain/outbox';
import { transactOnce } from '../../platform/adapters/dynamodb/idempotency';
import { pick } from '../../platform/adapters/dynamodb/items';
import { INDEX } from '../../platform/adapters/dynamodb/keys';
import { outboxWrites } from '../../platform/adapters/dynamodb/outbox';
import { queryAll } from '../../platform/adapters/dynamodb/query';
import { transact, type TxWrite } from '../../platform/adapters/dynamodb/transact';
import type { Slot } from '../domain/schedule';
import type { BookingPause, BookingRecord, BookingRepository, SlotCount, WalkInRecord } from '../ports';
import { bookingCodeKey, bookingGuardKey, bookingPauseKey, walkInKey, walkInsOf, bookingKey, bookingsByBooker, bookingSort, bookingsOfUser, centreDay, slotCounterKey, slotsPartition } from './keys';

const FIELDS = [
  'id', 'code', 'centreId', 'communityId', 'streetId', 'offeringId', 'pool', 'date', 'start', 'end', 'userId', 'bookedBy', 'bookedByNote',
  'status', 'note', 'createdAt', 'updatedAt', 'version', 'history',
] as const satisfies readonly (keyof BookingRecord)[];

/** Counters and codes are kept a year after their day (for reports), then TTL removes them. */
const KEEP_S = 400 * 86400;
const expiryOf = (date: string): number => Math.floor(Date.parse(`${date}T00:00:00+08:00`) / 1000) + KEEP_S;

const bookingItem = (b: BookingRecord): Record<string, unknown> => ({
  ...bookingKey(b.id),
  entity: 'Booking',
  ...b,
  [`${INDEX.GSI1}PK`]: bookingsOfUser(b.userId),
  [`${INDEX.GSI1}SK`]: bookingSort(b.date, b.start, b.id),
  [`${INDEX.GSI2}PK`]: centreDay(b.centreId, b.date),
  [`${INDEX.GSI2}SK`]: `${b.start}#${b.id}`,
  ...(b.bookedBy !== b.userId ? { [`${INDEX.GSI3}PK`]: bookingsByBooker(b.bookedBy), [`${INDEX.GSI3}SK`]: bookingSort(b.date, b.start, b.id) } : {}),
});

export class DynamoBookingRepository implements BookingRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** Takes one place of a slot, only while fewer than its capacity are taken. */
  private take(slot: Slot, centreId: string): TxWrite {
    return {
      name: 'slot',
      write: {
        Update: {
          TableName: this.table,
          Key: slotCounterKey(centreId, slot.date, slot.start, slot.pool),
          UpdateExpression: 'SET entity = :e, #d = :d, #s = :s, #p = :p, expiresAt = :x ADD taken :one',
          ConditionExpression: 'attribute_not_exists(taken) OR taken < :cap',
          ExpressionAttributeNames: { '#d': 'date', '#s': 'start', '#p': 'pool' },
          ExpressionAttributeValues: { ':e': 'SlotCounter', ':d': slot.date, ':s': slot.start, ':p': slot.pool, ':x': expiryOf(slot.date), ':one': 1, ':cap': slot.capacity },
        },
      },
      conflict: () => new ConflictError('该时段已约满，可以选择其他时段或排队候补', 'slot_full'),
    };
  }

  /** Gives a place back (never below zero). */
  private free(b: BookingRecord): TxWrite {
    return {
      name: 'slot',
      write: {
        Update: {
          TableName: this.table,
          Key: slotCounterKey(b.centreId, b.date, b.start, b.pool),
          UpdateExpression: 'ADD taken :minus',
          ConditionExpression: 'taken > :zero',
          ExpressionAttributeValues: { ':minus': -1, ':zero': 0 },
        },
      },
    };
  }

  private code(b: BookingRecord): TxWrite {
    return {
      name: 'code',
      write: {
        Put: {
          TableName: this.table,
          Item: { ...bookingCodeKey(b.centreId, b.date, b.code), entity: 'BookingCode', bookingId: b.id, expiresAt: expiryOf(b.date) },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      conflict: () => new ConflictError('预约码重复', 'code_taken'),
    };
  }

  private guard(b: BookingRecord): TxWrite {
    return {
      name: 'guard',
      write: {
        Put: {
          TableName: this.table,
          Item: { ...bookingGuardKey(b.userId, b.date, b.centreId, b.offeringId), entity: 'BookingGuard', bookingId: b.id, expiresAt: expiryOf(b.date) },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      conflict: () => new ConflictError('当天已预约过该项目，如需换时间请改约', 'daily_limit'),
    };
  }

  private unguard(b: BookingRecord): TxWrite {
    return { name: 'unguard', write: { Delete: { TableName: this.table, Key: bookingGuardKey(b.userId, b.date, b.centreId, b.offeringId) } } };
  }

  /** Replaces a booking that must still be live at `prev.version`. */
  private replace(prev: BookingRecord, next: BookingRecord): TxWrite {
    return {
      name: 'booking',
      write: {
        Put: {
          TableName: this.table,
          Item: bookingItem(next),
          ConditionExpression: '#v = :v AND #st = :booked',
          ExpressionAttributeNames: { '#v': 'version', '#st': 'status' },
          ExpressionAttributeValues: { ':v': prev.version, ':booked': 'booked' },
        },
      },
      conflict: () => new ConflictError('预约已被修改，请刷新后重试', 'stale'),
    };
  }

  book(b: BookingRecord, slot: Slot, claim: IdempotencyClaim, reminders: OutboxEntry[]): Promise<Once<{ id: string }>> {
    return transactOnce(this.doc, this.table, claim, { id: b.id }, [
      this.take(slot, b.centreId),
      { name: 'booking', write: { Put: { TableName: this.table, Item: bookingItem(b), ConditionExpression: 'attribute_not_exists(PK)' } } },
      this.code(b),
      this.guard(b),
      ...outboxWrites(this.table, reminders),
    ]);
  }

  async cancel(prev: BookingRecord, next: BookingRecord): Promise<void> {
    await transact(this.doc, [this.replace(prev, next), this.free(prev), this.unguard(prev)]);
  }

  reschedule(prev: BookingRecord, next: BookingRecord, slot: Slot, claim: IdempotencyClaim, reminders: OutboxEntry[]): Promise<Once<{ id: string }>> {
    const sameDay = prev.date === next.date;
    return transactOnce(this.doc, this.table, claim, { id: next.id }, [
      this.replace(prev, next),
      this.take(slot, next.centreId),
      { ...this.free(prev), name: 'old slot' },
      ...(sameDay ? [] : [this.unguard(prev), this.guard(next)]),
      ...(sameDay && prev.code === next.code ? [] : [this.code(next)]),
      ...outboxWrites(this.table, reminders),
    ]);
  }

  async settle(prev: BookingRecord, next: BookingRecord, pause?: BookingPause): Promise<void> {
    await transact(this.doc, [
      this.replace(prev, next),
      ...(pause ? [{ name: 'pause', write: { Put: { TableName: this.table, Item: { ...bookingPauseKey(next.userId), entity: 'BookingPause', ...pause } } } }] : []),
    ]);
  }

  async ofCentreDay(centreId: string, date: string): Promise<BookingRecord[]> {
    const { items } = await queryAll(this.doc, {
      TableName: this.table,
      IndexName: INDEX.GSI2,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': `${INDEX.GSI2}PK` },
      ExpressionAttributeValues: { ':pk': centreDay(centreId, date) },
    });
    return items.map((i) => pick<BookingRecord>(i, FIELDS));
  }

  async byCode(centreId: string, date: string, code: string): Promise<BookingRecord | null> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: bookingCodeKey(centreId, date, code) }));
    return out.Item ? this.get(String(out.Item.bookingId)) : null;
  }

  async noShowsSince(userId: string, fromDate: string): Promise<number> {
    const { items } = await queryAll(this.doc, {
      TableName: this.table,
      IndexName: INDEX.GSI1,
      KeyConditionExpression: '#pk = :pk AND #sk >= :from',
      FilterExpression: '#st = :ns',
      ExpressionAttributeNames: { '#pk': `${INDEX.GSI1}PK`, '#sk': `${INDEX.GSI1}SK`, '#st': 'status' },
      ExpressionAttributeValues: { ':pk': bookingsOfUser(userId), ':from': `${fromDate}#`, ':ns': 'no_show' },
      ProjectionExpression: 'PK',
    });
    return items.length;
  }

  async pauseOf(userId: string): Promise<BookingPause | null> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: bookingPauseKey(userId), ConsistentRead: true }));
    return out.Item ? pick<BookingPause>(out.Item, ['until', 'reason', 'since']) : null;
  }

  async liftPause(userId: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.table, Key: bookingPauseKey(userId) }));
  }

  recordWalkIn(w: WalkInRecord, claim: IdempotencyClaim): Promise<Once<{ id: string }>> {
    return transactOnce(this.doc, this.table, claim, { id: w.id }, [
      { name: 'walk-in', write: { Put: { TableName: this.table, Item: { ...walkInKey(w.centreId, w.date, w.at, w.id), entity: 'WalkIn', ...w, expiresAt: expiryOf(w.date) } } } },
    ]);
  }

  async walkIns(centreId: string, date: string): Promise<WalkInRecord[]> {
    const { items } = await queryAll(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': walkInsOf(centreId, date) },
    });
    return items.map((i) => pick<WalkInRecord>(i, ['id', 'centreId', 'date', 'offeringId', 'name', 'note', 'at', 'recordedBy']));
  }

  async get(id: string): Promise<BookingRecord | null> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: bookingKey(id), ConsistentRead: true }));
    return out.Item ? pick<BookingRecord>(out.Item, FIELDS) : null;
  }

  async counts(centreId: string, from: string, to: string): Promise<SlotCount[]> {
    const { items } = await queryAll(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': slotsPartition(centreId), ':from': `${from}#`, ':to': `${to}#~` },
      ConsistentRead: true,
    });
    return items.map((i) => ({ date: String(i.date), start: String(i.start), pool: String(i.pool), taken: Number(i.taken ?? 0) }));
  }

  async ofUser(userId: string, fromDate: string, past: boolean, limit: number): Promise<BookingRecord[]> {
    const read = (index: 'GSI1' | 'GSI3', pk: string) =>
      queryAll(
        this.doc,
        {
          TableName: this.table,
          IndexName: INDEX[index],
          KeyConditionExpression: past ? '#pk = :pk AND #sk < :from' : '#pk = :pk AND #sk >= :from',
          ExpressionAttributeNames: { '#pk': `${index}PK`, '#sk': `${index}SK` },
          ExpressionAttributeValues: { ':pk': pk, ':from': `${fromDate}#` },
          ScanIndexForward: !past,
          Limit: limit,
        },
        limit,
      );
    const [own, made] = await Promise.all([read('GSI1', bookingsOfUser(userId)), read('GSI3', bookingsByBooker(userId))]);
    const all = [...own.items, ...made.items].map((i) => pick<BookingRecord>(i, FIELDS));
    const key = (b: BookingRecord) => `${b.date}#${b.start}#${b.id}`;
    return all.sort((a, b) => (past ? key(b).localeCompare(key(a)) : key(a).localeCompare(key(b)))).slice(0, limit);
  }
}
