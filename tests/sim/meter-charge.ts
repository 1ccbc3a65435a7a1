/**
 * How one DynamoDB command becomes units: what DynamoDB (Local) reported for it by target, what
 * AWS would bill beyond that (`estimated`: failed writes, condition checks, empty queries, the
 * transaction items Local does not sum), and how the units divide over kinds of item and the
 * partitions written. Pure functions of a `CapacityReport` (and the after-images the meter looked
 * up), so the rules of docs/capacity.md can be unit-tested without a running meter.
 */
import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import type { CapacityReport } from '../../functions/src/platform/adapters/dynamodb/client';
import design from '../../functions/src/platform/adapters/dynamodb/table-design.json';
import { add, emptyUsage, totalUnits, unitsOf, type Units, type Usage } from './meter-usage';

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

// ---- the charge of one command -----------------------------------------------------------------

/** A report turned into units: by target, estimates, by item kind, by partition written. */
export interface Charge {
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

/** Adds one command's charge to a usage (the invocation it ran in, or the unattributed). */
export function mergeCharge(u: Usage, c: Charge): void {
  u.commands[c.command] = (u.commands[c.command] ?? 0) + 1;
  for (const [k, x] of Object.entries(c.targets)) add(unitsOf(u.targets, k), x.read, x.write);
  for (const [k, x] of Object.entries(c.estimated)) add(unitsOf(u.estimated, k), x.read, x.write);
  for (const [k, x] of Object.entries(c.items)) add(unitsOf(u.items, k), x.read, x.write);
  if (c.failed) u.failedWrites += 1;
}
