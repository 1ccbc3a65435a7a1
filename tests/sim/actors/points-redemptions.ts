/**
 * The shop side of the points: ordinary redemptions at a community's site, the Saturday 09:00 rush
 * for the popular reward (restocked at 08:00, more tappers than boxes, one eager tap too early),
 * and how each redemption ends: collected at the desk, cancelled by its owner, or lapsed by the
 * tick after the hold days (checked after every tick, since the lapse gives points and stock back).
 */
import type { RedemptionDto } from '@linli/shared';
import { Random } from '../engine/random';
import { addDaysTo, chinaDate, chinaMidnight, DAY_MS } from '../oracle';
import { errorCode, iso, MIN, short, weekday, PointsPart, type Redemption, type Rush } from './points-recount';

export class PointsRedemptions extends PointsPart {

  /** The rewards a person could redeem now by the recount: on the shelf and released, in stock, affordable, within the monthly limit. */
  private options(userId: string, siteId: string): { id: string; cost: number }[] {
    const site = this.sim.city.sites.find((s) => s.site.id === siteId)!;
    const month = chinaDate(this.sim.clock.ms).slice(0, 7);
    const balance = this.recount.account(userId).balance;
    return site.rewards.filter((r) => {
      if (r.id === site.popularRewardId) {
        const at = this.state.release[r.id];
        if (at === undefined || at === null || at > this.sim.clock.ms) return false;
      }
      return this.recount.stockOf(r.id) > 0 && r.cost <= balance && (!r.monthlyLimit || (this.state.months[this.recount.monthKey(userId, month, r.id)] ?? 0) < r.monthlyLimit);
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
    this.recount.entry(userId, 'spend', -cost);
    this.recount.moveStock(rewardId, -1);
    this.state.months[this.recount.monthKey(userId, month, rewardId)] = (this.state.months[this.recount.monthKey(userId, month, rewardId)] ?? 0) + 1;
    this.state.touched.redemptions[r.id] = true;
    this.state.figures.redemptions++;
    this.state.figures.pointsSpent += cost;
    this.recount.tickAt(r.collectBy);
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
    if (res.status !== 201) sim.fail(`redemption ${d.id} of ${reward.id} by ${who}`, `the recount has ${this.recount.account(who).balance} points and ${this.recount.stockOf(reward.id)} in stock; answered ${res.status} ${short(res.body)}`);
    this.redeemed(who, reward.id, reward.cost, res.body.redemption, d.fate);
  }

  /** Saturday 08:00: the site's staff put this week's boxes of the popular reward on the shelf, to open at 09:00; the rush is planned. */
  async restock(d: { siteId: string; communityId: string; add: number; extra: number; seed: number }): Promise<void> {
    const { sim } = this;
    const sim0 = sim.city.sites.find((s) => s.site.id === d.siteId)!;
    const rewardId = sim0.popularRewardId!;
    const site = await this.recount.siteAsStaff(d.siteId, d.communityId);
    const cur = site.rewards.find((x) => x.id === rewardId);
    if (!cur || cur.stock !== this.recount.stockOf(rewardId)) return sim.fail(`reward ${rewardId}`, `stock ${cur?.stock} before the restock, the recount has ${this.recount.stockOf(rewardId)}`);
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
      .filter((p) => this.recount.account(p.user.id).balance >= cur.cost && !(this.state.months[this.recount.monthKey(p.user.id, month, rewardId)] ?? 0))
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
    const balance = this.recount.account(d.userId).balance;
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
    const communityId = this.recount.person(r.userId).user.communityId!;
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
    this.recount.entry(r.userId, 'refund', r.cost);
    this.recount.moveStock(r.rewardId, 1);
    const k = this.recount.monthKey(r.userId, r.month, r.rewardId);
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
}
