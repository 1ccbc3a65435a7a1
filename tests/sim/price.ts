/**
 * The simulation's price (issue 14): a Meter snapshot (tests/sim/meter.ts), each function's memory and
 * architecture (serverless.yml) and the simulated volume → what DynamoDB on demand, Lambda and API
 * Gateway would bill, per 1,000 API requests, per booking, per redemption and per month, with the
 * breakdown and the indexes and items that dominate. Pure, but for `readLambdaConfig`.
 * The method and its definitions: docs/capacity.md, "How the price is measured".
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { summarise, totalUnits, type MeterSnapshot, type Units, type Usage } from './meter';

export type Architecture = 'arm64' | 'x86_64';

export interface PriceTable {
  region: string;
  currency: 'USD' | 'CNY';
  /** When the figures were last known to be right, and how sure they are. */
  asOf: string;
  status: string;
  dynamodb: {
    /** On-demand, per million write request units (1 KB; a transactional write counts 2). */
    writePerMillion: number;
    /** On-demand, per million read request units (4 KB strongly consistent; eventually consistent counts ½, transactional 2). */
    readPerMillion: number;
    /** Standard table class, per GB-month (indexes' copies included). */
    storagePerGbMonth: number;
    /** Point-in-time recovery (enabled in infra/tables.js), per GB-month of table size. */
    pitrPerGbMonth: number;
  };
  lambda: {
    requestsPerMillion: number;
    /** Per GB-second of billed duration (first pricing tier). */
    gbSecond: Record<Architecture, number>;
  };
  apiGateway: {
    /** HTTP API, per million requests (first tier; metered in 512 KB increments — ours are far smaller). */
    httpPerMillion: number;
  };
  /** The always-free tier, per month (not deducted by `priceSimulation`; see docs/capacity.md). */
  freeTier: { lambdaRequests: number; lambdaGbSeconds: number; dynamodbStorageGb: number };
}

/**
 * The prices used, in one place. Written without access to the price pages: us-east-1 from the list
 * prices as known in 2025 (DynamoDB on demand after the November 2024 reduction); cn-northwest-1
 * (Ningxia, where Linli deploys) is a PLACEHOLDER — the us-east-1 figures × 7.2 CNY/USD — until it is
 * read from the China price pages. Both marked "to be confirmed against the price page".
 */
export const PRICES: Record<'us-east-1' | 'cn-northwest-1', PriceTable> = {
  'us-east-1': {
    region: 'us-east-1',
    currency: 'USD',
    asOf: '2025 (list prices as known; no internet when written)',
    status: 'to be confirmed against https://aws.amazon.com/dynamodb/pricing/on-demand/, https://aws.amazon.com/lambda/pricing/, https://aws.amazon.com/api-gateway/pricing/',
    dynamodb: { writePerMillion: 0.625, readPerMillion: 0.125, storagePerGbMonth: 0.25, pitrPerGbMonth: 0.2 },
    lambda: { requestsPerMillion: 0.2, gbSecond: { arm64: 0.0000133334, x86_64: 0.0000166667 } },
    apiGateway: { httpPerMillion: 1.0 },
    freeTier: { lambdaRequests: 1_000_000, lambdaGbSeconds: 400_000, dynamodbStorageGb: 25 },
  },
  'cn-northwest-1': {
    region: 'cn-northwest-1',
    currency: 'CNY',
    asOf: 'placeholder (us-east-1 × 7.2)',
    status: 'PLACEHOLDER, not the China price: to be replaced by https://www.amazonaws.cn/en/dynamodb/pricing/, /lambda/pricing/, /api-gateway/pricing/ (Ningxia)',
    dynamodb: { writePerMillion: 0.625 * 7.2, readPerMillion: 0.125 * 7.2, storagePerGbMonth: 0.25 * 7.2, pitrPerGbMonth: 0.2 * 7.2 },
    lambda: { requestsPerMillion: 0.2 * 7.2, gbSecond: { arm64: 0.0000133334 * 7.2, x86_64: 0.0000166667 * 7.2 } },
    apiGateway: { httpPerMillion: 1.0 * 7.2 },
    freeTier: { lambdaRequests: 1_000_000, lambdaGbSeconds: 400_000, dynamodbStorageGb: 25 },
  },
};

/** A function's configured memory (MB) and architecture. */
export interface LambdaSpec {
  memoryMb: number;
  architecture: Architecture;
}

/** The framework's defaults when serverless.yml says nothing (Serverless/osls: 1024 MB, x86_64). */
const DEFAULT_SPEC: LambdaSpec = { memoryMb: 1024, architecture: 'x86_64' };

const cfTag = (tag: string) => ({ tag, resolve: (v: unknown) => ({ [tag]: v }) });

/** Each function's memory and architecture from serverless.yml's text: provider defaults, per-function overrides. */
export function lambdaConfigFromYaml(text: string): Record<string, LambdaSpec> {
  const yml = parse(text, {
    customTags: [cfTag('!Ref'), cfTag('!Sub'), cfTag('!GetAtt'), { ...cfTag('!Join'), collection: 'seq' }],
  }) as { provider?: { memorySize?: unknown; architecture?: unknown }; functions?: Record<string, { memorySize?: unknown; architecture?: unknown }> };
  const mb = (v: unknown, where: string): number | undefined => {
    if (v === undefined) return undefined;
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
    if (!Number.isFinite(n)) throw new Error(`serverless.yml: memorySize of ${where} is not a number (${String(v)}): resolve it first`);
    return n;
  };
  const arch = (v: unknown, where: string): Architecture | undefined => {
    if (v === undefined) return undefined;
    if (v !== 'arm64' && v !== 'x86_64') throw new Error(`serverless.yml: architecture of ${where} is ${String(v)}`);
    return v;
  };
  const provider: LambdaSpec = {
    memoryMb: mb(yml.provider?.memorySize, 'provider') ?? DEFAULT_SPEC.memoryMb,
    architecture: arch(yml.provider?.architecture, 'provider') ?? DEFAULT_SPEC.architecture,
  };
  return Object.fromEntries(
    Object.entries(yml.functions ?? {}).map(([name, f]) => [
      name,
      { memoryMb: mb(f.memorySize, name) ?? provider.memoryMb, architecture: arch(f.architecture, name) ?? provider.architecture },
    ]),
  );
}

/** `lambdaConfigFromYaml` of the repository's serverless.yml. */
export function readLambdaConfig(file = path.join(__dirname, '../../serverless.yml')): Record<string, LambdaSpec> {
  return lambdaConfigFromYaml(readFileSync(file, 'utf8'));
}

/** What the simulation did, to divide by. */
export interface Volume {
  /** Requests (接诉即办) filed, bookings made, rewards redeemed in the simulated period. */
  requestsFiled: number;
  bookings: number;
  redemptions: number;
  /** Simulated days the snapshot covers (the month is 30.4375 days). */
  days: number;
  /** Table size at the end (bytes, indexes included), for storage and PITR; omitted: not priced. */
  storedBytes?: number;
}

export interface PriceInput {
  snapshot: MeterSnapshot;
  lambda: Record<string, LambdaSpec>;
  volume: Volume;
  /** The functions that are not behind API Gateway (scheduled). Default: ['tick']. */
  scheduled?: string[];
  /** The operation kinds (Meter labels) of filings, bookings and redemptions. */
  kinds?: { requestFiled?: string; booking?: string; redemption?: string };
  /** Multiplies measured durations (1 = as measured; the sensitivity lines use ½ and ¼). */
  durationScale?: number;
}

export interface Breakdown {
  dynamodbReads: number;
  dynamodbWrites: number;
  lambdaCompute: number;
  lambdaRequests: number;
  apiGateway: number;
  total: number;
}

export interface OperationPrice {
  /** Operations (volume) and the API invocations labelled with its kind. */
  operations: number;
  invocations: number;
  /** Its invocations' own cost plus their share of the tick, per operation. */
  perOperation: number;
  direct: Breakdown;
  tickShare: number;
}

export interface SimulationPrice {
  region: string;
  currency: string;
  status: string;
  /** API requests: invocations of the functions behind API Gateway (every kind but the scheduled functions'). */
  apiRequests: number;
  tickInvocations: number;
  /** The simulated period, all invocations (reads, writes, compute, requests, API Gateway). */
  period: Breakdown;
  /** Per 1,000 API requests handled end to end: the period's request-driven cost (tick included) / apiRequests × 1000. */
  per1000Requests: number;
  perRequestFiled: number;
  perBooking: number;
  perRedemption: number;
  /** The period's cost scaled to 30.4375 days, plus storage and PITR when storedBytes is known. */
  perMonth: number;
  storagePerMonth: number;
  byOperation: Record<string, OperationPrice>;
  byFunction: Record<string, Breakdown>;
  tick: Breakdown;
  /** Cost by target (table, GSI1…) of the units reported and, apart, of those the meter estimated. */
  targets: { target: string; read: number; write: number; cost: number }[];
  topItems: { kind: string; read: number; write: number; cost: number }[];
}

export interface PriceReport extends Omit<SimulationPrice, 'region' | 'currency' | 'status' | 'per1000Requests' | 'perRequestFiled' | 'perBooking' | 'perRedemption' | 'perMonth'> {
  usdPer1000Requests: number;
  usdPerRequestFiled: number;
  usdPerBooking: number;
  usdPerRedemption: number;
  usdPerMonth: number;
  /** The same in the region Linli runs in (placeholder prices until confirmed). */
  local: SimulationPrice;
  /** usdPer1000Requests and usdPerMonth had Lambda run the handlers 2× and 4× faster than measured here. */
  sensitivity: { durationScale: number; usdPer1000Requests: number; usdPerMonth: number }[];
}

export const DAYS_PER_MONTH = 30.4375;

const zero = (): Breakdown => ({ dynamodbReads: 0, dynamodbWrites: 0, lambdaCompute: 0, lambdaRequests: 0, apiGateway: 0, total: 0 });

function sum(a: Breakdown, b: Breakdown, k = 1): Breakdown {
  const r = zero();
  for (const key of Object.keys(r) as (keyof Breakdown)[]) r[key] = a[key] + b[key] * k;
  return r;
}

const unitsCost = (u: Units, p: PriceTable) => ({ read: (u.read * p.dynamodb.readPerMillion) / 1e6, write: (u.write * p.dynamodb.writePerMillion) / 1e6 });

/** What a Usage costs. `api`: whether its invocations came through API Gateway. */
export function costOf(u: Usage, p: PriceTable, lambda: Record<string, LambdaSpec>, api: boolean, durationScale = 1): Breakdown {
  const units = unitsCost(totalUnits(u), p);
  let compute = 0;
  for (const [fn, billedMs] of Object.entries(u.durations.billedMsByFunction)) {
    const spec = lambda[fn];
    if (!spec) throw new Error(`no memory/architecture for function ${fn} (serverless.yml functions: ${Object.keys(lambda).join(', ')})`);
    compute += ((billedMs * durationScale) / 1000) * (spec.memoryMb / 1024) * p.lambda.gbSecond[spec.architecture];
  }
  const b: Breakdown = {
    dynamodbReads: units.read,
    dynamodbWrites: units.write,
    lambdaCompute: compute,
    lambdaRequests: (u.invocations * p.lambda.requestsPerMillion) / 1e6,
    apiGateway: api ? (u.invocations * p.apiGateway.httpPerMillion) / 1e6 : 0,
    total: 0,
  };
  b.total = b.dynamodbReads + b.dynamodbWrites + b.lambdaCompute + b.lambdaRequests + b.apiGateway;
  return b;
}

/** The price of a simulation in one price table. */
export function priceIn(input: PriceInput, p: PriceTable): SimulationPrice {
  const { snapshot: s, lambda, volume } = input;
  const scale = input.durationScale ?? 1;
  const scheduled = new Set(input.scheduled ?? ['tick']);
  const byFunction: Record<string, Breakdown> = {};
  let period = zero();
  let tick = zero();
  let apiRequests = 0;
  let tickInvocations = 0;
  for (const [fn, u] of Object.entries(s.byFunction)) {
    const api = !scheduled.has(fn);
    const b = costOf(u, p, lambda, api, scale);
    byFunction[fn] = b;
    period = sum(period, b);
    if (api) apiRequests += u.invocations;
    else {
      tick = sum(tick, b);
      tickInvocations += u.invocations;
    }
  }
  const tickPerRequest = apiRequests ? tick.total / apiRequests : 0;
  const kinds = { requestFiled: 'request_filed', booking: 'booking', redemption: 'redemption', ...input.kinds };
  const counts: Record<string, number> = { [kinds.requestFiled]: volume.requestsFiled, [kinds.booking]: volume.bookings, [kinds.redemption]: volume.redemptions };
  const byOperation: Record<string, OperationPrice> = {};
  for (const [kind, u] of Object.entries(s.byKind)) {
    // A kind's own cost: its API invocations; the tick's kinds (scheduled functions) are the overhead shared out.
    const apiUsage = apiPart(u, scheduled);
    if (!apiUsage.invocations) continue;
    const direct = costOf(apiUsage, p, lambda, true, scale);
    const tickShare = tickPerRequest * apiUsage.invocations;
    const operations = counts[kind] ?? apiUsage.invocations;
    byOperation[kind] = { operations, invocations: apiUsage.invocations, direct, tickShare, perOperation: operations ? (direct.total + tickShare) / operations : 0 };
  }
  const gb = (volume.storedBytes ?? 0) / 1024 ** 3;
  const storagePerMonth = gb * (p.dynamodb.storagePerGbMonth + p.dynamodb.pitrPerGbMonth);
  const perOp = (kind: string) => byOperation[kind]?.perOperation ?? 0;
  const targetCost = (u: Units) => {
    const c = unitsCost(u, p);
    return c.read + c.write;
  };
  const estimated = Object.values(s.total.estimated).reduce((a, x) => ({ read: a.read + x.read, write: a.write + x.write }), { read: 0, write: 0 });
  return {
    region: p.region,
    currency: p.currency,
    status: p.status,
    apiRequests,
    tickInvocations,
    period,
    per1000Requests: apiRequests ? (period.total / apiRequests) * 1000 : 0,
    perRequestFiled: perOp(kinds.requestFiled),
    perBooking: perOp(kinds.booking),
    perRedemption: perOp(kinds.redemption),
    perMonth: volume.days > 0 ? (period.total * DAYS_PER_MONTH) / volume.days + storagePerMonth : 0,
    storagePerMonth,
    byOperation,
    byFunction,
    tick,
    targets: [
      ...Object.entries(s.total.targets).map(([target, u]) => ({ target, read: u.read, write: u.write, cost: targetCost(u) })),
      ...(estimated.read + estimated.write ? [{ target: 'estimated (not reported by Local)', ...estimated, cost: targetCost(estimated) }] : []),
    ].sort((a, b) => b.cost - a.cost),
    topItems: summarise(s.total, 1000)
      .topItems.map((i) => ({ ...i, cost: targetCost(i) }))
      .sort((a, b) => b.cost - a.cost)
      .slice(0, 10),
  };
}

/** The part of a kind's usage that came through API Gateway (its functions that are not scheduled). */
function apiPart(u: Usage, scheduled: Set<string>): Usage {
  const fns = Object.keys(u.durations.billedMsByFunction);
  if (fns.every((f) => !scheduled.has(f))) return u;
  if (fns.every((f) => scheduled.has(f))) return { ...u, invocations: 0 };
  throw new Error(`an operation kind mixes API and scheduled functions (${fns.join(', ')}): label the tick's invocations with a kind of their own`);
}

/** The price report of a simulation: US dollars (us-east-1 list prices), the local region's, and the duration sensitivity. */
export function priceSimulation(input: PriceInput, local: PriceTable = PRICES['cn-northwest-1']): PriceReport {
  const usd = priceIn(input, PRICES['us-east-1']);
  const { region: _r, currency: _c, status: _s, per1000Requests, perRequestFiled, perBooking, perRedemption, perMonth, ...rest } = usd;
  return {
    ...rest,
    usdPer1000Requests: per1000Requests,
    usdPerRequestFiled: perRequestFiled,
    usdPerBooking: perBooking,
    usdPerRedemption: perRedemption,
    usdPerMonth: perMonth,
    local: priceIn(input, local),
    sensitivity: [0.5, 0.25].map((k) => {
      const x = priceIn({ ...input, durationScale: (input.durationScale ?? 1) * k }, PRICES['us-east-1']);
      return { durationScale: k, usdPer1000Requests: x.per1000Requests, usdPerMonth: x.perMonth };
    }),
  };
}
