/**
 * Hot spot: the Monday-morning wave. Thousands of open requests of one community fall due in the
 * same minute (Monday 09:00 Asia/Shanghai) and the every-minute tick must escalate them all, once
 * each, within that minute or the next, while every escalation adds to the same community's daily
 * counters. Used by the integration test (tests/integration/escalation-wave.int.test.ts), the
 * simulation and the benchmark (`npm run bench -- wave`).
 *
 * Dates are in 2027: DynamoDB Local's TTL runs on the real clock, so nothing here is stamped in the past.
 */
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../../../functions/src/composition';
import { makeDocumentClient } from '../../../functions/src/platform/adapters/dynamodb/client';
import { transactStats } from '../../../functions/src/platform/adapters/dynamodb/transact';
import { runTick, type TickTask } from '../../../functions/src/platform/domain/tick';
import { requestItem } from '../../../functions/src/requests/adapters/request-items';
import { escalationTask, type EscalationOptions } from '../../../functions/src/requests/domain/escalation';
import { newRequest, type ServiceRequest } from '../../../functions/src/requests/domain/request';
import type { RequestRepository } from '../../../functions/src/requests/ports';
import { demoCategories } from '../../../infra/local/demo-categories';
import { ensureMainTable } from '../../../infra/local/dynamodb-local';
import { seedDemo } from '../../../infra/local/seed';
import { LOCAL_SESSION_SECRET } from '../../../infra/local/stack';
import { CN_CALENDAR } from '../../support/calendar';

/** Monday 1 March 2027, 09:00 in Asia/Shanghai: the minute the wave falls due. */
export const WAVE_MINUTE = '2027-03-01T01:00:00.000Z';
export const WAVE_COMMUNITY = 'cm-mingshan';
const GRIDS = ['gd-ms-1', 'gd-ms-2', 'gd-ms-3'];
const ROAD = demoCategories.find((c) => c.id === 'fix-road')!;
/** The grid's time to accept a `fix-road` item (24 hours, not working hours). */
const GRID_ACCEPT_MS = 24 * 3600_000;

/**
 * `n` open requests of the demo community (spread over its three grids, at the grid, not accepted),
 * filed the day before and due at the grid within the minute from `minute` (deadlines spread over it).
 */
export function waveRequests(n: number, minute = WAVE_MINUTE, tag = 'wave'): ServiceRequest[] {
  const start = Date.parse(minute);
  return Array.from({ length: n }, (_, i) => {
    // Due somewhere in the minute: filed 24 hours (the grid's time to accept) before, on Sunday morning.
    const deadline = new Date(start + Math.floor((i * 60_000) / n)).toISOString();
    const filed = new Date(Date.parse(deadline) - GRID_ACCEPT_MS);
    const r = newRequest({
      id: `${tag}-${String(i).padStart(6, '0')}`,
      source: 'resident',
      category: ROAD,
      description: `周一早高峰到期事项 ${i}`,
      photos: [],
      location: { lat: 29.601 + (i % 97) * 0.00008, lng: 103.471 + (i % 3) * 0.008 },
      sourceDatum: 'wgs84',
      address: null,
      anonymous: false,
      reporter: { id: `u-wave-${i % 500}`, name: '居民', phone: null },
      streetId: 'st-suishan',
      communityId: WAVE_COMMUNITY,
      gridId: GRIDS[i % GRIDS.length]!,
      now: filed,
      calendar: CN_CALENDAR,
      actor: null,
    }).next;
    // Stored deadlines are what the calendar gives (the deadline task would otherwise recompute them).
    if (r.acceptBy !== deadline) throw new Error(`expected ${ROAD.id} to be due at ${deadline}, got ${r.acceptBy}`);
    return r;
  });
}

/** Writes the requests as stored items, 25 a batch, eight batches at a time (seeding, not the product's path). */
export async function seedRequests(doc: DynamoDBDocumentClient, table: string, requests: readonly ServiceRequest[]): Promise<void> {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < requests.length; i += 25) batches.push(requests.slice(i, i + 25).map(requestItem));
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < batches.length) {
        let pending: Record<string, unknown>[] = batches[next++]!.map((Item) => ({ PutRequest: { Item } }));
        while (pending.length) {
          const out = await doc.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
          pending = (out.UnprocessedItems?.[table] ?? []) as Record<string, unknown>[];
        }
      }
    }),
  );
}

export interface WaveTicks {
  /** Items escalated (and flagged) in all. */
  escalated: number;
  /** Worst (fake time escalated − deadline) over the items, in seconds. */
  maxLagSeconds: number;
  /** Ticks that handled something. */
  ticks: number;
  /** Items lost to a conflicting write (counted by the task, retried next tick). */
  conflicts: number;
  /** Transaction conflicts retried inside the writes (hot counter items). */
  conflictRetries: number;
  wallSeconds: number;
  /** Per tick: scheduled minute, items handled, wall seconds, whether work was left. */
  perTick: { at: string; handled: number; wallSeconds: number; more: boolean }[];
}

/**
 * Runs the tick as the scheduler would: at each minute of the fake clock from `firstTick`, one tick
 * (escalation with the given options, then the other tasks); a tick longer than a minute of wall time
 * makes the next start late. The fake time of an escalation is its tick's minute plus the wall time
 * elapsed in the tick when it was written. Stops after a tick with nothing left due and nothing handled.
 */
export async function runWaveTicks(
  deps: Deps,
  deadlines: ReadonlyMap<string, string>,
  opts: { firstTick: string; escalation?: Omit<EscalationOptions, 'budget'>; maxTicks?: number },
): Promise<WaveTicks> {
  const wallStart = performance.now();
  const retriesBefore = transactStats.conflictRetries;
  let tickStartWall = 0;
  let tickFake = 0;
  let maxLag = 0;
  // Each escalation's fake time: taken when its write returns.
  const requests: RequestRepository = new Proxy(deps.requests, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (prop !== 'save' || typeof value !== 'function') return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      return async (...args: Parameters<RequestRepository['save']>) => {
        const out = await (value as RequestRepository['save']).apply(target, args);
        const deadline = deadlines.get(args[0].id);
        if (deadline) maxLag = Math.max(maxLag, (tickFake + (performance.now() - tickStartWall) - Date.parse(deadline)) / 1000);
        return out;
      };
    },
  });
  const tickDeps = Object.create(deps, { requests: { value: requests } }) as Deps;
  const escalation = { ...opts.escalation, concurrency: opts.escalation?.concurrency ?? deps.config.ESCALATION_CONCURRENCY };
  const tasks: TickTask[] = [escalationTask(tickDeps, escalation), ...(await import('../../../functions/src/composition')).tickTasks(deps).filter((t) => t.name !== 'requests.escalate')];
  const out: WaveTicks = { escalated: 0, maxLagSeconds: 0, ticks: 0, conflicts: 0, conflictRetries: 0, wallSeconds: 0, perTick: [] };
  let scheduled = Date.parse(opts.firstTick);
  let lastEnd = 0; // fake time the previous tick ended
  const lastDeadline = Math.max(...[...deadlines.values()].map(Date.parse));
  for (let i = 0; i < (opts.maxTicks ?? 30); i++) {
    tickFake = Math.max(scheduled, lastEnd);
    const now = new Date(tickFake);
    tickStartWall = performance.now();
    await deps.prepare(now);
    const timed = tasks.map((t): TickTask => ({ ...t, run: async (n, b) => { const s = performance.now(); try { return await t.run(n, b); } finally { if (process.env.LINLI_WAVE_DEBUG) process.stderr.write(`# ${t.name} ${Math.round(performance.now() - s)} ms\n`); } } }));
    const report = await runTick(timed, now, (message, context) => process.stderr.write(`# ${message} ${JSON.stringify(context).slice(0, 500)}\n`));
    const wall = (performance.now() - tickStartWall) / 1000;
    lastEnd = tickFake + wall * 1000;
    const r = report['requests.escalate'];
    if (!r || 'error' in r) throw new Error(`escalation failed: ${r ? r.error : 'no report'}`);
    const stats = r.stats as { escalated: number; flagged: number; conflicts: number };
    out.escalated += stats.escalated + stats.flagged;
    out.conflicts += stats.conflicts;
    if (r.handled > 0) out.ticks++;
    out.perTick.push({ at: now.toISOString(), handled: r.handled, wallSeconds: Math.round(wall * 10) / 10, more: r.more });
    if (!r.more && r.handled === 0 && tickFake > lastDeadline) break;
    scheduled += 60_000;
  }
  out.maxLagSeconds = Math.round(maxLag * 10) / 10;
  out.conflictRetries = transactStats.conflictRetries - retriesBefore;
  out.wallSeconds = Math.round((performance.now() - wallStart) / 100) / 10;
  return out;
}

/** The environment the composition reads, for a bench or simulation on its own DynamoDB Local. */
export const waveEnv = (endpoint: string, table: string): Record<string, string> => ({
  STAGE: 'bench',
  AWS_REGION: 'local',
  TABLE_NAME: table,
  DYNAMODB_ENDPOINT: endpoint,
  SESSION_SECRET: LOCAL_SESSION_SECRET,
  WECHAT_API_BASE: 'http://127.0.0.1:9',
  WECHAT_APP_ID: 'bench',
  WECHAT_APP_SECRET: 'bench',
  UPLOAD_BUCKET: 'bench-uploads',
});

/**
 * The whole hot spot on a table of its own: the demo city, `items` requests of one community due in
 * Monday 09:00's minute, and the ticks from 09:00 until nothing is due. Checks the community's
 * `escalated` counter (summed over its shards, as the dashboard reads it) against the count.
 */
export async function mondayWave(opts: { endpoint: string; table: string; items: number; concurrency?: number }): Promise<WaveTicks & { items: number; seedSeconds: number; counterEscalated: number }> {
  const t0 = performance.now();
  await ensureMainTable(opts.endpoint, opts.table);
  await seedDemo(opts.endpoint, opts.table);
  const doc = makeDocumentClient({ region: 'local', endpoint: opts.endpoint });
  const requests = waveRequests(opts.items);
  await seedRequests(doc, opts.table, requests);
  doc.destroy();
  const seedSeconds = Math.round((performance.now() - t0) / 100) / 10;
  Object.assign(process.env, waveEnv(opts.endpoint, opts.table));
  const composition = await import('../../../functions/src/composition');
  composition.resetDeps();
  const deps = composition.getDeps();
  const deadlines = new Map(requests.map((r) => [r.id, r.acceptBy!]));
  const ticks = await runWaveTicks(deps, deadlines, { firstTick: WAVE_MINUTE, escalation: { concurrency: opts.concurrency } });
  const day = '2027-03-01';
  const counters = (await deps.requests.countersOfCommunity(WAVE_COMMUNITY, day, day)).of('community', WAVE_COMMUNITY);
  return { items: opts.items, ...ticks, seedSeconds, counterEscalated: counters.escalated ?? 0 };
}
