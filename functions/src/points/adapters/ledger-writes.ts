/**
 * The ledger's writes, shared by every transaction that moves points (a credit, a redemption, a
 * refund, a reversal, an expiry): the entry, the lots and the account balance always change
 * together, so the balance is at every moment the sum of the live lots and of the entries.
 */
import { ConflictError } from '../../platform/domain/errors';
import { INDEX, shardOf } from '../../platform/adapters/dynamodb/keys';
import type { TxWrite } from '../../platform/adapters/dynamodb/transact';
import { outboxWrites, toEntry } from '../../platform/adapters/dynamodb/outbox';
import { expiringMessage } from '../domain/expiry';
import type { Board, CreditPlan, EntryRecord, LotRecord, SpendPlan } from '../ports';
import { accountKey, boardKey, creditGuardKey, dayCapKey, entryKey, lotKey, lotsExpiring, serviceOfCommunity } from './keys';

/** Sources credited at most once per person (the guard item's existence says so). */
const ONCE_PER_SOURCE = new Set(['activity', 'need', 'task']);

export const lotItem = (l: LotRecord) => ({
  ...lotKey(l.userId, l.expiresOn, l.id),
  entity: 'PointsLot',
  ...l,
  [`${INDEX.GSI3}PK`]: lotsExpiring(shardOf(l.id)),
  [`${INDEX.GSI3}SK`]: `${l.expiresOn}#${l.userId}#${l.id}`,
});

/** Service earned (or reversed) for a community is listed on its service record too. */
const serviceIndex = (e: EntryRecord) =>
  e.communityId && (e.kind === 'earn' || e.kind === 'reversal') ? { [`${INDEX.GSI1}PK`]: serviceOfCommunity(e.communityId), [`${INDEX.GSI1}SK`]: `${e.at}#${e.id}` } : {};

const entryWrite = (table: string, e: EntryRecord): TxWrite => ({
  name: 'entry',
  write: { Put: { TableName: table, Item: { ...entryKey(e.userId, e.id), entity: 'PointsEntry', ...e, ...serviceIndex(e) }, ConditionExpression: 'attribute_not_exists(PK)' } },
});

/** The entry's points and minutes on its community's board (and its team's, for a team activity). */
function boardWrites(table: string, board: Board, e: EntryRecord): TxWrite[] {
  const rows: ['COMMUNITY' | 'TEAM' | 'UNIT', string][] = [
    ['COMMUNITY', board.communityId],
    ...(board.teamId ? [['TEAM', board.teamId] as ['TEAM', string]] : []),
    ...(board.unitIds ?? []).map((id) => ['UNIT', id] as ['UNIT', string]),
  ];
  return rows.map(([scope, id]) => ({
    name: `board_${scope}_${id}`,
    write: {
      Update: {
        TableName: table,
        Key: boardKey(scope, id, board.quarter, e.userId),
        UpdateExpression: 'ADD points :p, minutes :m SET entity = :e, userId = :u',
        ExpressionAttributeValues: { ':p': e.points, ':m': e.minutes, ':e': 'PointsBoard', ':u': e.userId },
      },
    },
  }));
}

/** A credit: once-per-source guard, the day's cap counter as read, the account, the new lots, the entry, the leaderboard. */
export function creditWrites(table: string, plan: CreditPlan): TxWrite[] {
  const e = plan.entry;
  const writes: TxWrite[] = [];
  if (e.kind === 'earn' && ONCE_PER_SOURCE.has(e.source.type)) {
    writes.push({
      name: 'credit_guard',
      write: { Put: { TableName: table, Item: { ...creditGuardKey(e.userId, e.source.type, e.source.id), entity: 'PointsCreditGuard', entryId: e.id, at: e.at }, ConditionExpression: 'attribute_not_exists(PK)' } },
      conflict: () => new ConflictError('已经记过积分', 'already_credited'),
    });
  }
  if (plan.cap && e.points > 0) {
    writes.push({
      name: 'cap',
      write: {
        Update: {
          TableName: table,
          Key: dayCapKey(e.userId, plan.cap.day, e.source.type),
          UpdateExpression: 'ADD points :p SET entity = :e',
          ConditionExpression: plan.cap.seen === 0 ? 'attribute_not_exists(points) OR points = :seen' : 'points = :seen',
          ExpressionAttributeValues: { ':p': e.points, ':seen': plan.cap.seen, ':e': 'PointsDayCap' },
        },
      },
      conflict: () => new ConflictError('今日积分正在变化，请重试', 'cap_changed'),
    });
  }
  writes.push({
    name: 'account',
    write: {
      Update: {
        TableName: table,
        Key: accountKey(e.userId),
        UpdateExpression: 'ADD balance :p, servedMinutes :m, bankMinutes :b SET entity = :e, userId = :u',
        ExpressionAttributeValues: { ':p': e.points, ':m': e.minutes, ':b': e.bank, ':e': 'PointsAccount', ':u': e.userId },
      },
    },
  });
  for (const l of plan.lots) writes.push({ name: `lot_${l.id}`, write: { Put: { TableName: table, Item: lotItem(l) } } });
  // Told a month before the lot expires (the handler checks what is left then, and tells once per date).
  const notices = plan.lots.map((l) => toEntry(expiringMessage(l), `${l.id}.expiring`, new Date(e.at)));
  writes.push(...outboxWrites(table, notices));
  writes.push(entryWrite(table, e));
  if (plan.board) writes.push(...boardWrites(table, plan.board, e));
  return writes;
}

/**
 * What a spend takes from one lot (its `remaining` as read), never below zero: a take that empties
 * the lot deletes it in the same transaction (still holding exactly `take`), so no spent-out lot is
 * left behind for a read to tidy (reads never write: a GET route's role cannot). Nothing needs an
 * emptied lot again: no write adds to an existing lot (a refund's points come back as new lots). A
 * lot taken meanwhile (or already gone) fails the condition: `lots_changed`, and the use case re-reads.
 */
function lotWrite(table: string, lot: LotRecord, take: number): TxWrite {
  const Key = lotKey(lot.userId, lot.expiresOn, lot.id);
  const conflict = () => new ConflictError('积分刚刚有变动，请重试', 'lots_changed');
  if (take === lot.remaining) {
    return { name: `lot_${lot.id}`, write: { Delete: { TableName: table, Key, ConditionExpression: 'remaining = :take', ExpressionAttributeValues: { ':take': take } } }, conflict };
  }
  return {
    name: `lot_${lot.id}`,
    write: { Update: { TableName: table, Key, UpdateExpression: 'ADD remaining :minus', ConditionExpression: 'remaining >= :take', ExpressionAttributeValues: { ':minus': -take, ':take': take } } },
    conflict,
  };
}

/**
 * A spend (a redemption, a reversal, a payment in hours, a gift of hours): the points and the bank
 * minutes it takes never go below zero, nor does any lot (an emptied lot is deleted); the entry.
 */
export function spendWrites(table: string, plan: SpendPlan): TxWrite[] {
  const e = plan.entry;
  const amount = -e.points;
  const hours = -e.bank;
  const guards = [...(amount > 0 ? ['balance >= :amount'] : []), ...(hours > 0 ? ['bankMinutes >= :hours'] : [])];
  const writes: TxWrite[] = [
    {
      name: 'account',
      write: {
        Update: {
          TableName: table,
          Key: accountKey(e.userId),
          UpdateExpression: 'ADD balance :p, servedMinutes :m, bankMinutes :b SET entity = :e, userId = :u',
          ...(guards.length ? { ConditionExpression: guards.join(' AND ') } : {}),
          ExpressionAttributeValues: {
            ':p': e.points, ':m': e.minutes, ':b': e.bank, ':e': 'PointsAccount', ':u': e.userId,
            ...(amount > 0 ? { ':amount': amount } : {}), ...(hours > 0 ? { ':hours': hours } : {}),
          },
        },
      },
      conflict: () =>
        amount > 0 ? new ConflictError(`积分不足：需要 ${amount} 分`, 'insufficient_points') : new ConflictError(`时间银行余额不足：需要 ${Math.ceil(hours / 6) / 10} 小时`, 'insufficient_hours'),
    },
    ...plan.takes.map(({ lot, take }) => lotWrite(table, lot, take)),
    entryWrite(table, e),
  ];
  if (plan.board) writes.push(...boardWrites(table, plan.board, e));
  return writes;
}
