/** The ledger's rules: expiry dates, soonest-expiry-first spending, the daily cap, refunds, activity points. */
import { ConflictError } from '../../functions/src/platform/domain/errors';
import { attendedMinutes, pointsFor } from '../../functions/src/points/domain/activities';
import { creditPlan, entryOf, expiryOf, planTakes, quarterOf, refundPlan, spendPlan, toAccountDto, withinCap } from '../../functions/src/points/domain/ledger';
import type { LotRecord } from '../../functions/src/points/ports';

const lot = (id: string, remaining: number, expiresOn: string): LotRecord => ({ id, userId: 'u', remaining, expiresOn, earnedAt: '2026-01-01T00:00:00.000Z' });
const base = { userId: 'u', at: '2026-12-03T10:00:00.000Z', minutes: 0, reason: 'x', source: { type: 'redemption' as const, id: 'r' }, actorId: 'u', verified: true };

describe('points ledger rules', () => {
  it('expires points on 31 December of the following year, by China date', () => {
    expect(expiryOf(new Date('2026-03-01T00:00:00+08:00'))).toBe('2027-12-31');
    // 31 Dec 2026 20:00 UTC is already 1 Jan 2027 in Shanghai.
    expect(expiryOf(new Date('2026-12-31T20:00:00Z'))).toBe('2028-12-31');
    expect(expiryOf(new Date('2026-06-01T00:00:00+08:00'), 2)).toBe('2028-12-31');
  });

  it('counts leaderboards per quarter in China time', () => {
    expect(quarterOf(new Date('2026-03-31T17:00:00Z'))).toBe('2026Q2');
    expect(quarterOf(new Date('2026-12-03T10:00:00+08:00'))).toBe('2026Q4');
  });

  it('spends the soonest-expiring lots first, across lots, and refuses more than they hold', () => {
    const lots = [lot('b', 5, '2028-12-31'), lot('a', 3, '2027-12-31'), lot('c', 4, '2027-12-31'), lot('z', 0, '2026-12-31')];
    expect(planTakes(lots, 6).map((t) => [t.lot.id, t.take])).toEqual([['a', 3], ['c', 3]]);
    expect(planTakes(lots, 12).map((t) => [t.lot.id, t.take])).toEqual([['a', 3], ['c', 4], ['b', 5]]);
    expect(() => planTakes(lots, 13)).toThrow(ConflictError);
    try {
      planTakes(lots, 13);
    } catch (e) {
      expect((e as ConflictError).code).toBe('insufficient_points');
    }
  });

  it('records what a spend took from each lot, and refunds to lots with the same expiry', () => {
    const spend = spendPlan([lot('a', 3, '2027-12-31'), lot('b', 5, '2028-12-31')], { ...base, id: 's', kind: 'spend', communityId: null }, 5);
    expect(spend.entry).toMatchObject({ points: -5, lots: [{ id: 'a', points: -3 }, { id: 'b', points: -2 }] });
    let n = 0;
    const refund = refundPlan(spend.entry, entryOf({ ...base, id: 'r1', kind: 'refund', points: 0 }), () => `n${n++}`);
    expect(refund.entry.points).toBe(5);
    expect(refund.lots.map((l) => [l.remaining, l.expiresOn])).toEqual([[3, '2027-12-31'], [2, '2028-12-31']]);
    expect(refund.board).toBeNull(); // a refund is not service: not on the leaderboard
  });

  it('clips a credit to what the daily cap still allows', () => {
    expect(withinCap(50, 0, 300)).toBe(50);
    expect(withinCap(50, 280, 300)).toBe(20);
    expect(withinCap(50, 300, 300)).toBe(0);
  });

  it('makes a lot only for credits with points, and counts earned work on its community board', () => {
    const now = new Date('2026-12-03T10:00:00+08:00');
    const hoursOnly = creditPlan(entryOf({ ...base, id: 'e', kind: 'earn', points: 0, minutes: 60, communityId: 'cm' }), 'l', now, null);
    expect(hoursOnly.lots).toEqual([]);
    const earned = creditPlan(entryOf({ ...base, id: 'e2', kind: 'earn', points: 10, minutes: 60, communityId: 'cm' }), 'l2', now, null);
    expect(earned.lots).toEqual([{ id: 'l2', userId: 'u', remaining: 10, expiresOn: '2027-12-31', earnedAt: base.at }]);
    expect(earned.board).toEqual({ communityId: 'cm', quarter: '2026Q4', teamId: null, unitIds: [] });
  });

  it('shows points expiring within 31 days and the first such date', () => {
    const now = new Date('2026-12-10T10:00:00+08:00');
    const dto = toAccountDto({ userId: 'u', balance: 15, servedMinutes: 90, bankMinutes: 30 }, [lot('a', 5, '2026-12-31'), lot('b', 10, '2027-12-31')], 3, now);
    expect(dto).toEqual({ userId: 'u', balance: 15, pending: 3, expiringSoon: { points: 5, on: '2026-12-31' }, servedMinutes: 90, bankMinutes: 30 });
  });

  it('gives activity points per person, or per hour pro rata from the attended minutes', () => {
    const a = { start: '2026-12-04T01:00:00.000Z', end: '2026-12-04T03:00:00.000Z' };
    expect(pointsFor({ per: 'person', points: 20 }, 30)).toBe(20);
    expect(pointsFor({ per: 'hour', points: 10 }, 90)).toBe(15);
    expect(attendedMinutes(a, { checkInAt: null, checkOutAt: null })).toBe(120);
    expect(attendedMinutes(a, { checkInAt: '2026-12-04T01:10:00.000Z', checkOutAt: '2026-12-04T02:10:00.000Z' })).toBe(60);
    expect(attendedMinutes(a, { checkInAt: '2026-12-04T01:10:00.000Z', checkOutAt: '2026-12-04T02:10:00.000Z' }, 45)).toBe(45);
    // A forgotten check-out the next day does not become a day of service.
    expect(attendedMinutes(a, { checkInAt: '2026-12-04T01:00:00.000Z', checkOutAt: '2026-12-05T01:00:00.000Z' })).toBe(180);
  });
});
