/**
 * Booking benchmarks: the book handler against the bare DynamoDB calls its use case makes
 * (book_handler_over_db_floor), and many residents racing for one slot (contended_slot_bookings_per_s).
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { CreateBookingBody } from '@linli/shared';
import { DynamoBookingRepository } from '../../functions/src/booking/adapters/dynamodb-booking-repository';
import { DynamoCentreRepository } from '../../functions/src/booking/adapters/dynamodb-centre-repository';
import { DynamoWaitlistRepository } from '../../functions/src/booking/adapters/dynamodb-waitlist-repository';
import { DynamoErrandRepository } from '../../functions/src/booking/adapters/dynamodb-errand-repository';
import { bookPlace } from '../../functions/src/booking/domain/book';
import { DynamoFamilyRepository } from '../../functions/src/identity/adapters/dynamodb-family-repository';
import { DynamoPlaceRepository } from '../../functions/src/identity/adapters/dynamodb-place-repository';
import { DynamoUserRepository } from '../../functions/src/identity/adapters/dynamodb-user-repository';
import { makeDocumentClient } from '../../functions/src/platform/adapters/dynamodb/client';
import { sha256 } from '../../functions/src/platform/adapters/hash';
import { HmacTokenService } from '../../functions/src/platform/adapters/hmac-token-service';
import { newUlid } from '../../functions/src/platform/adapters/ids';
import { OutboxDispatcher } from '../../functions/src/platform/domain/outbox';
import { randomBytes } from 'node:crypto';
import { LOCAL_SESSION_SECRET } from '../../infra/local/stack';
import { CN_CALENDAR } from '../support/calendar';
import { busyMs, median, ms, timedClient } from './timing';
import { storePeople } from '../sim/hotspots/drive';
import { centreWith } from '../sim/hotspots/slot-opening';

type Handler = (e: APIGatewayProxyEventV2) => Promise<{ statusCode?: number; body?: string }>;
const tokens = new HmacTokenService(LOCAL_SESSION_SECRET, 3600);
const event = (body: unknown, token: string, key: string): APIGatewayProxyEventV2 => ({
  version: '2.0',
  routeKey: 'POST /bookings',
  rawPath: '/bookings',
  rawQueryString: '',
  headers: { authorization: `Bearer ${token}`, 'idempotency-key': key, 'content-type': 'application/json' },
  requestContext: { requestId: 'bench', http: { method: 'POST', path: '/bookings' } } as APIGatewayProxyEventV2['requestContext'],
  body: JSON.stringify(body),
  isBase64Encoded: false,
});

const day = (ahead: number) => new Date(Date.now() + 8 * 3600_000 + ahead * 86400_000).toISOString().slice(0, 10);

async function prepare(endpoint: string, table: string, users: number) {
  await centreWith(endpoint, table, 'ct-bench', 50);
  return storePeople(endpoint, table, { prefix: 'u-bench-book-', count: users });
}

const claimsOf = (id: string) => ({ sub: id, roles: ['resident' as const], streetId: 'st-suishan', communityId: 'cm-mingshan', gridId: 'gd-ms-1', rv: 1 });

/** book_handler_over_db_floor: the handler (table A) vs the use case's own DynamoDB calls (table B), per booking. */
export async function benchBook(endpoint: string, handlerTable: string, iterations = 300): Promise<{ handler: number; floor: number }> {
  const floorTable = `${handlerTable}-floor`;
  const ids = await prepare(endpoint, handlerTable, iterations + 30);
  await prepare(endpoint, floorTable, iterations + 30);
  const { handler } = (await import('../../functions/src/handlers/booking')) as { handler: Handler };
  const intervals: [bigint, bigint][] = [];
  const doc = timedClient(makeDocumentClient({ region: 'local', endpoint }), intervals);
  const deps = {
    centres: new DynamoCentreRepository(doc, floorTable),
    bookings: new DynamoBookingRepository(doc, floorTable),
    waitlist: new DynamoWaitlistRepository(doc, floorTable),
    errands: new DynamoErrandRepository(doc, floorTable),
    places: new DynamoPlaceRepository(doc, floorTable),
    users: new DynamoUserRepository(doc, floorTable),
    family: new DynamoFamilyRepository(doc, floorTable),
    calendar: CN_CALENDAR,
    newId: () => newUlid(),
    hash: sha256,
    randomBytes: (n: number) => randomBytes(n),
    outbox: new OutboxDispatcher({ due: async () => [], claim: async () => false, requeue: async () => {}, lease: async () => null, complete: async () => {}, release: async () => {} }, {}),
    bookingTemplates: { day_before: '', hour_before: '', offer: '', changed: '' },
  };
  const handlerMs: number[] = [];
  const floorMs: number[] = [];
  const slots = ['08:00', '09:00', '10:00', '11:00', '14:00', '15:00', '16:00', '17:30', '18:00', '19:30'];
  for (let i = 0; i < ids.length; i++) {
    const body = { centreId: 'ct-bench', offeringId: 'shebao', date: day(2 + (i % 5)), start: slots[i % slots.length]! };
    const token = tokens.sign(claimsOf(ids[i]!), new Date()).token;
    const t = process.hrtime.bigint();
    const res = await handler(event(body, token, `bench-h-${i}-${Date.now()}`));
    const h = ms(t);
    if (res.statusCode !== 201) throw new Error(`booking answered ${res.statusCode} ${res.body}`);
    intervals.length = 0;
    const actor = { userId: ids[i]!, roles: ['resident' as const], streetId: 'st-suishan', communityId: 'cm-mingshan', gridId: 'gd-ms-1' };
    // The handler's DynamoDB calls: the token's freshness read, then the use case's.
    await deps.users.rolesVersion(actor.userId);
    await bookPlace(deps, actor, CreateBookingBody.parse(body), `bench-f-${i}-${Date.now()}`, new Date());
    const f = busyMs(intervals);
    if (i >= 30) {
      handlerMs.push(h);
      floorMs.push(f);
    }
  }
  return { handler: median(handlerMs), floor: median(floorMs) };
}

/**
 * contended_slot_bookings_per_s: `attempts` residents at once for one slot of 50 places; every
 * attempt settles (booked or slot_full) and never more than 50 are booked.
 */
export async function benchContended(endpoint: string, table: string, attempts = 200): Promise<{ perSecond: number; booked: number; full: number; ms: number }> {
  const ids = await prepare(endpoint, table, attempts);
  const { handler } = (await import('../../functions/src/handlers/booking')) as { handler: Handler };
  const body = { centreId: 'ct-bench', offeringId: 'shebao', date: day(3), start: '19:30' };
  const events = ids.map((id, i) => event(body, tokens.sign(claimsOf(id), new Date()).token, `bench-c-${i}-${Date.now()}`));
  const t = process.hrtime.bigint();
  const results = await Promise.all(events.map((e) => handler(e)));
  const elapsed = ms(t);
  const booked = results.filter((r) => r.statusCode === 201).length;
  const full = results.filter((r) => r.statusCode === 409).length;
  if (booked !== 50 || booked + full !== attempts) throw new Error(`contended slot: ${booked} booked, ${full} full of ${attempts}`);
  return { perSecond: (attempts / elapsed) * 1000, booked, full, ms: elapsed };
}
