/**
 * The meter's aggregates: what a set of invocations used (units per target, estimates, item kinds,
 * durations as a log histogram) and how usages add up, are summarised for people, and travel in a
 * checkpoint (`MeterSnapshot`). Pure data and arithmetic, kept apart from the collection
 * (meter.ts) and the pricing of one command (meter-charge.ts) so each can be tested and read alone.
 */

export interface Units {
  read: number;
  write: number;
}

export interface Durations {
  /** Sum of wall milliseconds. */
  totalMs: number;
  /** Sum of each invocation rounded up to 1 ms, per function (Lambda bills so). */
  billedMsByFunction: Record<string, number>;
  maxMs: number;
  /** Log histogram (2 % buckets): bucket index → count; see `bucketOf`. */
  histogram: Record<string, number>;
}

/** What a set of invocations used. */
export interface Usage {
  invocations: number;
  durations: Durations;
  /** DynamoDB commands sent, by name (`PutItem`, `TransactWriteItems`, …). */
  commands: Record<string, number>;
  /** Units DynamoDB reported, by target: `table` (base table) or the index name. */
  targets: Record<string, Units>;
  /** Units DynamoDB Local does not report but AWS bills, computed by the meter (by reason). */
  estimated: Record<string, Units>;
  /** Units by kind of item (`REQ EVENT`, `GSI2:QUEUE#GRID` for a query, …): which items dominate. */
  items: Record<string, Units>;
  /** Conditional writes and transactions that failed (billed by AWS, not reported). */
  failedWrites: number;
}

export interface MeterSnapshot {
  version: 1;
  total: Usage;
  byFunction: Record<string, Usage>;
  /** `<function> <routeKey>` */
  byRoute: Record<string, Usage>;
  byKind: Record<string, Usage>;
  /** Capacity reported outside any invocation (seeding, the driver's own reads): not priced. */
  unattributed: Usage;
  /** Write units by full partition key, the heaviest only (approximate once pruned). */
  partitions: Record<string, number>;
}

export const emptyUsage = (): Usage => ({
  invocations: 0,
  durations: { totalMs: 0, billedMsByFunction: {}, maxMs: 0, histogram: {} },
  commands: {},
  targets: {},
  estimated: {},
  items: {},
  failedWrites: 0,
});

// ---- durations --------------------------------------------------------------------------------

const BUCKET_BASE = 0.01; // ms
const BUCKET_RATIO = 1.02;
/** The histogram bucket of a duration: the smallest i with BUCKET_BASE × 1.02^i ≥ ms. */
export const bucketOf = (ms: number): number => (ms <= BUCKET_BASE ? 0 : Math.ceil(Math.log(ms / BUCKET_BASE) / Math.log(BUCKET_RATIO)));
const bucketValue = (i: number): number => BUCKET_BASE * BUCKET_RATIO ** i;

/** The q-quantile (0..1) of the durations, within 2 % (the bucket's upper bound). */
export function quantileMs(d: Durations, q: number): number {
  const entries = Object.entries(d.histogram)
    .map(([k, n]) => [Number(k), n] as const)
    .sort((a, b) => a[0] - b[0]);
  const n = entries.reduce((s, [, c]) => s + c, 0);
  if (n === 0) return 0;
  const rank = Math.max(1, Math.ceil(q * n));
  let seen = 0;
  for (const [i, c] of entries) {
    seen += c;
    if (seen >= rank) return Math.min(bucketValue(i), d.maxMs);
  }
  return d.maxMs;
}

// ---- adding up ----------------------------------------------------------------------------------

export const add = (u: Units, read: number, write: number): void => {
  u.read += read;
  u.write += write;
};
export const unitsOf = (rec: Record<string, Units>, key: string): Units => (rec[key] ??= { read: 0, write: 0 });

/** Total read and write units of a usage: reported plus estimated. */
export function totalUnits(u: Usage): Units {
  const t = { read: 0, write: 0 };
  for (const x of [...Object.values(u.targets), ...Object.values(u.estimated)]) add(t, x.read, x.write);
  return t;
}

/** Adds one usage into another (an invocation into the total, a function, a route, a kind). */
export function mergeUsage(into: Usage, u: Usage): void {
  into.invocations += u.invocations;
  into.durations.totalMs += u.durations.totalMs;
  into.durations.maxMs = Math.max(into.durations.maxMs, u.durations.maxMs);
  for (const [k, n] of Object.entries(u.durations.billedMsByFunction)) into.durations.billedMsByFunction[k] = (into.durations.billedMsByFunction[k] ?? 0) + n;
  for (const [k, n] of Object.entries(u.durations.histogram)) into.durations.histogram[k] = (into.durations.histogram[k] ?? 0) + n;
  for (const [k, n] of Object.entries(u.commands)) into.commands[k] = (into.commands[k] ?? 0) + n;
  for (const [k, x] of Object.entries(u.targets)) add(unitsOf(into.targets, k), x.read, x.write);
  for (const [k, x] of Object.entries(u.estimated)) add(unitsOf(into.estimated, k), x.read, x.write);
  for (const [k, x] of Object.entries(u.items)) add(unitsOf(into.items, k), x.read, x.write);
  into.failedWrites += u.failedWrites;
}

/** Counts one invocation of `fn` that took `ms`: its wall time, its billed time (whole ms) and its bucket. */
export function addDuration(u: Usage, fn: string, ms: number): void {
  u.invocations += 1;
  u.durations.totalMs += ms;
  u.durations.maxMs = Math.max(u.durations.maxMs, ms);
  u.durations.billedMsByFunction[fn] = (u.durations.billedMsByFunction[fn] ?? 0) + Math.max(1, Math.ceil(ms));
  const b = String(bucketOf(ms));
  u.durations.histogram[b] = (u.durations.histogram[b] ?? 0) + 1;
}

/** A Usage's figures for people: units, durations, the heaviest targets and items. */
export interface UsageSummary {
  invocations: number;
  avgMs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  read: number;
  write: number;
  estimated: Units;
  targets: Record<string, Units>;
  topItems: { kind: string; read: number; write: number }[];
}

export function summarise(u: Usage, top = 10): UsageSummary {
  const t = totalUnits(u);
  const est = Object.values(u.estimated).reduce((s, x) => ({ read: s.read + x.read, write: s.write + x.write }), { read: 0, write: 0 });
  return {
    invocations: u.invocations,
    avgMs: u.invocations ? u.durations.totalMs / u.invocations : 0,
    p50Ms: quantileMs(u.durations, 0.5),
    p95Ms: quantileMs(u.durations, 0.95),
    maxMs: u.durations.maxMs,
    read: t.read,
    write: t.write,
    estimated: est,
    targets: u.targets,
    topItems: Object.entries(u.items)
      .map(([kind, x]) => ({ kind, read: x.read, write: x.write }))
      .sort((a, b) => b.write + b.read / 5 - (a.write + a.read / 5))
      .slice(0, top),
  };
}
