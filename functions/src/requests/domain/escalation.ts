/**
 * The deadline task (on the every-minute tick): escalates every open item whose deadline has
 * passed, reading only the due index up to `now`, earliest deadline first. A wave (thousands of items
 * due in the same minute, e.g. Monday 09:00) is escalated by a pool of workers fed page by page from
 * the due index, at most `budget` items and, by the wall clock, taking no new item after `stopAfterMs`
 * (the tick must end within the function's timeout and leave time for the other tasks); what is left
 * is `more` and the next tick continues (escalated items leave the due range). Safe to run twice at
 * once: each change is a conditional write on the item version, and a lost race is counted, not thrown.
 */
import type { OutboxEntry } from '../../platform/domain/outbox';
import type { TickTask } from '../../platform/domain/tick';
import { ConflictError } from '../../platform/domain/errors';
import { store } from './commands';
import type { RequestDeps } from './deps';
import type { ServiceRequest } from './request';
import { escalateIfOverdue } from './request';

export interface EscalationStats {
  examined: number;
  escalated: number;
  flagged: number;
  conflicts: number;
}

export interface EscalationOptions {
  /** Most items examined in one run. */
  budget?: number;
  /** Items escalated at once. */
  concurrency?: number;
  /** Wall-clock milliseconds after which no new item is taken (items in hand are finished). */
  stopAfterMs?: number;
  /** Wall-clock milliseconds after which the wave's messages are left to the outbox task. */
  deliverUntilMs?: number;
  /** Items read from the due index per page. */
  pageSize?: number;
  /** The wall clock, in milliseconds (tests and simulations replace it). */
  clock?: () => number;
}

export const ESCALATION_DEFAULTS = { budget: 20_000, concurrency: 24, stopAfterMs: 30_000, deliverUntilMs: 42_000, pageSize: 200 } as const;

/** Entries of a batched topic handed to the outbox in one call (one staff-robot digest per robot per call). */
export const DELIVERY_BATCH = 500;

/**
 * The wave's messages as the outbox calls to make: the entries of each batched topic (staff alerts)
 * together, DELIVERY_BATCH a call, first; every other entry on its own, so that the workers send
 * those (resident notices) side by side as before.
 */
export function deliveryChunks(messages: readonly OutboxEntry[], isBatched: (topic: string) => boolean): OutboxEntry[][] {
  const batched = new Map<string, OutboxEntry[]>();
  const single: OutboxEntry[][] = [];
  for (const m of messages) {
    if (!isBatched(m.topic)) single.push([m]);
    else if (batched.has(m.topic)) batched.get(m.topic)!.push(m);
    else batched.set(m.topic, [m]);
  }
  const chunks: OutboxEntry[][] = [];
  for (const entries of batched.values()) for (let i = 0; i < entries.length; i += DELIVERY_BATCH) chunks.push(entries.slice(i, i + DELIVERY_BATCH));
  return [...chunks, ...single];
}

export async function escalateOverdue(
  deps: RequestDeps,
  now: Date,
  options: number | EscalationOptions = {},
): Promise<EscalationStats & { more: boolean }> {
  const o = typeof options === 'number' ? { budget: options } : options;
  const budget = o.budget ?? ESCALATION_DEFAULTS.budget;
  const concurrency = Math.max(1, o.concurrency ?? ESCALATION_DEFAULTS.concurrency);
  const stopAfterMs = o.stopAfterMs ?? ESCALATION_DEFAULTS.stopAfterMs;
  const pageSize = Math.max(1, Math.min(o.pageSize ?? ESCALATION_DEFAULTS.pageSize, budget));
  const clock = o.clock ?? Date.now;
  const started = clock();
  const until = now.toISOString();
  const stats = { examined: 0, escalated: 0, flagged: 0, conflicts: 0 };
  // The messages of the escalations (notices, staff alerts): stored with each escalation, delivered after the wave.
  const messages: OutboxEntry[] = [];

  // The due index, read a page ahead of the workers.
  const queue: ServiceRequest[] = [];
  let cursor: string | null = null;
  let exhausted = false;
  let read = 0;
  let fetching: Promise<void> | null = null;
  let failure: unknown = null;
  const fetchPage = (): Promise<void> =>
    (fetching ??= (async () => {
      try {
        const page = await deps.requests.overdue(until, Math.min(pageSize, budget - read), cursor);
        queue.push(...page.items);
        read += page.items.length;
        cursor = page.nextCursor;
        exhausted = cursor === null || read >= budget;
      } finally {
        fetching = null;
      }
    })());
  const stopping = () => failure !== null || stats.examined >= budget || clock() - started >= stopAfterMs;
  async function take(): Promise<ServiceRequest | null> {
    for (;;) {
      if (stopping()) return null;
      if (queue.length) {
        if (queue.length < pageSize / 2 && !exhausted && !fetching) void fetchPage().catch((e: unknown) => (failure ??= e));
        stats.examined++;
        return queue.shift()!;
      }
      if (exhausted) return null;
      await fetchPage();
    }
  }

  async function escalateOne(r: ServiceRequest): Promise<void> {
    const t = escalateIfOverdue(r, now, deps.calendar);
    if (!t) return;
    try {
      // Followers beyond the reporter are read only for an item that has some (most have none: a Query saved per item).
      const followers = t.notices?.length && r.followerCount > 1 ? ((await deps.requests.getWithTimeline(r.id))?.followers ?? []) : [];
      await store(deps, r, t, followers, now, messages);
      if (t.events[0]!.type === 'escalated') stats.escalated++;
      else stats.flagged++;
    } catch (e) {
      if (!(e instanceof ConflictError)) throw e;
      stats.conflicts++; // someone acted on it meanwhile (or the counters stayed busy); the next run sees its new state
    }
  }

  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      try {
        for (let r = await take(); r; r = await take()) await escalateOne(r);
      } catch (e) {
        failure ??= e; // the other workers stop taking items; the first error is thrown once they are done
      }
    }),
  );
  if (fetching) await (fetching as Promise<void>).catch(() => {});
  if (failure !== null) throw failure;
  // Escalating first and delivering after keeps every item's escalation as near its deadline as the store allows;
  // what cannot be delivered in time stays in the outbox for its task (this tick's or the next).
  const deliverUntil = started + (o.deliverUntilMs ?? ESCALATION_DEFAULTS.deliverUntilMs);
  const chunks = deliveryChunks(messages, (topic) => deps.outbox.isBatched(topic));
  await Promise.all(
    Array.from({ length: Math.min(concurrency, chunks.length) }, async () => {
      for (let c = chunks.shift(); c && clock() < deliverUntil; c = chunks.shift()) {
        await deps.outbox.deliver(c, now).catch(() => {}); // still in the outbox: its task retries it
      }
    }),
  );
  return { ...stats, more: queue.length > 0 || cursor !== null };
}

export const escalationTask = (deps: RequestDeps, options: Omit<EscalationOptions, 'budget'> = {}): TickTask => ({
  name: 'requests.escalate',
  budget: ESCALATION_DEFAULTS.budget,
  async run(now, budget) {
    const { more, ...stats } = await escalateOverdue(deps, now, { ...options, budget });
    return { handled: stats.examined, more, stats };
  },
});
