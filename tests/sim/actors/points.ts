/**
 * 积分兑换 / 时间银行 in the simulation: on the first day community staff carry last year's points
 * over (工作人员补记); every week they publish volunteer activities (a Wednesday visit open to
 * anyone, a Saturday clean-up published as a four-week series, a Sunday team activity published by
 * the team's captain); volunteers sign up, some withdraw, most check in (and out) with the code and
 * the organiser confirms who came, which credits points. Volunteers report civility and station
 * duty for staff to approve. Residents redeem rewards at their community's site and the site's staff
 * collect them within the hold days; some cancel, some never come (the tick's lapse task gives the
 * points and the stock back). On Saturdays the popular reward is restocked and released at 09:00 and
 * more people tap in that minute than there are boxes.
 *
 * The recount keeps every person's ledger entries, every reward's stock and every redemption from
 * the product's acknowledged answers only, and checks them each day for what changed that day (and
 * after each tick, the lapses).
 */
import type { ActivityDto, RedemptionDto, ServiceReportDto, SignupDto, SiteDto } from '@linli/shared';
import type { SimPerson } from '../city/model';
import { checkEach, type Sim } from '../engine/context';
import { Random } from '../engine/random';
import { addDaysTo, chinaDate, chinaMidnight, DAY_MS } from '../oracle';
import { dayFactor, minuteOfDay } from '../profile';
import { closeYear, expiringOn, readLedger, type YearClose } from './points-ledger';

const MIN = 60_000;
/** Daily caps per person and source (the product's DAILY_CAPS, functions/src/points/domain/ledger.ts, restated). */
const CAPS = { activity: 300, need: 100, task: 50, admin: 500 } as const;
/** Points per approved report kind (SERVICE_POINTS in @linli/shared, restated). */
const REPORT_POINTS = { civility: 5, station_duty: 10 } as const;
/** Ordinary redemptions per community site on an average day. */
const REDEMPTIONS_PER_SITE_DAY = 2.5;
/** Service reports per community on an average day. */
const REPORTS_PER_COMMUNITY_DAY = 0.5;

type SignupStatus = 'signed_up' | 'checked_in' | 'checked_out' | 'confirmed' | 'withdrawn' | 'absent';

interface Activity {
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

interface Redemption {
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

interface Rush {
  siteId: string;
  rewardId: string;
  date: string;
  stock: number;
  tried: number;
  won: number;
  soldOut: number;
  poor: number;
}

export interface PointsState {
  /** Balance and entries ([kind, points]) per person, from acknowledged answers. */
  accounts: Record<string, { balance: number; entries: [string, number][] }>;
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

/** A small stable hash (seeds the plans of one activity). */
function hashOf(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h | 0;
}

const weekday = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();
const iso = (ms: number): string => new Date(ms).toISOString();
const errorCode = (body: unknown): string | undefined => (body as { error?: { code?: string } } | null)?.error?.code;
const short = (body: unknown): string => JSON.stringify(body).slice(0, 300);

export class PointsActor {
  constructor(
    private sim: Sim,
    readonly state: PointsState,
    /** The shared, deduplicated tick at a minute something falls due. */
    private tickAt: (due: number) => void,
  ) {}

  private get api() {
    return this.sim.world.api;
  }

  private person(id: string): SimPerson {
    return this.sim.people.byId.get(id)!;
  }

  private account(userId: string) {
    return (this.state.accounts[userId] ??= { balance: 0, entries: [] });
  }

  private entry(userId: string, kind: string, points: number): void {
    const a = this.account(userId);
    a.balance += points;
    a.entries.push([kind, points]);
    this.state.touched.people[userId] = true;
  }

  /** Points a volunteer earned for a confirmed need (actors/needs.ts): what the day's cap allows goes on his ledger. */
  earnedForNeed(userId: string, points: number): number {
    const p = this.capped(userId, 'need', points);
    this.entry(userId, 'earn', p);
    this.state.figures.pointsCredited += p;
    return p;
  }

  /** What of `points` the day's cap still allows, counted as credited. */
  private capped(userId: string, source: keyof typeof CAPS, points: number): number {
    const k = `${userId}|${chinaDate(this.sim.clock.ms)}|${source}`;
    const seen = this.state.credited[k] ?? 0;
    const p = Math.max(0, Math.min(points, CAPS[source] - seen));
    this.state.credited[k] = seen + p;
    return p;
  }

  private siteOf(communityId: string) {
    return this.sim.city.sites.find((s) => s.site.communityId === communityId)!;
  }

  private stockOf(rewardId: string): number {
    if (this.state.stock[rewardId] === undefined) {
      const r = this.sim.city.sites.flatMap((s) => s.rewards).find((x) => x.id === rewardId)!;
      this.state.stock[rewardId] = r.stock;
    }
    return this.state.stock[rewardId]!;
  }

  private moveStock(rewardId: string, n: number): void {
    this.state.stock[rewardId] = this.stockOf(rewardId) + n;
    this.state.touched.rewards[rewardId] = true;
  }

  private volunteersOf(communityId: string): SimPerson[] {
    return (this.sim.people.residentsOf.get(communityId) ?? []).filter((p) => p.user.roles.includes('volunteer'));
  }

  /** The next minute on a working day between 09:00 and 17:00 at or after `at`. */
  private officeTime(at: number): number {
    for (let t = at, guard = 0; guard < 40; guard++) {
      const date = chinaDate(t);
      const midnight = chinaMidnight(date);
      const minute = (t - midnight) / MIN;
      if (this.sim.cal.isWorkday(date) && minute < 17 * 60) return midnight + Math.max(minute, 9 * 60) * MIN;
      t = midnight + DAY_MS;
    }
    throw new Error('no office time within 40 days');
  }

  // ------------------------------------------------------------------ the day's plans

  planDay(): void {
    const { sim } = this;
    const { index, date, start } = sim.today;
    // A stream of its own, so the other actors draw the same numbers with or without this one.
    const r = Random.forDay(sim.seed, index, 31);
    const factor = dayFactor(date, sim.cal);
    const saturday = weekday(date) === 6;
    for (const c of sim.city.communities) {
      const residents = sim.people.residentsOf.get(c.id) ?? [];
      if (index === 0) {
        // Last year's points carried over by the community's staff, for volunteers and the more active residents.
        for (const p of residents) {
          if (!p.user.roles.includes('volunteer') && p.activity < 0.5) continue;
          sim.schedule(start + (10 * 60 + r.int(100)) * MIN, 'pts.credit', { key: `credit-${p.user.id}`, userId: p.user.id, points: 20 + 10 * r.int(11) });
        }
      }
      if (index % 7 === 0) sim.schedule(start + (9 * 60 + r.int(60)) * MIN, 'pts.publish', { key: `publish-${c.id}`, communityId: c.id, series: index % 28 === 0 });
      const site = this.siteOf(c.id);
      for (let k = 0, n = r.poisson(REDEMPTIONS_PER_SITE_DAY * factor); k < n; k++) {
        let minute = minuteOfDay(r);
        // Not while the popular reward is being restocked and released (08:00–09:05 on Saturdays).
        if (saturday && minute >= 8 * 60 && minute < 9 * 60 + 5) minute += 70;
        sim.schedule(start + minute * MIN, 'pts.redeem', { key: `shop-${site.site.id}`, id: `rd-${index}-${site.site.id}-${k}`, siteId: site.site.id, communityId: c.id, pick: r.next(), rpick: r.next(), fate: r.next() });
      }
      if (saturday && site.popularRewardId) {
        sim.schedule(start + 8 * 60 * MIN, 'pts.restock', { key: `hot-${site.site.id}`, siteId: site.site.id, communityId: c.id, add: 3 + r.int(4), extra: 2 + r.int(6), seed: r.int(1 << 30) });
      }
      const volunteers = this.volunteersOf(c.id);
      for (let k = 0, n = volunteers.length ? r.poisson(REPORTS_PER_COMMUNITY_DAY * factor) : 0; k < n; k++) {
        const who = r.pick(volunteers);
        sim.schedule(start + minuteOfDay(r) * MIN, 'pts.report', { key: `report-${index}-${c.id}-${k}`, userId: who.user.id, kind: r.chance(0.6) ? 'civility' : 'station_duty', approve: r.chance(0.9), delay: 1 + r.int(20) });
      }
    }
    // Activities starting within a week get their sign-ups.
    for (const a of Object.values(this.state.activities)) if (!a.planned && a.start < start + 7 * DAY_MS) this.planActivity(a);
  }

  // ------------------------------------------------------------------ credits by staff

  async credit(d: { key: string; userId: string; points: number }): Promise<void> {
    const { sim } = this;
    const p = this.person(d.userId);
    const admin = sim.people.staffOf('community_admin', p.user.communityId!);
    const res = await this.api.call<{ entry: { points: number }; account: { balance: number } }>(admin, 'POST', '/points/credits', {
      key: `sim-${sim.seed}-${d.key}`, kind: 'points_credit', body: { userId: d.userId, points: d.points, minutes: 0, reason: '2026年度志愿服务积分转入' },
    });
    if (res.status !== 201) sim.fail(`credit for ${d.userId}`, `answered ${res.status} ${short(res.body)}`);
    const points = this.capped(d.userId, 'admin', d.points);
    if (res.body.entry.points !== points) sim.fail(`credit for ${d.userId}`, `entry of ${res.body.entry.points} points, the recount expects ${points}`);
    this.entry(d.userId, 'earn', points);
    this.state.figures.adminCredits++;
    this.state.figures.pointsCredited += points;
  }

  // ------------------------------------------------------------------ activities

  /** The next date (after today) falling on a weekday (0 = Sunday). */
  private nextDay(wd: number): string {
    const today = this.sim.today.date;
    return addDaysTo(today, (wd - weekday(today) + 7) % 7 || 7);
  }

  async publish(d: { communityId: string; series: boolean }): Promise<void> {
    const { sim } = this;
    const c = d.communityId;
    const admin = sim.people.staffOf('community_admin', c);
    const team = sim.city.volunteerTeams.find((t) => t.communityId === c);
    const at = (date: string, hhmm: string) => Date.parse(`${date}T${hhmm}:00+08:00`);
    const plans: { by: string; body: Record<string, unknown>; start: number; end: number }[] = [];
    const wed = this.nextDay(3);
    plans.push({
      by: admin.id, start: at(wed, '14:00'), end: at(wed, '16:00'),
      body: { title: '探访独居老人', description: '陪伴聊天、打扫卫生、代购生活用品', place: '社区党群服务中心集合', places: 8, reward: { per: 'hour', points: 10 }, joiners: 'anyone' },
    });
    if (d.series) {
      const sat = this.nextDay(6);
      plans.push({
        by: admin.id, start: at(sat, '09:00'), end: at(sat, '11:00'),
        body: { title: '周六环境整治', description: '清理楼道杂物、捡拾垃圾、劝导垃圾分类', place: '社区广场', places: 10, reward: { per: 'person', points: 20 }, joiners: 'volunteers', repeatWeeks: 4 },
      });
    }
    if (team) {
      const sun = this.nextDay(0);
      plans.push({
        by: team.captainId, start: at(sun, '09:30'), end: at(sun, '11:30'),
        body: { title: `${team.name}文明劝导`, description: '路口文明劝导、共享单车整理', place: '小区东门', places: 8, reward: { per: 'person', points: 15 }, joiners: 'volunteers', teamId: team.id },
      });
    }
    for (const [i, p] of plans.entries()) {
      const by = sim.people.user(p.by);
      const body = { ...p.body, communityId: c, start: iso(p.start), end: iso(p.end) };
      const res = await this.api.call<{ activity: ActivityDto; series: string[] }>(by, 'POST', '/activities', { key: `sim-${sim.seed}-act-${sim.today.index}-${c}-${i}`, kind: 'activity_create', body });
      if (res.status !== 201 && res.status !== 200) sim.fail(`publishing ${p.body.title as string} in ${c}`, `answered ${res.status} ${short(res.body)}`);
      const weeks = Number(p.body.repeatWeeks ?? 1);
      if (res.body.series.length !== weeks - 1) sim.fail(`publishing ${res.body.activity.id}`, `a series of ${weeks} weeks answered ${res.body.series.length + 1} activities`);
      if (!res.body.activity.checkInCode) sim.fail(`publishing ${res.body.activity.id}`, 'the organiser is not shown the check-in code');
      const ids = [res.body.activity.id, ...res.body.series];
      for (const [w, id] of ids.entries()) {
        if (this.state.activities[id]) continue; // a resumed day replaying its publication
        const a: Activity = {
          id, communityId: c, organiserId: p.by, title: p.body.title as string, start: p.start + w * 7 * DAY_MS, end: p.end + w * 7 * DAY_MS, places: p.body.places as number,
          reward: p.body.reward as Activity['reward'], joiners: p.body.joiners as Activity['joiners'], code: w === 0 ? res.body.activity.checkInCode : null, planned: false, confirmed: false, signups: {},
        };
        this.state.activities[id] = a;
        this.state.figures.activities++;
        if (a.start < sim.today.start + 7 * DAY_MS) this.planActivity(a);
      }
    }
  }

  /** Sign-ups spread over the days before the start, and the organiser's confirmation after the end. */
  private planActivity(a: Activity): void {
    const { sim } = this;
    a.planned = true;
    const r = new Random(hashOf(`${sim.seed}|${a.id}|${a.start}`));
    const residents = sim.people.residentsOf.get(a.communityId) ?? [];
    const pool = residents.filter((p) => p.user.roles.includes('volunteer') || (a.joiners === 'anyone' && p.activity > 0.3));
    const shuffled = [...pool].sort((x, y) => x.user.id.localeCompare(y.user.id));
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = r.int(i + 1);
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    const n = Math.min(shuffled.length, r.poisson(a.places * 1.2));
    const from = Math.max(sim.clock.ms + 10 * MIN, a.start - 5 * DAY_MS);
    const to = Math.max(from, a.start - 2 * 3600_000);
    for (const p of shuffled.slice(0, n)) {
      sim.schedule(from + r.next() * (to - from), 'pts.signup', { key: `act-${a.id}`, id: a.id, userId: p.user.id, plan: r.next(), jitter: r.next() });
    }
    sim.schedule(a.end + (60 + r.int(180)) * MIN, 'pts.confirm', { key: `act-${a.id}`, id: a.id });
  }

  private activity(id: string): Activity | null {
    return this.state.activities[id] ?? null;
  }

  async signup(d: { id: string; userId: string; plan: number; jitter: number }): Promise<void> {
    const { sim } = this;
    const a = this.activity(d.id);
    if (!a) return;
    const taken = Object.values(a.signups).filter((s) => s.status !== 'withdrawn').length;
    const res = await this.api.call<{ activity: ActivityDto }>(sim.people.user(d.userId), 'POST', `/activities/${a.id}/signup`, { kind: 'activity_signup' });
    if (taken >= a.places) {
      if (res.status !== 409 || errorCode(res.body) !== 'activity_full') sim.fail(`sign-up to ${a.id}`, `${taken} of ${a.places} places taken, expected 409 activity_full, answered ${res.status} ${short(res.body)}`);
      this.state.figures.full++;
      return;
    }
    if (res.status !== 200) sim.fail(`sign-up to ${a.id}`, `answered ${res.status} ${short(res.body)}`);
    if (res.body.activity.taken !== taken + 1) sim.fail(`sign-up to ${a.id}`, `${res.body.activity.taken} places taken, the recount has ${taken + 1}`);
    a.signups[d.userId] = { status: 'signed_up', in: null, out: null };
    this.state.figures.signups++;
    const span = a.end - a.start;
    if (d.plan < 0.06) sim.schedule(sim.clock.ms + d.jitter * Math.max(0, a.start - 3600_000 - sim.clock.ms), 'pts.withdraw', { key: `act-${a.id}`, id: a.id, userId: d.userId });
    else if (d.plan < 0.9) {
      sim.schedule(a.start + (-15 + Math.floor(d.jitter * 35)) * MIN, 'pts.checkin', { key: `act-${a.id}`, id: a.id, userId: d.userId, out: false });
      if (d.plan < 0.55) sim.schedule(a.start + span + (-10 + Math.floor(d.jitter * 30)) * MIN, 'pts.checkin', { key: `act-${a.id}`, id: a.id, userId: d.userId, out: true });
    }
  }

  async withdraw(d: { id: string; userId: string }): Promise<void> {
    const { sim } = this;
    const a = this.activity(d.id);
    const s = a?.signups[d.userId];
    if (!a || s?.status !== 'signed_up') return;
    const res = await this.api.call<{ activity: ActivityDto }>(sim.people.user(d.userId), 'POST', `/activities/${a.id}/withdrawal`, { kind: 'activity_withdraw' });
    if (res.status !== 200 || res.body.activity.mine?.status !== 'withdrawn') sim.fail(`withdrawal from ${a.id}`, `answered ${res.status} ${short(res.body)}`);
    s.status = 'withdrawn';
    this.state.figures.withdrawn++;
  }

  async checkIn(d: { id: string; userId: string; out: boolean }): Promise<void> {
    const { sim } = this;
    const a = this.activity(d.id);
    const s = a?.signups[d.userId];
    if (!a || !s || (s.status !== 'signed_up' && s.status !== 'checked_in')) return;
    if (!a.code) {
      // The code the organiser shows on site (each week of a series has its own).
      const got = await this.api.call<{ activity: ActivityDto }>(sim.people.user(a.organiserId), 'GET', `/activities/${a.id}`, { kind: 'activity_read' });
      if (got.status !== 200 || !got.body.activity.checkInCode) sim.fail(`activity ${a.id}`, `the organiser cannot see the check-in code: ${got.status} ${short(got.body)}`);
      a.code = got.body.activity.checkInCode;
    }
    const now = sim.clock.ms;
    const res = await this.api.call<{ activity: ActivityDto }>(sim.people.user(d.userId), 'POST', `/activities/${a.id}/check-ins`, { kind: 'activity_check_in', body: { code: a.code, out: d.out } });
    const want = d.out ? 'checked_out' : 'checked_in';
    if (res.status !== 200 || res.body.activity.mine?.status !== want) sim.fail(`check-${d.out ? 'out' : 'in'} of ${d.userId} at ${a.id}`, `answered ${res.status} ${short(res.body)}`);
    s.status = want;
    if (d.out) s.out = now;
    else {
      s.in = now;
      this.state.figures.checkIns++;
    }
  }

  /** Points of one attendance as the recount works them out (per person, or per hour of the stay). */
  private pointsOf(a: Activity, s: Activity['signups'][string]): number {
    const length = Math.round((a.end - a.start) / MIN);
    const minutes = s.in !== null && s.out !== null ? Math.max(1, Math.min(length + 60, Math.round((s.out - s.in) / MIN))) : length;
    return a.reward.per === 'person' ? a.reward.points : Math.floor((a.reward.points * minutes) / 60);
  }

  async confirm(d: { id: string }): Promise<void> {
    const { sim } = this;
    const a = this.activity(d.id);
    if (!a || a.confirmed) return;
    const came = Object.entries(a.signups).filter(([, s]) => s.status === 'checked_in' || s.status === 'checked_out');
    const absent = Object.entries(a.signups).filter(([, s]) => s.status === 'signed_up').map(([id]) => id);
    a.confirmed = true;
    if (!came.length && !absent.length) return;
    const res = await this.api.call<{ items: SignupDto[]; credited: number }>(sim.people.user(a.organiserId), 'POST', `/activities/${a.id}/attendance`, {
      kind: 'activity_confirm', body: { attendees: came.map(([userId]) => ({ userId })), absent },
    });
    if (res.status !== 200) sim.fail(`confirmation of ${a.id}`, `answered ${res.status} ${short(res.body)}`);
    if (res.body.credited !== came.length) sim.fail(`confirmation of ${a.id}`, `${res.body.credited} credited, the recount confirmed ${came.length}`);
    const listed = new Map(res.body.items.map((s) => [s.userId, s]));
    for (const [userId, s] of came) {
      const points = this.capped(userId, 'activity', this.pointsOf(a, s));
      const got = listed.get(userId);
      if (got?.status !== 'confirmed' || got.points !== points) sim.fail(`confirmation of ${userId} at ${a.id}`, `listed ${got?.status} with ${got?.points} points, the recount credits ${points}`);
      s.status = 'confirmed';
      this.entry(userId, 'earn', points);
      this.state.figures.confirmed++;
      this.state.figures.pointsCredited += points;
    }
    for (const userId of absent) {
      if (listed.get(userId)?.status !== 'absent') sim.fail(`confirmation of ${a.id}`, `${userId} is listed ${listed.get(userId)?.status}, the organiser marked him absent`);
      a.signups[userId]!.status = 'absent';
      this.state.figures.absent++;
    }
  }

  // ------------------------------------------------------------------ service reports

  async report(d: { key: string; userId: string; kind: keyof typeof REPORT_POINTS; approve: boolean; delay: number }): Promise<void> {
    const { sim } = this;
    const p = this.person(d.userId);
    const description = d.kind === 'civility' ? '在小区门口劝导电动车规范停放' : '在驿站值守两小时，帮助骑手加水充电';
    const res = await this.api.call<{ report: ServiceReportDto }>(p.user, 'POST', '/points/service-reports', {
      key: `sim-${sim.seed}-${d.key}`, kind: 'service_report', body: { kind: d.kind, description, occurredOn: sim.today.date },
    });
    if (res.status !== 201 && res.status !== 200) sim.fail(`report ${d.key}`, `answered ${res.status} ${short(res.body)}`);
    const id = res.body.report.id;
    if (this.state.reports[id]) return;
    this.state.reports[id] = { id, userId: d.userId, communityId: p.user.communityId!, kind: d.kind };
    this.state.figures.reports++;
    sim.schedule(this.officeTime(sim.clock.ms + d.delay * 3600_000), 'pts.decide', { key: `report-${id}`, id, approve: d.approve });
  }

  async decide(d: { id: string; approve: boolean }): Promise<void> {
    const { sim } = this;
    const rep = this.state.reports[d.id];
    if (!rep) return;
    const admin = sim.people.staffOf('community_admin', rep.communityId);
    const res = await this.api.call<{ report: ServiceReportDto }>(admin, 'POST', `/points/service-reports/${rep.id}/decision`, {
      kind: 'service_decision', body: d.approve ? { approve: true, note: null } : { approve: false, note: '照片和描述不足以确认，请补充' },
    });
    if (res.status !== 200) sim.fail(`decision on report ${rep.id}`, `answered ${res.status} ${short(res.body)}`);
    delete this.state.reports[rep.id];
    if (!d.approve) {
      if (res.body.report.status !== 'rejected') sim.fail(`decision on report ${rep.id}`, `a rejection left it ${res.body.report.status}`);
      return;
    }
    const points = this.capped(rep.userId, 'task', REPORT_POINTS[rep.kind]);
    if (res.body.report.status !== 'approved' || res.body.report.points !== points) sim.fail(`decision on report ${rep.id}`, `${res.body.report.status} with ${res.body.report.points} points, the recount credits ${points}`);
    this.entry(rep.userId, 'earn', points);
    this.state.figures.approved++;
    this.state.figures.pointsCredited += points;
  }

  // ------------------------------------------------------------------ redemptions

  private monthKey(userId: string, month: string, rewardId: string): string {
    return `${userId}|${month}|${rewardId}`;
  }

  /** The rewards a person could redeem now by the recount: on the shelf and released, in stock, affordable, within the monthly limit. */
  private options(userId: string, siteId: string): { id: string; cost: number }[] {
    const site = this.sim.city.sites.find((s) => s.site.id === siteId)!;
    const month = chinaDate(this.sim.clock.ms).slice(0, 7);
    const balance = this.account(userId).balance;
    return site.rewards.filter((r) => {
      if (r.id === site.popularRewardId) {
        const at = this.state.release[r.id];
        if (at === undefined || at === null || at > this.sim.clock.ms) return false;
      }
      return this.stockOf(r.id) > 0 && r.cost <= balance && (!r.monthlyLimit || (this.state.months[this.monthKey(userId, month, r.id)] ?? 0) < r.monthlyLimit);
    });
  }

  private async tap(userId: string, siteId: string, rewardId: string, key: string) {
    return this.api.call<{ redemption: RedemptionDto; account: { balance: number } }>(this.sim.people.user(userId), 'POST', '/redemptions', {
      key: `sim-${this.sim.seed}-${key}`, kind: 'redemption', body: { siteId, rewardId },
    });
  }

  /** A redemption acknowledged: points, stock and month move, and its end is planned. */
  private redeemed(userId: string, rewardId: string, cost: number, red: RedemptionDto, fate: number): void {
    const { sim } = this;
    if (this.state.redemptions[red.id]) return;
    const month = chinaDate(Date.parse(red.createdAt)).slice(0, 7);
    const r: Redemption = { id: red.id, userId, siteId: red.siteId, rewardId, cost, code: red.code, month, collectBy: Date.parse(red.collectBy), status: 'reserved' };
    if (red.status !== 'reserved' || red.cost !== cost) sim.fail(`redemption ${red.id}`, `${red.status} at ${red.cost} points, the recount expects reserved at ${cost}`);
    const holdDays = sim.city.sites.find((s) => s.site.id === red.siteId)!.site.holdDays;
    const lastDay = addDaysTo(chinaDate(sim.clock.ms), holdDays);
    if (r.collectBy !== Date.parse(`${lastDay}T23:59:59+08:00`)) sim.fail(`redemption ${red.id}`, `to collect by ${red.collectBy}, the recount expects the end of ${lastDay}`);
    this.state.redemptions[r.id] = r;
    this.entry(userId, 'spend', -cost);
    this.moveStock(rewardId, -1);
    this.state.months[this.monthKey(userId, month, rewardId)] = (this.state.months[this.monthKey(userId, month, rewardId)] ?? 0) + 1;
    this.state.touched.redemptions[r.id] = true;
    this.state.figures.redemptions++;
    this.state.figures.pointsSpent += cost;
    this.tickAt(r.collectBy);
    const now = sim.clock.ms;
    if (fate < 0.06) {
      sim.schedule(now + (1 + Math.floor(fate * 400)) * 3600_000 / 10, 'pts.cancel', { key: `rd-${r.id}`, id: r.id });
    } else if (fate >= 0.16) {
      // Collected at the site within the hold days, in its hours (09:00–17:00, closed on Sundays).
      let date = addDaysTo(chinaDate(now), Math.floor(((fate - 0.16) / 0.84) * 6));
      let at = Date.parse(`${date}T09:00:00+08:00`) + Math.floor(fate * 1e4 % 480) * MIN;
      if (at <= now) at = now + 20 * MIN;
      if (at - chinaMidnight(chinaDate(at)) > 17 * 3600_000) at = Date.parse(`${addDaysTo(chinaDate(at), 1)}T10:00:00+08:00`);
      date = chinaDate(at);
      if (weekday(date) === 0) at += DAY_MS;
      sim.schedule(at, 'pts.collect', { key: `rd-${r.id}`, id: r.id, twice: fate > 0.97 });
    }
    // Otherwise never collected: the tick's lapse task returns it after the hold days.
  }

  async redeem(d: { id: string; siteId: string; communityId: string; pick: number; rpick: number; fate: number }): Promise<void> {
    const { sim } = this;
    const residents = [...(sim.people.residentsOf.get(d.communityId) ?? [])].filter((p) => this.options(p.user.id, d.siteId).length > 0).sort((x, y) => x.user.id.localeCompare(y.user.id));
    if (!residents.length) return;
    const who = residents[Math.floor(d.pick * residents.length)]!.user.id;
    const opts = this.options(who, d.siteId);
    const reward = opts[Math.floor(d.rpick * opts.length)]!;
    const res = await this.tap(who, d.siteId, reward.id, d.id);
    if (res.status !== 201) sim.fail(`redemption ${d.id} of ${reward.id} by ${who}`, `the recount has ${this.account(who).balance} points and ${this.stockOf(reward.id)} in stock; answered ${res.status} ${short(res.body)}`);
    this.redeemed(who, reward.id, reward.cost, res.body.redemption, d.fate);
  }

  private async siteAsStaff(siteId: string, communityId: string, recount = false): Promise<SiteDto> {
    const res = await this.api.call<{ site: SiteDto }>(this.sim.people.staffOf('redemption_staff', communityId), 'GET', `/redemption-sites/${siteId}`, { kind: 'site_read', recount });
    if (res.status !== 200) this.sim.fail(`site ${siteId}`, `its staff cannot read it: ${res.status} ${short(res.body)}`);
    return res.body.site;
  }

  /** Saturday 08:00: the site's staff put this week's boxes of the popular reward on the shelf, to open at 09:00; the rush is planned. */
  async restock(d: { siteId: string; communityId: string; add: number; extra: number; seed: number }): Promise<void> {
    const { sim } = this;
    const sim0 = sim.city.sites.find((s) => s.site.id === d.siteId)!;
    const rewardId = sim0.popularRewardId!;
    const site = await this.siteAsStaff(d.siteId, d.communityId);
    const cur = site.rewards.find((x) => x.id === rewardId);
    if (!cur || cur.stock !== this.stockOf(rewardId)) return sim.fail(`reward ${rewardId}`, `stock ${cur?.stock} before the restock, the recount has ${this.stockOf(rewardId)}`);
    // The first week's batch replaces the count on the shelf (the boxes there were never released).
    const first = this.state.release[rewardId] === undefined;
    const stock = (first ? 0 : cur.stock) + d.add;
    const opens = Date.parse(`${sim.today.date}T09:00:00+08:00`);
    const res = await this.api.call(sim.people.staffOf('redemption_staff', d.communityId), 'PUT', `/redemption-sites/${d.siteId}/rewards/${rewardId}`, {
      kind: 'reward_update', body: { name: cur.name, description: cur.description, cost: cur.cost, stock, monthlyLimit: cur.monthlyLimit, releaseAt: iso(opens), active: true },
    });
    if (res.status !== 200) sim.fail(`restocking ${rewardId}`, `answered ${res.status} ${short(res.body)}`);
    this.state.stock[rewardId] = stock;
    this.state.release[rewardId] = opens;
    this.state.touched.rewards[rewardId] = true;
    // Whoever can afford it and has not had one this month may try; more than there are boxes.
    const month = sim.today.date.slice(0, 7);
    const eligible = (sim.people.residentsOf.get(d.communityId) ?? [])
      .filter((p) => this.account(p.user.id).balance >= cur.cost && !(this.state.months[this.monthKey(p.user.id, month, rewardId)] ?? 0))
      .sort((x, y) => x.user.id.localeCompare(y.user.id));
    const r = new Random(d.seed);
    for (let i = eligible.length - 1; i > 0; i--) {
      const j = r.int(i + 1);
      [eligible[i], eligible[j]] = [eligible[j]!, eligible[i]!];
    }
    const tapping = eligible.slice(0, stock + d.extra);
    if (!tapping.length) return;
    const rush: Rush = { siteId: d.siteId, rewardId, date: sim.today.date, stock, tried: 0, won: 0, soldOut: 0, poor: 0 };
    this.state.rushes.push(rush);
    // One eager tap two minutes early.
    sim.schedule(opens - 2 * MIN, 'pts.grab', { key: `grab-early-${d.siteId}`, siteId: d.siteId, rewardId, cost: cur.cost, userId: tapping[0]!.user.id, early: true, fate: r.next() });
    for (const p of tapping) sim.schedule(opens, 'pts.grab', { key: `grab-${p.user.id}`, siteId: d.siteId, rewardId, cost: cur.cost, userId: p.user.id, early: false, fate: r.next() });
  }

  async grab(d: { siteId: string; rewardId: string; cost: number; userId: string; early: boolean; fate: number }): Promise<void> {
    const { sim } = this;
    const key = `grab-${sim.today.index}-${d.userId}${d.early ? '-early' : ''}`;
    const balance = this.account(d.userId).balance;
    const res = await this.tap(d.userId, d.siteId, d.rewardId, key);
    const what = `${d.early ? 'an early tap' : 'the 09:00 rush'} for ${d.rewardId} by ${d.userId}`;
    if (d.early) {
      if (res.status !== 409 || errorCode(res.body) !== 'not_released') sim.fail(what, `expected 409 not_released, answered ${res.status} ${short(res.body)}`);
      this.state.figures.notReleased++;
      return;
    }
    const rush = this.state.rushes.find((x) => x.rewardId === d.rewardId && x.date === sim.today.date)!;
    rush.tried++;
    if (balance < d.cost) {
      if (res.status !== 409 || errorCode(res.body) !== 'insufficient_points') sim.fail(what, `the recount has ${balance} points, expected 409 insufficient_points, answered ${res.status} ${short(res.body)}`);
      rush.poor++;
      return;
    }
    if (res.status === 409 && errorCode(res.body) === 'out_of_stock') {
      rush.soldOut++;
      this.state.figures.soldOut++;
      return;
    }
    if (res.status !== 201) sim.fail(what, `answered ${res.status} ${short(res.body)}`);
    rush.won++;
    this.redeemed(d.userId, d.rewardId, d.cost, res.body.redemption, d.fate);
  }

  async collect(d: { id: string; twice: boolean }): Promise<void> {
    const { sim } = this;
    const r = this.state.redemptions[d.id];
    if (!r || r.status !== 'reserved') return;
    const communityId = this.person(r.userId).user.communityId!;
    const staff = sim.people.staffOf('redemption_staff', communityId);
    const res = await this.api.call<{ redemption: RedemptionDto }>(staff, 'POST', `/redemption-sites/${r.siteId}/collections`, { kind: 'redemption_collect', body: { code: r.code } });
    if (res.status !== 200 || res.body.redemption.status !== 'collected' || res.body.redemption.id !== r.id) sim.fail(`collecting ${r.id}`, `answered ${res.status} ${short(res.body)}`);
    r.status = 'collected';
    this.state.touched.redemptions[r.id] = true;
    this.state.figures.collected++;
    if (d.twice) {
      const again = await this.api.call(staff, 'POST', `/redemption-sites/${r.siteId}/collections`, { kind: 'redemption_collect', body: { code: r.code } });
      if (again.status !== 409 || errorCode(again.body) !== 'already_collected') sim.fail(`collecting ${r.id} again`, `expected 409 already_collected, answered ${again.status} ${short(again.body)}`);
    }
  }

  /** Points, stock and the month given back (cancelled or lapsed). */
  private returned(r: Redemption, status: 'cancelled' | 'lapsed'): void {
    r.status = status;
    this.entry(r.userId, 'refund', r.cost);
    this.moveStock(r.rewardId, 1);
    const k = this.monthKey(r.userId, r.month, r.rewardId);
    this.state.months[k] = (this.state.months[k] ?? 1) - 1;
    this.state.touched.redemptions[r.id] = true;
    this.state.figures[status]++;
  }

  async cancel(d: { id: string }): Promise<void> {
    const { sim } = this;
    const r = this.state.redemptions[d.id];
    if (!r || r.status !== 'reserved') return;
    const res = await this.api.call<{ redemption: RedemptionDto; account: { balance: number } }>(sim.people.user(r.userId), 'POST', `/redemptions/${r.id}/cancellation`, { kind: 'redemption_cancel' });
    if (res.status !== 200 || res.body.redemption.status !== 'cancelled') sim.fail(`cancelling ${r.id}`, `answered ${res.status} ${short(res.body)}`);
    this.returned(r, 'cancelled');
  }

  /** After each tick: every redemption past its pickup time is lapsed (points and stock back), and nothing expired. */
  async afterTick(report: Record<string, { more?: boolean; error?: string; handled?: number; stats?: Record<string, number> }>): Promise<void> {
    const { sim } = this;
    const now = sim.clock.ms;
    const at = `tick ${iso(now)}`;
    const lapse = report['points.lapseRedemptions'];
    const expiry = report['points.expire'];
    if (!lapse || lapse.error || lapse.more) return sim.fail(at, `the lapse task ${lapse?.error ? `failed: ${lapse.error}` : 'left redemptions due for the next tick'}`);
    if (!expiry || expiry.error || expiry.handled) sim.fail(at, `the expiry task ${expiry?.error ? `failed: ${expiry.error}` : `handled ${expiry?.handled} lots, none is due before the year's end`}`);
    const due = Object.values(this.state.redemptions).filter((r) => r.status === 'reserved' && r.collectBy <= now);
    if ((lapse.stats?.lapsed ?? 0) !== due.length) sim.fail(at, `${lapse.stats?.lapsed ?? 0} redemptions lapsed, the recount has ${due.length} past their pickup time`);
    for (const r of due) {
      const res = await this.api.call<{ redemption: RedemptionDto }>(sim.people.user(r.userId), 'GET', `/redemptions/${r.id}`, { kind: 'redemption_read', recount: true });
      if (res.status !== 200 || res.body.redemption.status !== 'lapsed') sim.fail(`redemption ${r.id}`, `to collect by ${iso(r.collectBy)}: after the tick ${res.status} ${res.body.redemption?.status ?? short(res.body)}`);
      this.returned(r, 'lapsed');
    }
  }

  // ------------------------------------------------------------------ the day's recount

  /** After the year's last day: everything earned in it expires on the new year's first ticks (points-ledger.ts). */
  async closeYear(year: number): Promise<YearClose> {
    const close = await closeYear(this.sim, year, this.state.accounts);
    this.state.figures.expired = close.expiredPoints;
    return close;
  }

  async checkDay(): Promise<number> {
    const { sim } = this;
    const { touched } = this.state;
    let checked = 0;
    // Every person whose points moved today: the balance, the entries, nothing negative, what expires within a month.
    checked += await checkEach(Object.keys(touched.people).sort(), async (userId) => {
      const want = this.account(userId);
      const { balance, expiring, entries } = await readLedger(sim, userId, want.entries.length + 1);
      if (balance !== want.balance) sim.fail(`points of ${userId}`, `balance ${balance}, the recount has ${want.balance}`);
      if (balance < 0) sim.fail(`points of ${userId}`, `negative balance ${balance}`);
      const soon = expiringOn(sim.today.date, balance);
      if (expiring !== soon) sim.fail(`points of ${userId}`, `${expiring} points shown as expiring within a month, the recount has ${soon} (everything expires on 31 December)`);
      const listed = entries.sort().join(',');
      const recount = want.entries.map(([k, p]) => `${k}:${p}`).sort().join(',');
      if (listed !== recount) sim.fail(`entries of ${userId}`, `listed [${listed}], the recount has [${recount}]`);
      const sum = want.entries.reduce((s, [, p]) => s + p, 0);
      if (sum !== balance) sim.fail(`entries of ${userId}`, `they add up to ${sum}, the balance is ${balance}`);
      return 3;
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
