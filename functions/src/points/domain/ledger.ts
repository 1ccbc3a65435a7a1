/**
 * The ledger's rules (pure): when earned points expire, which lots a spend takes (soonest expiry
 * first), the daily cap per person and source, and what a person sees of his account.
 */
import type { AccountDto, LedgerEntryDto, SourceType } from '@linli/shared';
import { ConflictError } from '../../platform/domain/errors';
import { shanghaiDate } from '../../platform/domain/opening-hours';
import type { AccountRecord, CreditPlan, EntryRecord, LotRecord, SpendPlan } from '../ports';

/** Points earned in year Y are spendable until 31 December of year Y + `years` (default: the following year). */
export function expiryOf(earnedAt: Date, years = 1): string {
  return `${Number(shanghaiDate(earnedAt).slice(0, 4)) + years}-12-31`;
}

/** The quarter an instant falls in (Asia/Shanghai), e.g. 2026Q4: leaderboards count per quarter. */
export function quarterOf(at: Date): string {
  const day = shanghaiDate(at);
  return `${day.slice(0, 4)}Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}

/** Daily caps per person and source type (anti-abuse); a credit beyond the cap is clipped to it. */
export const DAILY_CAPS: Readonly<Record<SourceType, number>> = {
  activity: 300,
  need: 100,
  task: 50,
  admin: 500,
  redemption: Number.POSITIVE_INFINITY,
  entry: Number.POSITIVE_INFINITY,
  lot: Number.POSITIVE_INFINITY,
  transfer: Number.POSITIVE_INFINITY,
};

/** What of `points` the cap still allows today, given what was credited already. */
export const withinCap = (points: number, creditedToday: number, cap: number): number => Math.max(0, Math.min(points, cap - creditedToday));

/** Takes `amount` from the live lots, soonest expiry first; `insufficient_points` when they hold less. */
export function planTakes(lots: readonly LotRecord[], amount: number): { lot: LotRecord; take: number }[] {
  const live = [...lots].filter((l) => l.remaining > 0).sort((a, b) => a.expiresOn.localeCompare(b.expiresOn) || a.id.localeCompare(b.id));
  const takes: { lot: LotRecord; take: number }[] = [];
  let left = amount;
  for (const lot of live) {
    if (left === 0) break;
    const take = Math.min(lot.remaining, left);
    takes.push({ lot, take });
    left -= take;
  }
  if (left > 0) throw new ConflictError(`积分不足：需要 ${amount} 分，可用 ${amount - left} 分`, 'insufficient_points');
  return takes;
}

/** A new entry with what every entry shares. */
/** A new entry with what every entry shares; service earned goes into the time bank too unless told otherwise. */
export function entryOf(e: Omit<EntryRecord, 'reversedBy' | 'lots' | 'communityId' | 'bank'> & Partial<Pick<EntryRecord, 'lots' | 'communityId' | 'bank'>>): EntryRecord {
  return { lots: [], communityId: null, reversedBy: null, bank: e.kind === 'earn' ? e.minutes : 0, ...e };
}

/** A spend of `amount` from the lots as read. */
export function spendPlan(lots: readonly LotRecord[], entry: Omit<EntryRecord, 'lots' | 'points' | 'reversedBy' | 'bank'> & { bank?: number }, amount: number): SpendPlan {
  const takes = planTakes(lots, amount);
  return {
    entry: { bank: 0, ...entry, points: -amount, lots: takes.map((t) => ({ id: t.lot.id, expiresOn: t.lot.expiresOn, points: -t.take })), reversedBy: null },
    takes,
  };
}

/** A credit: the entry and, when it carries points, a new lot expiring as the rule says. */
export function creditPlan(entry: EntryRecord, lotId: string, now: Date, cap: CreditPlan['cap'], expiresOn = expiryOf(now)): CreditPlan {
  const lots: LotRecord[] = entry.points > 0 ? [{ id: lotId, userId: entry.userId, remaining: entry.points, expiresOn, earnedAt: entry.at }] : [];
  const board = entry.kind === 'earn' && entry.communityId ? { communityId: entry.communityId, quarter: quarterOf(now), teamId: entry.teamId ?? null, unitIds: entry.unitIds ?? [] } : null;
  return { entry: { ...entry, lots: lots.map((l) => ({ id: l.id, expiresOn, points: l.remaining })) }, lots, cap, board };
}

/**
 * Points given back (a cancelled or lapsed redemption): new lots with the expiry dates of the lots
 * they came from, so that nothing lives longer than it would have.
 */
export function refundPlan(spent: EntryRecord, entry: Omit<EntryRecord, 'points' | 'lots' | 'bank'>, newId: () => string): CreditPlan {
  const lots: LotRecord[] = spent.lots.map((l) => ({ id: newId(), userId: spent.userId, remaining: -l.points, expiresOn: l.expiresOn, earnedAt: entry.at }));
  return {
    entry: { ...entry, bank: 0, points: -spent.points, lots: lots.map((l) => ({ id: l.id, expiresOn: l.expiresOn, points: l.remaining })) },
    lots,
    cap: null,
    board: null,
  };
}

/** The account as its owner sees it. */
export function toAccountDto(a: AccountRecord, lots: readonly LotRecord[], pending: number, now: Date): AccountDto {
  const today = shanghaiDate(now);
  const soon = shanghaiDate(new Date(now.getTime() + 31 * 86400_000));
  const expiring = lots.filter((l) => l.remaining > 0 && l.expiresOn >= today && l.expiresOn <= soon);
  return {
    userId: a.userId,
    balance: a.balance,
    pending,
    expiringSoon: { points: expiring.reduce((s, l) => s + l.remaining, 0), on: expiring.map((l) => l.expiresOn).sort()[0] ?? null },
    servedMinutes: a.servedMinutes,
    bankMinutes: a.bankMinutes,
  };
}

export const toEntryDto = (e: EntryRecord): LedgerEntryDto => ({
  id: e.id,
  at: e.at,
  kind: e.kind,
  points: e.points,
  minutes: e.minutes,
  bank: e.bank,
  reason: e.reason,
  source: e.source,
  verified: e.verified,
  reversedBy: e.reversedBy,
});
