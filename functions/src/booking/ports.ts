import type { BookingStatus, ErrandStatus } from '@linli/shared';
import type { IdempotencyClaim, Once } from '../platform/domain/idempotency';
import type { OutboxEntry, OutboxMessage } from '../platform/domain/outbox';
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

/** A person waiting for a place in a full slot (候补), or holding one offered to him until `holdUntil`. */
export interface WaitEntry {
  centreId: string;
  date: string;
  start: string;
  pool: string;
  offeringId: string;
  userId: string;
  joinedAt: string;
  status: 'waiting' | 'offered';
  holdUntil: string | null;
  version: number;
}

/** What becomes of a place someone gives up: back to the slot, or held for the first in line. */
export type Freed = { kind: 'release' } | { kind: 'offer'; entry: WaitEntry; holdUntil: string };

/** What else goes into a change's transaction: messages for the outbox, and consents the booker gave at the tap. */
export interface TxExtras {
  outbox?: readonly OutboxMessage[];
  consents?: { userId: string; templates: readonly string[] };
}

/** A reminder or offer that could not be sent: staff phone instead. */
export interface UnsentRecord {
  centreId: string;
  date: string;
  start: string;
  userId: string;
  bookingId: string | null;
  kind: string;
  reason: 'no_consent' | 'refused' | 'not_configured';
  at: string;
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
  book(b: BookingRecord, slot: Slot, claim: IdempotencyClaim, extras: TxExtras): Promise<Once<{ id: string }> & { entries: OutboxEntry[] }>;
  /** Gives the place up (`freed`: back to the slot or to the first in line) with the booking still at `prev.version`, in one transaction. */
  cancel(prev: BookingRecord, next: BookingRecord, freed: Freed, extras: TxExtras): Promise<OutboxEntry[]>;
  /** Takes the new place and gives the old one up in one transaction (or nothing changes), once per claim. */
  reschedule(prev: BookingRecord, next: BookingRecord, slot: Slot, freed: Freed, claim: IdempotencyClaim, extras: TxExtras): Promise<Once<{ id: string }> & { entries: OutboxEntry[] }>;
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
  /** A centre's day counters (waitlist joins). */
  dayStats(centreId: string, date: string): Promise<{ waitlistJoins: number }>;
  recordUnsent(u: UnsentRecord): Promise<void>;
  unsent(centreId: string, date: string): Promise<UnsentRecord[]>;
  recordWalkIn(w: WalkInRecord, claim: IdempotencyClaim): Promise<Once<{ id: string }>>;
  walkIns(centreId: string, date: string): Promise<WalkInRecord[]>;
  /** A person's bookings (his own and those he made for others): upcoming from `fromDate` ascending, or past descending. */
  ofUser(userId: string, fromDate: string, past: boolean, limit: number): Promise<BookingRecord[]>;
}

export interface WaitlistRepository {
  /** A slot's waitlist, first come first. */
  of(centreId: string, date: string, start: string, pool: string): Promise<WaitEntry[]>;
  get(key: Pick<WaitEntry, 'centreId' | 'date' | 'start' | 'pool' | 'userId'>): Promise<WaitEntry | null>;
  /** A person's entries from `fromDate` on. */
  ofUser(userId: string, fromDate: string): Promise<WaitEntry[]>;
  /**
   * Joins once per claim: one entry per person and slot (`already_waiting`), only while the slot is
   * full (`slot_open`: at `capacity`) and he holds no place of the offering that day (`daily_limit`).
   */
  join(e: WaitEntry, capacity: number, claim: IdempotencyClaim, extras: TxExtras): Promise<Once<{ userId: string }>>;
  /** Turns a held offer into the booking (the counter already counts it), once per claim; `offer_gone` if it lapsed. */
  accept(e: WaitEntry, booking: BookingRecord, nowIso: string, claim: IdempotencyClaim, extras: TxExtras): Promise<Once<{ id: string }> & { entries: OutboxEntry[] }>;
  /** Removes an entry at its version; a held place is passed on with it. */
  leave(e: WaitEntry, freed: Freed | null, extras: TxExtras): Promise<OutboxEntry[]>;
  /** Offers whose hold lapsed by `untilIso`, oldest first. */
  lapsed(untilIso: string, limit: number): Promise<WaitEntry[]>;
}

/** An errand (代办帮办 / 上门办) with its timeline. */
export interface ErrandRecord {
  id: string;
  centreId: string;
  communityId: string;
  streetId: string;
  /** The person's grid (his grid worker may run it). */
  gridId: string | null;
  offeringId: string;
  mode: 'errand' | 'home';
  note: string;
  address: string;
  userId: string;
  requestedBy: string;
  status: ErrandStatus;
  assigneeId: string | null;
  assigneeName: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  timeline: { at: string; what: string; by: string }[];
}

export interface ErrandRepository {
  create(e: ErrandRecord, claim: IdempotencyClaim): Promise<Once<{ id: string }>>;
  get(id: string): Promise<ErrandRecord | null>;
  /** Replaces the errand if it still has `expectedVersion` (else ConflictError `stale`). */
  save(e: ErrandRecord, expectedVersion: number): Promise<void>;
  /** Newest first. */
  ofUser(userId: string, limit: number): Promise<ErrandRecord[]>;
  ofCentre(centreId: string, limit: number): Promise<ErrandRecord[]>;
  ofGrid(gridId: string, limit: number): Promise<ErrandRecord[]>;
}
