import type { BookingStatus } from '@linli/shared';
import type { IdempotencyClaim, Once } from '../platform/domain/idempotency';
import type { OutboxEntry } from '../platform/domain/outbox';
import type { CentreRecord } from './domain/centre';
import type { Slot } from './domain/schedule';

/** A booked place (预约). Names and phones are not copied in: they are read from the user when shown. */
export interface BookingRecord {
  id: string;
  /** Six digits, unique for the centre and the day. */
  code: string;
  centreId: string;
  communityId: string;
  streetId: string;
  offeringId: string;
  pool: string;
  date: string;
  start: string;
  end: string;
  /** Whose place it is. */
  userId: string;
  /** Who booked it (the person himself, or his grid worker, centre staff or family: 代办). */
  bookedBy: string;
  bookedByNote: string | null;
  status: BookingStatus;
  note: string;
  createdAt: string;
  updatedAt: string;
  version: number;
  history: { at: string; what: string }[];
}

/** Places taken in one slot's pool (bookings and held waitlist offers). */
export interface SlotCount {
  date: string;
  start: string;
  pool: string;
  taken: number;
}

/** Someone served without a booking (现场办理). */
export interface WalkInRecord {
  id: string;
  centreId: string;
  date: string;
  offeringId: string;
  name: string;
  note: string;
  at: string;
  recordedBy: string;
}

/** Online booking paused for a person after repeated no-shows. */
export interface BookingPause {
  until: string;
  reason: string;
  since: string;
}

export interface CentreRepository {
  get(id: string): Promise<CentreRecord | null>;
  ofStreet(streetId: string): Promise<CentreRecord[]>;
  /** Stores a new centre once per idempotency claim. */
  create(c: CentreRecord, claim: IdempotencyClaim): Promise<Once<{ id: string }>>;
  /** Replaces the centre's settings if it still has `expectedVersion` (else ConflictError `stale`). */
  update(c: CentreRecord, expectedVersion: number): Promise<void>;
}

export interface BookingRepository {
  get(id: string): Promise<BookingRecord | null>;
  /** Counters of a centre's slots from one date to another (inclusive); a slot nobody booked has none. */
  counts(centreId: string, from: string, to: string): Promise<SlotCount[]>;
  /**
   * Takes a place: the slot's counter (only while below the slot's capacity: else `slot_full`), the
   * booking, its code (`code_taken` if the centre's day has it) and the person's guard for the
   * offering and day (`daily_limit`), with the reminders, in one transaction, once per claim.
   */
  book(b: BookingRecord, slot: Slot, claim: IdempotencyClaim, reminders: OutboxEntry[]): Promise<Once<{ id: string }>>;
  /** Frees the place: the booking (still at `prev.version`) and the counter, in one transaction. */
  cancel(prev: BookingRecord, next: BookingRecord): Promise<void>;
  /** Takes the new place and frees the old one in one transaction (or nothing changes), once per claim. */
  reschedule(prev: BookingRecord, next: BookingRecord, slot: Slot, claim: IdempotencyClaim, reminders: OutboxEntry[]): Promise<Once<{ id: string }>>;
  /** Replaces a booking that must still be live (`booked`) at `prev.version` (check-in, no-show), optionally pausing its person. */
  settle(prev: BookingRecord, next: BookingRecord, pause?: BookingPause): Promise<void>;
  /** A centre's bookings of a day, by start time. */
  ofCentreDay(centreId: string, date: string): Promise<BookingRecord[]>;
  /** The booking a code names at a centre on a day. */
  byCode(centreId: string, date: string, code: string): Promise<BookingRecord | null>;
  /** How many of a person's bookings from `fromDate` on were no-shows. */
  noShowsSince(userId: string, fromDate: string): Promise<number>;
  pauseOf(userId: string): Promise<BookingPause | null>;
  liftPause(userId: string): Promise<void>;
  recordWalkIn(w: WalkInRecord, claim: IdempotencyClaim): Promise<Once<{ id: string }>>;
  walkIns(centreId: string, date: string): Promise<WalkInRecord[]>;
  /** A person's bookings (his own and those he made for others): upcoming from `fromDate` ascending, or past descending. */
  ofUser(userId: string, fromDate: string, past: boolean, limit: number): Promise<BookingRecord[]>;
}
