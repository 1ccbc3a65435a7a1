/**
 * `npm run bench -- city` (also part of the full bench): a year of one district through the real
 * handlers, checked against its recount and priced (tests/sim); the Monday-morning wave; the rush hot
 * spots (tests/bench/hotspots.ts). `LINLI_SIM_DAYS` sets the simulated period (default 28 days).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDynamoLocal } from '../../infra/local/dynamodb-local';
import { simulate } from '../sim/simulate';
import { cityHotspots } from './hotspots';

type Emit = (bench: string, metric: string, value: number, extra?: Record<string, unknown>) => void;
type Env = (endpoint: string, table: string) => Record<string, string>;

/** 10,000 requests of one community due in the same minute (Monday 09:00), escalated by the tick. */
export async function waveBench(emit: Emit, log: (m: string) => void): Promise<number> {
  const { mondayWave } = await import('../sim/hotspots/wave');
  const db = await startDynamoLocal();
  try {
    const items = Number(process.env.LINLI_WAVE_ITEMS ?? 10_000);
    log(`wave: ${items} requests of one community due in one minute, escalated by the tick`);
    const w = await mondayWave({ endpoint: db.endpoint, table: 'bench-wave', items });
    emit('city', 'wave_escalation_max_lag_s', w.maxLagSeconds, {
      items: w.items, escalated: w.escalated, counter_escalated: w.counterEscalated, ticks: w.ticks, conflicts: w.conflicts,
      conflict_retries: w.conflictRetries, wall_s: w.wallSeconds, seed_s: w.seedSeconds, per_tick: w.perTick,
    });
    return w.maxLagSeconds;
  } finally {
    await db.stop();
  }
}

/** The district's year: recount mismatches (target 0), the price, the worst escalation lag it saw. */
export async function districtBench(emit: Emit, log: (m: string) => void): Promise<number> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'linli-sim-district-'));
  try {
    // A month by default (a year takes hours on a 2-core machine: docs/capacity.md); LINLI_SIM_DAYS=365 for the year.
    const days = Number(process.env.LINLI_SIM_DAYS ?? 28);
    const r = await simulate({ size: 'district', days, dir, price: true, log: (m) => log(`district: ${m}`) });
    const context = { days: r.days, filed: r.filed, hotline: r.hotline, escalations: r.escalations, checks: r.checks, calls: r.calls, wall_s: r.wallSeconds };
    emit('city', 'recount_mismatches', r.mismatch ? 1 : 0, { ...context, mismatch: r.mismatch, server_errors: r.serverErrors.length, target: 0 });
    emit('city', 'sim_escalation_max_lag_s', r.escalationMaxLagSeconds, context);
    if (r.price) {
      emit('city', 'usd_per_1000_requests', r.price.usdPer1000Requests, { api_requests: r.price.apiRequests, per_request_filed: r.price.usdPerRequestFiled, per_booking: r.price.usdPerBooking, per_redemption: r.price.usdPerRedemption });
      emit('city', 'usd_per_month_district', r.price.usdPerMonth, { top_items: r.price.topItems.slice(0, 5).map((i) => i.kind), targets: r.price.targets.map((t) => `${t.target} ${t.cost.toFixed(4)}`) });
    }
    return r.escalationMaxLagSeconds;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function cityBenches(env: Env, emit: Emit, log: (m: string) => void): Promise<void> {
  const simLag = await districtBench(emit, log);
  const waveLag = await waveBench(emit, log);
  // The figure: the worst lag anywhere, the wave included (target ≤ 60 s).
  emit('city', 'escalation_max_lag_s', Math.max(simLag, waveLag), { simulation: simLag, wave: waveLag, target: 60 });
  await cityHotspots(env, emit, log);
}
