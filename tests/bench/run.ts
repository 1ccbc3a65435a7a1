/**
 * `npm run bench`: prints one JSON object per line ({bench, metric, value, ...context}).
 * Starts its own in-memory DynamoDB Local; never part of `npm test`.
 */
import { CN_CALENDAR } from '../support/calendar';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NearbyQuery } from '@linli/shared';
import { DynamoCalendarStore } from '../../functions/src/platform/adapters/dynamodb/calendar';
import { makeDocumentClient } from '../../functions/src/platform/adapters/dynamodb/client';
import { shippedCalendars } from '../../infra/calendar/files';
import { INDEX, prefixEnd } from '../../functions/src/platform/adapters/dynamodb/keys';
import { geoPartition } from '../../functions/src/stations/adapters/keys';
import { DynamoStationRepository } from '../../functions/src/stations/adapters/dynamodb-station-repository';
import { HmacTokenService } from '../../functions/src/platform/adapters/hmac-token-service';
import type { KeyRange } from '../../functions/src/platform/domain/geo/search-plan';
import { wgs84ToGcj02 } from '../../functions/src/platform/domain/geo/datum';
import { findNearbyStations } from '../../functions/src/stations/domain/find-stations';
import type { StationRepository } from '../../functions/src/stations/ports';
import { ensureMainTable, startDynamoLocal } from '../../infra/local/dynamodb-local';
import { LOCAL_SESSION_SECRET } from '../../infra/local/stack';
import { mainPackageBytes } from '../support/weapp-size';
import { packageFigures } from './package';
import { h5Figures } from './h5';
import { CITY, cityStations, loadStations, provinceStations, rng } from './fixtures';
import { benchStaffQueue, benchSubmit, benchUser } from './requests';
import { benchBook, benchContended } from './booking';
import { benchContendedRedeem, benchRedeem } from './points';
import { cityBenches, waveBench } from './city';
import { cityHotspots } from './hotspots';
import { waveEnv as benchEnv } from '../sim/hotspots/wave';
import { DynamoUserRepository } from '../../functions/src/identity/adapters/dynamodb-user-repository';

const ROOT = path.resolve(__dirname, '../..');
const emit = (bench: string, metric: string, value: number, extra: Record<string, unknown> = {}) =>
  process.stdout.write(`${JSON.stringify({ bench, metric, value: Math.round(value * 1000) / 1000, ...extra })}\n`);
const log = (msg: string) => process.stderr.write(`# ${msg}\n`);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

const RADIUS = 3000;
const LIMIT = 20;
const ITERATIONS = 300;

/** Query points inside the city, away from its edge, as the phone reports them (GCJ-02). */
function queryPoints(n: number): { lat: number; lng: number }[] {
  const r = rng(99);
  return Array.from({ length: n }, () => wgs84ToGcj02({ lat: CITY.lat + (r() - 0.5) * 0.12, lng: CITY.lng + (r() - 0.5) * 0.12 }));
}

/** Records the rounds of key ranges the use case reads, to replay them as bare DynamoDB calls. */
function recording(inner: StationRepository, rounds: KeyRange[][]): StationRepository {
  return new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === 'readGeoRanges') {
        return (ranges: readonly KeyRange[]) => {
          rounds.push([...ranges]);
          return target.readGeoRanges(ranges);
        };
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}

async function bareQueries(doc: DynamoDBDocumentClient, table: string, rounds: KeyRange[][]): Promise<void> {
  for (const round of rounds) {
    await Promise.all(
      round.map(async (r) => {
        let start: Record<string, unknown> | undefined;
        do {
          const out = await doc.send(
            new QueryCommand({
              TableName: table,
              IndexName: INDEX.GSI2,
              KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
              ExpressionAttributeNames: { '#pk': `${INDEX.GSI2}PK`, '#sk': `${INDEX.GSI2}SK` },
              ExpressionAttributeValues: { ':pk': geoPartition(r.partition), ':from': r.from, ':to': prefixEnd(r.to) },
              ExclusiveStartKey: start,
            }),
          );
          start = out.LastEvaluatedKey;
        } while (start);
      }),
    );
  }
}

function event(q: { lat: number; lng: number }, token: string): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: 'GET /stations/nearby',
    rawPath: '/stations/nearby',
    rawQueryString: '',
    headers: { authorization: `Bearer ${token}` },
    queryStringParameters: { lat: String(q.lat), lng: String(q.lng), radius: String(RADIUS), limit: String(LIMIT) },
    requestContext: { requestId: 'bench', http: { method: 'GET', path: '/stations/nearby' } } as APIGatewayProxyEventV2['requestContext'],
    isBase64Encoded: false,
  };
}

async function handlerVsFloor(doc: DynamoDBDocumentClient, table: string, token: string, handler: (e: APIGatewayProxyEventV2) => Promise<unknown>) {
  const points = queryPoints(ITERATIONS);
  const repo = new DynamoStationRepository(doc, table);
  const plans: KeyRange[][][] = [];
  let read = 0;
  let results = 0;
  for (const p of points) {
    const rounds: KeyRange[][] = [];
    const q = NearbyQuery.parse({ lat: String(p.lat), lng: String(p.lng), radius: String(RADIUS), limit: String(LIMIT) });
    const out = await findNearbyStations({ stations: recording(repo, rounds), calendar: CN_CALENDAR }, q, new Date());
    read += out.itemsRead;
    results += out.items.length;
    plans.push(rounds);
  }
  // Warm up both paths, then interleave them so drift in the store affects both alike.
  for (let i = 0; i < 30; i++) {
    const res = (await handler(event(points[i]!, token))) as { statusCode?: number };
    if (res.statusCode !== 200) throw new Error(`nearby answered ${res.statusCode}`);
    await bareQueries(doc, table, plans[i]!);
  }
  const handlerMs: number[] = [];
  const floorMs: number[] = [];
  for (let i = 0; i < points.length; i++) {
    let t = process.hrtime.bigint();
    await handler(event(points[i]!, token));
    handlerMs.push(ms(t));
    t = process.hrtime.bigint();
    await bareQueries(doc, table, plans[i]!);
    floorMs.push(ms(t));
  }
  return { handler: median(handlerMs), floor: median(floorMs), itemsPerResult: read / results, resultsPerQuery: results / points.length };
}

async function httpLoad(url: string, seconds: number, connections: number): Promise<{ rps: number; errors: number; p50: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const points = queryPoints(200);
  const target = new URL(url);
  const deadline = Date.now() + seconds * 1000;
  let done = 0;
  let errors = 0;
  const lat: number[] = [];
  const one = (i: number) =>
    new Promise<void>((resolve) => {
      const p = points[i % points.length]!;
      const t = process.hrtime.bigint();
      const req = http.request(
        {
          host: target.hostname,
          port: target.port,
          path: `/stations/nearby?lat=${p.lat}&lng=${p.lng}&radius=${RADIUS}&limit=${LIMIT}`,
          agent,
          headers: { authorization: `Bearer ${process.env.BENCH_TOKEN}` },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode === 200) done++;
            else errors++;
            lat.push(ms(t));
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end();
    });
  const start = Date.now();
  await Promise.all(
    Array.from({ length: connections }, async (_, c) => {
      for (let i = c; Date.now() < deadline; i += connections) await one(i);
    }),
  );
  agent.destroy();
  return { rps: done / ((Date.now() - start) / 1000), errors, p50: median(lat) };
}

/** Makes the handlers build their dependencies from the current env on their next call. */
async function freshHandlers(): Promise<void> {
  (await import('../../functions/src/composition')).resetDeps();
}

/** The holiday calendar the product ships, as `npm start` loads it (station open-now reads it). */
async function loadShippedCalendar(endpoint: string, table: string): Promise<void> {
  const doc = makeDocumentClient({ region: 'local', endpoint });
  const store = new DynamoCalendarStore(doc, table);
  for (const f of shippedCalendars()) {
    await store.put({ year: f.year, ...f.body, source: f.body.source ?? null, loadedAt: new Date().toISOString(), loadedBy: 'bench' });
  }
  doc.destroy();
}

/** The environment the functions read, for a bench on its own DynamoDB Local (one definition, shared with the wave). */
const BENCH_ENV = benchEnv;

/** Booking: the book handler against its DynamoDB floor, and 200 residents racing for one 50-place slot. */
async function bookingBenches(): Promise<void> {
  const db = await startDynamoLocal();
  try {
    Object.assign(process.env, BENCH_ENV(db.endpoint, 'bench-booking'));
    await freshHandlers();
    log('booking: book handler vs its DynamoDB calls');
    const book = await benchBook(db.endpoint, 'bench-booking');
    emit('booking', 'book_handler_over_db_floor', book.handler / book.floor, { handler_ms: book.handler, floor_ms: book.floor });
    process.env.TABLE_NAME = 'bench-contended';
    await freshHandlers();
    log('booking: 200 residents at once for one slot of 50 places');
    const contended = await benchContended(db.endpoint, 'bench-contended');
    emit('booking', 'contended_slot_bookings_per_s', contended.perSecond, { attempts: 200, capacity: 50, booked: contended.booked, slot_full: contended.full, ms: contended.ms });
  } finally {
    await db.stop();
  }
}

/** Points: the redeem handler against its DynamoDB floor, and 200 people racing for a reward with 50 left. */
async function pointsBenches(): Promise<void> {
  const db = await startDynamoLocal();
  try {
    Object.assign(process.env, BENCH_ENV(db.endpoint, 'bench-points'));
    await freshHandlers();
    log('points: redeem handler vs its DynamoDB calls');
    const r = await benchRedeem(db.endpoint, 'bench-points');
    emit('points', 'redeem_handler_over_db_floor', r.handler / r.floor, { handler_ms: r.handler, floor_ms: r.floor });
    process.env.TABLE_NAME = 'bench-points-contended';
    await freshHandlers();
    log('points: 200 people at once for a reward with 50 left');
    const c = await benchContendedRedeem(db.endpoint, 'bench-points-contended');
    emit('points', 'contended_redemptions_per_s', c.perSecond, { attempts: 200, stock: 50, redeemed: c.redeemed, out_of_stock: c.outOfStock, ms: c.ms });
  } finally {
    await db.stop();
  }
}

/** Each function's zip and module-load time (`npm run bench -- package`; also part of the full bench). */
function packageBenches(): void {
  const figures = packageFigures();
  for (const f of figures) emit('package', 'zip_bytes', f.zipBytes, { function: f.name, bundle_bytes: f.bundleBytes, init_ms: f.initMs });
  emit('package', 'largest_zip_bytes', Math.max(...figures.map((f) => f.zipBytes)));
  emit('package', 'max_init_ms', Math.max(...figures.map((f) => f.initMs)));
}

/**
 * The H5 site's first visit on Lighthouse's mobile profile (`npm run bench -- h5`; also part of the full
 * bench): `first_visit_ms` is Time to Interactive (drawn and able to answer a tap), LCP and FCP beside it.
 */
async function h5Benches(): Promise<void> {
  log('h5: Lighthouse first visit, mobile profile (150 ms RTT, 1.6 Mbit/s, 4x CPU), uncompressed then compressed');
  const runs = Number(process.env.LINLI_H5_RUNS ?? 3);
  for (const { compressed, figures: f, interactiveRunsMs } of await h5Figures(runs)) {
    const extra = { compressed, metric_used: 'interactive', lcp_ms: Math.round(f.lcpMs), fcp_ms: Math.round(f.fcpMs), runs, runs_ms: interactiveRunsMs, benchmark_index: Math.round(f.benchmarkIndex) };
    emit('h5', 'first_visit_ms', f.interactiveMs, extra);
    emit('h5', 'transfer_bytes', f.transferBytes, { compressed, requests: f.requests });
  }
}

async function main(): Promise<void> {
  // `npm run bench -- booking` (or `-- points`, `-- package`, `-- h5`, `-- city`, `-- wave`, `-- hotspots`) runs only those benchmarks.
  if (process.argv.includes('h5')) return h5Benches();
  if (process.argv.includes('booking')) return bookingBenches();
  if (process.argv.includes('points')) return pointsBenches();
  if (process.argv.includes('package')) return packageBenches();
  if (process.argv.includes('city')) return cityBenches(BENCH_ENV, emit, log);
  if (process.argv.includes('hotspots')) return cityHotspots(BENCH_ENV, emit, log);
  if (process.argv.includes('wave')) return void (await waveBench(emit, log));
  const db = await startDynamoLocal();
  const table = 'bench-main';
  try {
    await ensureMainTable(db.endpoint, table);
    await loadShippedCalendar(db.endpoint, table);
    Object.assign(process.env, BENCH_ENV(db.endpoint, table));
    const doc = makeDocumentClient({ region: 'local', endpoint: db.endpoint });
    await new DynamoUserRepository(doc, table).create(benchUser('u-bench', ['rider']));
    const token = new HmacTokenService(LOCAL_SESSION_SECRET, 3600).sign(
      { sub: 'u-bench', roles: ['rider'], streetId: null, communityId: null, gridId: null, rv: 1 },
      new Date(),
    ).token;
    process.env.BENCH_TOKEN = token;
    const { handler } = (await import('../../functions/src/handlers/stations')) as {
      handler: (e: APIGatewayProxyEventV2) => Promise<unknown>;
    };

    log('loading 1,000 city stations');
    await loadStations(doc, table, cityStations(1000));
    const small = await handlerVsFloor(doc, table, token, handler);
    emit('nearby', 'handler_over_db_floor', small.handler / small.floor, { handler_ms: small.handler, floor_ms: small.floor, stations: 1000 });
    emit('nearby', 'items_read_per_result', small.itemsPerResult, { results_per_query: small.resultsPerQuery, radius: RADIUS, limit: LIMIT });

    log('HTTP load: 50 connections, 10 s, API in a child process');
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'api-process.ts')], {
      env: { ...process.env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const apiUrl = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        const m = /API (\S+)/.exec(d.toString());
        if (m) resolve(m[1]!);
      });
      child.once('exit', (code) => reject(new Error(`api process exited ${code}`)));
    });
    await httpLoad(apiUrl, 2, 50); // warm-up
    const load = await httpLoad(apiUrl, 10, 50);
    child.kill();
    emit('http', 'nearby_rps', load.rps, { connections: 50, seconds: 10, errors: load.errors, p50_ms: load.p50 });

    log('loading 99,000 more stations over the province (same density around the city)');
    const t0 = Date.now();
    await loadStations(doc, table, provinceStations(99_000, 1000));
    log(`loaded in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    const large = await handlerVsFloor(doc, table, token, handler);
    emit('nearby', 'scale_100k_over_1k', large.handler / small.handler, {
      p50_ms_1k: small.handler,
      p50_ms_100k: large.handler,
      results_per_query_1k: small.resultsPerQuery,
      results_per_query_100k: large.resultsPerQuery,
      items_read_per_result_100k: large.itemsPerResult,
    });
    doc.destroy();

    log('requests: submit handler vs its DynamoDB calls');
    process.env.TABLE_NAME = 'bench-requests';
    await freshHandlers();
    const submit = await benchSubmit(db.endpoint, 'bench-requests');
    emit('requests', 'submit_handler_over_db_floor', submit.handler / submit.floor, { handler_ms: submit.handler, floor_ms: submit.floor });
  } finally {
    await db.stop();
  }

  // The staff queue at 100,000 requests, on a fresh store and a fresh handler module.
  const db2 = await startDynamoLocal();
  try {
    process.env.DYNAMODB_ENDPOINT = db2.endpoint;
    process.env.TABLE_NAME = 'bench-queue';
    await freshHandlers();
    log('loading 100,000 requests');
    const queue = await benchStaffQueue(db2.endpoint, 'bench-queue');
    emit('requests', 'staff_queue_p50_ms_at_100k', queue.p50, { open_in_queue: queue.queueSize, page: 20, requests_in_table: 100_000 });
  } finally {
    await db2.stop();
  }
  await bookingBenches();
  await pointsBenches();
  await cityBenches(BENCH_ENV, emit, log);

  const weapp = path.join(ROOT, 'client/dist/weapp/app.json');
  if (!existsSync(weapp)) {
    log('building weapp');
    await new Promise((resolve) => spawn('npm', ['run', 'build:weapp', '-w', 'client'], { cwd: ROOT, stdio: 'ignore' }).on('exit', resolve));
  }
  emit('weapp', 'main_package_bytes', mainPackageBytes());
  packageBenches();
  await h5Benches();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
