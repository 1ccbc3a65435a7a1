/**
 * The points recount: every person's ledger entries, every reward's stock and every redemption,
 * kept from the product's acknowledged answers only, and the day's check of what changed against
 * what the product then reads. The activities (points-activities.ts) and redemptions
 * (points-redemptions.ts) parts move it through the helpers here, so the rules that touch a
 * balance or a stock (the daily caps, the monthly limits, what is checked tonight) live in one place.
 */
import type { RedemptionDto, SiteDto } from '@linli/shared';
import type { SimPerson } from '../city/model';
import { checkEach, short, type Sim } from '../engine/context';
import { chinaDate } from '../oracle';
import { expiringOn, readLedger } from './points-ledger';

export const MIN = 60_000;
/** Daily caps per person and source (the product's DAILY_CAPS, functions/src/points/domain/ledger.ts, restated). */
export const CAPS = { activity: 300, need: 100, task: 50, admin: 500 } as const;
/** Points per approved report kind (SERVICE_POINTS in @linli/shared, restated). */
export const REPORT_POINTS = { civility: 5, station_duty: 10 } as const;

export type SignupStatus = 'signed_up' | 'checked_in' | 'checked_out' | 'confirmed' | 'withdrawn' | 'absent';

export interface Activity {
  id: string;
  communityId: string;
  organiserId: string;
  title: string;
  start: number;
  end: number;
  places: number;
  reward: { per: 'person' | 'hour'; points: number };
  joiners: 'anyone' | 'volunteers';
  code: string | null;
  /** Sign-ups, check-ins and confirmation are planned (a week before it starts at the latest). */
  planned: boolean;
  confirmed: boolean;
  signups: Record<string, { status: SignupStatus; in: number | null; out: number | null }>;
}

export interface Redemption {
  id: string;
  userId: string;
  siteId: string;
  rewardId: string;
  cost: number;
  code: string;
  month: string;
  collectBy: number;
  status: 'reserved' | 'collected' | 'cancelled' | 'lapsed';
}

export interface Rush {
  siteId: string;
  rewardId: string;
  date: string;
  stock: number;
  tried: number;
  won: number;
  soldOut: number;
  poor: number;
}

/** A ledger entry as the recount keeps it: kind, points, time-bank minutes (signed). */
export type EntryRow = [kind: string, points: number, bank?: number];

/** A person's account in the recount: points, time-bank minutes, service minutes, and every entry. */
export interface Account {
  balance: number;
  bank?: number;
  served?: number;
  entries: EntryRow[];
}

/** An entry's row as the ledger lists it (`kind:points:bank`). */
export const entryRow = ([kind, points, bank]: EntryRow): string => `${kind}:${points}:${bank ?? 0}`;

export interface PointsState {
  /** Balance, time-bank minutes, service minutes and entries per person, from acknowledged answers. */
  accounts: Record<string, Account>;
  /** Points credited per `userId|date|source` (the daily caps). */
  credited: Record<string, number>;
  activities: Record<string, Activity>;
  redemptions: Record<string, Redemption>;
  /** Stock per reward id (from the city, then every acknowledged change). */
  stock: Record<string, number>;
  /** When each popular reward opens (epoch ms), null: not on the shelf yet. */
  release: Record<string, number | null>;
  /** Live redemptions per `userId|month|rewardId` (the monthly limits). */
  months: Record<string, number>;
  reports: Record<string, { id: string; userId: string; communityId: string; kind: keyof typeof REPORT_POINTS }>;
  rushes: Rush[];
  /** What changed today (checked at the end of the day). */
  touched: { people: Record<string, true>; rewards: Record<string, true>; redemptions: Record<string, true> };
  figures: {
    adminCredits: number; activities: number; signups: number; full: number; withdrawn: number; checkIns: number; confirmed: number; absent: number;
    pointsCredited: number; reports: number; approved: number; redemptions: number; soldOut: number; notReleased: number;
    collected: number; cancelled: number; lapsed: number; pointsSpent: number;
    /** Points taken off by the expiry at the year's close. */
    expired?: number;
  };
}

export const emptyPoints = (): PointsState => ({
  accounts: {}, credited: {}, activities: {}, redemptions: {}, stock: {}, release: {}, months: {}, reports: {}, rushes: [],
  touched: { people: {}, rewards: {}, redemptions: {} },
  figures: {
    adminCredits: 0, activities: 0, signups: 0, full: 0, withdrawn: 0, checkIns: 0, confirmed: 0, absent: 0, pointsCredited: 0, reports: 0, approved: 0,
    redemptions: 0, soldOut: 0, notReleased: 0, collected: 0, cancelled: 0, lapsed: 0, pointsSpent: 0,
  },
});

export const weekday = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();
export const iso = (ms: number): string => new Date(ms).toISOString();

export { errorCode, short } from '../engine/context';

export class PointsRecount {
  constructor(
    readonly sim: Sim,
    readonly state: PointsState,
    /** The shared, deduplicated tick at a minute something falls due. */
    readonly tickAt: (due: number) => void,
  ) {}

  get api() {
    return this.sim.world.api;
  }

  person(id: string): SimPerson {
    return this.sim.people.byId.get(id)!;
  }

  account(userId: string): Account {
    return (this.state.accounts[userId] ??= { balance: 0, entries: [] });
  }

  /**
   * An acknowledged entry: its points, and its minutes — service minutes (the permanent record) and
   * time-bank minutes (an earning banks what it served; a payment for a need takes from the bank).
   */
  entry(userId: string, kind: string, points: number, time: { served?: number; bank?: number } = {}): void {
    const a = this.account(userId);
    a.balance += points;
    a.served = (a.served ?? 0) + (time.served ?? 0);
    a.bank = (a.bank ?? 0) + (time.bank ?? 0);
    a.entries.push([kind, points, time.bank ?? 0]);
    this.state.touched.people[userId] = true;
  }

  /** What of `points` the day's cap still allows, counted as credited. */
  capped(userId: string, source: keyof typeof CAPS, points: number): number {
    const k = `${userId}|${chinaDate(this.sim.clock.ms)}|${source}`;
    const seen = this.state.credited[k] ?? 0;
    const p = Math.max(0, Math.min(points, CAPS[source] - seen));
    this.state.credited[k] = seen + p;
    return p;
  }

  siteOf(communityId: string) {
    return this.sim.city.sites.find((s) => s.site.communityId === communityId)!;
  }

  stockOf(rewardId: string): number {
    if (this.state.stock[rewardId] === undefined) {
      const r = this.sim.city.sites.flatMap((s) => s.rewards).find((x) => x.id === rewardId)!;
      this.state.stock[rewardId] = r.stock;
    }
    return this.state.stock[rewardId]!;
  }

  moveStock(rewardId: string, n: number): void {
    this.state.stock[rewardId] = this.stockOf(rewardId) + n;
    this.state.touched.rewards[rewardId] = true;
  }

  monthKey(userId: string, month: string, rewardId: string): string {
    return `${userId}|${month}|${rewardId}`;
  }

  /** A site as its staff read it: the restock reads the shelf before changing it, the day's check reads the stock. */
  async siteAsStaff(siteId: string, communityId: string, recount = false): Promise<SiteDto> {
    const res = await this.api.call<{ site: SiteDto }>(this.sim.people.staffOf('redemption_staff', communityId), 'GET', `/redemption-sites/${siteId}`, { kind: 'site_read', recount });
    if (res.status !== 200) this.sim.fail(`site ${siteId}`, `its staff cannot read it: ${res.status} ${short(res.body)}`);
    return res.body.site;
  }

  // ------------------------------------------------------------------ the day's recount

  async checkDay(): Promise<number> {
    const { sim } = this;
    const { touched } = this.state;
    let checked = 0;
    // Every person whose points moved today: the balance, the entries, nothing negative, what expires within a month.
    checked += await checkEach(Object.keys(touched.people).sort(), async (userId) => {
      const want = this.account(userId);
      const { balance, expiring, entries, bank, served } = await readLedger(sim, userId, want.entries.length + 1);
      if (balance !== want.balance) sim.fail(`points of ${userId}`, `balance ${balance}, the recount has ${want.balance}`);
      if (bank !== (want.bank ?? 0) || served !== (want.served ?? 0)) {
        sim.fail(`time of ${userId}`, `${bank} time-bank and ${served} service minutes, the recount has ${want.bank ?? 0} and ${want.served ?? 0}`);
      }
      if (bank < 0) sim.fail(`time of ${userId}`, `negative time bank ${bank}`);
      if (balance < 0) sim.fail(`points of ${userId}`, `negative balance ${balance}`);
      const soon = expiringOn(sim.today.date, balance);
      if (expiring !== soon) sim.fail(`points of ${userId}`, `${expiring} points shown as expiring within a month, the recount has ${soon} (everything expires on 31 December)`);
      const listed = entries.sort().join(',');
      const recount = want.entries.map(entryRow).sort().join(',');
      if (listed !== recount) sim.fail(`entries of ${userId}`, `listed [${listed}], the recount has [${recount}]`);
      const sum = want.entries.reduce((s, [, p]) => s + p, 0);
      if (sum !== balance) sim.fail(`entries of ${userId}`, `they add up to ${sum}, the balance is ${balance}`);
      const banked = want.entries.reduce((s, [, , b]) => s + (b ?? 0), 0);
      if (banked !== bank) sim.fail(`entries of ${userId}`, `their time-bank minutes add up to ${banked}, the bank holds ${bank}`);
      return 5;
    });
    // Every reward whose stock moved today, read as the site's staff.
    const bySite = new Map<string, string[]>();
    for (const rewardId of Object.keys(touched.rewards)) {
      const site = sim.city.sites.find((s) => s.rewards.some((r) => r.id === rewardId))!;
      bySite.set(site.site.id, [...(bySite.get(site.site.id) ?? []), rewardId]);
    }
    for (const [siteId, rewards] of [...bySite].sort()) {
      const site = await this.siteAsStaff(siteId, sim.city.sites.find((s) => s.site.id === siteId)!.site.communityId, true);
      for (const rewardId of rewards) {
        const got = site.rewards.find((r) => r.id === rewardId)?.stock;
        if (got === undefined || got < 0 || got !== this.stockOf(rewardId)) sim.fail(`stock of ${rewardId}`, `${got}, the recount has ${this.stockOf(rewardId)}`);
        checked++;
      }
    }
    // Every redemption acknowledged or moved today can be read by its owner, as the recount has it.
    checked += await checkEach(Object.keys(touched.redemptions).sort(), async (id) => {
      const r = this.state.redemptions[id]!;
      const res = await this.api.call<{ redemption: RedemptionDto }>(sim.people.user(r.userId), 'GET', `/redemptions/${id}`, { kind: 'redemption_read', recount: true });
      if (res.status !== 200) sim.fail(`redemption ${id}`, `an acknowledged redemption cannot be read: ${res.status} ${short(res.body)}`);
      if (res.body.redemption.status !== r.status || res.body.redemption.code !== r.code) sim.fail(`redemption ${id}`, `${res.body.redemption.status} with code ${res.body.redemption.code}, the recount has ${r.status} with ${r.code}`);
      return 1;
    });
    // Today's rushes: as many won as there were boxes (or tappers), the rest told it is sold out.
    for (const rush of this.state.rushes.filter((x) => x.date === sim.today.date)) {
      const able = rush.tried - rush.poor;
      if (rush.won !== Math.min(rush.stock, able) || rush.soldOut !== able - rush.won) sim.fail(`the 09:00 rush for ${rush.rewardId}`, `${rush.stock} in stock, ${able} able to pay tapped: ${rush.won} won and ${rush.soldOut} were told sold out`);
      checked++;
    }
    // Settled: keep the state small.
    this.state.touched = { people: {}, rewards: {}, redemptions: {} };
    this.state.rushes = [];
    for (const k of Object.keys(this.state.credited)) if (!k.includes(`|${sim.today.date}|`)) delete this.state.credited[k];
    for (const [id, r] of Object.entries(this.state.redemptions)) if (r.status !== 'reserved') delete this.state.redemptions[id];
    for (const [id, a] of Object.entries(this.state.activities)) if (a.confirmed) delete this.state.activities[id];
    return checked;
  }
}

/** A part of the points actor (activities, redemptions): no state of its own — everything a checkpoint must carry is in the recount's PointsState. */
export abstract class PointsPart {
  constructor(protected readonly recount: PointsRecount) {}

  protected get sim() {
    return this.recount.sim;
  }

  protected get state() {
    return this.recount.state;
  }

  protected get api() {
    return this.recount.sim.world.api;
  }
}
