/**
 * 接诉即办 in the simulation: residents file from the phone on the daily and weekly profile, staff
 * accept and resolve with realistic delays (some late, so items escalate), residents rate (some
 * unsatisfied, so items reopen). The recount follows every acknowledged change and checks, after
 * each tick, that every item due was escalated exactly once at the first tick after its deadline
 * (deadlines recomputed here from the calendar files: working days and 调休), and each day that
 * every community's and street's dashboard equals the recount.
 */
import type { DeadlineLevel, HotlineImportResponse, MetricSummary, RequestDetail } from '@linli/shared';
import { DynamoApiKeyRepository } from '../../../functions/src/platform/adapters/dynamodb/api-key-repository';
import { makeDocumentClient } from '../../../functions/src/platform/adapters/dynamodb/client';
import { sha256 } from '../../../functions/src/platform/adapters/hash';
import { wgs84ToGcj02 } from '../../../functions/src/platform/domain/geo/datum';
import { demoCategories } from '../../../infra/local/demo-categories';
import { checkEach, type Sim } from '../engine/context';
import { chinaDate, expectedDeadline, expectedStage } from '../oracle';
import { dayFactor, minuteOfDay, WORK_BLOCKS } from '../profile';
import type { Random } from '../engine/random';

/** Categories residents file in the simulation (none needing an on-site photo to close, none routed to property staff, no emergencies). */
const FILED: [id: string, weight: number][] = [
  ['env-sorting', 5], ['env-sewage', 3], ['env-pests', 2], ['prop-fee', 3], ['fix-streetlight', 6], ['fix-road', 6], ['fix-pipe', 4],
  ['dispute-neighbor', 3], ['dispute-noise', 5], ['ask-social', 4], ['ask-household', 3], ['ask-policy', 4], ['ask-elderly', 3],
  ['city-stall', 3], ['city-ads', 2], ['city-vehicle', 4], ['life-water', 3], ['safe-tree', 1], ['other', 3],
];
const CATEGORY = new Map(demoCategories.map((c) => [c.id, c]));

/** Filings per app user per day on an average day (docs/capacity.md: Emeishan's volume, half through the app). */
export const FILINGS_PER_USER_DAY = 0.0033;
/** 12345 tickets per household per day reaching the grids (the other half of the volume), pushed by the platform three times a day. */
export const HOTLINE_PER_HOUSEHOLD_DAY = 0.0002;
const HOTLINE_PUSHES = [9 * 60, 14 * 60, 17 * 60 + 30];
/**
 * Once a month (its third Monday, when a working day, 10:30) the 12345 platform sends a city-wide batch of 5,000
 * tickets (a backlog cleared, a campaign): each street its share by ordinary grids (Meishan: 2,576).
 */
export const BIG_BATCH = { tickets: 5000, cityGrids: 2576, minute: 10 * 60 + 30 } as const;
const isBigBatchDay = (date: string, cal: { isWorkday(d: string): boolean }): boolean => {
  const day = Number(date.slice(8, 10));
  return new Date(`${date}T00:00:00Z`).getUTCDay() === 1 && day >= 15 && day <= 21 && cal.isWorkday(date);
};
/** The simulated 12345 platform's API key of a street (made at setup). */
const hotlineKey = (seed: number, streetId: string) => `sim-12345-${seed}-${streetId}`;
const OPEN = new Set(['submitted', 'accepted']);
export const COUNTED = ['filed', 'accepted', 'acceptedOnTime', 'resolved', 'resolvedOnTime', 'closed', 'escalated', 'reopened', 'rated', 'satisfied'] as const;

interface Item {
  id: string;
  /**
   * What the simulation calls it (its filing's event key, or its 12345 ticket number): the draws about
   * the item (staff delays, ratings) are keyed by it, not by the product's id, which differs from run
   * to run. Absent in checkpoints written before it existed (the id stands in).
   */
  tag?: string;
  communityId: string;
  streetId: string;
  /** The filer; null for a 12345 ticket (the platform calls the citizen back, not us). */
  reporterId: string | null;
  categoryId: string;
  /** The 12345 deadline (热线时限) of a hotline ticket: it caps every stage. */
  hotlineDue: number | null;
  level: string;
  status: string;
  version: number;
  acceptBy: number | null;
  resolveBy: number | null;
  /** The deadline already flagged at the top level (flagged once per deadline). */
  flaggedFor: number | null;
  /** Escalation steps (上报 and 超时 flags) the recount expects on the timeline. */
  steps: number;
  /**
   * When its current deadline became the one that counts (the stage's change the recount last saw): a deadline
   * already past then — an item accepted after its 12345 deadline — is due from that moment, not from the deadline.
   */
  dueSince?: number;
  accepted: boolean;
  resolved: boolean;
}

export interface RequestsState {
  items: Record<string, Item>;
  /** Flows per `communityId|date`. */
  flows: Record<string, Partial<Record<(typeof COUNTED)[number], number>>>;
  ticks: number[];
  filed: number;
  /** Of which 12345 tickets. */
  hotline: number;
  escalations: number;
  maxLagSeconds: number;
}

export const emptyRequests = (): RequestsState => ({ items: {}, flows: {}, ticks: [], filed: 0, hotline: 0, escalations: 0, maxLagSeconds: 0 });

interface Ticket {
  externalId: string;
  text: string;
  phone: string;
  location: { lat: number; lng: number; datum: 'wgs84' };
  categoryHint: string;
  dueAt: string;
}

/** What each tick task reported (by task name). */
export type TickReport = Record<string, { more?: boolean; error?: string; handled?: number; stats?: Record<string, number> }>;

const dueOf = (i: Item): number | null => (i.status === 'submitted' ? i.acceptBy : i.status === 'accepted' ? i.resolveBy : null);

export class RequestsActor {
  constructor(
    private sim: Sim,
    readonly state: RequestsState,
  ) {}

  private count(communityId: string, at: number, key: (typeof COUNTED)[number], n = 1): void {
    const k = `${communityId}|${chinaDate(at)}`;
    const f = (this.state.flows[k] ??= {});
    f[key] = (f[key] ?? 0) + n;
  }

  /** The next whole minute when staff are at work (working days, 08:30–12:00 and 14:00–18:00) at or after `at`. */
  private workTime(at: number): number {
    const { cal } = this.sim;
    for (let t = at, guard = 0; guard < 40; guard++) {
      const date = chinaDate(t);
      const midnight = Date.parse(`${date}T00:00:00Z`) - 8 * 3600_000;
      if (cal.isWorkday(date)) {
        const minute = (t - midnight) / 60000;
        for (const [from, to] of WORK_BLOCKS) {
          if (minute < to) return midnight + Math.max(minute, from) * 60000;
        }
      }
      t = midnight + 86400_000;
    }
    throw new Error('no working time within 40 days');
  }

  /** A staff delay: mostly within the deadline, sometimes late (so escalations happen). */
  private staffDelay(r: Random, from: number, due: number | null): number {
    const start = this.workTime(from);
    if (due !== null && r.chance(0.08)) return this.workTime(due + r.logNormal(3, 0.8) * 3600_000);
    const t = this.workTime(start + r.logNormal(2, 0.9) * 3600_000);
    return due !== null && t > due && r.chance(0.6) ? Math.max(start, due - 15 * 60000) : t;
  }

  /** The deployed tick at the first whole minute at or after `due`, once per minute: shared by every actor (the only `tick` event). */
  tickAt(due: number): void {
    const minute = Math.ceil(due / 60000) * 60000;
    if (this.state.ticks.includes(minute)) return;
    this.state.ticks.push(minute);
    this.sim.schedule(minute, 'tick', { minute });
  }

  /** Once per run: the 12345 platform's API key of every street. */
  async setup(endpoint: string, table: string): Promise<void> {
    const doc = makeDocumentClient({ region: 'local', endpoint });
    const keys = new DynamoApiKeyRepository(doc, table);
    for (const st of this.sim.city.streets) {
      await keys.put(sha256(hotlineKey(this.sim.seed, st.id)), { partnerId: `hotline-${st.id}`, name: `${st.city}12345热线`, streetId: st.id, scopes: ['hotline'] });
    }
    doc.destroy();
  }

  /** Today's 12345 tickets of each street, pushed in three batches; each ticket's 12345 deadline 1–5 working days or 24 hours away. */
  private planHotline(r: Random, factor: number): void {
    const { sim } = this;
    const households = new Map<string, number>();
    const grids = new Map<string, number>();
    for (const g of sim.city.grids) {
      if ((g.kind ?? 'ordinary') !== 'ordinary') continue;
      households.set(g.streetId, (households.get(g.streetId) ?? 0) + g.households);
      grids.set(g.streetId, (grids.get(g.streetId) ?? 0) + 1);
    }
    const weights = FILED.map(([, w]) => w);
    const big = isBigBatchDay(sim.today.date, sim.cal);
    for (const st of sim.city.streets) {
      const residents = sim.city.communities.filter((c) => c.streetId === st.id).flatMap((c) => sim.people.residentsOf.get(c.id) ?? []);
      if (!residents.length) continue;
      const pushes: [string, number, number][] = HOTLINE_PUSHES.map((minute, slot) => [String(slot), minute, r.poisson(((households.get(st.id) ?? 0) * HOTLINE_PER_HOUSEHOLD_DAY * factor) / HOTLINE_PUSHES.length)]);
      if (big) pushes.push(['big', BIG_BATCH.minute, Math.round((BIG_BATCH.tickets * (grids.get(st.id) ?? 0)) / BIG_BATCH.cityGrids)]);
      for (const [slot, minute, n] of pushes) {
        if (!n) continue;
        const at = sim.today.start + minute * 60000;
        const tickets: Ticket[] = Array.from({ length: n }, (_, k) => {
          const home = r.pick(residents).home;
          const categoryHint = FILED[r.weighted(weights)]![0];
          const urgent = r.chance(0.1);
          const due = urgent ? at + 24 * 3600_000 : expectedDeadline(at, { workdays: 1 + r.int(5) }, sim.cal);
          return {
            externalId: `S${sim.seed}-${sim.today.date.replace(/-/g, '')}-${st.id}-${slot}-${k}`.slice(0, 64),
            text: `市民来电：${CATEGORY.get(categoryHint)!.name}，请核实处理`,
            phone: `139${String(r.int(1e8)).padStart(8, '0')}`,
            location: { lat: home.lat + (r.next() - 0.5) * 0.0003, lng: home.lng + (r.next() - 0.5) * 0.0003, datum: 'wgs84' },
            categoryHint,
            dueAt: `${new Date(due + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`,
          };
        });
        sim.schedule(at, 'req.hotline', { key: `hotline-${sim.today.index}-${st.id}-${slot}`, streetId: st.id, tickets });
      }
    }
  }

  async hotline(d: { streetId: string; tickets: Ticket[] }): Promise<void> {
    const { sim } = this;
    const res = await sim.world.api.call<HotlineImportResponse>({ apiKey: hotlineKey(sim.seed, d.streetId) }, 'POST', '/hotline/tickets', { body: { source: '12345', tickets: d.tickets }, kind: 'hotline_batch' });
    if (res.status !== 200) sim.fail(`12345 batch of ${d.streetId}`, `answered ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    const now = sim.clock.ms;
    const byId = new Map(d.tickets.map((t) => [t.externalId, t]));
    for (const it of res.body.items) {
      if (it.outcome === 'failed' || !it.requestId) sim.fail(`12345 ticket ${it.externalId}`, `not imported: ${it.error}`);
      if (this.state.items[it.requestId!]) continue;
      if (it.outcome === 'duplicate' && !sim.replaying) sim.fail(`12345 ticket ${it.externalId}`, 'taken as a duplicate of a ticket never sent before');
      const q = await this.readAs(it.requestId!, d.streetId, true);
      const hotlineDue = Date.parse(byId.get(it.externalId)!.dueAt);
      this.checkStage(q, now, `12345 ticket ${it.externalId} (${q.id})`, hotlineDue);
      const item: Item = {
        id: q.id, tag: it.externalId, communityId: q.communityId, streetId: d.streetId, reporterId: null, categoryId: q.categoryId, hotlineDue, level: q.level, status: q.status, version: q.version,
        acceptBy: q.acceptBy ? Date.parse(q.acceptBy) : null, resolveBy: q.resolveBy ? Date.parse(q.resolveBy) : null, flaggedFor: null, steps: 0, accepted: false, resolved: false,
      };
      this.state.items[q.id] = item;
      this.state.filed++;
      this.state.hotline++;
      this.count(item.communityId, now, 'filed');
      this.plan(item, 'req.accept', now);
    }
  }

  /** Today's filings, spread over the day's profile. */
  planDay(): void {
    const { sim } = this;
    const r = sim.today.rng;
    const factor = dayFactor(sim.today.date, sim.cal);
    const weights = FILED.map(([, w]) => w);
    this.planHotline(r, factor);
    for (const [communityId, residents] of sim.people.residentsOf) {
      const n = r.poisson(residents.length * FILINGS_PER_USER_DAY * factor);
      for (let k = 0; k < n; k++) {
        // The likelier filers are the more active people.
        let who = r.pick(residents);
        for (let tries = 0; tries < 4 && !r.chance(who.activity); tries++) who = r.pick(residents);
        const at = sim.today.start + minuteOfDay(r) * 60000;
        sim.schedule(at, 'req.file', { key: `file-${sim.today.index}-${communityId}-${k}`, userId: who.user.id, categoryId: FILED[r.weighted(weights)]![0] });
      }
    }
  }

  async file(d: { key: string; userId: string; categoryId: string }): Promise<void> {
    const { sim } = this;
    const person = sim.people.byId.get(d.userId)!;
    const r = sim.rngFor(d.key);
    const point = wgs84ToGcj02({ lat: person.home.lat + (r.next() - 0.5) * 0.0002, lng: person.home.lng + (r.next() - 0.5) * 0.0002 });
    const category = CATEGORY.get(d.categoryId)!;
    const res = await sim.world.api.call<{ request: RequestDetail }>(person.user, 'POST', '/requests', {
      key: `sim-${sim.seed}-${d.key}`,
      kind: 'request_filed',
      body: { categoryId: d.categoryId, description: `${category.name}：${person.user.address?.building ?? '小区'}附近，请尽快处理`, location: point },
    });
    if (res.status !== 201 && res.status !== 200) sim.fail(`filing ${d.key}`, `answered ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    const q = res.body.request;
    const now = sim.clock.ms;
    this.checkStage(q, now, `filing ${q.id}`);
    if (this.state.items[q.id]) return; // a resumed day replaying its filing
    const item: Item = {
      id: q.id, tag: d.key, communityId: q.communityId, streetId: person.user.streetId!, reporterId: person.user.id, categoryId: q.categoryId, hotlineDue: null, level: q.level, status: q.status, version: q.version,
      acceptBy: q.acceptBy ? Date.parse(q.acceptBy) : null, resolveBy: q.resolveBy ? Date.parse(q.resolveBy) : null, flaggedFor: null, steps: 0, accepted: false, resolved: false,
    };
    this.state.items[q.id] = item;
    this.state.filed++;
    this.count(item.communityId, now, 'filed');
    this.plan(item, 'req.accept', now);
  }

  /** The deadlines of a stage that started now, recomputed from the category's rules and the calendar. */
  private checkStage(q: RequestDetail, start: number, what: string, hotlineDue: number | null = null): void {
    const rules = CATEGORY.get(q.categoryId)!.deadlines[(q.level === 'property' ? 'grid' : q.level) as DeadlineLevel];
    const want = expectedStage(start, rules, this.sim.cal);
    // A 12345 deadline is the platform's: it is the resolve deadline of every stage and caps acceptance.
    if (hotlineDue !== null) Object.assign(want, { acceptBy: Math.min(want.acceptBy, hotlineDue), resolveBy: hotlineDue });
    const got = { acceptBy: q.acceptBy ? Date.parse(q.acceptBy) : null, resolveBy: q.resolveBy ? Date.parse(q.resolveBy) : null };
    if (got.acceptBy !== want.acceptBy || got.resolveBy !== want.resolveBy) {
      this.sim.fail(what, `deadlines ${q.acceptBy} / ${q.resolveBy}, recount ${new Date(want.acceptBy).toISOString()} / ${new Date(want.resolveBy).toISOString()} (level ${q.level}, category ${q.categoryId})`);
    }
  }

  private plan(item: Item, kind: 'req.accept' | 'req.resolve', now: number): void {
    const due = dueOf(item);
    this.sim.schedule(this.staffDelay(this.sim.rngFor(`${kind}-${item.tag ?? item.id}`), now, due), kind, { key: item.id, id: item.id });
    if (due !== null) this.tickAt(due);
  }

  /**
   * A resumed run replays the day it stopped in: what that attempt already did, at this very minute of
   * the fake clock, is taken as done instead of done twice: the step's timeline event, or null.
   */
  private replayed(q: RequestDetail, event: string, now: number): RequestDetail['timeline'][number] | null {
    return this.sim.replaying ? (q.timeline.find((e) => e.type === event && Date.parse(e.at) === now) ?? null) : null;
  }

  /** The staff member the item is with now. */
  private handler(i: Item) {
    const { people, city } = this.sim;
    if (i.level === 'grid') {
      this.gridById ??= new Map(city.grids.map((g) => [g.id, g]));
      const grid = this.gridById.get(this.gridOf(i) ?? '');
      const worker = grid?.contacts.find((c) => c.role === 'grid_worker');
      if (worker) return people.user(worker.userId);
    }
    if (i.level === 'street' || i.level === 'department') return people.staffOf('street_admin', i.streetId);
    return people.staffOf('community_admin', i.communityId);
  }

  private gridById: Map<string, Sim['city']['grids'][number]> | undefined;
  private grids = new Map<string, string | null>();
  private gridOf(i: Item): string | null {
    return this.grids.get(i.id) ?? null;
  }

  /** The item as staff open it before acting (a metered read), or as the recount reads it (`recount`). */
  private async read(i: Item, recount = false): Promise<RequestDetail> {
    return this.readAs(i.id, i.streetId, recount);
  }

  /** The item as the street sees it (every acknowledged item must be there). */
  private async readAs(id: string, streetId: string, recount = false): Promise<RequestDetail> {
    const res = await this.sim.world.api.call<{ request: RequestDetail }>(this.sim.people.staffOf('street_admin', streetId), 'GET', `/requests/${id}`, { kind: 'request_read', recount });
    if (res.status !== 200) this.sim.fail(id, `an acknowledged item cannot be read: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    const q = res.body.request;
    this.grids.set(id, q.gridId);
    return q;
  }

  private sync(i: Item, q: Pick<RequestDetail, 'level' | 'status' | 'version' | 'acceptBy' | 'resolveBy'>): void {
    const before = `${i.status}|${i.level}|${dueOf(i)}`;
    Object.assign(i, { level: q.level, status: q.status, version: q.version, acceptBy: q.acceptBy ? Date.parse(q.acceptBy) : null, resolveBy: q.resolveBy ? Date.parse(q.resolveBy) : null });
    if (`${i.status}|${i.level}|${dueOf(i)}` !== before) i.dueSince = this.sim.clock.ms;
  }

  async act(d: { id: string }, action: 'accept' | 'resolve'): Promise<void> {
    const { sim } = this;
    const i = this.state.items[d.id];
    const want = action === 'accept' ? 'submitted' : 'accepted';
    if (!i || i.status !== want) return;
    const q = await this.read(i);
    const now = sim.clock.ms;
    // Replaying: the stopped attempt did it at this minute; the item has moved on since, so take the state that step left.
    const done = this.replayed(q, action === 'accept' ? 'accepted' : 'resolved', now);
    let after: Pick<RequestDetail, 'level' | 'status' | 'version' | 'acceptBy' | 'resolveBy'> | null = done
      ? { level: done.level, status: done.status, version: q.version, acceptBy: q.acceptBy, resolveBy: q.resolveBy }
      : null;
    if (!after) {
      if (q.status !== i.status || q.level !== i.level) sim.fail(i.id, `the item is ${q.status} at ${q.level}, the recount has ${i.status} at ${i.level}`);
      i.version = q.version;
      const body = action === 'accept' ? { action, version: i.version } : { action, version: i.version, result: '已到现场处理完毕，已向居民反馈' };
      const res = await sim.world.api.call<{ request: RequestDetail }>(this.handler(i), 'POST', `/requests/${i.id}/actions`, { body, kind: `request_${action}` });
      if (res.status !== 200) sim.fail(i.id, `${action} by the ${i.level} answered ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      after = res.body.request;
    }
    if (action === 'accept') {
      if (!i.accepted) {
        this.count(i.communityId, now, 'accepted');
        if (i.acceptBy !== null && now <= i.acceptBy) this.count(i.communityId, now, 'acceptedOnTime');
      }
      i.accepted = true;
    } else {
      if (!i.resolved) {
        this.count(i.communityId, now, 'resolved');
        if (i.resolveBy !== null && now <= i.resolveBy) this.count(i.communityId, now, 'resolvedOnTime');
      }
      i.resolved = true;
    }
    this.sync(i, after);
    if (action === 'accept') this.plan(i, 'req.resolve', now);
    else if (i.reporterId) {
      const r = sim.rngFor(`rate-${i.tag ?? i.id}`);
      if (r.chance(0.75)) sim.schedule(now + r.logNormal(5, 1) * 3600_000, 'req.rate', { key: i.id, id: i.id });
    }
  }

  async rate(d: { id: string }): Promise<void> {
    const { sim } = this;
    const i = this.state.items[d.id];
    if (!i || i.status !== 'resolved') return;
    const r = sim.rngFor(`rated-${i.tag ?? i.id}`);
    let satisfied = !r.chance(0.08);
    const score = satisfied ? 3 + r.int(3) : 1 + r.int(2);
    const now = sim.clock.ms;
    const seen = sim.replaying ? await this.read(i, true) : null;
    const done = seen ? this.replayed(seen, 'rated', now) : null;
    let after: RequestDetail | null = null;
    if (done && seen) {
      // The stopped attempt rated it at this minute: satisfied unless it reopened then; the state that step left.
      const reopened = seen.timeline.find((e) => e.type === 'reopened' && Date.parse(e.at) === now);
      satisfied = !reopened;
      const step = reopened ?? done;
      const rules = CATEGORY.get(seen.categoryId)!.deadlines[(step.level === 'property' ? 'grid' : step.level) as DeadlineLevel];
      const stage = expectedStage(now, rules, sim.cal);
      const cap = (t: number) => (i.hotlineDue !== null ? Math.min(t, i.hotlineDue) : t);
      after = { ...seen, level: step.level, status: step.status, acceptBy: new Date(cap(stage.acceptBy)).toISOString(), resolveBy: new Date(i.hotlineDue ?? stage.resolveBy).toISOString() };
    }
    if (!after) {
      const res = await sim.world.api.call<{ request: RequestDetail }>(sim.people.user(i.reporterId!), 'POST', `/requests/${i.id}/rating`, {
        body: { score, solved: satisfied, satisfied, comment: null },
        kind: 'request_rated',
      });
      if (res.status !== 200) sim.fail(i.id, `rating answered ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      after = res.body.request;
    }
    this.count(i.communityId, now, 'rated');
    if (satisfied) {
      this.count(i.communityId, now, 'satisfied');
      this.count(i.communityId, now, 'closed');
    } else {
      this.count(i.communityId, now, 'reopened');
    }
    this.sync(i, after);
    if (!satisfied) {
      this.checkStage(after, now, `reopening ${i.id}`, i.hotlineDue);
      this.plan(i, (i.status as string) === 'submitted' ? 'req.accept' : 'req.resolve', now);
    }
  }

  /** The deployed tick at a minute something falls due; then every item due by then must show its one escalation step, made now. Its report (for the other actors' checks). */
  async tick(d: { minute: number }): Promise<TickReport> {
    const { sim } = this;
    const now = sim.clock.ms;
    this.state.ticks = this.state.ticks.filter((m) => m > now);
    const due = Object.values(this.state.items).filter((i) => OPEN.has(i.status) && dueOf(i) !== null && dueOf(i)! <= now && i.flaggedFor !== dueOf(i));
    const report = (await sim.world.tick()) as TickReport;
    const esc = report['requests.escalate'];
    if (!esc || esc.error) return sim.fail(`tick ${new Date(d.minute).toISOString()}`, `the escalation task failed: ${esc?.error}`);
    if (esc.more) sim.fail(`tick ${new Date(d.minute).toISOString()}`, `items due were left for the next tick (${esc.handled} handled)`);
    for (const i of due) {
      const deadline = dueOf(i)!;
      const q = await this.read(i, true);
      // Replaying a stopped day, the item may have moved on after this minute: judge it as it was then.
      const movedOn = sim.replaying && q.timeline.some((e) => Date.parse(e.at) > now);
      const steps = q.timeline.filter((e) => (e.type === 'escalated' || e.type === 'overdue') && Date.parse(e.at) <= now);
      const mine = steps.filter((e) => Date.parse(e.at) === now);
      if (steps.length !== i.steps + 1 || mine.length !== 1) {
        sim.fail(i.id, `due ${new Date(deadline).toISOString()}: ${steps.length} escalation steps (${steps.map((e) => `${e.type}@${e.at}`).join(', ')}), the recount expects ${i.steps + 1} with one at ${new Date(now).toISOString()}`);
      }
      const lag = (now - Math.max(deadline, i.dueSince ?? deadline)) / 1000;
      if (lag >= 60) sim.fail(i.id, `escalated ${lag} s after its deadline (more than one tick)`);
      this.state.maxLagSeconds = Math.max(this.state.maxLagSeconds, lag);
      const expectUp = i.level === 'grid' || i.level === 'property' || i.level === 'community';
      if ((mine[0]!.type === 'escalated') !== expectUp) sim.fail(i.id, `at ${i.level} the deadline should ${expectUp ? 'send it up' : 'flag it overdue'}, it was ${mine[0]!.type}`);
      i.steps++;
      this.state.escalations++;
      if (mine[0]!.type === 'escalated') {
        this.count(i.communityId, now, 'escalated');
        if (!movedOn) this.checkStage(q, now, `escalation of ${i.id}`, i.hotlineDue);
      } else {
        i.flaggedFor = deadline;
      }
      if (movedOn) {
        const e = mine[0]!;
        const fresh = e.type === 'escalated' ? expectedStage(now, CATEGORY.get(i.categoryId)!.deadlines[(e.level === 'property' ? 'grid' : e.level) as DeadlineLevel], sim.cal) : null;
        const cap = (t: number) => (i.hotlineDue !== null ? Math.min(t, i.hotlineDue) : t);
        Object.assign(i, { level: e.level, status: e.status }, fresh ? { acceptBy: cap(fresh.acceptBy), resolveBy: i.hotlineDue ?? fresh.resolveBy } : {});
      } else this.sync(i, q);
      // A stage born overdue (a passed 12345 deadline) is flagged with its escalation, not escalated again.
      if (dueOf(i) !== null && dueOf(i)! <= now) i.flaggedFor = dueOf(i);
      const next = dueOf(i);
      if (next !== null && i.flaggedFor !== next) this.tickAt(next);
    }
    return report;
  }

  /** Every community's and street's dashboard for today against the recount. */
  async checkDay(): Promise<number> {
    const { sim } = this;
    const date = sim.today.date;
    let checked = 0;
    const streets = new Map<string, Record<string, number>>();
    checked += await checkEach(sim.city.communities, async (c) => {
      const admin = sim.people.staffOf('community_admin', c.id);
      const res = await sim.world.api.call<MetricSummary>(admin, 'GET', `/communities/${c.id}/metrics`, { query: { from: date, to: date }, kind: 'dashboard', recount: true });
      if (res.status !== 200) sim.fail(`dashboard of ${c.id}`, `answered ${res.status}`);
      const want = this.state.flows[`${c.id}|${date}`] ?? {};
      const sum = streets.get(c.streetId) ?? {};
      streets.set(c.streetId, sum);
      for (const k of COUNTED) {
        const got = (res.body.totals as Record<string, number>)[k] ?? 0;
        if (got !== (want[k] ?? 0)) sim.fail(`dashboard of ${c.id}`, `${k} is ${got}, the recount has ${want[k] ?? 0}`);
        sum[k] = (sum[k] ?? 0) + got;
      }
      return COUNTED.length;
    });
    checked += await checkEach([...streets].sort(([a], [b]) => a.localeCompare(b)), async ([streetId, want]) => {
      const res = await sim.world.api.call<MetricSummary>(sim.people.staffOf('street_admin', streetId), 'GET', `/streets/${streetId}/metrics`, { query: { from: date, to: date }, kind: 'dashboard', recount: true });
      if (res.status !== 200) sim.fail(`dashboard of ${streetId}`, `answered ${res.status}`);
      for (const k of COUNTED) {
        const got = (res.body.totals as Record<string, number>)[k] ?? 0;
        if (got !== (want[k] ?? 0)) sim.fail(`dashboard of ${streetId}`, `${k} is ${got}, its communities' recount has ${want[k] ?? 0}`);
      }
      return COUNTED.length;
    });
    // Yesterday's flows are settled: keep the state small.
    for (const k of Object.keys(this.state.flows)) if (!k.endsWith(date)) delete this.state.flows[k];
    for (const [id, i] of Object.entries(this.state.items)) if (i.status === 'closed') delete this.state.items[id];
    return checked;
  }
}
