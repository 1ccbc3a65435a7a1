/**
 * The simulation's price model (tests/sim/price.ts) against figures computed by hand, and the meter's
 * pure parts (tests/sim/meter.ts): how a report of DynamoDB Local becomes units, item kinds, quantiles.
 */
import { chargeOf, emptyUsage, itemKind, keyKind, Meter, quantileMs, bucketOf, itemSize, written, type MeterSnapshot, type Usage } from '../sim/meter';
import { lambdaConfigFromYaml, priceIn, priceSimulation, PRICES, readLambdaConfig, type LambdaSpec } from '../sim/price';

const usage = (fn: string, invocations: number, billedMs: number, targets: Usage['targets']): Usage => ({
  ...emptyUsage(),
  invocations,
  durations: { totalMs: billedMs, billedMsByFunction: { [fn]: billedMs }, maxMs: 0, histogram: {} },
  targets,
});

// 1,000 filings (100 ms each), 200 booking calls (100 ms each), 100 ticks (500 ms each); every function 512 MB arm64.
const requests = usage('requests', 1000, 100_000, { table: { read: 2000, write: 5000 }, GSI1: { read: 0, write: 1000 } });
const booking = usage('booking', 200, 20_000, { table: { read: 400, write: 1600 } });
const tick = usage('tick', 100, 50_000, { table: { read: 1000, write: 200 } });
const snapshot: MeterSnapshot = {
  version: 1,
  total: { ...emptyUsage(), targets: { table: { read: 3400, write: 6800 }, GSI1: { read: 0, write: 1000 } }, items: { 'REQ META': { read: 0, write: 3000 }, 'GSI3:DUE': { read: 900, write: 0 } } },
  byFunction: { requests, booking, tick },
  byRoute: {},
  byKind: { request_filed: requests, booking, tick },
  unattributed: emptyUsage(),
  partitions: {},
};
const lambda: Record<string, LambdaSpec> = Object.fromEntries(['requests', 'booking', 'tick'].map((f) => [f, { memoryMb: 512, architecture: 'arm64' as const }]));
const volume = { requestsFiled: 500, bookings: 100, redemptions: 0, days: 10, storedBytes: 2 * 1024 ** 3 };

describe('the price model (us-east-1)', () => {
  const p = priceIn({ snapshot, lambda, volume }, PRICES['us-east-1']);

  it('prices each function: reads, writes, GB-seconds, requests, API Gateway', () => {
    // requests: 2,000 RRU × $0.125/M + 6,000 WRU × $0.625/M + 100 s × 0.5 GB × $0.0000133334 + 1,000 × $0.20/M + 1,000 × $1/M
    expect(p.byFunction.requests!.dynamodbReads).toBeCloseTo(0.00025, 10);
    expect(p.byFunction.requests!.dynamodbWrites).toBeCloseTo(0.00375, 10);
    expect(p.byFunction.requests!.lambdaCompute).toBeCloseTo(0.00066667, 10);
    expect(p.byFunction.requests!.lambdaRequests).toBeCloseTo(0.0002, 10);
    expect(p.byFunction.requests!.apiGateway).toBeCloseTo(0.001, 10);
    expect(p.byFunction.requests!.total).toBeCloseTo(0.00586667, 10);
    // The tick is not behind API Gateway: 0.000125 + 0.000125 + 0.000333335 + 0.00002.
    expect(p.tick.apiGateway).toBe(0);
    expect(p.tick.total).toBeCloseTo(0.000603335, 10);
    expect(p.period.total).toBeCloseTo(0.007893339, 10);
  });

  it('divides by API requests, shares the tick out per request, and scales to a month', () => {
    expect(p.apiRequests).toBe(1200);
    expect(p.tickInvocations).toBe(100);
    // 0.007893339 / 1,200 × 1,000
    expect(p.per1000Requests).toBeCloseTo(0.0065777825, 10);
    // (0.00586667 + 1,000 × 0.000603335 / 1,200) / 500 filings
    expect(p.perRequestFiled).toBeCloseTo(0.0000127388983, 12);
    // (0.001423334 + 200 × 0.000603335 / 1,200) / 100 bookings
    expect(p.perBooking).toBeCloseTo(0.0000152388983, 12);
    expect(p.perRedemption).toBe(0);
    // 0.007893339 × 30.4375 / 10 days + 2 GB × ($0.25 + $0.20 PITR)
    expect(p.storagePerMonth).toBeCloseTo(0.9, 10);
    expect(p.perMonth).toBeCloseTo(0.92402535058, 10);
  });

  it('names the targets and items that cost most', () => {
    expect(p.targets[0]).toMatchObject({ target: 'table', read: 3400, write: 6800 });
    expect(p.targets[0]!.cost).toBeCloseTo(3400 * 0.125e-6 + 6800 * 0.625e-6, 12);
    expect(p.topItems[0]).toMatchObject({ kind: 'REQ META', write: 3000 });
  });

  it('reports dollars, the local region and a sensitivity to durations', () => {
    const r = priceSimulation({ snapshot, lambda, volume });
    expect(r.usdPer1000Requests).toBeCloseTo(0.0065777825, 10);
    expect(r.usdPerMonth).toBeCloseTo(0.92402535058, 10);
    // Half the measured durations: 170 s × 0.5 GB × $0.0000133334 / 2 less.
    expect(r.sensitivity[0]).toMatchObject({ durationScale: 0.5 });
    expect(r.sensitivity[0]!.usdPer1000Requests).toBeCloseTo(0.00610555791667, 10);
    expect(r.local.currency).toBe('CNY');
    expect(r.local.status).toMatch(/PLACEHOLDER/);
    expect(r.local.per1000Requests).toBeCloseTo(0.0065777825 * 7.2, 9);
  });

  it('refuses a function it has no memory for, and a kind mixing API and tick invocations', () => {
    expect(() => priceIn({ snapshot, lambda: { requests: lambda.requests! }, volume }, PRICES['us-east-1'])).toThrow(/no memory\/architecture for function booking/);
    const mixed = { ...requests, durations: { ...requests.durations, billedMsByFunction: { requests: 1, tick: 1 } } };
    expect(() => priceIn({ snapshot: { ...snapshot, byKind: { request_filed: mixed } }, lambda, volume }, PRICES['us-east-1'])).toThrow(/mixes API and scheduled/);
  });
});

describe('Lambda configuration from serverless.yml', () => {
  it('resolves provider defaults and per-function overrides', () => {
    const yml = `
provider:
  name: aws
  architecture: arm64
  memorySize: 512
  environment:
    X: !Ref Something
functions:
  a:
    handler: a.handler
  b:
    handler: b.handler
    memorySize: 1024
  c:
    handler: c.handler
    architecture: x86_64
`;
    expect(lambdaConfigFromYaml(yml)).toEqual({
      a: { memoryMb: 512, architecture: 'arm64' },
      b: { memoryMb: 1024, architecture: 'arm64' },
      c: { memoryMb: 512, architecture: 'x86_64' },
    });
    expect(lambdaConfigFromYaml('functions:\n  a:\n    handler: a.h\n')).toEqual({ a: { memoryMb: 1024, architecture: 'x86_64' } });
  });

  it('reads the repository’s: every function 512 MB on arm64', () => {
    const cfg = readLambdaConfig();
    expect(Object.keys(cfg).sort()).toEqual(['booking', 'docs', 'identity', 'platform', 'points', 'requests', 'stations', 'tick']);
    for (const spec of Object.values(cfg)) expect(spec).toEqual({ memoryMb: 512, architecture: 'arm64' });
  });
});

describe('the meter’s charges (reports shaped as DynamoDB Local answers)', () => {
  const T = 'main';

  it('splits a write by target and charges the item', () => {
    const c = chargeOf({
      functionName: 'requests',
      command: 'PutItemCommand',
      input: { TableName: T, Item: { PK: 'REQ#01ABC', SK: 'META', GSI2PK: 'QUEUE#GRID#gd-1', GSI2SK: 'x' } },
      consumed: [{ TableName: T, CapacityUnits: 2, Table: { CapacityUnits: 1 }, GlobalSecondaryIndexes: { GSI2: { CapacityUnits: 1 } } }],
    });
    expect(c.targets).toEqual({ table: { read: 0, write: 1 }, GSI2: { read: 0, write: 1 } });
    expect(c.items).toEqual({ 'REQ META': { read: 0, write: 2 } });
    expect(c.partitions).toEqual({ 'REQ#01ABC': 2 });
  });

  it('counts a transaction’s items itself where Local sums them as a set, and its ConditionChecks', () => {
    // Three small Puts: Local answers 2 units (equal items counted once); AWS bills 3 × 2.
    const c = chargeOf({
      functionName: 'booking',
      command: 'TransactWriteItemsCommand',
      input: {
        TransactItems: [
          { Put: { TableName: T, Item: { PK: 'IDEM#a', SK: 'IDEM' } } },
          { Put: { TableName: T, Item: { PK: 'IDEM#b', SK: 'IDEM' } } },
          { Put: { TableName: T, Item: { PK: 'IDEM#c', SK: 'IDEM' } } },
          { ConditionCheck: { TableName: T, Key: { PK: 'USER#u', SK: 'PROFILE' }, ConditionExpression: 'attribute_exists(PK)' } },
        ],
      },
      consumed: [{ TableName: T, CapacityUnits: 2, Table: { CapacityUnits: 2 } }],
    });
    expect(c.targets.table).toEqual({ read: 0, write: 2 });
    expect(c.estimated['transaction items Local does not sum (table)']).toEqual({ read: 0, write: 4 });
    expect(c.estimated['transaction ConditionCheck']).toEqual({ read: 2, write: 0 });
    expect(c.items['IDEM IDEM']!.write).toBeCloseTo(6, 10);
  });

  it('sizes an update in a transaction by its after-image and charges the indexes it is in', () => {
    const update = { Update: { TableName: T, Key: { PK: 'REQ#1', SK: 'META' }, UpdateExpression: 'SET #s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': 'accepted' } } };
    const image = { PK: 'REQ#1', SK: 'META', GSI2PK: 'QUEUE#GRID#g', GSI2SK: 'x', GSI3PK: 'DUE#1', GSI3SK: 'y', body: 'x'.repeat(1500) };
    const { items } = written('TransactWriteItems', { TransactItems: [update] }, new Map([['REQ#1\u0000META', image]]));
    expect(items).toEqual([{ pk: 'REQ#1', sk: 'META', op: 'update', units: 2, indexes: ['GSI2', 'GSI3'] }]);
    // Unknown after-image: sized by what it sets; an index it names (closing: REMOVE GSI3PK) is charged.
    const closing = { ...update.Update, UpdateExpression: 'SET #s = :s REMOVE GSI3PK, GSI3SK' };
    expect(written('TransactWriteItems', { TransactItems: [{ Update: closing }] }).items[0]).toMatchObject({ units: 1, indexes: ['GSI3'] });
  });

  it('charges what Local leaves out: an empty query’s minimum, a failed conditional write', () => {
    const q = chargeOf({
      functionName: 'tick',
      command: 'QueryCommand',
      input: { TableName: T, IndexName: 'GSI3', KeyConditionExpression: '#pk = :pk AND #sk <= :now', ExpressionAttributeNames: { '#pk': 'GSI3PK' }, ExpressionAttributeValues: { ':pk': 'DUE#3', ':now': 'z' } },
      consumed: [{ TableName: T, CapacityUnits: 0, Table: { CapacityUnits: 0 }, GlobalSecondaryIndexes: { GSI3: { CapacityUnits: 0 } } }],
    });
    expect(q.estimated).toEqual({ 'empty query minimum': { read: 0.5, write: 0 } });
    expect(q.items).toEqual({ 'GSI3:DUE': { read: 0.5, write: 0 } });
    const f = chargeOf({ functionName: 'points', command: 'UpdateItemCommand', input: { TableName: T, Key: { PK: 'SITE#s', SK: 'REWARD#r' }, UpdateExpression: 'ADD stock :m', ConditionExpression: 'stock >= :n', ExpressionAttributeValues: { ':m': -1, ':n': 1 } }, consumed: [], error: 'ConditionalCheckFailedException' });
    expect(f.failed).toBe(true);
    expect(f.estimated).toEqual({ 'failed UpdateItem': { read: 0, write: 1 } });
  });

  it('reads reads: a batch and a transaction of gets, by kind of item', () => {
    const c = chargeOf({
      functionName: 'identity',
      command: 'TransactGetItemsCommand',
      input: { TransactItems: [{ Get: { TableName: T, Key: { PK: 'USER#a', SK: 'PROFILE' } } }, { Get: { TableName: T, Key: { PK: 'USER#b', SK: 'PROFILE' } } }] },
      consumed: [{ TableName: T, CapacityUnits: 4, Table: { CapacityUnits: 4 } }],
    });
    expect(c.targets).toEqual({ table: { read: 4, write: 0 } });
    expect(c.items).toEqual({ 'USER PROFILE': { read: 4, write: 0 } });
  });
});

describe('the meter’s helpers', () => {
  it('names kinds of keys and items', () => {
    expect(keyKind('QUEUE#GRID#gd-ms-1')).toBe('QUEUE#GRID');
    expect(keyKind('REQ#01J0ABCD')).toBe('REQ');
    expect(keyKind('2027-01-01T00:00:00Z#topic')).toBe('<time>');
    expect(keyKind('u-demo')).toBe('<id>');
    expect(itemKind('OUTBOX#3', '2027-01-01T00:00Z#x')).toBe('OUTBOX <time>');
  });

  it('sizes items as DynamoDB does, document or marshalled', () => {
    // Names + values: PK(2)+"REQ#1"(5) + SK(2)+"META"(4) + n(1)+12345(3 + 1) + ok(2)+true(1)
    expect(itemSize({ PK: 'REQ#1', SK: 'META', n: 12345, ok: true })).toBe(21);
    expect(itemSize({ PK: { S: 'REQ#1' }, SK: { S: 'META' }, n: { N: '12345' }, ok: { BOOL: true } })).toBe(21);
  });

  it('answers quantiles within 2 %', () => {
    const d = emptyUsage().durations;
    for (let ms = 1; ms <= 100; ms++) {
      const b = String(bucketOf(ms));
      d.histogram[b] = (d.histogram[b] ?? 0) + 1;
      d.maxMs = ms;
    }
    expect(quantileMs(d, 0.5)).toBeGreaterThanOrEqual(50);
    expect(quantileMs(d, 0.5)).toBeLessThanOrEqual(51);
    expect(quantileMs(d, 0.95)).toBeGreaterThanOrEqual(95);
    expect(quantileMs(d, 0.95)).toBeLessThanOrEqual(97);
  });

  it('carries its aggregates over a checkpoint', async () => {
    const m = new Meter();
    await m.invoke('requests', 'GET /requests/mine', 'browse', async () => new Promise((r) => setTimeout(r, 5)));
    m.stop();
    const back = Meter.fromJSON(JSON.stringify(m));
    expect(back.snapshot()).toEqual(m.snapshot());
    expect(back.snapshot().byKind.browse!.invocations).toBe(1);
    expect(back.snapshot().byFunction.requests!.durations.billedMsByFunction.requests).toBeGreaterThanOrEqual(5);
    expect(() => Meter.fromJSON({ ...m.snapshot(), version: 2 as 1 })).toThrow(/version/);
    // Without a kind, the route is the kind.
    expect(await back.invoke('tick', 'tick', async () => 7)).toBe(7);
    back.stop();
    expect(back.snapshot().byKind.tick!.invocations).toBe(1);
  });
});
