/**
 * The outbox: messages a change leaves for later, written in the change's own transaction and
 * delivered by topic — subscribe messages to residents ("your request was answered", "your booking
 * is tomorrow") and events between jobs ("request resolved" → points may credit the reporter), so
 * that no job imports another. A message may wait until `dueAt`.
 *
 * Delivery is at most once by default: an entry is claimed (removed) before its handler runs, so a
 * crash between the claim and the send loses that send but can never repeat it (a resident never
 * gets a message twice). Topics whose work must not be lost (erasing a deleted account's name
 * everywhere) are delivered at least once instead: the handler runs first and the entry is removed
 * after, so a crash repeats the (idempotent) handler rather than skipping it. A handler that fails
 * for a passing reason is re-queued a minute later, up to MAX_ATTEMPTS.
 *
 * Messages to partner systems (the 12345 platform) are delivered under a lease: the entry is leased
 * (not removed) before the send and removed after it, so concurrent drains never both send and a
 * crash mid-send does not lose the message: the lease lapses and it goes again with the same id,
 * which the partner drops as a repeat. Their retries back off (1, 2, 4 … minutes, at most an hour).
 *
 * Topics whose sends are rate-limited per destination (a staff group robot takes 20 messages a
 * minute) are delivered in batches, at most once: every entry of the topic in one `deliver` call (one
 * `drain`) is claimed first, then the handler gets all the claimed entries at once and answers for
 * each (it may send one digest for many); 'retry' re-queues that entry a minute later, as above.
 */
import type { OutboxStore } from '../ports/outbox';
import { inPool } from './pool';

/** A message to leave in the outbox with a change. */
export interface OutboxMessage {
  /** Who handles it, e.g. `notice` (a WeChat subscribe message) or `requests.resolved`. */
  topic: string;
  /** What it is about, e.g. `request#01J…` (part of its key; useful in logs). */
  subject: string;
  payload: Record<string, unknown>;
  /** Not before this instant (ISO); default: at once. */
  dueAt?: string;
}

/** A stored message. `ref` is the store's own handle on it. */
export interface OutboxEntry extends OutboxMessage {
  id: string;
  dueAt: string;
  attempts: number;
  ref: unknown;
}

/** `done`: delivered (or nothing to do); `retry`: passing failure, try again later; `drop`: never deliverable. */
export type Delivery = 'done' | 'retry' | 'drop';
export type TopicHandler = (entry: OutboxEntry, now: Date) => Promise<Delivery>;
/** A topic delivered at least once: its handler must be idempotent. */
export interface AtLeastOnce {
  atLeastOnce: TopicHandler;
}

/** A topic delivered under a lease (at least once, never by two deliverers at a time): the handler gets `entry.id` as a stable message id. */
export interface Leased {
  leased: TopicHandler;
}

/**
 * A topic delivered in batches, at most once: the handler gets every entry of the topic claimed in
 * one `deliver` call and answers one Delivery per entry, in the same order.
 */
export interface Batched {
  batch: (entries: OutboxEntry[], now: Date) => Promise<Delivery[]>;
}

export type TopicRegistration = TopicHandler | AtLeastOnce | Leased | Batched;

export const MAX_ATTEMPTS = 10;
export const RETRY_AFTER_MS = 60_000;
/** How long a leased entry is held by its deliverer: longer than any send may take. */
export const LEASE_MS = 5 * 60_000;
const MAX_BACKOFF_MS = 3600_000;
/** Entries of a batched topic claimed at a time. */
const CLAIM_CONCURRENCY = 16;
/** When a leased entry that failed `attempts + 1` times goes again: 1, 2, 4 … minutes, at most an hour. */
export const backoffMs = (attempts: number): number => Math.min(RETRY_AFTER_MS * 2 ** attempts, MAX_BACKOFF_MS);

export interface DeliveryStats {
  sent: number;
  retried: number;
  dropped: number;
}

/** Delivers outbox entries to the handlers of their topics. */
export class OutboxDispatcher {
  constructor(
    private readonly store: OutboxStore,
    private readonly handlers: Readonly<Record<string, TopicRegistration>>,
    private readonly onError: (message: string, context: Record<string, unknown>) => void = () => {},
    /**
     * A function wires the topics of its own job only: entries of other topics are left for the
     * tick (which wires every topic) instead of being dropped. Only the tick drops an unknown topic.
     */
    private readonly unknownTopics: 'leave' | 'drop' = 'drop',
    /** Told of every entry that ends without being delivered (dropped, or given up after the last attempt). */
    private readonly onDropped: (topic: string) => void = () => {},
  ) {}

  /** Whether `topic` is delivered in batches (its entries are best handed over together). */
  isBatched(topic: string): boolean {
    const registered = this.handlers[topic];
    return typeof registered === 'object' && 'batch' in registered;
  }

  /**
   * Delivers entries now (after the change that wrote them); entries not yet due stay for the tick.
   * Entries of batched topics are delivered after the others, one batch per topic.
   */
  async deliver(entries: readonly OutboxEntry[], now: Date, stats: DeliveryStats = { sent: 0, retried: 0, dropped: 0 }): Promise<DeliveryStats> {
    const batches = new Map<string, { handler: Batched['batch']; entries: OutboxEntry[] }>();
    for (const entry of entries) {
      if (Date.parse(entry.dueAt) > now.getTime()) continue;
      const registered = this.handlers[entry.topic];
      if (!registered && this.unknownTopics === 'leave') continue;
      if (typeof registered === 'object' && 'batch' in registered) {
        const batch = batches.get(entry.topic) ?? { handler: registered.batch, entries: [] };
        batch.entries.push(entry);
        batches.set(entry.topic, batch);
        continue;
      }
      if (typeof registered === 'object' && 'leased' in registered) {
        await this.deliverLeased(entry, registered.leased, now, stats);
        continue;
      }
      const atLeastOnce = typeof registered === 'object';
      const handler = typeof registered === 'object' ? registered.atLeastOnce : registered;
      // At most once: claim first; whoever removes the entry delivers it, and a crash after this line loses the send, never repeats it.
      if (!atLeastOnce && !(await this.store.claim(entry))) continue;
      let outcome: Delivery = 'drop';
      try {
        outcome = handler ? await handler(entry, now) : 'drop';
        if (!handler) this.onError('outbox topic without handler', { topic: entry.topic, subject: entry.subject });
      } catch (e) {
        this.onError('outbox handler failed', { topic: entry.topic, subject: entry.subject, error: String(e) });
        outcome = 'retry';
      }
      // At least once: the work is done (or failed) before the entry goes; only one remover re-queues it.
      if (atLeastOnce && !(await this.store.claim(entry))) continue;
      if (atLeastOnce && outcome !== 'done' && !(outcome === 'retry' && entry.attempts + 1 < MAX_ATTEMPTS)) {
        this.onError('outbox entry given up', { topic: entry.topic, subject: entry.subject, attempts: entry.attempts + 1 });
      }
      await this.settle(entry, outcome, now, stats);
    }
    for (const [topic, batch] of batches) await this.deliverBatch(topic, batch.entries, batch.handler, now, stats);
    return stats;
  }

  /** Counts an at-most-once or at-least-once entry's outcome, re-queueing a passing failure a minute later (up to MAX_ATTEMPTS). */
  private async settle(entry: OutboxEntry, outcome: Delivery, now: Date, stats: DeliveryStats): Promise<void> {
    if (outcome === 'retry' && entry.attempts + 1 < MAX_ATTEMPTS) {
      await this.store.requeue(entry, new Date(now.getTime() + RETRY_AFTER_MS).toISOString());
      stats.retried++;
    } else if (outcome === 'done') stats.sent++;
    else {
      stats.dropped++;
      this.onDropped(entry.topic);
    }
  }

  /** Claims the entries (at most once: whoever removes an entry delivers it), hands the claimed ones to the handler at once, settles each. */
  private async deliverBatch(topic: string, entries: OutboxEntry[], handler: Batched['batch'], now: Date, stats: DeliveryStats): Promise<void> {
    const claimed = await inPool(entries, CLAIM_CONCURRENCY, (e) => this.store.claim(e));
    const mine = entries.filter((_, i) => claimed[i]);
    if (!mine.length) return;
    let outcomes: Delivery[];
    try {
      outcomes = await handler(mine, now);
      if (outcomes.length !== mine.length) this.onError('outbox batch answered for the wrong number of entries', { topic, entries: mine.length, outcomes: outcomes.length });
    } catch (e) {
      this.onError('outbox handler failed', { topic, entries: mine.length, subject: mine[0]!.subject, error: String(e) });
      outcomes = mine.map(() => 'retry');
    }
    await inPool(mine, CLAIM_CONCURRENCY, (entry, i) => this.settle(entry, outcomes[i] ?? 'drop', now, stats));
  }

  /** Leases the entry, runs the handler, then removes it (done, drop) or puts it back for later (retry). */
  private async deliverLeased(entry: OutboxEntry, handler: TopicHandler, now: Date, stats: DeliveryStats): Promise<void> {
    const leased = await this.store.lease(entry, new Date(now.getTime() + LEASE_MS).toISOString(), now.toISOString());
    if (!leased) return; // delivered, or being delivered, by someone else
    let outcome: Delivery;
    try {
      outcome = await handler(leased, now);
    } catch (e) {
      this.onError('outbox handler failed', { topic: entry.topic, subject: entry.subject, error: String(e) });
      outcome = 'retry';
    }
    if (outcome === 'retry' && leased.attempts + 1 < MAX_ATTEMPTS) {
      await this.store.release(leased, new Date(now.getTime() + backoffMs(leased.attempts)).toISOString());
      stats.retried++;
      return;
    }
    if (outcome === 'retry') this.onError('outbox entry given up', { topic: entry.topic, subject: entry.subject, attempts: leased.attempts + 1 });
    await this.store.complete(leased);
    if (outcome === 'done') stats.sent++;
    else {
      stats.dropped++;
      this.onDropped(entry.topic);
    }
  }

  /**
   * The tick's part: delivers entries due by `now`, at most `limit`; `more` when some were left.
   * `due` (entries found due, at most limit + 1) and `oldestDueSeconds` (how long the oldest has
   * waited) measure the backlog.
   */
  async drain(now: Date, limit: number): Promise<DeliveryStats & { more: boolean; due: number; oldestDueSeconds: number }> {
    const due = await this.store.due(now.toISOString(), limit + 1);
    const oldest = due.reduce((min, e) => Math.min(min, Date.parse(e.dueAt)), now.getTime());
    const stats = await this.deliver(due.slice(0, limit), now);
    return { ...stats, more: due.length > limit, due: due.length, oldestDueSeconds: Math.max(0, Math.round((now.getTime() - oldest) / 1000)) };
  }
}
