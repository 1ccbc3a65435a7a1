/**
 * The writes that places are made of, shared by bookings and the waitlist: taking a place (only
 * below capacity), giving it back or offering it to the first on the waitlist, the booking with its
 * code and guard. Every transaction of the booking slice is built from these.
 */
import { ConflictError } from '../../platform/domain/errors';
import { INDEX, shardOf } from '../../platform/adapters/dynamodb/keys';
import type { TxWrite } from '../../platform/adapters/dynamodb/transact';
import { consentGrantWrites } from '../../platform/adapters/dynamodb/consents';
import { outboxWrites, toEntry } from '../../platform/adapters/dynamodb/outbox';
import type { OutboxEntry } from '../../platform/domain/outbox';
import type { Slot } from '../domain/schedule';
import type { BookingRecord, Freed, TxExtras, WaitEntry } from '../ports';
import {
  bookingCodeKey, bookingGuardKey, bookingKey, bookingsByBooker, bookingSort, bookingsOfUser, centreDay, heldOffers, slotCounterKey, waitEntryKey, waitsOfUser,
} from './keys';

/** Counters, codes and entries are kept a year after their day (for reports), then TTL removes them. */
const KEEP_S = 400 * 86400;
export const expiryOf = (date: string): number => Math.floor(Date.parse(`${date}T00:00:00+08:00`) / 1000) + KEEP_S;

export const bookingItem = (b: BookingRecord): Record<string, unknown> => ({
  ...bookingKey(b.id),
  entity: 'Booking',
  ...b,
  [`${INDEX.GSI1}PK`]: bookingsOfUser(b.userId),
  [`${INDEX.GSI1}SK`]: bookingSort(b.date, b.start, b.id),
  [`${INDEX.GSI2}PK`]: centreDay(b.centreId, b.date),
  [`${INDEX.GSI2}SK`]: `${b.start}#${b.id}`,
  ...(b.bookedBy !== b.userId ? { [`${INDEX.GSI3}PK`]: bookingsByBooker(b.bookedBy), [`${INDEX.GSI3}SK`]: bookingSort(b.date, b.start, b.id) } : {}),
});

export const waitItem = (e: WaitEntry): Record<string, unknown> => ({
  ...waitEntryKey(e),
  entity: 'WaitEntry',
  ...e,
  expiresAt: expiryOf(e.date),
  [`${INDEX.GSI1}PK`]: waitsOfUser(e.userId),
  [`${INDEX.GSI1}SK`]: `${e.date}#${e.start}#${e.centreId}#${e.pool}`,
  // Sparse: only an entry holding an offer is on the due index the lapse task reads.
  ...(e.status === 'offered' && e.holdUntil
    ? { [`${INDEX.GSI3}PK`]: heldOffers(shardOf(`${e.centreId}#${e.userId}`)), [`${INDEX.GSI3}SK`]: `${e.holdUntil}#${e.centreId}#${e.date}#${e.start}#${e.pool}#${e.userId}` }
    : {}),
});

/** The refusal of a full slot (from the transaction's condition, or from a read that saw it full). */
export const slotFull = (): ConflictError => new ConflictError('该时段已约满，可以选择其他时段或排队候补', 'slot_full');

export function takePlace(table: string, slot: Slot, centreId: string): TxWrite {
  return {
    name: 'slot',
    write: {
      Update: {
        TableName: table,
        Key: slotCounterKey(centreId, slot.date, slot.start, slot.pool),
        UpdateExpression: 'SET entity = :e, #d = :d, #s = :s, #p = :p, expiresAt = :x ADD taken :one',
        ConditionExpression: 'attribute_not_exists(taken) OR taken < :cap',
        ExpressionAttributeNames: { '#d': 'date', '#s': 'start', '#p': 'pool' },
        ExpressionAttributeValues: { ':e': 'SlotCounter', ':d': slot.date, ':s': slot.start, ':p': slot.pool, ':x': expiryOf(slot.date), ':one': 1, ':cap': slot.capacity },
      },
    },
    conflict: slotFull,
  };
}

/**
 * A place given up: back to the counter, or (when someone waits) held for the first in line, who
 * must still be waiting — else the caller reads the waitlist again (`waitlist_moved`).
 */
export function passOn(table: string, freed: Freed, from: Pick<BookingRecord, 'centreId' | 'date' | 'start' | 'pool'>, name = 'slot'): TxWrite {
  if (freed.kind === 'release') {
    return {
      name,
      write: {
        Update: {
          TableName: table,
          Key: slotCounterKey(from.centreId, from.date, from.start, from.pool),
          UpdateExpression: 'ADD taken :minus',
          ConditionExpression: 'taken > :zero',
          ExpressionAttributeValues: { ':minus': -1, ':zero': 0 },
        },
      },
    };
  }
  const offered: WaitEntry = { ...freed.entry, status: 'offered', holdUntil: freed.holdUntil, version: freed.entry.version + 1 };
  return {
    name: `${name} offer`,
    write: {
      Put: {
        TableName: table,
        Item: waitItem(offered),
        ConditionExpression: '#st = :waiting AND #v = :v',
        ExpressionAttributeNames: { '#st': 'status', '#v': 'version' },
        ExpressionAttributeValues: { ':waiting': 'waiting', ':v': freed.entry.version },
      },
    },
    conflict: () => new ConflictError('候补名单已变化，请重试', 'waitlist_moved'),
  };
}

export function codeWrite(table: string, b: BookingRecord): TxWrite {
  return {
    name: 'code',
    write: {
      Put: {
        TableName: table,
        Item: { ...bookingCodeKey(b.centreId, b.date, b.code), entity: 'BookingCode', bookingId: b.id, expiresAt: expiryOf(b.date) },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    conflict: () => new ConflictError('预约码重复', 'code_taken'),
  };
}

export function guardWrite(table: string, b: Pick<BookingRecord, 'id' | 'userId' | 'date' | 'centreId' | 'offeringId'>): TxWrite {
  return {
    name: 'guard',
    write: {
      Put: {
        TableName: table,
        Item: { ...bookingGuardKey(b.userId, b.date, b.centreId, b.offeringId), entity: 'BookingGuard', bookingId: b.id, expiresAt: expiryOf(b.date) },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    conflict: () => new ConflictError('当天已预约过该项目，如需换时间请改约', 'daily_limit'),
  };
}

export const unguardWrite = (table: string, b: BookingRecord): TxWrite => ({
  name: 'unguard',
  write: { Delete: { TableName: table, Key: bookingGuardKey(b.userId, b.date, b.centreId, b.offeringId) } },
});

/** A new booking, with its code and guard. */
export const newBookingWrites = (table: string, b: BookingRecord): TxWrite[] => [
  { name: 'booking', write: { Put: { TableName: table, Item: bookingItem(b), ConditionExpression: 'attribute_not_exists(PK)' } } },
  codeWrite(table, b),
  guardWrite(table, b),
];

/** Replaces a booking that must still be live at `prev.version`. */
export function replaceWrite(table: string, prev: BookingRecord, next: BookingRecord): TxWrite {
  return {
    name: 'booking',
    write: {
      Put: {
        TableName: table,
        Item: bookingItem(next),
        ConditionExpression: '#v = :v AND #st = :booked',
        ExpressionAttributeNames: { '#v': 'version', '#st': 'status' },
        ExpressionAttributeValues: { ':v': prev.version, ':booked': 'booked' },
      },
    },
    conflict: () => new ConflictError('预约已被修改，请刷新后重试', 'stale'),
  };
}

/** The outbox entries and consent grants that ride along with a change (entry ids unique per change). */
export function extrasWrites(table: string, extras: TxExtras, idBase: string, longTerm: ReadonlySet<string>): { writes: TxWrite[]; entries: OutboxEntry[] } {
  const now = new Date();
  const entries = (extras.outbox ?? []).map((m, i) => toEntry(m, `${idBase}.${i}`, now));
  const consents = extras.consents ? consentGrantWrites(table, extras.consents.userId, extras.consents.templates, longTerm) : [];
  return { writes: [...outboxWrites(table, entries), ...consents], entries };
}
