/**
 * The points recount's reading of people's ledgers, and the year's close.
 *
 * The simulated city's points expire at the end of the year they were earned (年底清零:
 * `POINTS_EXPIRY_YEARS=0`, set by tests/sim/env.ts), so every lot of a simulated year expires on its
 * 31 December: from 30 November on, everything a person holds is "expiring soon"; on the first
 * ticks of the new year the product's expiry task takes it all off, and a run that ends on 31
 * December closes the year and checks that every account then reads zero, its expiry entries adding
 * up to what it held.
 */
import type { LedgerResponse } from '@linli/shared';
import { short, type Sim } from '../engine/context';
import { addDaysTo, chinaMidnight } from '../oracle';
import type { Account } from './points-recount';

/** What the owner of an account reads: balance, points expiring within 31 days, minutes, entries as `kind:points:bank`. */
export interface LedgerRead {
  balance: number;
  expiring: number;
  /** Time-bank minutes to spend, and service minutes given. */
  bank: number;
  served: number;
  entries: string[];
}


/** Reads a person's account and at least `atLeast` of their newest entries (page by page). */
export async function readLedger(sim: Sim, userId: string, atLeast: number): Promise<LedgerRead> {
  const read: LedgerRead = { balance: -1, expiring: 0, bank: -1, served: -1, entries: [] };
  let cursor: string | undefined;
  do {
    const res = await sim.world.api.call<LedgerResponse>(sim.people.user(userId), 'GET', '/points/me', { query: { limit: 50, cursor }, kind: 'points_read', recount: true });
    if (res.status !== 200) sim.fail(`points of ${userId}`, `answered ${res.status} ${short(res.body)}`);
    read.balance = res.body.account.balance;
    read.expiring = res.body.account.expiringSoon.points;
    read.bank = res.body.account.bankMinutes;
    read.served = res.body.account.servedMinutes;
    read.entries.push(...res.body.entries.map((e) => `${e.kind}:${e.points}:${e.bank}`));
    cursor = res.body.nextCursor ?? undefined;
  } while (cursor && read.entries.length < atLeast);
  return read;
}

/** Of a balance held on `date`, what the product must show as expiring within 31 days (every lot expires on 31 December). */
export const expiringOn = (date: string, balance: number): number => (addDaysTo(date, 31) >= `${date.slice(0, 4)}-12-31` ? balance : 0);

export interface YearClose {
  /** Points the expiry task took off, and the people who had any. */
  expiredPoints: number;
  people: number;
  ticks: number;
  checks: number;
}

/**
 * The first minutes of the new year: the deployed tick runs minute by minute until the expiry task
 * has nothing more due; then every account the recount holds points for reads 0, and its expiry
 * entries add up to what it held. `accounts` is the recount's (balance and entries per person),
 * updated with the expiry.
 */
export async function closeYear(sim: Sim, year: number, accounts: Record<string, Account>): Promise<YearClose> {
  sim.clock.set(Math.max(sim.clock.ms, chinaMidnight(`${year + 1}-01-01`) + 60_000));
  const close: YearClose = { expiredPoints: 0, people: 0, ticks: 0, checks: 0 };
  for (;;) {
    const report = (await sim.world.tick()) as Record<string, { more?: boolean; error?: string; stats?: { points?: number } }>;
    close.ticks++;
    const expiry = report['points.expire'];
    if (!expiry || expiry.error) sim.fail(`the year's close, tick ${close.ticks}`, `the expiry task ${expiry?.error ? `failed: ${expiry.error}` : 'did not run'}`);
    close.expiredPoints += expiry!.stats?.points ?? 0;
    if (!expiry!.more) break;
    if (close.ticks > 10_000) sim.fail("the year's close", 'the expiry task still has lots due after 10,000 ticks');
    sim.clock.set(sim.clock.ms + 60_000);
  }
  const held = Object.entries(accounts).filter(([, a]) => a.balance !== 0);
  const want = held.reduce((s, [, a]) => s + a.balance, 0);
  if (close.expiredPoints !== want) sim.fail("the year's close", `${close.expiredPoints} points expired, the recount holds ${want} in ${held.length} accounts`);
  for (const [userId, a] of held.sort(([x], [y]) => x.localeCompare(y))) {
    const got = await readLedger(sim, userId, a.entries.length + 1);
    const expired = got.entries.filter((e) => e.startsWith('expiry:')).reduce((s, e) => s + Number(e.split(':')[1]), 0);
    if (got.balance !== 0 || expired !== -a.balance) sim.fail(`points of ${userId} at the year's close`, `balance ${got.balance} with ${-expired} expired, the recount had ${a.balance} to expire`);
    a.entries.push(['expiry', -a.balance, 0]);
    a.balance = 0;
    close.people++;
    close.checks += 2;
  }
  return close;
}
