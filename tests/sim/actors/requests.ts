/**
 * 接诉即办 in the simulation: residents file from the phone on the daily and weekly profile, staff
 * accept and resolve with realistic delays (some late, so items escalate), residents rate (some
 * unsatisfied, so items reopen); property matters go to the company serving the compound, whose staff
 * refuse some back to the grid; grid team specialists claim items of their groups (requests-team.ts).
 * The recount follows every acknowledged change and checks, after each tick, that every item due was
 * escalated exactly once at the first tick after its deadline (deadlines recomputed here from the
 * calendar files: working days and 调休), and each day that every dashboard and 红黑榜 equals the
 * recount (requests-checks.ts).
 */
import type { HotlineImportResponse, RequestDetail } from '@linli/shared';
import { DynamoApiKeyRepository } from '../../../functions/src/platform/adapters/dynamodb/api-key-repository';
import { makeDocumentClient } from '../../../functions/src/platform/adapters/dynamodb/client';
import { sha256 } from '../../../functions/src/platform/adapters/hash';
import { wgs84ToGcj02 } from '../../../functions/src/platform/domain/geo/datum';
import type { Sim } from '../engine/context';
import { chinaDate } from '../oracle';
import { dayFactor, minuteOfDay } from '../profile';
import { checkRequestsDay, checkStage, stageOf } from './requests-checks';
import { type Open311Post, open311Key, planHotline, planOpen311, postOpen311, staffDelay, workTime } from './requests-intake';
import {
  CATEGORY, type Counted, dueOf, emptyRequestFigures, FILED, FILINGS_PER_USER_DAY, hotlineKey, type Item, OPEN, PROPERTY_FILED, type RequestsState, type Ticket, type TickReport,
} from './requests-model';
import { FILINGS_WITH_PHOTOS, uploadPhotos } from './requests-photos';
import { RequestTeams } from './requests-team';

/** Property matters the company's staff refuse back to the grid (退单). */
const PROPERTY_REFUSALS = 0.2;

export { emptyRequests, type RequestsState } from './requests-model';

export class RequestsActor {
  private teams: RequestTeams;
  /** The points recount's credit for a resident's safety report that proved real (set once the points actor exists). */
  hazardVerified: (userId: string) => void = () => {};

  constructor(
    private sim: Sim,
    readonly state: RequestsState,
  ) {
    this.teams = new RequestTeams(sim);
    // Checkpoints written before property matters and claims were simulated.
    state.companyFlows ??= {};
    state.figures ??= emptyRequestFigures();
  }

  /** A flow of the item's community today, and of its property company's row when it is a property matter. */
  private count(i: Item, at: number, key: Counted): void {
    const day = chinaDate(at);
    const f = (this.state.flows[`${i.communityId}|${day}`] ??= {});
    f[key] = (f[key] ?? 0) + 1;
    if (!i.companyId) return;
    const c = (this.state.companyFlows![`${i.communityId}|${i.companyId}|${day}`] ??= {});
    c[key] = (c[key] ?? 0) + 1;
  }

  /** The deployed tick at the first whole minute at or after `due`, once per minute: shared by every actor (the only `tick` event). */
  tickAt(due: number): void {
    const minute = Math.ceil(due / 60000) * 60000;
    if (this.state.ticks.includes(minute)) return;
    this.state.ticks.push(minute);
    this.sim.schedule(minute, 'tick', { minute });
  }

  /** The 12345 platform's and the 数字城管 system's API keys of every street (put again on a resumed run: they may be newer than its store). */
  async setup(endpoint: string, table: string): Promise<void> {
    const doc = makeDocumentClient({ region: 'local', endpoint });
    const keys = new DynamoApiKeyRepository(doc, table);
    for (const st of this.sim.city.streets) {
      await keys.put(sha256(hotlineKey(this.sim.seed, st.id)), { partnerId: `hotline-${st.id}`, name: `${st.city}12345热线`, streetId: st.id, scopes: ['hotline'] });
      await keys.put(sha256(open311Key(this.sim.seed, st.id)), { partnerId: `szcg-${st.id}`, name: `${st.city}数字城管`, streetId: st.id, scopes: ['open311'] });
    }
    doc.destroy();
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
      checkStage(this.sim, q, now, `12345 ticket ${it.externalId} (${q.id})`, hotlineDue);
      this.admit(q, { tag: it.externalId, streetId: d.streetId, reporterId: null, hotlineDue }, now);
      this.state.hotline++;
    }
  }

  /** An acknowledged new item, followed from now on: counted as filed, its staff's steps planned. */
  private admit(q: RequestDetail, o: Pick<Item, 'tag' | 'streetId' | 'reporterId' | 'hotlineDue'> & Partial<Pick<Item, 'compound' | 'companyId' | 'via'>>, now: number): void {
    const item: Item = {
      id: q.id, communityId: q.communityId, categoryId: q.categoryId, level: q.level, status: q.status, version: q.version, gridId: q.gridId,
      acceptBy: q.acceptBy ? Date.parse(q.acceptBy) : null, resolveBy: q.resolveBy ? Date.parse(q.resolveBy) : null, flaggedFor: null, steps: 0, accepted: false, resolved: false, ...o,
    };
    this.state.items[q.id] = item;
    this.state.filed++;
    this.count(item, now, 'filed');
    this.plan(item, 'req.accept', now);
    this.planClaim(item, now);
  }

  /** The city's 数字城管 posts what its inspectors found through Open311; the item must enter the grid's queue like any other. */
  async open311(d: Open311Post): Promise<void> {
    const { sim } = this;
    const id = await postOpen311(sim, d);
    if (this.state.items[id]) return; // a resumed day replaying its post (the same Idempotency-Key)
    const q = await this.readAs(id, d.streetId, true);
    const now = sim.clock.ms;
    if (q.source !== 'open311' || q.categoryId !== d.categoryId || q.communityId !== d.communityId) sim.fail(`Open311 post ${d.key}`, `stored as ${q.source} ${q.categoryId} in ${q.communityId}`);
    checkStage(this.sim, q, now, `Open311 post ${d.key} (${q.id})`);
    this.admit(q, { tag: d.key, streetId: d.streetId, reporterId: null, hotlineDue: null, via: 'open311' }, now);
    this.state.figures!.open311 = (this.state.figures!.open311 ?? 0) + 1;
  }

  /** Today's filings, spread over the day's profile. */
  planDay(): void {
    const { sim } = this;
    const r = sim.today.rng;
    const factor = dayFactor(sim.today.date, sim.cal);
    const filed = [...FILED, ...PROPERTY_FILED];
    const weights = filed.map(([, w]) => w);
    planHotline(sim, r, factor);
    planOpen311(sim);
    for (const [communityId, residents] of sim.people.residentsOf) {
      const n = r.poisson(residents.length * FILINGS_PER_USER_DAY * factor);
      for (let k = 0; k < n; k++) {
        // The likelier filers are the more active people.
        let who = r.pick(residents);
        for (let tries = 0; tries < 4 && !r.chance(who.activity); tries++) who = r.pick(residents);
        const at = sim.today.start + minuteOfDay(r) * 60000;
        sim.schedule(at, 'req.file', { key: `file-${sim.today.index}-${communityId}-${k}`, userId: who.user.id, categoryId: filed[r.weighted(weights)]![0] });
      }
    }
  }

  async file(d: { key: string; userId: string; categoryId: string }): Promise<void> {
    const { sim } = this;
    const person = sim.people.byId.get(d.userId)!;
    const r = sim.rngFor(d.key);
    const point = wgs84ToGcj02({ lat: person.home.lat + (r.next() - 0.5) * 0.0002, lng: person.home.lng + (r.next() - 0.5) * 0.0002 });
    const category = CATEGORY.get(d.categoryId)!;
    // A property matter is filed for the resident's own compound; one a company serves goes to its staff.
    const home = category.propertyItem ? this.teams.homeCompound(person.user) : null;
    // Photos taken on the phone. (A day replayed over a shared store uploads anew: a filing the stopped attempt made
    // with photos would then differ from its first body under the same key; runs that keep their store never replay so.)
    const shots = r.chance(FILINGS_WITH_PHOTOS) ? 1 + r.int(2) : 0;
    const photos = await uploadPhotos(sim, person.user, shots, `filing ${d.key}`);
    this.state.figures!.photos = (this.state.figures!.photos ?? 0) + shots;
    const res = await sim.world.api.call<{ request: RequestDetail }>(person.user, 'POST', '/requests', {
      key: `sim-${sim.seed}-${d.key}`,
      kind: 'request_filed',
      body: { categoryId: d.categoryId, description: `${category.name}：${person.user.address?.building ?? '小区'}附近，请尽快处理`, location: point, ...(home ? { compound: home.compound } : {}), ...(shots ? { photos } : {}) },
    });
    if (res.status !== 201 && res.status !== 200) sim.fail(`filing ${d.key}`, `answered ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    const q = res.body.request;
    const now = sim.clock.ms;
    checkStage(this.sim, q, now, `filing ${q.id}`);
    if (q.photos.length !== shots) sim.fail(`filing ${q.id}`, `${shots} photos attached, the item shows ${q.photos.length}`);
    if ((q.level === 'property') !== !!home || (home && q.compound !== home.compound)) {
      sim.fail(`filing ${q.id}`, `${d.categoryId} for compound ${home?.compound ?? 'none'} went to ${q.level} (compound ${q.compound}); the recount expects ${home ? 'its property company' : 'the grid route'}`);
    }
    if (this.state.items[q.id]) return; // a resumed day replaying its filing
    this.admit(q, { tag: d.key, streetId: person.user.streetId!, reporterId: person.user.id, hotlineDue: null, compound: home?.compound ?? null, companyId: home?.companyId ?? null }, now);
    if (home) this.state.figures!.propertyFiled++;
  }

  /** A grid team specialist claims the item from the team queue some minutes after it reaches the grid (sometimes with the grid worker). */
  private planClaim(i: Item, now: number): void {
    if (i.status !== 'submitted' || i.claimedBy || !this.teams.claimable(i)) return;
    const r = this.sim.rngFor(`claim-at-${i.tag ?? i.id}-${i.steps}`);
    this.sim.schedule(workTime(this.sim.cal, now + r.logNormal(0.5, 0.8) * 3600_000), 'req.claim', { key: i.id, id: i.id });
  }

  async claim(d: { id: string }): Promise<void> {
    const i = this.state.items[d.id];
    if (!i || i.level !== 'grid' || i.status !== 'submitted' || i.claimedBy) return;
    const claimers = this.teams.claimers(i);
    if (!claimers.length) return;
    if (this.sim.replaying) {
      // The stopped attempt may have claimed it at this very minute: take its claim instead of claiming twice.
      const q = await this.read(i, true);
      if (this.replayed(q, 'claimed', this.sim.clock.ms)) {
        i.claimedBy = q.assigneeId;
        this.sync(i, q);
        return;
      }
    }
    const { by, request } = await this.teams.claim(i, claimers);
    this.state.figures!.claims++;
    if (claimers.length > 1) this.state.figures!.races++;
    this.sync(i, request);
    i.claimedBy = by.id;
  }

  private plan(item: Item, kind: 'req.accept' | 'req.resolve', now: number): void {
    const due = dueOf(item);
    this.sim.schedule(staffDelay(this.sim.cal, this.sim.rngFor(`${kind}-${item.tag ?? item.id}`), now, due), kind, { key: item.id, id: item.id });
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
    if (i.level === 'property') return this.teams.propertyStaffOf(i);
    if (i.level === 'grid' && i.claimedBy) return people.user(i.claimedBy);
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
    if (q.level !== i.level) i.claimedBy = null; // a claim holds while the item waits at the grid
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
    // Property staff refuse some matters back (退单: not theirs, e.g. a public road outside the compound).
    if (action === 'accept' && i.level === 'property' && sim.rngFor(`refuse-${i.tag ?? i.id}-${i.steps}`).chance(PROPERTY_REFUSALS)) return this.refuse(i, q, now);
    // Replaying: the stopped attempt did it at this minute; the item has moved on since, so take the state that step left.
    const done = this.replayed(q, action === 'accept' ? 'accepted' : 'resolved', now);
    let after: Pick<RequestDetail, 'level' | 'status' | 'version' | 'acceptBy' | 'resolveBy'> | null = done
      ? { level: done.level, status: done.status, version: q.version, acceptBy: q.acceptBy, resolveBy: q.resolveBy }
      : null;
    if (!after) {
      if (q.status !== i.status || q.level !== i.level) sim.fail(i.id, `the item is ${q.status} at ${q.level}, the recount has ${i.status} at ${i.level}`);
      i.version = q.version;
      const by = this.handler(i);
      // Closing an item of a category that needs it takes an "after" photo from the spot.
      const shots = action === 'resolve' && CATEGORY.get(i.categoryId)!.requiresAfterPhoto ? await uploadPhotos(sim, by, 1, i.id) : [];
      this.state.figures!.afterPhotos = (this.state.figures!.afterPhotos ?? 0) + shots.length;
      const body = action === 'accept' ? { action, version: i.version } : { action, version: i.version, result: '已到现场处理完毕，已向居民反馈', photos: shots };
      const res = await sim.world.api.call<{ request: RequestDetail }>(by, 'POST', `/requests/${i.id}/actions`, { body, kind: `request_${action}` });
      if (res.status !== 200) sim.fail(i.id, `${action} by the ${i.level} answered ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      after = res.body.request;
    }
    if (action === 'accept') {
      if (!i.accepted) {
        this.count(i, now, 'accepted');
        if (i.acceptBy !== null && now <= i.acceptBy) this.count(i, now, 'acceptedOnTime');
      }
      i.accepted = true;
    } else {
      if (!i.resolved) {
        this.count(i, now, 'resolved');
        if (i.resolveBy !== null && now <= i.resolveBy) this.count(i, now, 'resolvedOnTime');
        // A resident's report of a hazard, resolved the first time: it earns him points (随手拍 proved real).
        if (i.reporterId && CATEGORY.get(i.categoryId)!.urgent) this.hazardVerified(i.reporterId);
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

  /** The company's staff refuse the matter: it goes back to the grid (the community where it has none) with a fresh stage. */
  private async refuse(i: Item, q: RequestDetail, now: number): Promise<void> {
    const { sim } = this;
    const done = this.replayed(q, 'refused', now);
    let after: Pick<RequestDetail, 'level' | 'status' | 'version' | 'acceptBy' | 'resolveBy'>;
    if (done) {
      const stage = stageOf(this.sim, i.categoryId, done.level, now, i.hotlineDue);
      after = { level: done.level, status: done.status, version: q.version, acceptBy: new Date(stage.acceptBy).toISOString(), resolveBy: new Date(stage.resolveBy).toISOString() };
    } else {
      if (q.status !== i.status || q.level !== i.level) sim.fail(i.id, `the item is ${q.status} at ${q.level}, the recount has ${i.status} at ${i.level}`);
      const body = { action: 'refuse', version: q.version, reason: '不属于物业服务范围，请网格协调处理' };
      const res = await sim.world.api.call<{ request: RequestDetail }>(this.handler(i), 'POST', `/requests/${i.id}/actions`, { body, kind: 'request_refuse' });
      if (res.status !== 200) sim.fail(i.id, `refusal by the property staff answered ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      after = res.body.request;
      const back = i.gridId ? 'grid' : 'community';
      if (after.level !== back || after.status !== 'submitted') sim.fail(i.id, `refused by its property staff it went to ${after.level} (${after.status}); the recount expects ${back}`);
      checkStage(this.sim, res.body.request, now, `refusal of ${i.id}`, i.hotlineDue);
    }
    this.count(i, now, 'refused');
    this.state.figures!.propertyRefused++;
    this.sync(i, after);
    this.plan(i, 'req.accept', now);
    this.planClaim(i, now);
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
      const stage = stageOf(this.sim, seen.categoryId, step.level, now, i.hotlineDue);
      after = { ...seen, level: step.level, status: step.status, acceptBy: new Date(stage.acceptBy).toISOString(), resolveBy: new Date(stage.resolveBy).toISOString() };
    }
    if (!after) {
      const res = await sim.world.api.call<{ request: RequestDetail }>(sim.people.user(i.reporterId!), 'POST', `/requests/${i.id}/rating`, {
        body: { score, solved: satisfied, satisfied, comment: null },
        kind: 'request_rated',
      });
      if (res.status !== 200) sim.fail(i.id, `rating answered ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      after = res.body.request;
    }
    this.count(i, now, 'rated');
    if (satisfied) {
      this.count(i, now, 'satisfied');
      this.count(i, now, 'closed');
    } else {
      this.count(i, now, 'reopened');
    }
    this.sync(i, after);
    if (!satisfied) {
      checkStage(this.sim, after, now, `reopening ${i.id}`, i.hotlineDue);
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
        this.count(i, now, 'escalated');
        if (!movedOn) checkStage(this.sim, q, now, `escalation of ${i.id}`, i.hotlineDue);
      } else {
        i.flaggedFor = deadline;
      }
      if (movedOn) {
        const e = mine[0]!;
        Object.assign(i, { level: e.level, status: e.status }, e.type === 'escalated' ? stageOf(this.sim, i.categoryId, e.level, now, i.hotlineDue) : {});
      } else this.sync(i, q);
      // A stage born overdue (a passed 12345 deadline) is flagged with its escalation, not escalated again.
      if (dueOf(i) !== null && dueOf(i)! <= now) i.flaggedFor = dueOf(i);
      const next = dueOf(i);
      if (next !== null && i.flaggedFor !== next) this.tickAt(next);
      if (mine[0]!.type === 'escalated' && !movedOn) this.planClaim(i, now);
    }
    return report;
  }

  /** Every community's and street's dashboard and every 红黑榜 for today against the recount. */
  checkDay(): Promise<number> {
    return checkRequestsDay(this.sim, this.state);
  }
}
