import type { Category, Level, NoticeKind } from '@linli/shared';
import type { KeyRange } from '../platform/domain/geo/search-plan';
import type { MetricDelta } from './domain/metrics';
import type { RequestEvent, ServiceRequest } from './domain/request';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The stored answer to a submit, found again by its idempotency key. */
export interface SubmitReceipt {
  requestId: string;
  bodyHash: string;
}

export interface RequestRepository {
  /**
   * Stores a new item, its first events and the submitter's idempotency record atomically. If the
   * key was used before, stores nothing and returns the earlier receipt.
   */
  create(
    request: ServiceRequest,
    events: RequestEvent[],
    idempotency: { userId: string; key: string; bodyHash: string; expiresAt: number },
    metrics?: MetricDelta | null,
  ): Promise<{ created: true } | { created: false; receipt: SubmitReceipt }>;
  /** Notices of the outbox written at or before `untilIso`, across its shards. */
  pendingNotices(untilIso: string): AsyncIterable<PendingNotice>;
  /** Removes a notice once sent or given up; counts a failed attempt otherwise. */
  settleNotice(notice: PendingNotice, done: boolean): Promise<void>;
  get(id: string): Promise<ServiceRequest | null>;
  /**
   * The item, its whole timeline (oldest first), its followers' user ids, and the subscribe consents
   * followers other than the reporter still hold (the reporter's are on the item).
   */
  getWithTimeline(id: string): Promise<{ request: ServiceRequest; events: RequestEvent[]; followers: string[]; consents: FollowerConsents } | null>;
  /** Adds a follower ("me too") with his consents and stores the item (version-checked); false if he already followed it. */
  follow(next: ServiceRequest, expectedVersion: number, userId: string, consents: NoticeKind[]): Promise<boolean>;
  /** Stores a merge atomically: both items (version-checked), their events, the survivor's new followers. */
  merge(
    duplicate: { next: ServiceRequest; expectedVersion: number; events: RequestEvent[] },
    survivor: { next: ServiceRequest; expectedVersion: number; events: RequestEvent[] },
    followers: string[],
    metrics?: MetricDelta | null,
    consents?: FollowerConsents,
  ): Promise<void>;
  /** Summed daily counters of a community or grid over [from, to] (Shanghai dates). */
  metrics(scope: 'community' | 'grid', id: string, from: string, to: string): Promise<Record<string, number>>;
  /** Open items of a community in the given queues (status, level, grid, deadline). */
  openInQueues(
    queues: { level: Level; unitId: string }[],
    communityId: string,
  ): Promise<{ level: Level; status: 'submitted' | 'accepted'; gridId: string | null; dueAt: string }[]>;
  /** Open items of a category within the geo key ranges (the duplicate-hint index). */
  openOfCategoryIn(categoryId: string, ranges: readonly KeyRange[]): Promise<ServiceRequest[]>;
  /**
   * Replaces the item if its stored version is `expectedVersion`, appending events and counting a
   * refusal against `refusedBy`, atomically; ConflictError otherwise.
   */
  save(
    next: ServiceRequest,
    expectedVersion: number,
    events: RequestEvent[],
    extras?: {
      refusedBy?: { level: Level; unitId: string };
      metrics?: MetricDelta | null;
      notices?: PendingNoticeInput[];
      /** Followers' consents used up by these notices. */
      consume?: PendingNoticeInput[];
    },
  ): Promise<PendingNotice[]>;
  /** Open items whose current deadline is at or before `untilIso`, across all shards of the due index. */
  overdue(untilIso: string): AsyncIterable<ServiceRequest>;
  /** How many times a unit refused items (退单). */
  refusalsOf(level: Level, unitId: string): Promise<number>;
  /** Several items by id (missing ones left out). */
  getMany(ids: string[]): Promise<ServiceRequest[]>;
  /** A street's items filed between two instants, newest first, at most `limit`. */
  listOfStreet(streetId: string, fromIso: string, toIso: string, limit: number): Promise<ServiceRequest[]>;
  /** Items a resident filed, newest first. */
  listOfReporter(userId: string, cursor: string | undefined, limit: number): Promise<Page<ServiceRequest>>;
  /** Open items with a unit at a level, nearest deadline (so overdue) first. */
  queue(level: Level, unitId: string, cursor: string | undefined, limit: number): Promise<Page<ServiceRequest>>;
}

export interface CategoryRepository {
  listOfCommunity(communityId: string): Promise<Category[]>;
  get(communityId: string, categoryId: string): Promise<Category | null>;
  put(communityId: string, category: Category): Promise<void>;
}

/**
 * Sends a WeChat subscribe message about an item to a user: `sent`, `rejected` (will never go:
 * no consent left, unknown user; not retried) or `failed` (try again later).
 */
export interface Notifier {
  notify(userId: string, kind: NoticeKind, request: ServiceRequest): Promise<'sent' | 'rejected' | 'failed'>;
}

/** A notice waiting to be sent (the outbox, written in the same transaction as the change). */
export interface PendingNotice {
  key: { PK: string; SK: string };
  requestId: string;
  userId: string;
  kind: NoticeKind;
  attempts: number;
}

/** A notice to put in the outbox with a change. */
export interface PendingNoticeInput {
  userId: string;
  kind: NoticeKind;
}

/** Subscribe consents per follower (one message each). */
export type FollowerConsents = Record<string, NoticeKind[]>;
