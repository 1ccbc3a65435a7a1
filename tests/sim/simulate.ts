/**
 * `npm run simulate`: a seeded city, driven day by day through the deployed handlers on a fake
 * clock that jumps from event to event, checked against its own recount after every tick and every
 * day. A mismatch stops the run with the day and the item. The run's directory keeps DynamoDB
 * Local's files and a checkpoint after each day, so a stopped run resumes from the last whole day.
 */
import './env';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateCity } from './city/generate';
import { loadCity } from './city/load';
import type { SizeName } from './city/model';
import { Mismatch, People, type Sim } from './engine/context';
import { Agenda, SimClock, type SimEvent } from './engine/queue';
import { Random } from './engine/random';
import { clearStore, restoreStore, snapshotStore } from './engine/snapshot';
import { startWorld } from './engine/world';
import { Meter, type MeterSnapshot } from './meter';
import { priceSimulation, readLambdaConfig, type PriceReport } from './price';
import { addDaysTo, chinaMidnight, DAY_MS, SimCalendar } from './oracle';
import { SIZES } from './sizes';
import { emptyRequests, RequestsActor, type RequestsState } from './actors/requests';
import type { RequestFigures } from './actors/requests-model';
import { emptyStations, StationsActor, type StationsState } from './actors/stations';
import { BookingActor, emptyBooking, type BookingFigures, type BookingState } from './actors/booking';
import { emptyPoints, PointsActor, type PointsState } from './actors/points';
import { emptyNeeds, NeedsActor, type NeedsState } from './actors/needs';

export interface SimulateOptions {
  size: SizeName;
  seed?: number;
  /** The run's directory (DynamoDB Local's files and the checkpoint); absent: in memory, not resumable. */
  dir?: string;
  /** An already running DynamoDB Local (tests): the run's table lives there. */
  dbEndpoint?: string;
  table?: string;
  /**
   * Where DynamoDB Local keeps its working file (default `<dir>/db`): a directory in memory such as
   * /dev/shm spares the store its waits on the disk; the copy after each whole day stays in `dir`.
   */
  storeDir?: string;
  /** Continue from the checkpoint in `dir` instead of starting afresh. */
  resume?: boolean;
  /** Simulate fewer days than the size's (tests, trials). */
  days?: number;
  /** Start on another day than the size's (tests: the last days of the year, to see the year's close). */
  from?: string;
  /** Events run side by side within one minute of the fake clock. */
  concurrency?: number;
  /** Meter every invocation (consumed capacity and duration) and price the run. */
  price?: boolean;
  log?: (msg: string) => void;
  /** Runs at the end of each day before its checks (tests: to change something behind the product's back). */
  beforeChecks?: (sim: Sim) => Promise<void>;
}

export interface SimulateResult {
  size: SizeName;
  seed: number;
  days: number;
  /** The day and item of the first difference from the recount; null when there was none. */
  mismatch: { day: string; item: string; detail: string } | null;
  filed: number;
  /** Of the items filed, 12345 tickets. */
  hotline: number;
  escalations: number;
  escalationMaxLagSeconds: number;
  /** 接诉即办 beyond the grid's own loop: property matters (and refusals), grid team claims (and races), Open311 posts, photos. */
  requests: RequestFigures | null;
  /** 暖新驿站: searches, check-ins, reports and keepers' changes (null when the run did not start). */
  stations: Omit<StationsState, 'stations' | 'visitors' | 'active' | 'closedToday'> | null;
  checks: number;
  calls: number;
  serverErrors: string[];
  wallSeconds: number;
  /** The run's price (with `price`); null otherwise. */
  price: PriceReport | null;
  /** 延时服务: bookings made, cancelled, moved, no-shows, waitlisted … */
  booking: BookingFigures | null;
  /** 积分兑换 figures (activities, points credited, redemptions, sold-out answers, lapses). */
  points: PointsState['figures'] | null;
  /** 时间银行: needs posted, taken (and races lost), done, confirmed, cancelled, left untaken. */
  needs: NeedsState['figures'] | null;
  /** 时间银行 within families: links made, gifts of banked hours, minutes given, gifts refused over the yearly allowance. */
  family: NonNullable<NeedsState['family']>['figures'] | null;
}

interface Checkpoint {
  size: SizeName;
  seed: number;
  table: string;
  /** Days completed and checked. */
  done: number;
  /** The first simulated day. */
  from?: string;
  /** The year's close was done and checked (after the year's last day). */
  closed?: boolean;
  clock: number;
  agenda: ReturnType<Agenda['toJSON']>;
  requests: RequestsState;
  stations?: StationsState;
  booking?: BookingState;
  points?: PointsState;
  needs?: NeedsState;
  checks: number;
  calls: number;
  meter: MeterSnapshot | null;
}

const CHECKPOINT = 'checkpoint.json';

export async function simulate(o: SimulateOptions): Promise<SimulateResult> {
  const t0 = Date.now();
  const spec = SIZES[o.size];
  const seed = o.seed ?? 20270101;
  const log = o.log ?? (() => {});
  const days = Math.min(o.days ?? spec.days, spec.days);
  const saved = o.resume && o.dir && existsSync(path.join(o.dir, CHECKPOINT)) ? (JSON.parse(readFileSync(path.join(o.dir, CHECKPOINT), 'utf8')) as Checkpoint) : null;
  if (saved && (saved.size !== o.size || saved.seed !== seed)) throw new Error(`the checkpoint in ${o.dir} is of size ${saved.size}, seed ${saved.seed}`);
  const table = saved?.table ?? o.table ?? `linli-sim-${o.size}`;
  const from = saved?.from ?? o.from ?? spec.from;
  const firstMidnight = chinaMidnight(from);
  const clock = new SimClock(saved?.clock ?? firstMidnight - DAY_MS);
  const agenda = saved ? Agenda.fromJSON(saved.agenda) : new Agenda();
  const city = generateCity(spec, seed);
  log(`city: ${city.streets.length} streets, ${city.communities.length} communities, ${city.grids.length} grids, ${city.people.length} people`);
  if (o.dir && !saved && !o.resume) {
    // A fresh run starts from an empty store: an earlier run's files in the directory would be read as this city's.
    // (Resumed before its first checkpoint, the run goes on loading the city where it stopped: the loader skips loaded streets.)
    // Of a store elsewhere only DynamoDB Local's own file goes (the directory may hold other things: /dev/shm).
    if (o.storeDir) clearStore(o.storeDir);
    if (existsSync(o.dir)) {
      rmSync(path.join(o.dir, 'db'), { recursive: true, force: true });
      rmSync(path.join(o.dir, 'snapshots'), { recursive: true, force: true });
      rmSync(path.join(o.dir, CHECKPOINT), { force: true });
    }
  }
  if (o.dir) mkdirSync(o.dir, { recursive: true });
  const dataDir = o.dir && !o.dbEndpoint ? (o.storeDir ?? path.join(o.dir, 'db')) : undefined;
  const snapshots = o.dir ? path.join(o.dir, 'snapshots') : '';
  // Resumed: the store as it was at the end of the last whole day (when the run keeps its own files).
  const restored = !!(saved && dataDir && restoreStore(dataDir, snapshots, saved.done));
  if (saved) log(restored ? `resuming after day ${saved.done} from the store as it was then` : `resuming after day ${saved.done}; the store is as the run left it (that day is replayed over it)`);
  // The S3 stand-in's objects stay in the run's directory wherever the store's working file is (`storeDir`).
  const world = await startWorld({ clock, table, dataDir, s3Dir: dataDir && o.dir ? path.join(o.dir, 's3') : undefined, dbEndpoint: o.dbEndpoint });
  const meter = o.price ? (saved?.meter ? Meter.fromJSON(saved.meter, { endpoint: world.stack.db.endpoint }) : new Meter({ endpoint: world.stack.db.endpoint })) : null;
  world.api.meter = meter;
  world.meter = meter;
  const stats = { checks: saved?.checks ?? 0 };
  const callsBefore = saved?.calls ?? 0;
  let mismatch: Mismatch | null = null;
  let done = saved?.done ?? 0;
  let requests: RequestsActor | undefined;
  let rides: StationsActor | undefined;
  let booking: BookingActor | undefined;
  let points: PointsActor | undefined;
  let needs: NeedsActor | undefined;
  try {
    if (!saved) {
      const l0 = Date.now();
      await loadCity(city, { endpoint: world.stack.db.endpoint, table, now: clock.now(), onProgress: log });
      log(`loaded in ${((Date.now() - l0) / 1000).toFixed(1)} s`);
    }
    const sim: Sim = {
      seed, city, world, clock, agenda, cal: SimCalendar.load(), people: new People(city),
      today: { index: -1, date: '', start: 0, rng: new Random(seed) },
      replaying: false,
      rngFor: (key) => Random.forEvent(seed, key, clock.ms),
      schedule(at, kind, data) {
        agenda.add(Math.max(Math.ceil(at / 60000) * 60000, clock.ms), kind, data);
      },
      fail(item, detail) {
        throw new Mismatch(sim.today.date, item, detail);
      },
      log,
    };
    requests = new RequestsActor(sim, saved?.requests ?? emptyRequests());
    const req = requests;
    await req.setup(world.stack.db.endpoint, table);
    const ride = new StationsActor(sim, saved?.stations ?? emptyStations(), !!saved);
    rides = ride;
    booking = new BookingActor(sim, saved?.booking ?? emptyBooking(), (at) => req.tickAt(at));
    const bk = booking;
    const pts = (points = new PointsActor(sim, saved?.points ?? emptyPoints(), (due) => req.tickAt(due)));
    const nd = (needs = new NeedsActor(sim, saved?.needs ?? emptyNeeds(), pts));
    req.hazardVerified = (userId) => pts.hazardVerified(userId);
    const run: Record<string, (e: SimEvent) => Promise<void>> = {
      'req.file': (e) => req.file(e.data as Parameters<RequestsActor['file']>[0]),
      'req.hotline': (e) => req.hotline(e.data as Parameters<RequestsActor['hotline']>[0]),
      'req.accept': (e) => req.act(e.data as { id: string }, 'accept'),
      'req.resolve': (e) => req.act(e.data as { id: string }, 'resolve'),
      'req.rate': (e) => req.rate(e.data as { id: string }),
      'req.claim': (e) => req.claim(e.data as { id: string }),
      'req.open311': (e) => req.open311(e.data as Parameters<RequestsActor['open311']>[0]),
      'ride.visit': (e) => ride.visit(e.data as Parameters<StationsActor['visit']>[0]),
      'ride.outage': (e) => ride.outage(e.data as Parameters<StationsActor['outage']>[0]),
      'ride.shut': (e) => ride.shut(e.data as Parameters<StationsActor['shut']>[0]),
      'ride.close': (e) => ride.close(e.data as Parameters<StationsActor['close']>[0]),
      'pts.credit': (e) => pts.credit(e.data as Parameters<PointsActor['credit']>[0]),
      'pts.publish': (e) => pts.publish(e.data as Parameters<PointsActor['publish']>[0]),
      'pts.signup': (e) => pts.signup(e.data as Parameters<PointsActor['signup']>[0]),
      'pts.withdraw': (e) => pts.withdraw(e.data as Parameters<PointsActor['withdraw']>[0]),
      'pts.checkin': (e) => pts.checkIn(e.data as Parameters<PointsActor['checkIn']>[0]),
      'pts.confirm': (e) => pts.confirm(e.data as Parameters<PointsActor['confirm']>[0]),
      'pts.report': (e) => pts.report(e.data as Parameters<PointsActor['report']>[0]),
      'pts.decide': (e) => pts.decide(e.data as Parameters<PointsActor['decide']>[0]),
      'pts.redeem': (e) => pts.redeem(e.data as Parameters<PointsActor['redeem']>[0]),
      'pts.restock': (e) => pts.restock(e.data as Parameters<PointsActor['restock']>[0]),
      'pts.grab': (e) => pts.grab(e.data as Parameters<PointsActor['grab']>[0]),
      'pts.collect': (e) => pts.collect(e.data as Parameters<PointsActor['collect']>[0]),
      'pts.cancel': (e) => pts.cancel(e.data as Parameters<PointsActor['cancel']>[0]),
      ...bk.handlers(),
      ...nd.handlers(),
      tick: async (e) => pts.afterTick(await req.tick(e.data as { minute: number })),
    };
    const save = () => {
      if (!o.dir) return;
      const cp: Checkpoint = { size: o.size, seed, table, done, from, closed, clock: clock.ms, agenda: agenda.toJSON(), requests: req.state, stations: ride.state, checks: stats.checks, calls: callsBefore + world.api.counts.calls, meter: meter?.snapshot() ?? null };
      cp.booking = bk.state;
      cp.points = pts.state;
      cp.needs = nd.state;
      writeFileSync(path.join(o.dir, `${CHECKPOINT}.tmp`), JSON.stringify(cp));
      renameSync(path.join(o.dir, `${CHECKPOINT}.tmp`), path.join(o.dir, CHECKPOINT));
    };
    let closed = saved?.closed ?? false;
    if (!saved && dataDir) snapshotStore(dataDir, snapshots, 0); // the loaded city, before its first day
    save();
    while (done < days) {
      const date = addDaysTo(from, done);
      const start = chinaMidnight(date);
      const dayWall = Date.now();
      sim.today = { index: done, date, start, rng: Random.forDay(seed, done) };
      sim.replaying = saved !== null && !restored && done === saved.done;
      clock.set(Math.max(clock.ms, start));
      req.planDay();
      ride.planDay();
      bk.planDay();
      pts.planDay();
      nd.planDay();
      const end = start + DAY_MS;
      while (agenda.peek() && agenda.peek()!.at < end) {
        const batch = agenda.nextBatch();
        clock.set(batch[0]!.at);
        await runBatch(batch, run, o.concurrency ?? 4);
      }
      clock.set(end - 1000);
      await o.beforeChecks?.(sim);
      stats.checks += await req.checkDay();
      stats.checks += await ride.checkDay();
      stats.checks += await bk.checkDay();
      stats.checks += await nd.checkDay();
      stats.checks += await pts.checkDay();
      if (world.api.serverErrors.length) sim.fail('server errors', world.api.serverErrors.slice(0, 3).join(' | '));
      clock.set(end);
      done++; // before saving: the checkpoint counts this day as done
      if (dataDir) snapshotStore(dataDir, snapshots, done); // before the checkpoint that points at it
      save();
      log(`${date}: ${bk.summary()}`);
      log(`${date}: points ${JSON.stringify(pts.state.figures)}`);
      log(`${date}: ${req.state.filed} filed (${req.state.hotline} by 12345), ${req.state.escalations} escalation steps, ${JSON.stringify(req.state.figures)}, worst lag ${req.state.maxLagSeconds} s, day done in ${((Date.now() - dayWall) / 1000).toFixed(0)} s, ${world.api.counts.calls} calls (${(world.api.counts.ms / 1000).toFixed(0)} s), ${world.ticks.count} ticks (${(world.ticks.ms / 1000).toFixed(0)} s)`);
    }
    // A run that ends on 31 December closes the year: everything earned in it expires on the new year's first ticks.
    const last = addDaysTo(from, done - 1);
    if (done === days && last.endsWith('-12-31') && !closed) {
      sim.today = { index: done, date: addDaysTo(last, 1), start: chinaMidnight(addDaysTo(last, 1)), rng: Random.forDay(seed, done) };
      const close = await pts.closeYear(Number(last.slice(0, 4)));
      stats.checks += close.checks;
      closed = true;
      save();
      log(`${last.slice(0, 4)} closed: ${close.expiredPoints} points of ${close.people} people expired in ${close.ticks} ticks`);
    }
  } catch (e) {
    if (!(e instanceof Mismatch)) throw e;
    mismatch = e;
    log(e.message);
  } finally {
    meter?.stop();
    await world.stop();
  }
  const price = meter
    ? priceSimulation({
        snapshot: meter.snapshot(),
        lambda: readLambdaConfig(),
        volume: { requestsFiled: requests?.state.filed ?? 0, bookings: booking?.state.figures.made ?? 0, redemptions: points?.state.figures.redemptions ?? 0, days: done },
        kinds: { requestFiled: 'request_filed', booking: 'booking', redemption: 'redemption' },
      })
    : null;
  return {
    size: o.size,
    seed,
    days: done,
    mismatch: mismatch ? { day: mismatch.day, item: mismatch.item, detail: mismatch.detail } : null,
    filed: requests?.state.filed ?? 0,
    hotline: requests?.state.hotline ?? 0,
    escalations: requests?.state.escalations ?? 0,
    escalationMaxLagSeconds: requests?.state.maxLagSeconds ?? 0,
    requests: requests?.state.figures ?? null,
    stations: rides ? stationFigures(rides.state) : null,
    checks: stats.checks,
    calls: callsBefore + world.api.counts.calls,
    serverErrors: world.api.serverErrors,
    wallSeconds: (Date.now() - t0) / 1000,
    price,
    booking: booking?.state.figures ?? null,
    points: points?.state.figures ?? null,
    needs: needs?.state.figures ?? null,
    family: needs?.state.family?.figures ?? null,
  };
}

const stationFigures = ({ stations: _s, visitors: _v, active: _a, closedToday: _c, ...figures }: StationsState) => figures;

/** Runs one minute's events: those of different items side by side, those of one item in order, then the tick. */
async function runBatch(batch: SimEvent[], run: Record<string, (e: SimEvent) => Promise<void>>, concurrency: number): Promise<void> {
  const ticks = batch.filter((e) => e.kind === 'tick');
  const groups = new Map<string, SimEvent[]>();
  for (const e of batch) {
    if (e.kind === 'tick') continue;
    const key = (e.data as { key?: string }).key ?? `${e.seq}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  const queue = [...groups.values()];
  await Promise.all(
    Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
      for (let g = queue.shift(); g; g = queue.shift()) {
        for (const e of g) {
          const fn = run[e.kind];
          if (!fn) throw new Error(`no actor for ${e.kind}`);
          await fn(e);
        }
      }
    }),
  );
  if (ticks.length) await run.tick!(ticks[0]!);
}
