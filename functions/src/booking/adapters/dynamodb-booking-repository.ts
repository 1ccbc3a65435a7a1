/**
 * Bookings in the single table. A place is taken by one transaction: the slot's counter goes up only
 * while below the slot's capacity, the booking, its code and the person's guard are created only if
 * new, and the idempotency receipt and reminders go in with them.
 */
import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { IdempotencyClaim, Once } from '../../platform/domain/idempotency';
import type { OutboxEntry } from '../../platform/domain/outbox';
import { findReceipt, transactOnce } from '../../platform/adapters/dynamodb/idempotency';
import { pick } from '../../platform/adapters/dynamodb/items';
import { INDEX } from '../../platform/adapters/dynamodb/keys';
import { queryAll } from '../../platform/adapters/dynamodb/query';
import { transact } from '../../platform/adapters/dynamodb/transact';
import type { Slot } from '../domain/schedule';
import type { BookingPause, BookingRecord, BookingRepository, Freed, SlotCount, TxExtras, UnsentRecord, WalkInRecord } from '../ports';
import { codeWrite, expiryOf, extrasWrites, guardWrite, newBookingWrites, passOn, replaceWrite, slotFull, takePlace, unguardWrite } from './booking-writes';
import { bookingCodeKey, bookingKey, centreStatsKey, slotCounterKey, bookingPauseKey, bookingsByBooker, bookingsOfUser, centreDay, slotsPartition, unsentKey, unsentOf, walkInKey, walkInsOf } from './keys';

const FIELDS = [
  'id', 'code', 'centreId', 'communityId', 'streetId', 'offeringId', 'pool', 'date', 'start', 'end', 'userId', 'bookedBy', 'bookedByNote',
  'status', 'note', 'createdAt', 'updatedAt', 'version', 'history',
] as const satisfies readonly (keyof BookingRecord)[];

export class DynamoBookingRepository implements BookingRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly longTerm: ReadonlySet<string> = new Set(),
  ) {}

  /**
   * A full slot is refused without a transaction: many people racing for the last places would
   * otherwise cancel each other's transactions (TransactionConflict) long after the slot filled.
   * The read is only a shortcut: the transaction's condition still decides. A retried tap whose
   * booking was made finds its receipt first.
   */
  async book(b: BookingRecord, slot: Slot, claim: IdempotencyClaim, extras: TxExtras): Promise<Once<{ id: string }> & { entries: OutboxEntry[] }> {
    const [receipt, counter] = await Promise.all([
      findReceipt<{ id: string }>(this.doc, this.table, claim),
      this.doc.send(new GetCommand({ TableName: this.table, Key: slotCounterKey(b.centreId, slot.date, slot.start, slot.pool), ProjectionExpression: 'taken' })),
    ]);
    if (receipt) return { created: false, receipt, entries: [] };
    if (Number(counter.Item?.taken ?? 0) >= slot.capacity) throw slotFull();
    const more = extrasWrites(this.table, extras, `${b.id}.${b.version}`, this.longTerm);
    const once = await transactOnce(this.doc, this.table, claim, { id: b.id }, [takePlace(this.table, slot, b.centreId), ...newBookingWrites(this.table, b), ...more.writes]);
    return { ...once, entries: once.created ? more.entries : [] };
  }

  async cancel(prev: BookingRecord, next: BookingRecord, freed: Freed, extras: TxExtras): Promise<OutboxEntry[]> {
    const more = extrasWrites(this.table, extras, `${next.id}.${next.version}`, this.longTerm);
    await transact(this.doc, [replaceWrite(this.table, prev, next), passOn(this.table, freed, prev), unguardWrite(this.table, prev), ...more.writes]);
    return more.entries;
  }

  async reschedule(prev: BookingRecord, next: BookingRecord, slot: Slot, freed: Freed, claim: IdempotencyClaim, extras: TxExtras): Promise<Once<{ id: string }> & { entries: OutboxEntry[] }> {
    const sameDay = prev.date === next.date;
    const more = extrasWrites(this.table, extras, `${next.id}.${next.version}`, this.longTerm);
    const once = await transactOnce(this.doc, this.table, claim, { id: next.id }, [
      replaceWrite(this.table, prev, next),
      takePlace(this.table, slot, next.centreId),
      passOn(this.table, freed, prev, 'old slot'),
      ...(sameDay ? [] : [unguardWrite(this.table, prev), guardWrite(this.table, next)]),
      ...(sameDay && prev.code === next.code ? [] : [codeWrite(this.table, next)]),
      ...more.writes,
    ]);
    return { ...once, entries: once.created ? more.entries : [] };
  }

  async dayStats(centreId: string, date: string): Promise<{ waitlistJoins: number }> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: centreStatsKey(centreId, date) }));
    return { waitlistJoins: Number(out.Item?.waitlistJoins ?? 0) };
  }

  async recordUnsent(u: UnsentRecord): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.table, Item: { ...unsentKey(u), entity: 'UnsentReminder', ...u, expiresAt: expiryOf(u.date) } }));
  }

  async unsent(centreId: string, date: string): Promise<UnsentRecord[]> {
    const { items } = await queryAll(this.doc, { TableName: this.table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': unsentOf(centreId, date) } });
    return items.map((i) => pick<UnsentRecord>(i, ['centreId', 'date', 'start', 'userId', 'bookingId', 'kind', 'reason', 'at']));
  }

  async settle(prev: BookingRecord, next: BookingRecord, pause?: BookingPause): Promise<void> {
    await transact(this.doc, [
      replaceWrite(this.table, prev, next),
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
