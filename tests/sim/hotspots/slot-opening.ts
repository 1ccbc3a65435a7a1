/**
 * Hot spot: the evening slot opening (issue 14). `residents` try the same evening slot of `places`
 * at once through the real booking handler; those refused with 409 `slot_full` join the slot's
 * waitlist as the client does (POST /centres/{id}/waitlist, 候补). Exactly `places` are booked, the
 * slot's counter never exceeds its capacity, everyone else is on the line once, in the order their
 * joins arrived (the line is ordered by `joinedAt`).
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { centreItem } from '../../../functions/src/booking/adapters/dynamodb-centre-repository';
import { DynamoBookingRepository } from '../../../functions/src/booking/adapters/dynamodb-booking-repository';
import { DynamoWaitlistRepository } from '../../../functions/src/booking/adapters/dynamodb-waitlist-repository';
import { slotCounterKey } from '../../../functions/src/booking/adapters/keys';
import type { CentreRecord } from '../../../functions/src/booking/domain/centre';
import { makeDocumentClient } from '../../../functions/src/platform/adapters/dynamodb/client';
import { ensureMainTable } from '../../../infra/local/dynamodb-local';
import { seedDemo } from '../../../infra/local/seed';
import type { Answer } from '../engine/api';
import { handlersApi, inPool, perSecond, resident, seconds, storePeople } from './drive';

/** A centre of 名山社区 open every day 08:00–22:00 in 30-minute slots with `windows` all-purpose windows (a slot's places). */
export const openAllDay = (id: string, windows: number): CentreRecord => {
  const allDay = [{ start: '08:00', end: '22:00', slotMinutes: 30, windows }];
  return {
    id, communityId: 'cm-mingshan', streetId: 'st-suishan', name: '基准测试中心', address: '测试路', location: { lat: 29.6, lng: 103.48, datum: 'wgs84' }, phone: '',
    staffTotal: 3, rooms: [], offerings: [{ id: 'shebao', name: '社保医保办理', minutes: 20, bring: [], where: '', room: null, active: true, kind: 'appointment', sessions: [], term: null, daily: null }],
    rules: { workday: allDay, restday: allDay, holiday: null }, exceptions: [],
    policy: { aheadDays: 14, bookCutoffMinutes: 0, cancelCutoffMinutes: 60, rescheduleCutoffMinutes: 60, walkInShare: 0, holdMinutes: 30, noShow: { count: 3, days: 30, pauseDays: 14 } },
    version: 1, createdAt: new Date().toISOString(), updatedAt: new Date().toISOString(),
  };
};

/** The demo data and such a centre in the table. */
export async function centreWith(endpoint: string, table: string, id: string, windows: number): Promise<void> {
  await ensureMainTable(endpoint, table);
  await seedDemo(endpoint, table);
  const doc = makeDocumentClient({ region: 'local', endpoint });
  await doc.send(new PutCommand({ TableName: table, Item: centreItem(openAllDay(id, windows)) }));
  doc.destroy();
}

/** A date `ahead` days from today in China time. */
export const dayAhead = (ahead: number): string => new Date(Date.now() + 8 * 3600_000 + ahead * 86400_000).toISOString().slice(0, 10);

export interface SlotOpeningFigures {
  residents: number;
  places: number;
  /** 201 answers to POST /bookings, and live bookings stored for the slot. */
  booked: number;
  storedBookings: number;
  /** The slot's counter after the rush, and how far over capacity it or the bookings went (above 0 is a defect). */
  counter: number;
  overbooked: number;
  /** 409 slot_full answers, then joins answered 201, and the line as stored. */
  slotFull: number;
  joined: number;
  waitlistLength: number;
  /** People on the line twice, or both booked and on the line, or neither. */
  duplicatesOnLine: number;
  bookedAndWaiting: number;
  neither: number;
  /** Pairs on the line where someone whose join arrived in an earlier millisecond stands behind a later one. */
  unfair: number;
  /** Joins whose answered position is not where the person stands in the final line (positions are read while others join). */
  positionsMoved: number;
  otherAnswers: Record<string, number>;
  wallSeconds: number;
  /** First taps settled (booked or refused) per second. */
  perSecond: number;
  setupSeconds: number;
}

export async function slotOpening(o: { endpoint: string; table: string; residents?: number; places?: number; concurrency?: number }): Promise<SlotOpeningFigures> {
  const residents = o.residents ?? 1000;
  const places = o.places ?? 30;
  const concurrency = o.concurrency ?? 200;
  const centreId = 'ct-evening';
  const t0 = Date.now();
  await centreWith(o.endpoint, o.table, centreId, places);
  const ids = await storePeople(o.endpoint, o.table, { prefix: 'u-evening-', count: residents, concurrency: 50 });
  const setupMs = Date.now() - t0;
  const api = handlersApi();
  const slot = { offeringId: 'shebao', date: dayAhead(3), start: '19:30' };

  const joinSent = new Map<string, { ms: number; seq: number }>();
  let seq = 0;
  const start = process.hrtime.bigint();
  let firstTapsDone = 0n;
  const outcomes = await inPool(ids, concurrency, async (id, i): Promise<{ book: Answer; join: Answer | null }> => {
    const me = resident(id);
    const book = await api.call(me, 'POST', '/bookings', { key: `evening-book-${i}`, body: { centreId, ...slot } });
    firstTapsDone = process.hrtime.bigint();
    if (!(book.status === 409 && book.body?.error?.code === 'slot_full')) return { book, join: null };
    // The client offers 排队候补 on a full slot; the resident taps it.
    joinSent.set(id, { ms: Date.now(), seq: seq++ });
    const join = await api.call(me, 'POST', `/centres/${encodeURIComponent(centreId)}/waitlist`, { key: `evening-wait-${i}`, body: slot });
    return { book, join };
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const firstMs = Number(firstTapsDone - start) / 1e6;

  const booked = outcomes.filter((x) => x.book.status === 201).length;
  const slotFull = outcomes.filter((x) => x.join !== null).length;
  const joinedOk = outcomes.filter((x) => x.join?.status === 201);
  const otherAnswers: Record<string, number> = {};
  for (const x of outcomes) {
    for (const a of [x.book, x.join]) {
      if (!a || a.status === 201 || (a === x.book && a.body?.error?.code === 'slot_full')) continue;
      const k = `${a === x.book ? 'book' : 'join'} ${a.status} ${a.body?.error?.code ?? ''}`.trim();
      otherAnswers[k] = (otherAnswers[k] ?? 0) + 1;
    }
  }

  const doc = makeDocumentClient({ region: 'local', endpoint: o.endpoint });
  const counter = Number((await doc.send(new GetCommand({ TableName: o.table, Key: slotCounterKey(centreId, slot.date, slot.start, 'windows'), ConsistentRead: true }))).Item?.taken ?? 0);
  const stored = (await new DynamoBookingRepository(doc, o.table).ofCentreDay(centreId, slot.date)).filter((b) => b.start === slot.start && b.status === 'booked');
  const line = await new DynamoWaitlistRepository(doc, o.table).of(centreId, slot.date, slot.start, 'windows');
  doc.destroy();

  const bookedIds = new Set(stored.map((b) => b.userId));
  const lineIds = line.map((e) => e.userId);
  const onLine = new Set(lineIds);
  let unfair = 0;
  let latest = -Infinity;
  for (const e of line) {
    const sent = joinSent.get(e.userId)?.ms ?? Infinity;
    if (sent < latest) unfair++;
    latest = Math.max(latest, sent);
  }
  const finalPosition = new Map(lineIds.map((id, i) => [id, i + 1]));
  const positionsMoved = outcomes.filter((x, i) => x.join?.status === 201 && x.join.body?.entry?.position !== finalPosition.get(ids[i]!)).length;
  return {
    residents, places, booked, storedBookings: stored.length, counter, overbooked: Math.max(counter, stored.length, booked) - places,
    slotFull, joined: joinedOk.length, waitlistLength: line.length, duplicatesOnLine: lineIds.length - onLine.size,
    bookedAndWaiting: [...onLine].filter((id) => bookedIds.has(id)).length, neither: ids.filter((id) => !bookedIds.has(id) && !onLine.has(id)).length,
    unfair, positionsMoved, otherAnswers, wallSeconds: seconds(ms), perSecond: perSecond(residents, firstMs), setupSeconds: seconds(setupMs),
  };
}
