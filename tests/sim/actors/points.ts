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
 *
 * This file is the actor the driver talks to: the day's plans and the staff's carry-over. The
 * recount and its checks are in points-recount.ts, activities and reports in
 * points-activities.ts, redemptions in points-redemptions.ts, the ledger reads and the year's
 * close in points-ledger.ts; all share one PointsState, the one the checkpoint saves.
 */
import { SERVICE_POINTS } from '@linli/shared';
import type { SimPerson } from '../city/model';
import type { Sim } from '../engine/context';
import { Random } from '../engine/random';
import { DAY_MS } from '../oracle';
import { dayFactor, minuteOfDay } from '../profile';
import { PointsActivities } from './points-activities';
import { closeYear, type YearClose } from './points-ledger';
import { MIN, PointsRecount, short, weekday, type PointsState } from './points-recount';
import { PointsRedemptions } from './points-redemptions';

export { emptyPoints, type PointsState } from './points-recount';

/** Ordinary redemptions per community site on an average day. */
const REDEMPTIONS_PER_SITE_DAY = 2.5;
/** Service reports per community on an average day. */
const REPORTS_PER_COMMUNITY_DAY = 0.5;

export class PointsActor {
  private readonly recount: PointsRecount;
  private readonly activities: PointsActivities;
  private readonly redemptions: PointsRedemptions;

  constructor(
    private sim: Sim,
    readonly state: PointsState,
    /** The shared, deduplicated tick at a minute something falls due. */
    tickAt: (due: number) => void,
  ) {
    this.recount = new PointsRecount(sim, state, tickAt);
    this.activities = new PointsActivities(this.recount);
    this.redemptions = new PointsRedemptions(this.recount);
  }

  private get api() {
    return this.sim.world.api;
  }

  private volunteersOf(communityId: string): SimPerson[] {
    return (this.sim.people.residentsOf.get(communityId) ?? []).filter((p) => p.user.roles.includes('volunteer'));
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
      const site = this.recount.siteOf(c.id);
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
    for (const a of Object.values(this.state.activities)) if (!a.planned && a.start < start + 7 * DAY_MS) this.activities.planActivity(a);
  }

  // ------------------------------------------------------------------ credits by staff

  async credit(d: { key: string; userId: string; points: number }): Promise<void> {
    const { sim } = this;
    const p = this.recount.person(d.userId);
    const admin = sim.people.staffOf('community_admin', p.user.communityId!);
    const res = await this.api.call<{ entry: { points: number }; account: { balance: number } }>(admin, 'POST', '/points/credits', {
      key: `sim-${sim.seed}-${d.key}`, kind: 'points_credit', body: { userId: d.userId, points: d.points, minutes: 0, reason: '2026年度志愿服务积分转入' },
    });
    if (res.status !== 201) sim.fail(`credit for ${d.userId}`, `answered ${res.status} ${short(res.body)}`);
    const points = this.recount.capped(d.userId, 'admin', d.points);
    if (res.body.entry.points !== points) sim.fail(`credit for ${d.userId}`, `entry of ${res.body.entry.points} points, the recount expects ${points}`);
    this.recount.entry(d.userId, 'earn', points);
    this.state.figures.adminCredits++;
    this.state.figures.pointsCredited += points;
  }

  // ------------------------------------------------------------------ the parts' events
  // Plain delegation (no async wrapper), so each event's promise settles exactly as before the split.

  publish(d: Parameters<PointsActivities['publish']>[0]): Promise<void> {
    return this.activities.publish(d);
  }

  signup(d: Parameters<PointsActivities['signup']>[0]): Promise<void> {
    return this.activities.signup(d);
  }

  withdraw(d: Parameters<PointsActivities['withdraw']>[0]): Promise<void> {
    return this.activities.withdraw(d);
  }

  checkIn(d: Parameters<PointsActivities['checkIn']>[0]): Promise<void> {
    return this.activities.checkIn(d);
  }

  confirm(d: Parameters<PointsActivities['confirm']>[0]): Promise<void> {
    return this.activities.confirm(d);
  }

  report(d: Parameters<PointsActivities['report']>[0]): Promise<void> {
    return this.activities.report(d);
  }

  decide(d: Parameters<PointsActivities['decide']>[0]): Promise<void> {
    return this.activities.decide(d);
  }

  redeem(d: Parameters<PointsRedemptions['redeem']>[0]): Promise<void> {
    return this.redemptions.redeem(d);
  }

  restock(d: Parameters<PointsRedemptions['restock']>[0]): Promise<void> {
    return this.redemptions.restock(d);
  }

  grab(d: Parameters<PointsRedemptions['grab']>[0]): Promise<void> {
    return this.redemptions.grab(d);
  }

  collect(d: Parameters<PointsRedemptions['collect']>[0]): Promise<void> {
    return this.redemptions.collect(d);
  }

  cancel(d: Parameters<PointsRedemptions['cancel']>[0]): Promise<void> {
    return this.redemptions.cancel(d);
  }

  afterTick(report: Parameters<PointsRedemptions['afterTick']>[0]): Promise<void> {
    return this.redemptions.afterTick(report);
  }

  // ------------------------------------------------------------------ the day's recount

  /** After the year's last day: everything earned in it expires on the new year's first ticks (points-ledger.ts). */
  /** Points a volunteer earned for a confirmed need (actors/needs.ts): what the day's cap allows goes on his ledger, the minutes into his time bank. */
  earnedForNeed(userId: string, points: number, minutes: number): number {
    const p = this.recount.capped(userId, 'need', points);
    this.recount.entry(userId, 'earn', p, { served: minutes, bank: minutes });
    this.state.figures.pointsCredited += p;
    return p;
  }

  /** A requester's time bank as the recount has it (the minutes he may pay a need with). */
  bankOf(userId: string): number {
    return this.recount.account(userId).bank ?? 0;
  }

  /** A need paid from the requester's time bank (取服务): a payment entry of no points. */
  paidForNeed(userId: string, minutes: number): void {
    this.recount.entry(userId, 'payment', 0, { bank: -minutes });
  }

  /**
   * A resident's safety report (an urgent category) resolved for the first time proved real: the requests job tells
   * the points job (through the outbox), which credits him once, within the day's cap for tasks.
   */
  hazardVerified(userId: string): void {
    const p = this.recount.capped(userId, 'task', SERVICE_POINTS.hazard_report);
    this.recount.entry(userId, 'earn', p);
    this.state.figures.pointsCredited += p;
  }

  /** A gift of banked hours within a family: two entries of no points, the giver's bank down and the receiver's up. */
  gaveHours(from: string, to: string, minutes: number): void {
    this.recount.entry(from, 'transfer_out', 0, { bank: -minutes });
    this.recount.entry(to, 'transfer_in', 0, { bank: minutes });
  }

  async closeYear(year: number): Promise<YearClose> {
    const close = await closeYear(this.sim, year, this.state.accounts);
    this.state.figures.expired = close.expiredPoints;
    return close;
  }

  checkDay(): Promise<number> {
    return this.recount.checkDay();
  }
}
