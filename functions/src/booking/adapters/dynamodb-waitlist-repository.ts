/** Waitlists (候补) in the single table: one partition per slot and pool, one entry per person. */
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../platform/domain/errors';
import type { IdempotencyClaim, Once } from '../../platform/domain/idempotency';
import type { OutboxEntry } from '../../platform/domain/outbox';
import { transactOnce } from '../../platform/adapters/dynamodb/idempotency';
import { pick } from '../../platform/adapters/dynamodb/items';
import { INDEX } from '../../platform/adapters/dynamodb/keys';
import { queryAll } from '../../platform/adapters/dynamodb/query';
import { queryShards } from '../../platform/adapters/dynamodb/sharded';
import { transact, type TxWrite } from '../../platform/adapters/dynamodb/transact';
import type { BookingRecord, Freed, TxExtras, WaitEntry, WaitlistRepository } from '../ports';
import { extrasWrites, newBookingWrites, passOn, waitItem } from './booking-writes';
import { bookingGuardKey, centreStatsKey, heldOffers, slotCounterKey, waitEntryKey, waitlistOf, waitsOfUser } from './keys';

const FIELDS = ['centreId', 'date', 'start', 'pool', 'offeringId', 'userId', 'joinedAt', 'status', 'holdUntil', 'version'] as const satisfies readonly (keyof WaitEntry)[];
const fromItem = (i: Record<string, unknown>): WaitEntry => pick<WaitEntry>(i, FIELDS);

export class DynamoWaitlistRepository implements WaitlistRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly longTerm: ReadonlySet<string> = new Set(),
  ) {}

  async of(centreId: string, date: string, start: string, pool: string): Promise<WaitEntry[]> {
    const { items } = await queryAll(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': waitlistOf(centreId, date, start, pool) },
      ConsistentRead: true,
    });
    return items.map(fromItem).sort((a, b) => a.joinedAt.localeCompare(b.joinedAt) || a.userId.localeCompare(b.userId));
  }

  async get(key: Pick<WaitEntry, 'centreId' | 'date' | 'start' | 'pool' | 'userId'>): Promise<WaitEntry | null> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: waitEntryKey(key), ConsistentRead: true }));
    return out.Item ? fromItem(out.Item) : null;
  }

  async ofUser(userId: string, fromDate: string): Promise<WaitEntry[]> {
    const { items } = await queryAll(this.doc, {
      TableName: this.table,
      IndexName: INDEX.GSI1,
      KeyConditionExpression: '#pk = :pk AND #sk >= :from',
      ExpressionAttributeNames: { '#pk': `${INDEX.GSI1}PK`, '#sk': `${INDEX.GSI1}SK` },
      ExpressionAttributeValues: { ':pk': waitsOfUser(userId), ':from': `${fromDate}#` },
    });
    return items.map(fromItem);
  }

  join(e: WaitEntry, capacity: number, claim: IdempotencyClaim, extras: TxExtras): Promise<Once<{ userId: string }>> {
    const full: TxWrite = {
      name: 'full',
      write: {
        ConditionCheck: {
          TableName: this.table,
          Key: slotCounterKey(e.centreId, e.date, e.start, e.pool),
          ConditionExpression: 'taken >= :cap',
          ExpressionAttributeValues: { ':cap': capacity },
        },
      },
      conflict: () => new ConflictError('该时段还有名额，请直接预约', 'slot_open'),
    };
    const free: TxWrite = {
      name: 'guard',
      write: { ConditionCheck: { TableName: this.table, Key: bookingGuardKey(e.userId, e.date, e.centreId, e.offeringId), ConditionExpression: 'attribute_not_exists(PK)' } },
      conflict: () => new ConflictError('当天已预约过该项目，如需换时间请改约', 'daily_limit'),
    };
    return transactOnce(this.doc, this.table, claim, { userId: e.userId }, [
      { name: 'entry', write: { Put: { TableName: this.table, Item: waitItem(e), ConditionExpression: 'attribute_not_exists(PK)' } }, conflict: () => new ConflictError('您已在该时段的候补名单中', 'already_waiting') },
      full,
      free,
      {
        name: 'stats',
        write: { Update: { TableName: this.table, Key: centreStatsKey(e.centreId, e.date), UpdateExpression: 'SET entity = :e ADD waitlistJoins :one', ExpressionAttributeValues: { ':e': 'CentreDayStats', ':one': 1 } } },
      },
      ...extrasWrites(this.table, { consents: extras.consents }, '', this.longTerm).writes,
    ]);
  }

  async accept(e: WaitEntry, booking: BookingRecord, nowIso: string, claim: IdempotencyClaim, extras: TxExtras): Promise<Once<{ id: string }> & { entries: OutboxEntry[] }> {
    const more = extrasWrites(this.table, extras, `${booking.id}.${booking.version}`, this.longTerm);
    const once = await transactOnce(this.doc, this.table, claim, { id: booking.id }, [
      {
        name: 'entry',
        write: {
          Delete: {
            TableName: this.table,
            Key: waitEntryKey(e),
            ConditionExpression: '#st = :offered AND holdUntil > :now',
            ExpressionAttributeNames: { '#st': 'status' },
            ExpressionAttributeValues: { ':offered': 'offered', ':now': nowIso },
          },
        },
        conflict: () => new ConflictError('保留时间已过，名额已让给下一位', 'offer_gone'),
      },
      ...newBookingWrites(this.table, booking),
      ...more.writes,
    ]);
    return { ...once, entries: once.created ? more.entries : [] };
  }

  async leave(e: WaitEntry, freed: Freed | null, extras: TxExtras): Promise<OutboxEntry[]> {
    const more = extrasWrites(this.table, extras, `${e.centreId}.${e.date}.${e.start}.${e.pool}.${e.userId}.${e.version}`, this.longTerm);
    await transact(this.doc, [
      {
        name: 'entry',
        write: {
          Delete: {
            TableName: this.table,
            Key: waitEntryKey(e),
            ConditionExpression: '#v = :v',
            ExpressionAttributeNames: { '#v': 'version' },
            ExpressionAttributeValues: { ':v': e.version },
          },
        },
        conflict: () => new ConflictError('候补名单已变化，请重试', 'waitlist_moved'),
      },
      ...(freed ? [passOn(this.table, freed, e)] : []),
      ...more.writes,
    ]);
    return more.entries;
  }

  async lapsed(untilIso: string, limit: number): Promise<WaitEntry[]> {
    const { items } = await queryShards(this.doc, { table: this.table, index: INDEX.GSI3, partition: heldOffers, until: `${untilIso}#~` }, limit);
    return items.map(fromItem);
  }
}
