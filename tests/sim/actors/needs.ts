/**
 * 时间银行 in the simulation: residents (often elders) post what help they need — a ride to the
 * clinic, shopping, company, a small repair — for a time in the next days; volunteers of their
 * community take it (two of them sometimes tap in the same minute: one gets it, the other is told it
 * is taken), do it and say how long it took; the requester confirms and rates, which credits the
 * volunteer points (10 an hour, within the daily cap for needs) and banked hours. Some needs are
 * cancelled before anyone finishes them, and some are never taken.
 *
 * The recount keeps each need's state from the product's answers; the volunteer's points go into the
 * points recount's ledger (checked there with everything else), and each need touched today is read
 * back by its requester at the end of the day.
 */
import { NEED_POINTS_PER_HOUR, type NeedDto, type NeedKind } from '@linli/shared';
import type { SimPerson } from '../city/model';
import { checkEach, errorCode, short, type Sim } from '../engine/context';
import { Random } from '../engine/random';
import { dayFactor, minuteOfDay } from '../profile';
import { emptyFamily, FamilyGifts, type FamilyState, type Gift } from './needs-family';
import type { PointsActor } from './points';

const MIN = 60_000;
/** Needs posted per community on an average day. */
const NEEDS_PER_COMMUNITY_DAY = 0.6;
const KINDS: [NeedKind, string, number][] = [
  ['ride', '陪同去医院复查', 180],
  ['shopping', '帮忙买菜买药', 60],
  ['company', '陪老人聊聊天', 90],
  ['repair', '换个灯泡修水龙头', 45],
  ['other', '帮忙搬点东西', 30],
];

interface Need {
  id: string;
  /** The simulation's name for it (its posting's tag): draws about the need are keyed by it, not by the product's id. */
  tag?: string;
  communityId: string;
  requesterId: string;
  volunteerId: string | null;
  minutes: number;
  when: number;
  status: NeedDto['status'];
  version: number;
}

export interface NeedsState {
  needs: Record<string, Need>;
  touched: Record<string, true>;
  figures: {
    posted: number; taken: number; lostRace: number; done: number; confirmed: number; cancelled: number; untaken: number; pointsEarned: number;
    /** Confirmations paid from the requester's time bank, and tries refused for a short bank. */
    paidWithTime?: number;
    shortOfTime?: number;
  };
  /** Family links and gifts of banked hours (needs-family.ts; absent in older checkpoints). */
  family?: FamilyState;
}

export const emptyNeeds = (): NeedsState => ({
  needs: {},
  touched: {},
  figures: { posted: 0, taken: 0, lostRace: 0, done: 0, confirmed: 0, cancelled: 0, untaken: 0, pointsEarned: 0 },
  family: emptyFamily(),
});


export class NeedsActor {
  private family: FamilyGifts;

  constructor(
    private sim: Sim,
    readonly state: NeedsState,
    /** The points recount: what a volunteer earned (the daily cap applied), a requester paid in time and a giver gave, entered on their ledgers. */
    private ledger: Pick<PointsActor, 'earnedForNeed' | 'bankOf' | 'paidForNeed' | 'gaveHours'>,
  ) {
    this.family = new FamilyGifts(sim, (state.family ??= emptyFamily()), ledger, (userId, tag) => this.askFor(userId, tag));
  }

  /** An elder given hours asks for half an hour's company in the next days (posted within the day, taken as any need). */
  private askFor(userId: string, tag: string): void {
    const { sim } = this;
    const r = sim.rngFor(`ask-${tag}`);
    const when = sim.today.start + (1 + r.int(2)) * 86400_000 + (9 + r.int(8)) * 3600_000;
    sim.schedule(sim.clock.ms + (60 + r.int(240)) * MIN, 'need.post', { key: `need-gift-${tag}`, tag: `gift-${tag}`, userId, kind: 'company', title: '陪老人聊聊天', minutes: 30, when, fate: 0.1 + r.next() * 0.8, pick: r.next() });
  }

  handlers(): Record<string, (e: { data: unknown }) => Promise<void>> {
    return {
      'need.post': (e) => this.post(e.data as Parameters<NeedsActor['post']>[0]),
      'need.take': (e) => this.take(e.data as Parameters<NeedsActor['take']>[0]),
      'need.done': (e) => this.done(e.data as { id: string; minutes: number }),
      'need.confirm': (e) => this.confirm(e.data as { id: string; score: number }),
      'need.cancel': (e) => this.cancel(e.data as { id: string }),
      'need.gift': (e) => this.family.gift(e.data as Gift),
    };
  }

  private volunteersOf(communityId: string, except: string): SimPerson[] {
    return (this.sim.people.residentsOf.get(communityId) ?? []).filter((p) => p.user.roles.includes('volunteer') && p.user.id !== except);
  }

  planDay(): void {
    const { sim } = this;
    const { index, date, start } = sim.today;
    // A stream of its own, so the other actors draw the same numbers with or without this one.
    const r = Random.forDay(sim.seed, index, 47);
    const factor = dayFactor(date, sim.cal);
    for (const c of sim.city.communities) {
      const residents = sim.people.residentsOf.get(c.id) ?? [];
      if (!residents.length) continue;
      for (let k = 0, n = r.poisson(NEEDS_PER_COMMUNITY_DAY * factor); k < n; k++) {
        const who = r.pick(residents);
        const [kind, title, minutes] = KINDS[r.int(KINDS.length)]!;
        const at = start + minuteOfDay(r) * MIN;
        // For tomorrow or the day after, 09:00–16:00 on the hour.
        const when = start + (1 + r.int(2)) * 86400_000 + (9 + r.int(8)) * 3600_000;
        sim.schedule(at, 'need.post', { key: `need-${index}-${c.id}-${k}`, tag: `${index}-${c.id}-${k}`, userId: who.user.id, kind, title, minutes, when, fate: r.next(), pick: r.next() });
      }
    }
  }

  async post(d: { key: string; tag: string; userId: string; kind: NeedKind; title: string; minutes: number; when: number; fate: number; pick: number }): Promise<void> {
    const { sim } = this;
    const p = sim.people.byId.get(d.userId)!;
    const res = await sim.world.api.call<{ need: NeedDto }>(p.user, 'POST', '/needs', {
      key: `sim-${sim.seed}-need-${d.tag}`, kind: 'need_post',
      body: { kind: d.kind, title: d.title, description: '', when: new Date(d.when).toISOString(), place: '家中', minutes: d.minutes, payWithHours: false },
    });
    if (res.status !== 201) sim.fail(`need ${d.tag} of ${d.userId}`, `answered ${res.status} ${short(res.body)}`);
    const n = res.body.need;
    if (n.status !== 'open' || n.minutes !== d.minutes) sim.fail(`need ${n.id}`, `posted as ${n.status} for ${n.minutes} min, asked ${d.minutes}`);
    this.state.needs[n.id] = { id: n.id, tag: d.tag, communityId: n.communityId, requesterId: d.userId, volunteerId: null, minutes: d.minutes, when: d.when, status: 'open', version: n.version };
    this.state.touched[n.id] = true;
    this.state.figures.posted++;
    const volunteers = this.volunteersOf(n.communityId, d.userId);
    const rng = sim.rngFor(`need-${d.tag}`);
    if (d.fate < 0.08) {
      sim.schedule(sim.clock.ms + (30 + rng.int(600)) * MIN, 'need.cancel', { key: n.id, id: n.id });
      return;
    }
    if (!volunteers.length || d.fate > 0.95) return; // nobody takes it (found untaken at the end of its day)
    // One volunteer, sometimes two in the same minute (in order: the second is told it is taken).
    const at = sim.clock.ms + (5 + rng.int(180)) * MIN;
    const first = volunteers[Math.floor(d.pick * volunteers.length)]!;
    sim.schedule(at, 'need.take', { key: n.id, id: n.id, userId: first.user.id });
    if (volunteers.length > 1 && rng.chance(0.2)) {
      const second = volunteers[(Math.floor(d.pick * volunteers.length) + 1) % volunteers.length]!;
      sim.schedule(at, 'need.take', { key: n.id, id: n.id, userId: second.user.id });
    }
  }

  async take(d: { id: string; userId: string }): Promise<void> {
    const { sim } = this;
    const n = this.state.needs[d.id];
    if (!n || n.status === 'cancelled') return;
    const res = await sim.world.api.call<{ need: NeedDto }>(sim.people.user(d.userId), 'POST', `/needs/${n.id}/take`, { kind: 'need_take' });
    if (n.status !== 'open') {
      // Someone took it first: told so, and nothing changes.
      if (res.status !== 409 || errorCode(res.body) !== 'need_taken') sim.fail(`need ${n.id} taken twice`, `the second volunteer was answered ${res.status} ${short(res.body)}`);
      this.state.figures.lostRace++;
      return;
    }
    if (res.status !== 200 || res.body.need.status !== 'taken') sim.fail(`need ${n.id}`, `taking it answered ${res.status} ${short(res.body)}`);
    Object.assign(n, { status: 'taken', volunteerId: d.userId, version: res.body.need.version });
    this.state.touched[n.id] = true;
    this.state.figures.taken++;
    const rng = sim.rngFor(`need-done-${n.tag ?? n.id}`);
    if (rng.chance(0.05)) {
      sim.schedule(sim.clock.ms + (60 + rng.int(600)) * MIN, 'need.cancel', { key: n.id, id: n.id });
      return;
    }
    const minutes = Math.max(15, n.minutes + 15 * (rng.int(5) - 2));
    sim.schedule(Math.max(n.when, sim.clock.ms + MIN) + minutes * MIN, 'need.done', { key: n.id, id: n.id, minutes });
  }

  async done(d: { id: string; minutes: number }): Promise<void> {
    const { sim } = this;
    const n = this.state.needs[d.id];
    if (!n || n.status !== 'taken') return;
    const res = await sim.world.api.call<{ need: NeedDto }>(sim.people.user(n.volunteerId!), 'POST', `/needs/${n.id}/done`, { kind: 'need_done', body: { minutes: d.minutes, note: '已完成' } });
    if (res.status !== 200 || res.body.need.status !== 'done' || res.body.need.minutes !== d.minutes) sim.fail(`need ${n.id}`, `done answered ${res.status} ${short(res.body)}`);
    Object.assign(n, { status: 'done', minutes: d.minutes, version: res.body.need.version });
    this.state.touched[n.id] = true;
    this.state.figures.done++;
    const rng = sim.rngFor(`need-confirm-${n.tag ?? n.id}`);
    sim.schedule(sim.clock.ms + (10 + rng.int(1440)) * MIN, 'need.confirm', { key: n.id, id: n.id, score: rng.chance(0.9) ? 5 : 3 });
  }

  /**
   * The requester confirms and rates. One who has banked enough time usually pays with it (取服务);
   * now and then one who has not tries to, is told the bank is short (nothing changes) and confirms
   * without paying.
   */
  async confirm(d: { id: string; score: number }): Promise<void> {
    const { sim } = this;
    const n = this.state.needs[d.id];
    if (!n || n.status !== 'done') return;
    const rng = sim.rngFor(`need-pay-${n.tag ?? n.id}`);
    const banked = this.ledger.bankOf(n.requesterId);
    const pay = banked >= n.minutes ? rng.chance(0.7) : rng.chance(0.1);
    const confirm = (payWithHours: boolean) =>
      sim.world.api.call<{ need: NeedDto }>(sim.people.user(n.requesterId), 'POST', `/needs/${n.id}/confirmation`, { kind: 'need_confirm', body: { score: d.score, comment: null, payWithHours } });
    let res = await confirm(pay);
    if (pay && banked < n.minutes) {
      if (res.status !== 409 || errorCode(res.body) !== 'insufficient_hours') sim.fail(`need ${n.id}`, `paying ${n.minutes} min from a bank of ${banked} answered ${res.status} ${short(res.body)}`);
      this.state.figures.shortOfTime = (this.state.figures.shortOfTime ?? 0) + 1;
      res = await confirm(false);
    }
    if (res.status !== 200 || res.body.need.status !== 'confirmed') sim.fail(`need ${n.id}`, `confirming answered ${res.status} ${short(res.body)}`);
    Object.assign(n, { status: 'confirmed', version: res.body.need.version });
    this.state.touched[n.id] = true;
    this.state.figures.confirmed++;
    this.state.figures.pointsEarned += this.ledger.earnedForNeed(n.volunteerId!, Math.floor((NEED_POINTS_PER_HOUR * n.minutes) / 60), n.minutes);
    this.family.afterEarning(n.volunteerId!, n.tag ?? n.id);
    if (pay && banked >= n.minutes) {
      this.ledger.paidForNeed(n.requesterId, n.minutes);
      this.state.figures.paidWithTime = (this.state.figures.paidWithTime ?? 0) + 1;
    }
  }

  async cancel(d: { id: string }): Promise<void> {
    const { sim } = this;
    const n = this.state.needs[d.id];
    if (!n || (n.status !== 'open' && n.status !== 'taken')) return;
    const res = await sim.world.api.call<{ need: NeedDto }>(sim.people.user(n.requesterId), 'POST', `/needs/${n.id}/cancellation`, { kind: 'need_cancel' });
    if (res.status !== 200 || res.body.need.status !== 'cancelled') sim.fail(`need ${n.id}`, `cancelling answered ${res.status} ${short(res.body)}`);
    Object.assign(n, { status: 'cancelled', version: res.body.need.version });
    this.state.touched[n.id] = true;
    this.state.figures.cancelled++;
  }

  /** Every need touched today, read by its requester: the state and the volunteer the recount has. */
  async checkDay(): Promise<number> {
    const { sim } = this;
    const checked = await checkEach(Object.keys(this.state.touched).sort(), async (id) => {
      const n = this.state.needs[id]!;
      const res = await sim.world.api.call<{ need: NeedDto }>(sim.people.user(n.requesterId), 'GET', `/needs/${id}`, { kind: 'need_read', recount: true });
      if (res.status !== 200) sim.fail(`need ${id}`, `its requester cannot read it: ${res.status} ${short(res.body)}`);
      const got = res.body.need;
      const volunteer = n.volunteerId ? sim.people.byId.get(n.volunteerId)!.user.name : null;
      if (got.status !== n.status || got.version !== n.version || got.minutes !== n.minutes || (n.volunteerId && got.volunteerName !== volunteer)) {
        sim.fail(`need ${id}`, `${got.status} v${got.version}, ${got.minutes} min, volunteer ${got.volunteerName}; the recount has ${n.status} v${n.version}, ${n.minutes} min, ${volunteer ?? 'none'}`);
      }
      return 1;
    });
    // Settled or past: keep the state small (a need nobody took by the end of its day stays open in the product).
    const now = sim.clock.ms;
    for (const [id, n] of Object.entries(this.state.needs)) {
      if (n.status === 'confirmed' || n.status === 'cancelled') delete this.state.needs[id];
      else if (n.status === 'open' && n.when + 86400_000 < now) {
        this.state.figures.untaken++;
        delete this.state.needs[id];
      }
    }
    this.state.touched = {};
    return checked;
  }
}
