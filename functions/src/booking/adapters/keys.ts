/** Keys of after-hours booking: centres, slot counters, bookings, their codes and per-person guards. */
import type { Key } from '../../platform/adapters/dynamodb/keys';

export const centreKey = (id: string): Key => ({ PK: `CENTRE#${id}`, SK: 'META' });
/** GSI1: the centres of a street (one Query lists them for 就近办). */
export const centresOfStreet = (streetId: string): string => `STREET#${streetId}#CENTRES`;

/** A slot's counter: all of a centre's counters in one partition, sorted by date, start and pool. */
export const slotsPartition = (centreId: string): string => `CENTRE#${centreId}#SLOTS`;
export const slotCounterKey = (centreId: string, date: string, start: string, pool: string): Key => ({ PK: slotsPartition(centreId), SK: `${date}#${start}#${pool}` });

export const bookingKey = (id: string): Key => ({ PK: `BOOKING#${id}`, SK: 'META' });
/** GSI1: a person's bookings by date; GSI3: the bookings someone made for others (代办). */
export const bookingsOfUser = (userId: string): string => `USER#${userId}#BOOKINGS`;
export const bookingsByBooker = (userId: string): string => `BOOKER#${userId}#BOOKINGS`;
/** GSI2: a centre's bookings of one day, by start time. */
export const centreDay = (centreId: string, date: string): string => `CENTRE#${centreId}#DAY#${date}`;
export const bookingSort = (date: string, start: string, id: string): string => `${date}#${start}#${id}`;

/** A confirmation code, unique for the centre and day. */
export const bookingCodeKey = (centreId: string, date: string, code: string): Key => ({ PK: `BCODE#${centreId}#${date}#${code}`, SK: 'CODE' });
/** One live place per person, offering and day (the guard exists while the booking is live). */
export const bookingGuardKey = (userId: string, date: string, centreId: string, offeringId: string): Key => ({
  PK: `USER#${userId}`,
  SK: `BOOKED#${date}#${centreId}#${offeringId}`,
});
/** Walk-ins of a centre's day, by time. */
export const walkInKey = (centreId: string, date: string, at: string, id: string): Key => ({ PK: walkInsOf(centreId, date), SK: `${at}#${id}` });
export const walkInsOf = (centreId: string, date: string): string => `CENTRE#${centreId}#WALKINS#${date}`;
/** A person's online-booking pause (the no-show rule). */
export const bookingPauseKey = (userId: string): Key => ({ PK: `USER#${userId}`, SK: 'BOOKINGPAUSE' });
/** A person's place on a slot's waitlist (one per person and slot); listed per person on GSI1. */
export const waitlistOf = (centreId: string, date: string, start: string, pool: string): string => `CENTRE#${centreId}#WAIT#${date}#${start}#${pool}`;
export const waitEntryKey = (e: { centreId: string; date: string; start: string; pool: string; userId: string }): Key => ({
  PK: waitlistOf(e.centreId, e.date, e.start, e.pool),
  SK: `USER#${e.userId}`,
});
export const waitsOfUser = (userId: string): string => `USER#${userId}#WAITS`;
/** GSI3, sharded: waitlist offers by the time their hold lapses (the lapse task reads up to now). */
export const heldOffers = (shard: number): string => `WAITHOLD#${shard}`;
/** Reminders that could not be sent, per centre and day (the staff phone these people). */
export const unsentOf = (centreId: string, date: string): string => `CENTRE#${centreId}#UNSENT#${date}`;
export const unsentKey = (u: { centreId: string; date: string; start: string; userId: string; kind: string; bookingId: string | null }): Key => ({
  PK: unsentOf(u.centreId, u.date),
  SK: `${u.start}#${u.bookingId ?? 'wait'}#${u.userId}#${u.kind}`,
});
/** Errands: by id; GSI1 per person, GSI2 per centre, GSI3 per grid (each newest last by creation). */
export const errandKey = (id: string): Key => ({ PK: `ERRAND#${id}`, SK: 'META' });
export const errandsOfUser = (userId: string): string => `USER#${userId}#ERRANDS`;
export const errandsOfCentre = (centreId: string): string => `CENTRE#${centreId}#ERRANDS`;
export const errandsOfGrid = (gridId: string): string => `GRID#${gridId}#ERRANDS`;
/** A centre's day figures kept as counters (waitlist joins): one item per day. */
export const centreStatsKey = (centreId: string, date: string): Key => ({ PK: `CENTRE#${centreId}#STATS`, SK: date });
