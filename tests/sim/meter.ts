/**
 * The simulation's meter: wraps each handler invocation (`meter.invoke(fn, route, kind, () => handler(e))`),
 * measures its wall duration and attributes to it every DynamoDB command its code sends, with the
 * capacity DynamoDB (Local) reported for it (`meterCapacity` in the product's client module). The
 * current invocation travels with the code through the AWS SDK in an AsyncLocalStorage, so several
 * invocations in flight at once are each charged their own commands.
 *
 * Aggregated per function, per route and per operation kind (the caller's label: 'request_filed',
 * 'booking', 'redemption', 'tick', …): invocations, durations (total, billed, p50/p95), read and
 * write units per target (the table, each GSI), units per kind of item, and the partitions written
 * most. Where DynamoDB Local reports nothing that AWS bills, the meter computes it and keeps it
 * apart (`estimated`); see docs/capacity.md, "How the price is measured".
 * `toJSON()` / `Meter.fromJSON()` carry it over a checkpoint of the simulation.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { meterCapacity, type CapacityReport } from '../../functions/src/platform/adapters/dynamodb/client';
import design from '../../functions/src/platform/adapters/dynamodb/table-design.json';

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

// ---- items and sizes --------------------------------------------------------------------------

const KIND_SEGMENT = /^[A-Z][A-Z_]*$/;

/** A key's kind: its leading upper-case segments (`QUEUE#GRID#gd-1` → `QUEUE#GRID`), at most two. */
export function keyKind(key: string | undefined): string {
  if (!key) return '?';
  const parts = key.split('#');
  const kind: string[] = [];
  for (const p of parts.slice(0, 2)) {
    if (!KIND_SEGMENT.test(p)) break;
    kind.push(p);
  }
  return kind.length ? kind.join('#') : /^\d/.test(key) ? '<time>' : '<id>';
}

/** The kind of an item: its partition's kind and its sort key's (`REQ EVENT`, `OUTBOX <time>`). */
export const itemKind = (pk: string | undefined, sk: string | undefined): string => `${keyKind(pk)} ${keyKind(sk)}`;

type Plain = Record<string, unknown>;

/** A marshalled attribute value (`{ S: '…' }`) rather than a document value. */
const isMarshalled = (v: unknown): v is Plain =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Set) && !(v instanceof Uint8Array) && Object.keys(v).length === 1 && ['S', 'N', 'B', 'BOOL', 'NULL', 'M', 'L', 'SS', 'NS', 'BS'].includes(Object.keys(v)[0]!);

/** A key attribute's string value, document or marshalled form. */
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : isMarshalled(v) && typeof v.S === 'string' ? v.S : undefined);

const utf8 = (s: string): number => Buffer.byteLength(s, 'utf8');
const numberSize = (n: string): number => Math.ceil(n.replace(/^-|\.|e.*$/gi, '').replace(/^0+/, '').length / 2) + 1;

/** A value's size as DynamoDB counts it (approximately: numbers by their digits). */
function valueSize(v: unknown, marshalled: boolean): number {
  if (marshalled && isMarshalled(v)) {
    const [t, x] = Object.entries(v)[0]!;
    switch (t) {
      case 'S':
        return utf8(x as string);
      case 'N':
        return numberSize(x as string);
      case 'B':
        return (x as Uint8Array).length;
      case 'BOOL':
      case 'NULL':
        return 1;
      case 'SS':
        return (x as string[]).reduce((s, e) => s + utf8(e), 0);
      case 'NS':
        return (x as string[]).reduce((s, e) => s + numberSize(e), 0);
      case 'BS':
        return (x as Uint8Array[]).reduce((s, e) => s + e.length, 0);
      case 'L':
        return 3 + (x as unknown[]).reduce<number>((s, e) => s + 1 + valueSize(e, true), 0);
      case 'M':
        return 3 + Object.entries(x as Plain).reduce((s, [k, e]) => s + 1 + utf8(k) + valueSize(e, true), 0);
    }
  }
  if (typeof v === 'string') return utf8(v);
  if (typeof v === 'number' || typeof v === 'bigint') return numberSize(String(v));
  if (typeof v === 'boolean' || v === null || v === undefined) return 1;
  if (v instanceof Uint8Array) return v.length;
  if (v instanceof Set) return [...v].reduce<number>((s, e) => s + valueSize(e, false), 0);
  if (Array.isArray(v)) return 3 + v.reduce<number>((s, e) => s + 1 + valueSize(e, false), 0);
  if (typeof v === 'object') return 3 + Object.entries(v as Plain).reduce((s, [k, e]) => s + 1 + utf8(k) + valueSize(e, false), 0);
  return 0;
}

/** An item's size in bytes as DynamoDB counts it (attribute names and values), either form. */
export function itemSize(item: Plain | undefined): number {
  if (!item) return 0;
  const marshalled = isMarshalled(item.PK);
  return Object.entries(item).reduce((s, [k, v]) => s + utf8(k) + valueSize(v, marshalled), 0);
}

/** The table's global secondary indexes (the key design). */
const INDEXES: readonly string[] = design.indexes;
/** Narrow indexes: the attributes they project beside the keys (the others project whole items). */
const NARROW: Readonly<Record<string, readonly string[]>> = design.narrowIndexes;

/** One item a write command writes: its key, its size in units (1 KB) and the indexes it is written to. */
export interface WrittenItem {
  pk: string | undefined;
  sk: string | undefined;
  op: 'put' | 'update' | 'delete';
  units: number;
  indexes: string[];
  /** Units in a narrow index (its projection, not the whole item), where the item is in one. */
  narrowUnits?: Record<string, number>;
}

/** An item's units in an index: the whole item, or in a narrow index its keys and projected attributes. */
export const unitsIn = (i: WrittenItem, index: string): number => i.narrowUnits?.[index] ?? i.units;

/** The units of an item in each narrow index it is written to (sized from the whole item: keys and projected attributes). */
function narrowUnitsOf(item: Plain | undefined, indexes: readonly string[]): Record<string, number> | undefined {
  if (!item) return undefined;
  const narrow = indexes.filter((g) => NARROW[g]);
  if (!narrow.length) return undefined;
  const pick = (g: string) => Object.fromEntries(Object.entries(item).filter(([k]) => ['PK', 'SK', `${g}PK`, `${g}SK`, ...NARROW[g]!].includes(k)));
  return Object.fromEntries(narrow.map((g) => [g, kb(itemSize(pick(g) as Plain))]));
}

const kb = (bytes: number): number => Math.max(1, Math.ceil(bytes / 1024));
/** The after-images of updated items the meter looked up (`imageKey`), to size them. */
export type Images = ReadonlyMap<string, Plain | null>;
export const imageKey = (pk: string | undefined, sk: string | undefined): string => `${pk ?? ''}\u0000${sk ?? ''}`;

/** The items a write command writes (sized; Updates by their after-image when looked up). */
export function written(command: string, input: Plain, images: Images = new Map()): { items: WrittenItem[]; conditionChecks: number } {
  const one = (op: Plain | undefined, kind: WrittenItem['op']): WrittenItem | null => {
    if (!op) return null;
    const item = op.Item as Plain | undefined;
    const key = (item ?? op.Key) as Plain | undefined;
    const pk = str(key?.PK);
    const sk = str(key?.SK);
    if (kind === 'put') {
      const indexes = INDEXES.filter((g) => item?.[`${g}PK`] !== undefined);
      return { pk, sk, op: kind, units: kb(itemSize(item)), indexes, narrowUnits: narrowUnitsOf(item, indexes) };
    }
    if (kind === 'delete') return { pk, sk, op: kind, units: 1, indexes: [] };
    // An update: sized by the item after it (when looked up), else by what it sets; in every index the item is in or the update touches.
    const image = images.get(imageKey(pk, sk)) ?? undefined;
    const text = `${String(op.UpdateExpression ?? '')} ${Object.values((op.ExpressionAttributeNames ?? {}) as Record<string, string>).join(' ')}`;
    const units = image ? kb(itemSize(image)) : kb(itemSize(key) + itemSize(op.ExpressionAttributeValues as Plain | undefined));
    const indexes = INDEXES.filter((g) => image?.[`${g}PK`] !== undefined || text.includes(`${g}PK`) || text.includes(`${g}SK`));
    return { pk, sk, op: kind, units, indexes, narrowUnits: narrowUnitsOf(image, indexes) };
  };
  const list = (xs: (WrittenItem | null)[]) => xs.filter((x): x is WrittenItem => x !== null);
  switch (command) {
    case 'PutItem':
      return { items: list([one(input, 'put')]), conditionChecks: 0 };
    case 'UpdateItem':
      return { items: list([one(input, 'update')]), conditionChecks: 0 };
    case 'DeleteItem':
      return { items: list([one(input, 'delete')]), conditionChecks: 0 };
    case 'TransactWriteItems': {
      const ops = (input.TransactItems as Plain[] | undefined) ?? [];
      return {
        items: list(ops.map((t) => (t.Put ? one(t.Put as Plain, 'put') : t.Update ? one(t.Update as Plain, 'update') : t.Delete ? one(t.Delete as Plain, 'delete') : null))),
        conditionChecks: ops.filter((t) => t.ConditionCheck).length,
      };
    }
    case 'BatchWriteItem':
      return {
        items: list(
          Object.values((input.RequestItems as Record<string, Plain[]> | undefined) ?? {})
            .flat()
            .map((r) => (r.PutRequest ? one(r.PutRequest as Plain, 'put') : one(r.DeleteRequest as Plain | undefined, 'delete'))),
        ),
        conditionChecks: 0,
      };
    default:
      return { items: [], conditionChecks: 0 };
  }
}

/** The Update targets of a transaction whose size the meter must look up (Local's transaction figure cannot be trusted). */
export function updatesToSize(report: CapacityReport): { pk: string; sk: string; table: string }[] {
  if (report.error || !report.command.startsWith('TransactWriteItems')) return [];
  return ((report.input.TransactItems as Plain[] | undefined) ?? [])
    .map((t) => t.Update as Plain | undefined)
    .filter((u): u is Plain => u !== undefined)
    .map((u) => ({ pk: str((u.Key as Plain).PK)!, sk: str((u.Key as Plain).SK)!, table: String(u.TableName) }))
    .filter((k) => k.pk !== undefined && k.sk !== undefined);
}

/** The kinds of item a read command reads (Get: the item; Query: `<index>:<partition kind>`). */
function readKinds(command: string, input: Plain): string[] {
  const keyOf = (k: Plain | undefined) => itemKind(str(k?.PK), str(k?.SK));
  switch (command) {
    case 'GetItem':
      return [keyOf(input.Key as Plain)];
    case 'Query': {
      const index = (input.IndexName as string | undefined) ?? 'table';
      const expr = String(input.KeyConditionExpression ?? '');
      const values = (input.ExpressionAttributeValues ?? {}) as Plain;
      const m = /(?:^|\(|\s)(#?[\w]+)\s*=\s*(:[\w]+)/.exec(expr);
      return [`${index}:${keyKind(m ? str(values[m[2]!]) : undefined)}`];
    }
    case 'BatchGetItem':
      return Object.values((input.RequestItems as Record<string, { Keys?: Plain[] }> | undefined) ?? {}).flatMap((r) => (r.Keys ?? []).map(keyOf));
    case 'TransactGetItems':
      return ((input.TransactItems as { Get?: { Key?: Plain } }[] | undefined) ?? []).map((t) => keyOf(t.Get?.Key));
    default:
      return [];
  }
}

const READS = new Set(['GetItem', 'Query', 'BatchGetItem', 'TransactGetItems']);

// ---- the meter --------------------------------------------------------------------------------

interface Current {
  fn: string;
  route: string;
  kind: string;
  /** This invocation's own usage (returned by invokeMeasured). */
  usage: Usage;
  /** Charges waiting for the size of updated items. */
  pending: Promise<void>[];
}

export interface MeterOptions {
  /**
   * DynamoDB (Local) to look updated items up in after a transaction, to size them (Local's own
   * figure for a transaction is a floor). With neither this nor `lookup`, updates are sized by what they set.
   */
  endpoint?: string;
  /** Or a lookup of one item (tests). */
  lookup?: (table: string, key: { PK: string; SK: string }) => Promise<Record<string, unknown> | null>;
}

const add = (u: Units, read: number, write: number): void => {
  u.read += read;
  u.write += write;
};
const unitsOf = (rec: Record<string, Units>, key: string): Units => (rec[key] ??= { read: 0, write: 0 });

/** Total read and write units of a usage: reported plus estimated. */
export function totalUnits(u: Usage): Units {
  const t = { read: 0, write: 0 };
  for (const x of [...Object.values(u.targets), ...Object.values(u.estimated)]) add(t, x.read, x.write);
  return t;
}

/** A report turned into units: by target, estimates, by item kind, by partition written. */
interface Charge {
  command: string;
  targets: Record<string, Units>;
  estimated: Record<string, Units>;
  items: Record<string, Units>;
  partitions: Record<string, number>;
  failed: boolean;
}

/** What one command is charged (see docs/capacity.md for each rule). */
export function chargeOf(report: CapacityReport, images: Images = new Map()): Charge {
  const command = report.command.replace(/Command$/, '');
  const input = report.input as Plain;
  const isRead = READS.has(command);
  const charge: Charge = { command, targets: {}, estimated: {}, items: {}, partitions: {}, failed: false };
  const put = (u: Units, n: number) => add(u, isRead ? n : 0, isRead ? 0 : n);
  let reported = 0;
  for (const c of report.consumed as ConsumedCapacity[]) {
    // AWS may split a transaction's units into ReadCapacityUnits/WriteCapacityUnits; Local only gives CapacityUnits.
    const split = (x: { CapacityUnits?: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number } | undefined, target: string) => {
      if (!x) return 0;
      const u = unitsOf(charge.targets, target);
      if (x.ReadCapacityUnits !== undefined || x.WriteCapacityUnits !== undefined) add(u, x.ReadCapacityUnits ?? 0, x.WriteCapacityUnits ?? 0);
      else put(u, x.CapacityUnits ?? 0);
      return x.CapacityUnits ?? (x.ReadCapacityUnits ?? 0) + (x.WriteCapacityUnits ?? 0);
    };
    if (c.Table || c.GlobalSecondaryIndexes || c.LocalSecondaryIndexes) {
      reported += split(c.Table, 'table');
      for (const [name, x] of Object.entries({ ...c.GlobalSecondaryIndexes, ...c.LocalSecondaryIndexes })) reported += split(x, name);
    } else reported += split(c, 'table');
  }
  const est = (reason: string, read: number, write: number) => add(unitsOf(charge.estimated, reason), read, write);

  if (isRead) {
    const kinds = readKinds(command, input);
    // An empty Query: Local reports 0, AWS bills the minimum read (0.5 eventually consistent, 1 strongly).
    if (!report.error && command === 'Query' && reported === 0) est('empty query minimum', input.ConsistentRead ? 1 : 0.5, 0);
    const all = totalUnits({ ...emptyUsage(), targets: charge.targets, estimated: charge.estimated });
    for (const k of kinds) add(unitsOf(charge.items, k), all.read / Math.max(1, kinds.length), 0);
    return charge;
  }

  const { items, conditionChecks } = written(command, input, images);
  const txn = command === 'TransactWriteItems' ? 2 : 1;
  // What each item costs by our own count: its units on the table and on each index it is in (transactions: twice).
  const cost = (i: WrittenItem) => txn * (i.units + i.indexes.reduce((n, g) => n + unitsIn(i, g), 0));
  if (report.error) {
    // DynamoDB reports no capacity for a failed write, but bills it: a failed conditional write
    // at least 1 WRU per KB of what was sent; a cancelled transaction, assumed, as its writes on the table (2 per KB).
    if (report.error === 'ConditionalCheckFailedException' || report.error === 'TransactionCanceledException') {
      charge.failed = true;
      est(`failed ${command}`, 0, txn * items.reduce((s, i) => s + i.units, 0));
    }
  } else if (command === 'TransactWriteItems') {
    // Local sums a transaction's items as a set: items of equal capacity count once (8 small Puts
    // report 2 units, not 16). Its figure is a floor; where our count is higher, the difference is added.
    const computed: Record<string, number> = { table: 0 };
    for (const i of items) {
      computed.table! += txn * i.units;
      for (const g of i.indexes) computed[g] = (computed[g] ?? 0) + txn * unitsIn(i, g);
    }
    for (const [t, n] of Object.entries(computed)) {
      const excess = n - (charge.targets[t]?.write ?? 0);
      if (excess > 0) est(`transaction items Local does not sum (${t})`, 0, excess);
    }
  }
  // A ConditionCheck in a transaction: Local reports 0; AWS bills it as a transactional read (2 RRU per 4 KB).
  if (!report.error && conditionChecks) est('transaction ConditionCheck', 2 * conditionChecks, 0);
  const all = totalUnits({ ...emptyUsage(), targets: charge.targets, estimated: charge.estimated });
  const weight = items.reduce((s, i) => s + cost(i), 0) || 1;
  for (const i of items) {
    const share = (all.write * cost(i)) / weight;
    add(unitsOf(charge.items, itemKind(i.pk, i.sk)), 0, share);
    if (i.pk) charge.partitions[i.pk] = (charge.partitions[i.pk] ?? 0) + share;
  }
  if (conditionChecks && !report.error) add(unitsOf(charge.items, 'ConditionCheck'), 2 * conditionChecks, 0);
  return charge;
}

function mergeCharge(u: Usage, c: Charge): void {
  u.commands[c.command] = (u.commands[c.command] ?? 0) + 1;
  for (const [k, x] of Object.entries(c.targets)) add(unitsOf(u.targets, k), x.read, x.write);
  for (const [k, x] of Object.entries(c.estimated)) add(unitsOf(u.estimated, k), x.read, x.write);
  for (const [k, x] of Object.entries(c.items)) add(unitsOf(u.items, k), x.read, x.write);
  if (c.failed) u.failedWrites += 1;
}

function mergeUsage(into: Usage, u: Usage): void {
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

function addDuration(u: Usage, fn: string, ms: number): void {
  u.invocations += 1;
  u.durations.totalMs += ms;
  u.durations.maxMs = Math.max(u.durations.maxMs, ms);
  u.durations.billedMsByFunction[fn] = (u.durations.billedMsByFunction[fn] ?? 0) + Math.max(1, Math.ceil(ms));
  const b = String(bucketOf(ms));
  u.durations.histogram[b] = (u.durations.histogram[b] ?? 0) + 1;
}

/** Partitions kept before pruning to the heaviest PARTITIONS_KEPT. */
const PARTITIONS_MAX = 20_000;
const PARTITIONS_KEPT = 2_000;

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

export class Meter {
  private readonly current = new AsyncLocalStorage<Current>();
  private unregister: (() => void) | null = null;
  private state: MeterSnapshot;
  private readonly lookup: MeterOptions['lookup'];
  private readonly lookupClient: DynamoDBDocumentClient | undefined;

  constructor(opts: MeterOptions = {}, state?: MeterSnapshot) {
    this.state = state ?? { version: 1, total: emptyUsage(), byFunction: {}, byRoute: {}, byKind: {}, unattributed: emptyUsage(), partitions: {} };
    if (!opts.lookup && opts.endpoint) {
      // A client of its own (not makeDocumentClient's): the meter's reads are not metered.
      const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: opts.endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
      this.lookupClient = doc;
      this.lookup = async (table, key) => ((await doc.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }))).Item as Record<string, unknown> | undefined) ?? null;
    } else this.lookup = opts.lookup;
  }

  /** Stops listening and closes the meter's own client. */
  close(): void {
    this.stop();
    this.lookupClient?.destroy();
  }

  /** Starts listening to every DynamoDB command of the process (makeDocumentClient's clients). */
  start(): this {
    this.unregister ??= meterCapacity((r) => this.onReport(r));
    return this;
  }

  /** Stops listening: the clients send their commands unchanged again. */
  stop(): void {
    this.unregister?.();
    this.unregister = null;
  }

  get running(): boolean {
    return this.unregister !== null;
  }

  /**
   * Runs one handler invocation and charges it its duration and every DynamoDB command it sends.
   * `fn` is the Lambda function (serverless.yml's name), `route` its routeKey (or 'tick'), `kind` the
   * operation it serves ('request_filed', 'booking', 'redemption', 'tick', …; without one: the route).
   */
  invoke<T>(fn: string, route: string, run: () => Promise<T>): Promise<T>;
  invoke<T>(fn: string, route: string, kind: string, run: () => Promise<T>): Promise<T>;
  async invoke<T>(fn: string, route: string, kindOrRun: string | (() => Promise<T>), run?: () => Promise<T>): Promise<T> {
    const [kind, go] = typeof kindOrRun === 'function' ? [route, kindOrRun] : [kindOrRun, run!];
    return (await this.invokeMeasured(fn, route, kind, go)).result;
  }

  /** As `invoke`, also answering with this invocation's own usage and duration. */
  async invokeMeasured<T>(fn: string, route: string, kind: string, run: () => Promise<T>): Promise<{ result: T; usage: Usage; ms: number }> {
    this.start();
    const cur: Current = { fn, route, kind, usage: emptyUsage(), pending: [] };
    const t0 = process.hrtime.bigint();
    let ms = 0;
    try {
      return { result: await this.current.run(cur, run), usage: cur.usage, ms: (ms = Number(process.hrtime.bigint() - t0) / 1e6) };
    } finally {
      ms ||= Number(process.hrtime.bigint() - t0) / 1e6;
      // The lookups that size updated items run after the clock stopped (they are the meter's, not the handler's).
      while (cur.pending.length) await Promise.all(cur.pending.splice(0));
      addDuration(cur.usage, fn, ms);
      for (const u of [this.state.total, this.group(this.state.byFunction, fn), this.group(this.state.byRoute, `${fn} ${route}`), this.group(this.state.byKind, kind)]) mergeUsage(u, cur.usage);
    }
  }

  private group(rec: Record<string, Usage>, key: string): Usage {
    return (rec[key] ??= emptyUsage());
  }

  private onReport(r: CapacityReport): void {
    const cur = this.current.getStore();
    const toSize = cur && this.lookup ? updatesToSize(r) : [];
    if (!toSize.length) return this.apply(cur, chargeOf(r));
    const lookup = this.lookup!;
    cur!.pending.push(
      Promise.all(toSize.map(async (k) => [imageKey(k.pk, k.sk), await lookup(k.table, { PK: k.pk, SK: k.sk })] as const)).then(
        (images) => this.apply(cur, chargeOf(r, new Map(images))),
        () => this.apply(cur, chargeOf(r)),
      ),
    );
  }

  private apply(cur: Current | undefined, c: Charge): void {
    // An invocation's commands are merged into the aggregates when it ends (with its duration).
    mergeCharge(cur ? cur.usage : this.state.unattributed, c);
    if (!cur) return;
    const parts = this.state.partitions;
    for (const [pk, n] of Object.entries(c.partitions)) parts[pk] = (parts[pk] ?? 0) + n;
    if (Object.keys(parts).length > PARTITIONS_MAX) {
      this.state.partitions = Object.fromEntries(
        Object.entries(parts)
          .sort((a, b) => b[1] - a[1])
          .slice(0, PARTITIONS_KEPT),
      );
    }
  }

  /** The aggregates so far (a copy). */
  snapshot(): MeterSnapshot {
    return structuredClone(this.state);
  }

  toJSON(): MeterSnapshot {
    return this.snapshot();
  }

  /** A meter that goes on from a checkpoint (not started: `invoke` starts it). */
  static fromJSON(json: MeterSnapshot | string, opts: MeterOptions = {}): Meter {
    const state = typeof json === 'string' ? (JSON.parse(json) as MeterSnapshot) : structuredClone(json);
    if (state.version !== 1) throw new Error(`meter snapshot version ${String(state.version)} unknown`);
    return new Meter(opts, state);
  }

  /** The partitions written most (write units), heaviest first. */
  topPartitions(n = 10): { pk: string; write: number }[] {
    return Object.entries(this.state.partitions)
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([pk, write]) => ({ pk, write }));
  }
}

