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
 *
 * This file collects (listens to the commands, attributes them to the invocation in flight);
 * meter-charge.ts prices one command and meter-usage.ts holds the aggregates. Their names are
 * re-exported here, where the simulation, the price and the tests have always imported them.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { meterCapacity, type CapacityReport } from '../../functions/src/platform/adapters/dynamodb/client';
import { chargeOf, imageKey, mergeCharge, updatesToSize, type Charge } from './meter-charge';
import { addDuration, emptyUsage, mergeUsage, type MeterSnapshot, type Usage } from './meter-usage';

export { chargeOf, imageKey, itemKind, itemSize, keyKind, unitsIn, updatesToSize, written, type Images, type WrittenItem } from './meter-charge';
export { bucketOf, emptyUsage, quantileMs, summarise, totalUnits, type Durations, type MeterSnapshot, type Units, type Usage, type UsageSummary } from './meter-usage';

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

/** Partitions kept before pruning to the heaviest PARTITIONS_KEPT. */
const PARTITIONS_MAX = 20_000;
const PARTITIONS_KEPT = 2_000;

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
