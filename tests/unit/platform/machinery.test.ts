/** The platform's pure machinery: idempotency claims, the outbox dispatcher (at most once), the tick. */
import { ConflictError } from '../../../functions/src/platform/domain/errors';
import { claimFor, replayOf } from '../../../functions/src/platform/domain/idempotency';
import { backoffMs, LEASE_MS, MAX_ATTEMPTS, OutboxDispatcher, type Delivery, type OutboxEntry } from '../../../functions/src/platform/domain/outbox';
import { runTick } from '../../../functions/src/platform/domain/tick';
import type { OutboxStore } from '../../../functions/src/platform/ports/outbox';

const hash = (s: string) => `h:${s}`;
const now = new Date('2027-01-04T02:00:00Z');

describe('idempotency', () => {
  it('scopes a claim to operation and caller, and replays the outcome for the same body', () => {
    const claim = claimFor('requests.submit', 'u1', 'k1', { a: 1 }, now, hash);
    expect(claim).toMatchObject({ operation: 'requests.submit', callerId: 'u1', key: 'k1', expiresAt: now.getTime() / 1000 + 86400 });
    expect(replayOf(claim, { bodyHash: claim.bodyHash, outcome: { requestId: 'r1' } })).toEqual({ requestId: 'r1' });
  });

  it('answers 409 idempotency_key_reused when the same key comes with another body', () => {
    const first = claimFor('requests.submit', 'u1', 'k1', { a: 1 }, now, hash);
    const second = claimFor('requests.submit', 'u1', 'k1', { a: 2 }, now, hash);
    expect(() => replayOf(second, { bodyHash: first.bodyHash, outcome: {} })).toThrow(ConflictError);
    try {
      replayOf(second, { bodyHash: first.bodyHash, outcome: {} });
    } catch (e) {
      expect((e as ConflictError).code).toBe('idempotency_key_reused');
    }
  });
});

/** An in-memory outbox: claim removes, requeue puts back. */
function memoryStore(entries: OutboxEntry[]): OutboxStore & { items: Map<string, OutboxEntry> } {
  const items = new Map(entries.map((e) => [e.id, e]));
  return {
    items,
    async due(until, limit) {
      return [...items.values()].filter((e) => e.dueAt <= until).sort((a, b) => a.dueAt.localeCompare(b.dueAt)).slice(0, limit);
    },
    async claim(e) {
      return items.delete(e.id);
    },
    async requeue(e, dueAt) {
      items.set(e.id, { ...e, dueAt, attempts: e.attempts + 1 });
    },
    async lease(e, until, nowIso) {
      const held = items.get(e.id) as (OutboxEntry & { leaseUntil?: string }) | undefined;
      if (!held || (held.leaseUntil && held.leaseUntil >= nowIso)) return null;
      const leased = { ...held, leaseUntil: until, ref: `${e.id}@${until}#${Math.random()}` };
      items.set(e.id, leased);
      return leased;
    },
    async complete(e) {
      if (items.get(e.id)?.ref === e.ref) items.delete(e.id);
    },
    async release(e, dueAt) {
      if (items.get(e.id)?.ref === e.ref) items.set(e.id, { ...e, dueAt, attempts: e.attempts + 1, ref: e.id, leaseUntil: undefined } as OutboxEntry);
    },
  };
}
const entry = (id: string, dueAt = now.toISOString(), topic = 'notice'): OutboxEntry => ({ id, topic, subject: `s#${id}`, payload: {}, dueAt, attempts: 0, ref: id });

describe('OutboxDispatcher', () => {
  it('delivers an entry once even when two deliverers race for it', async () => {
    const store = memoryStore([entry('a')]);
    const calls: string[] = [];
    const d = new OutboxDispatcher(store, { notice: async (e) => (calls.push(e.id), 'done') });
    const [x, y] = await Promise.all([d.deliver([entry('a')], now), d.deliver([entry('a')], now)]);
    expect(calls).toEqual(['a']);
    expect(x.sent + y.sent).toBe(1);
    expect(store.items.size).toBe(0);
  });

  it('leaves entries that are not due yet for the tick', async () => {
    const later = new Date(now.getTime() + 3600_000).toISOString();
    const store = memoryStore([entry('a', later)]);
    const d = new OutboxDispatcher(store, { notice: async () => 'done' });
    expect(await d.deliver([entry('a', later)], now)).toEqual({ sent: 0, retried: 0, dropped: 0 });
    expect(await d.drain(now, 10)).toMatchObject({ sent: 0, retried: 0, dropped: 0, more: false });
    expect(await d.drain(new Date(now.getTime() + 3600_000), 10)).toMatchObject({ sent: 1, retried: 0, dropped: 0, more: false });
  });

  it('re-queues a passing failure a minute later and gives up after the last attempt', async () => {
    const store = memoryStore([entry('a')]);
    const outcomes: Delivery[] = [];
    const d = new OutboxDispatcher(store, { notice: async () => (outcomes.push('retry'), 'retry') });
    let t = now;
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      const stats = await d.drain(t, 10);
      expect(stats).toMatchObject(i < MAX_ATTEMPTS - 1 ? { sent: 0, retried: 1, dropped: 0, more: false } : { sent: 0, retried: 0, dropped: 1, more: false });
      t = new Date(t.getTime() + 60_000);
    }
    expect(outcomes).toHaveLength(MAX_ATTEMPTS);
    expect(store.items.size).toBe(0);
  });

  it('drops entries of a topic nobody handles, and counts a throwing handler as a retry', async () => {
    const store = memoryStore([entry('a', now.toISOString(), 'unknown'), entry('b')]);
    const d = new OutboxDispatcher(store, {
      notice: async () => {
        throw new Error('boom');
      },
    });
    expect(await d.drain(now, 10)).toMatchObject({ sent: 0, retried: 1, dropped: 1, more: false });
  });

  it('delivers at-least-once topics before removing them: a crash in between repeats the work, never skips it', async () => {
    const store = memoryStore([entry('a', now.toISOString(), 'erase')]);
    const runs: string[] = [];
    const realClaim = store.claim.bind(store);
    let crash = true;
    store.claim = async (e) => {
      if (crash) throw new Error('container died'); // after the handler ran, before the entry was removed
      return realClaim(e);
    };
    const d = new OutboxDispatcher(store, { erase: { atLeastOnce: async (e) => (runs.push(e.id), 'done') } });
    await expect(d.drain(now, 10)).rejects.toThrow('container died');
    expect(store.items.has('a')).toBe(true);
    crash = false;
    expect(await d.drain(now, 10)).toMatchObject({ sent: 1, retried: 0, dropped: 0, more: false });
    expect(runs).toEqual(['a', 'a']);
    expect(store.items.size).toBe(0);
  });

  it('re-queues an at-least-once entry that failed, once, even when two deliverers race', async () => {
    const store = memoryStore([entry('a', now.toISOString(), 'erase')]);
    const onError = jest.fn();
    const d = new OutboxDispatcher(store, { erase: { atLeastOnce: async () => 'retry' } }, onError);
    const [x, y] = await Promise.all([d.drain(now, 10), d.drain(now, 10)]);
    expect(x.retried + y.retried).toBe(1);
    expect([...store.items.values()]).toEqual([expect.objectContaining({ id: 'a', attempts: 1 })]);
    expect(onError).not.toHaveBeenCalled();
  });

  it('is bounded per drain and says when more is left', async () => {
    const store = memoryStore(Array.from({ length: 5 }, (_, i) => entry(`e${i}`)));
    const d = new OutboxDispatcher(store, { notice: async () => 'done' });
    expect(await d.drain(now, 3)).toMatchObject({ sent: 3, retried: 0, dropped: 0, more: true });
    expect(await d.drain(now, 3)).toMatchObject({ sent: 2, retried: 0, dropped: 0, more: false });
  });

  it('tells of every entry that ends undelivered (dropped or given up), for the NoticesNotSent metric', async () => {
    const store = memoryStore([entry('a'), entry('b'), entry('c', now.toISOString(), 'erase')]);
    const dropped: string[] = [];
    const d = new OutboxDispatcher(
      store,
      { notice: async (e) => (e.id === 'a' ? 'drop' : 'done'), erase: { leased: async () => 'retry' } },
      () => {},
      'drop',
      (topic) => dropped.push(topic),
    );
    await d.drain(now, 10);
    expect(dropped).toEqual(['notice']);
    let t = now;
    for (let i = 0; i < MAX_ATTEMPTS; i++) await d.drain((t = new Date(t.getTime() + 3 * 3600_000)), 10);
    expect(dropped).toEqual(['notice', 'erase']); // the leased entry given up after its last attempt
  });

  it('measures the backlog it finds: how many are due (up to its budget + 1) and how long the oldest has waited', async () => {
    const at = (s: number) => new Date(now.getTime() - s * 1000).toISOString();
    const store = memoryStore([entry('a', at(30)), entry('b', at(90)), entry('c', at(10)), entry('d', at(5)), entry('e', at(1))]);
    const d = new OutboxDispatcher(store, { notice: async () => 'retry' });
    expect(await d.drain(now, 3)).toMatchObject({ retried: 3, more: true, due: 4, oldestDueSeconds: 90 });
    expect(await new OutboxDispatcher(memoryStore([]), {}).drain(now, 3)).toEqual({ sent: 0, retried: 0, dropped: 0, more: false, due: 0, oldestDueSeconds: 0 });
  });

  it("in a job's own function leaves another job's topics for the tick instead of dropping them", async () => {
    const store = memoryStore([entry('a', now.toISOString(), 'erase'), entry('b')]);
    const sent: string[] = [];
    const own = new OutboxDispatcher(store, { notice: async (e) => (sent.push(e.id), 'done') }, () => {}, 'leave');
    expect(await own.deliver([entry('a', now.toISOString(), 'erase'), entry('b')], now)).toEqual({ sent: 1, retried: 0, dropped: 0 });
    expect(sent).toEqual(['b']);
    expect([...store.items.keys()]).toEqual(['a']);
    const tick = new OutboxDispatcher(store, { erase: { atLeastOnce: async (e) => (sent.push(e.id), 'done') } });
    expect(await tick.drain(now, 10)).toMatchObject({ sent: 1, dropped: 0 });
    expect(sent).toEqual(['b', 'a']);
  });
});

describe('OutboxDispatcher, leased topics (partner systems)', () => {
  it('sends once when two deliverers race, and removes the entry after the send', async () => {
    const store = memoryStore([entry('a', now.toISOString(), 'partner')]);
    const sent: string[] = [];
    const d = new OutboxDispatcher(store, { partner: { leased: async (e) => (sent.push(e.id), 'done') } });
    const [x, y] = await Promise.all([d.deliver([entry('a', now.toISOString(), 'partner')], now), d.deliver([entry('a', now.toISOString(), 'partner')], now)]);
    expect(sent).toEqual(['a']);
    expect(x.sent + y.sent).toBe(1);
    expect(store.items.size).toBe(0);
  });

  it('backs off 1, 2, 4 … minutes (at most an hour) and gives up after the last attempt', async () => {
    expect([0, 1, 2, 3, 6, 7, 9].map(backoffMs)).toEqual([60_000, 120_000, 240_000, 480_000, 3600_000, 3600_000, 3600_000]);
    const store = memoryStore([entry('a', now.toISOString(), 'partner')]);
    const d = new OutboxDispatcher(store, { partner: { leased: async () => 'retry' } });
    await d.drain(now, 10);
    expect(store.items.get('a')).toMatchObject({ attempts: 1, dueAt: new Date(now.getTime() + 60_000).toISOString() });
    await d.drain(new Date(now.getTime() + 60_000), 10);
    expect(store.items.get('a')).toMatchObject({ attempts: 2, dueAt: new Date(now.getTime() + 180_000).toISOString() });
    for (let i = 0; i < MAX_ATTEMPTS; i++) await d.drain(new Date(now.getTime() + 86400_000 * (i + 1)), 10);
    expect(store.items.size).toBe(0);
  });

  it('sends again with the same id when a deliverer died mid-send, once its lease has lapsed', async () => {
    const store = memoryStore([entry('a', now.toISOString(), 'partner')]);
    const sent: string[] = [];
    let die = true;
    const d = new OutboxDispatcher(store, {
      partner: {
        leased: async (e) => {
          sent.push(e.id);
          if (die) throw Object.assign(new Error('container died'), { fatal: true });
          return 'done';
        },
      },
    });
    const realRelease = store.release.bind(store);
    store.release = async () => {}; // the container is gone: the entry stays leased
    await d.drain(now, 10);
    store.release = realRelease;
    die = false;
    await d.drain(new Date(now.getTime() + 60_000), 10); // still leased: nothing
    expect(sent).toEqual(['a']);
    await d.drain(new Date(now.getTime() + LEASE_MS + 1000), 10);
    expect(sent).toEqual(['a', 'a']);
    expect(store.items.size).toBe(0);
  });
});

describe('OutboxDispatcher, batched topics (one send for many entries)', () => {
  const alert = (id: string, dueAt = now.toISOString()) => entry(id, dueAt, 'alert');

  it('claims every entry of the topic first, then hands them to the handler at once, in order; other topics as before', async () => {
    const later = new Date(now.getTime() + 3600_000).toISOString();
    const store = memoryStore([alert('a'), entry('n'), alert('b'), alert('c'), alert('z', later)]);
    const batches: string[][] = [];
    const left: string[][] = [];
    const sent: string[] = [];
    const d = new OutboxDispatcher(store, {
      notice: async (e) => (sent.push(e.id), 'done'),
      alert: {
        batch: async (es) => {
          batches.push(es.map((e) => e.id));
          left.push([...store.items.keys()]); // at most once: removed before the send
          return es.map(() => 'done');
        },
      },
    });
    expect(d.isBatched('alert')).toBe(true);
    expect(d.isBatched('notice')).toBe(false);
    expect(await d.deliver([alert('a'), entry('n'), alert('b'), alert('c'), alert('z', later)], now)).toEqual({ sent: 4, retried: 0, dropped: 0 });
    expect(batches).toEqual([['a', 'b', 'c']]);
    expect(sent).toEqual(['n']);
    expect(left).toEqual([['z']]);
    expect(await d.drain(new Date(Date.parse(later)), 10)).toMatchObject({ sent: 1, more: false });
    expect(batches).toEqual([['a', 'b', 'c'], ['z']]);
  });

  it('gives each entry to one batch only when two deliverers race for the same entries', async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `e${i}`);
    const store = memoryStore(ids.map((id) => alert(id)));
    const seen: string[] = [];
    const d = new OutboxDispatcher(store, { alert: { batch: async (es) => (seen.push(...es.map((e) => e.id)), es.map(() => 'done')) } });
    const [x, y] = await Promise.all([d.deliver(ids.map((id) => alert(id)), now), d.deliver(ids.map((id) => alert(id)), now)]);
    expect(seen.sort()).toEqual([...ids].sort());
    expect(x.sent + y.sent).toBe(40);
    expect(store.items.size).toBe(0);
  });

  it('settles each entry by its own answer: retry a minute later (up to the last attempt), drop, done', async () => {
    const store = memoryStore([alert('a'), alert('b'), alert('c')]);
    const dropped: string[] = [];
    const answers: Record<string, Delivery> = { a: 'done', b: 'retry', c: 'drop' };
    const d = new OutboxDispatcher(store, { alert: { batch: async (es) => es.map((e) => answers[e.id]!) } }, () => {}, 'drop', (t) => dropped.push(t));
    expect(await d.drain(now, 10)).toMatchObject({ sent: 1, retried: 1, dropped: 1 });
    expect([...store.items.values()]).toEqual([expect.objectContaining({ id: 'b', attempts: 1, dueAt: new Date(now.getTime() + 60_000).toISOString() })]);
    expect(dropped).toEqual(['alert']);
    let t = now;
    for (let i = 1; i < MAX_ATTEMPTS; i++) await d.drain((t = new Date(t.getTime() + 60_000)), 10);
    expect(store.items.size).toBe(0);
    expect(dropped).toEqual(['alert', 'alert']); // b given up after its last attempt
  });

  it('re-queues the whole batch when the handler throws, and drops what it did not answer for', async () => {
    const store = memoryStore([alert('a'), alert('b')]);
    const onError = jest.fn();
    let calls = 0;
    const d = new OutboxDispatcher(
      store,
      {
        alert: {
          batch: async (es) => {
            if (calls++ === 0) throw new Error('boom');
            return es.slice(1).map(() => 'done');
          },
        },
      },
      onError,
    );
    expect(await d.drain(now, 10)).toMatchObject({ sent: 0, retried: 2, dropped: 0 });
    expect([...store.items.values()].map((e) => e.attempts)).toEqual([1, 1]);
    expect(onError).toHaveBeenCalledWith('outbox handler failed', expect.objectContaining({ topic: 'alert', entries: 2 }));
    expect(await d.drain(new Date(now.getTime() + 60_000), 10)).toMatchObject({ sent: 1, retried: 0, dropped: 1 });
    expect(onError).toHaveBeenCalledWith('outbox batch answered for the wrong number of entries', { topic: 'alert', entries: 2, outcomes: 1 });
    expect(store.items.size).toBe(0);
  });

  it('hands over one batch per topic and per call: a drain bounded to 3 of 5 makes two batches', async () => {
    const store = memoryStore([...Array.from({ length: 5 }, (_, i) => alert(`a${i}`)), entry('x', now.toISOString(), 'digest')]);
    const batches: string[][] = [];
    const batch = { batch: async (es: OutboxEntry[]) => (batches.push(es.map((e) => e.id)), es.map((): Delivery => 'done')) };
    const own = new OutboxDispatcher(store, { alert: batch }, () => {}, 'leave');
    expect(await own.drain(now, 3)).toMatchObject({ sent: 3, more: true });
    expect(await own.drain(now, 3)).toMatchObject({ sent: 2, more: false });
    expect(batches).toEqual([['a0', 'a1', 'a2'], ['a3', 'a4']]);
    expect([...store.items.keys()]).toEqual(['x']); // another job's batched topic: left for the tick
    await new OutboxDispatcher(store, { alert: batch, digest: batch }).drain(now, 10);
    expect(batches).toEqual([['a0', 'a1', 'a2'], ['a3', 'a4'], ['x']]);
  });
});

describe('runTick', () => {
  it('runs every task with its budget and keeps going when one fails', async () => {
    const budgets: number[] = [];
    const errors: string[] = [];
    const report = await runTick(
      [
        { name: 'a', budget: 5, run: async (_t, b) => (budgets.push(b), { handled: 2, more: false }) },
        { name: 'b', budget: 7, run: async () => { throw new Error('down'); } },
        { name: 'c', budget: 9, run: async (_t, b) => (budgets.push(b), { handled: 9, more: true }) },
      ],
      now,
      (m) => errors.push(m),
    );
    expect(budgets).toEqual([5, 9]);
    expect(report).toEqual({ a: { handled: 2, more: false }, b: { error: 'Error: down' }, c: { handled: 9, more: true } });
    expect(errors).toEqual(['tick task failed']);
  });
});
