import type { OutboxEntry } from '../domain/outbox';

/** Where outbox entries live. Entries are written by the jobs' own transactions (see the adapter). */
export interface OutboxStore {
  /** Entries due at or before `untilIso`, oldest first across shards, at most `limit`. */
  due(untilIso: string, limit: number): Promise<OutboxEntry[]>;
  /** Removes the entry if it is still there; true for exactly one caller. */
  claim(entry: OutboxEntry): Promise<boolean>;
  /** Puts a claimed entry back with one more attempt, due again at `dueAt`. */
  requeue(entry: OutboxEntry, dueAt: string): Promise<void>;
  /**
   * Leases the entry until `untilIso` if it is still there and nobody holds a live lease on it (at
   * `nowIso`): the leased copy for exactly one caller, else null.
   */
  lease(entry: OutboxEntry, untilIso: string, nowIso: string): Promise<OutboxEntry | null>;
  /** Removes a leased entry, if the lease is still the caller's. */
  complete(leased: OutboxEntry): Promise<void>;
  /** Puts a leased entry back with one more attempt, due again at `dueAt`, in one write with its removal. */
  release(leased: OutboxEntry, dueAt: string): Promise<void>;
}
