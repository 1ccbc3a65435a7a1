import type { Category, DutyItem, HotlineOutboundMessage, Level, NotHandledItem } from '@linli/shared';
import type { KeyRange } from '../platform/domain/geo/search-plan';
import type { IdempotencyClaim, Once } from '../platform/domain/idempotency';
import type { OutboxEntry, OutboxMessage } from '../platform/domain/outbox';
import type { MetricDelta } from './domain/metrics';
import type { CommunitySums, UnitCounters } from './domain/measures';
import type { StoredEvaluation } from './domain/evaluations';
import type { RequestEvent, ServiceRequest } from './domain/request';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** What a create stores beside the item: its receipt, the day's counters, consents the reporter gave. */
export interface CreateExtras {
  claim: IdempotencyClaim;
  metrics?: MetricDelta | null;
  /** Subscribe-message templates the reporter agreed to at the submit tap. */
  consents?: readonly string[];
  /** The 12345 ticket the item comes from: recorded so that the platform's answers find the item. */
  hotlineTicket?: { source: string; externalId: string };
  /** Messages for later (staff alerts of a new item), stored only if the item is. */
  outbox?: readonly OutboxMessage[];
}

/** What a change stores beside the item, in the same transaction. */
export interface SaveExtras {
  refusedBy?: { level: Level; unitId: string };
  metrics?: MetricDelta | null;
  /** Messages for later: subscribe messages, events for other jobs. */
  outbox?: readonly OutboxMessage[];
}

export interface RequestRepository {
  /**
   * Stores a new item, its first events and the idempotency receipt atomically. If the key was
   * used before, stores nothing and returns the earlier receipt.
   */
  create(request: ServiceRequest, events: RequestEvent[], extras: CreateExtras): Promise<Once<{ requestId: string }> & { outbox?: OutboxEntry[] }>;
  /**
   * The next sequence of a China day's request numbers (1, 2, …; atomic). An item with a `number`
   * is created only if no other item holds that number (else ConflictError `number_taken`).
   */
  nextNumber(day: string): Promise<number>;
  /** Raises the day's counter to the highest number held (after `number_taken`: the counter was set back). */
  catchUpNumbers(day: string): Promise<void>;
  get(id: string): Promise<ServiceRequest | null>;
  /** The id of the item imported from a 12345 ticket, or null. */
  idOfHotlineTicket(source: string, externalId: string): Promise<string | null>;
  /** Appends events to an item's timeline without changing the item (delivery reports: sent, failed). */
  appendEvents(r: ServiceRequest, events: RequestEvent[], tag: string): Promise<void>;
  /** The id of the item holding a request number (受理编号), or null. */
  idOfNumber(number: string): Promise<string | null>;
  /** The item, its whole timeline (oldest first) and its followers' user ids (the reporter included). */
  getWithTimeline(id: string): Promise<{ request: ServiceRequest; events: RequestEvent[]; followers: string[] } | null>;
  /** Adds a follower ("me too") with the consents he gave and stores the item (version-checked); false if he already followed it. */
  follow(next: ServiceRequest, expectedVersion: number, userId: string, consents: readonly string[]): Promise<boolean>;
  /** Stores a merge atomically: both items (version-checked), their events, the survivor's new followers. */
  merge(
    duplicate: { next: ServiceRequest; expectedVersion: number; events: RequestEvent[] },
    survivor: { next: ServiceRequest; expectedVersion: number; events: RequestEvent[] },
    followers: string[],
    metrics?: MetricDelta | null,
  ): Promise<void>;
  /**
   * Replaces the item if its stored version is `expectedVersion`, appending events, counting a
   * refusal and leaving outbox messages, atomically; ConflictError otherwise. Returns the stored
   * outbox entries (to deliver at once).
   */
  save(next: ServiceRequest, expectedVersion: number, events: RequestEvent[], extras?: SaveExtras): Promise<OutboxEntry[]>;
  /**
   * Open items whose current deadline is at or before `untilIso`, earliest first across the due index's shards:
   * one page of at most `limit`, and the cursor of the next (null at the end).
   */
  overdue(untilIso: string, limit: number, cursor?: string | null): Promise<{ items: ServiceRequest[]; nextCursor: string | null }>;
  /**
   * Erases a deleted account from one item: as its reporter (name → `name`, phone gone; version
   * bumped, conditional) and as the actor of its timeline events (name gone). Idempotent.
   */
  eraseActor(requestId: string, userId: string, name: string): Promise<void>;
  /** Open items whose current deadline is at or after `fromIso`, one page across the due index's shards. */
  dueFrom(fromIso: string, limit: number, cursor: string | null): Promise<{ items: ServiceRequest[]; nextCursor: string | null }>;
  /** How many times a unit refused items (退单). */
  refusalsOf(level: Level, unitId: string): Promise<number>;
  /** Several items by id (missing ones left out). */
  getMany(ids: string[]): Promise<ServiceRequest[]>;
  /** Every unit's daily counters of one community's items (the community, its grids, property units, departments) summed over [from, to] (Shanghai dates). */
  countersOfCommunity(communityId: string, from: string, to: string): Promise<CommunitySums>;
  /** A community's open items, in whatever queue they are (status, level, unit, grid, deadline). */
  openOfCommunity(communityId: string): Promise<{ level: Level; status: 'submitted' | 'accepted'; gridId: string | null; unitId: string; dueAt: string }[]>;
  /** Open items of a category within the geo key ranges (the duplicate-hint index). */
  openOfCategoryIn(categoryId: string, ranges: readonly KeyRange[]): Promise<ServiceRequest[]>;
  /** A street's items filed between two instants, newest first, at most `limit`. */
  listOfStreet(streetId: string, fromIso: string, toIso: string, limit: number): Promise<ServiceRequest[]>;
  /** Items a resident filed or follows, newest first. */
  listOfReporter(userId: string, cursor: string | undefined, limit: number): Promise<Page<ServiceRequest>>;
  /**
   * Stores an evaluation (三评) and adds to the rated unit's counters, atomically, only if its slot on
   * the item is free; otherwise stores nothing and returns the evaluation already there.
   */
  addEvaluation(e: StoredEvaluation, counters: UnitCounters): Promise<{ created: boolean; stored: StoredEvaluation }>;
  /** An item's evaluations, oldest slot first. */
  evaluationsOf(requestId: string): Promise<StoredEvaluation[]>;
  /** Open items with a unit at a level, nearest deadline (so overdue) first. */
  queue(level: Level, unitId: string, cursor: string | undefined, limit: number): Promise<Page<ServiceRequest>>;
}

export interface CategoryRepository {
  listOfCommunity(communityId: string): Promise<Category[]>;
  get(communityId: string, categoryId: string): Promise<Category | null>;
  put(communityId: string, category: Category): Promise<void>;
  /** Sets one category's grid admission flag (准入网格), touching nothing else of it; false if it is not stored. */
  setGridAdmitted(communityId: string, categoryId: string, gridAdmitted: boolean): Promise<boolean>;
}

/** How a send to the 12345 platform ended: delivered, or failed for a passing (`retry`) or lasting reason. */
export type HotlineSendResult = { ok: true } | { ok: false; retry: boolean; reason: string };

/** The 12345 hotline platform, outbound: replies, refusals and extension requests (网格+热线). */
export interface HotlinePlatform {
  /** Sends one message; the platform drops a repeat of a `messageId` it has seen. */
  send(message: HotlineOutboundMessage): Promise<HotlineSendResult>;
}

/** A community's duty lists as stored (version 0: none published). */
export interface StoredDutyLists {
  communityId: string;
  performs: DutyItem[];
  assists: DutyItem[];
  notHandled: NotHandledItem[];
  version: number;
  updatedAt: string | null;
  updatedByName: string | null;
}

/** Where a community's staff are alerted, as stored (version 0: nothing set). */
export interface StoredStaffAlerts {
  communityId: string;
  communityWebhook: string | null;
  grids: { gridId: string; webhook: string }[];
  version: number;
  updatedAt: string | null;
}

/** What a community publishes beside its categories: one versioned item each, written only over the version read. */
export interface CommunityListRepository {
  dutyLists(communityId: string): Promise<StoredDutyLists | null>;
  /** Stores the lists if the stored version is still `next.version - 1` (none stored for 1); ConflictError `stale` otherwise. */
  putDutyLists(next: StoredDutyLists): Promise<void>;
  staffAlerts(communityId: string): Promise<StoredStaffAlerts | null>;
  /** Several communities' staff-alert settings, read together (communities without settings are left out). */
  staffAlertsOf(communityIds: readonly string[]): Promise<Map<string, StoredStaffAlerts>>;
  putStaffAlerts(next: StoredStaffAlerts): Promise<void>;
}
