/**
 * Model-based test of booking capacity (fast-check commands): random sequences of book, cancel,
 * reschedule, join the waitlist, accept, leave, lapse and rule changes, applied to the real API on
 * the local store and to a small in-memory model, compared after every step. Invariants:
 * counter = live bookings + held offers; counter ≤ capacity unless the capacity was lowered under
 * it; nobody holds two live places of the offering that day; every answer is the model's.
 * Seeded and bounded (LINLI_MODEL_RUNS, default 10 runs of up to 30 steps).
 */
import fc from 'fast-check';
import { idemKey } from '../support/builders';
import { book, centreSettings, openCentre, resident } from '../support/booking';
import { startTestApi, type TestApi } from '../support/harness';

const SLOTS = ['09:00', '09:30'] as const;
const PEOPLE = 3;
const HOLD_MS = 30 * 60_000;
/** Three days ahead: every lapse time the test uses stays well before the slots start. */
const DAY = new Date(Date.now() + 8 * 3600_000 + 3 * 86400_000).toISOString().slice(0, 10);

type Slot = (typeof SLOTS)[number];
interface Model {
  capacity: number;
  /** The live booking of each person (one offering, one day: at most one). */
  booked: Map<number, { id: string; slot: Slot; version: number }>;
  /** Each slot's line in order; `offered` holds a place. */
  lines: Record<Slot, { who: number; offered: boolean }[]>;
  /** Places taken per slot: live bookings + held offers. */
  taken: Record<Slot, number>;
}
interface Real {
  api: TestApi;
  centreId: string;
  tokens: string[];
  /** The time the next lapse run pretends it is. */
  lapseAt: number;
  version: number;
  lapse: (now: Date) => Promise<unknown>;
}

/** What happens to a place given up in the model: held for the first waiting, or back to the slot. */
function passOn(m: Model, slot: Slot): void {
  const next = m.lines[slot].find((e) => !e.offered);
  if (next) next.offered = true;
  else m.taken[slot]--;
}

const body = (slot: Slot) => ({ offeringId: 'shebao', date: DAY, start: slot });
const hours = (windows: number) => [{ start: '09:00', end: '10:00', slotMinutes: 30, windows }];

class Book implements fc.AsyncCommand<Model, Real> {
  constructor(readonly who: number, readonly slot: Slot) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const res = await book(r.api, r.tokens[this.who]!, { centreId: r.centreId, ...body(this.slot) });
    // The transaction reports the first failed condition: the slot's counter, then the person's guard.
    if (m.taken[this.slot] >= m.capacity) return expect(res.body.error?.code).toBe('slot_full');
    if (m.booked.has(this.who)) return expect(res.body.error?.code).toBe('daily_limit');
    expect(res.status).toBe(201);
    m.booked.set(this.who, { id: res.body.booking.id, slot: this.slot, version: 1 });
    m.taken[this.slot]++;
  }
  toString = () => `book(${this.who}, ${this.slot})`;
}

class Cancel implements fc.AsyncCommand<Model, Real> {
  constructor(readonly who: number) {}
  check = (m: Readonly<Model>) => m.booked.has(this.who);
  async run(m: Model, r: Real) {
    const b = m.booked.get(this.who)!;
    const res = await r.api.call('POST', `/bookings/${b.id}/cancellation`, { token: r.tokens[this.who]!, body: { version: b.version } });
    expect(res.status).toBe(200);
    m.booked.delete(this.who);
    passOn(m, b.slot);
  }
  toString = () => `cancel(${this.who})`;
}

class Reschedule implements fc.AsyncCommand<Model, Real> {
  constructor(readonly who: number, readonly slot: Slot) {}
  check = (m: Readonly<Model>) => m.booked.has(this.who) && m.booked.get(this.who)!.slot !== this.slot;
  async run(m: Model, r: Real) {
    const b = m.booked.get(this.who)!;
    const res = await r.api.call('POST', `/bookings/${b.id}/reschedule`, {
      token: r.tokens[this.who]!, body: { date: DAY, start: this.slot, version: b.version }, headers: { 'idempotency-key': idemKey('rs') },
    });
    if (m.taken[this.slot] >= m.capacity) return expect(res.body.error?.code).toBe('slot_full');
    expect(res.status).toBe(200);
    m.taken[this.slot]++;
    passOn(m, b.slot);
    m.booked.set(this.who, { ...b, slot: this.slot, version: b.version + 1 });
  }
  toString = () => `reschedule(${this.who}, ${this.slot})`;
}

class Join implements fc.AsyncCommand<Model, Real> {
  constructor(readonly who: number, readonly slot: Slot) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const res = await r.api.call('POST', `/centres/${r.centreId}/waitlist`, { token: r.tokens[this.who]!, body: body(this.slot), headers: { 'idempotency-key': idemKey('wait') } });
    const line = m.lines[this.slot];
    if (line.some((e) => e.who === this.who)) return expect(res.body.error?.code).toBe('already_waiting');
    if (m.taken[this.slot] < m.capacity) return expect(res.body.error?.code).toBe('slot_open');
    if (m.booked.has(this.who)) return expect(res.body.error?.code).toBe('daily_limit');
    expect(res.status).toBe(201);
    line.push({ who: this.who, offered: false });
  }
  toString = () => `join(${this.who}, ${this.slot})`;
}

class Accept implements fc.AsyncCommand<Model, Real> {
  constructor(readonly who: number, readonly slot: Slot) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const res = await r.api.call('POST', `/centres/${r.centreId}/waitlist/acceptance`, { token: r.tokens[this.who]!, body: body(this.slot), headers: { 'idempotency-key': idemKey('acc') } });
    const line = m.lines[this.slot];
    const entry = line.find((e) => e.who === this.who);
    if (!entry?.offered) return expect(res.body.error?.code).toBe('offer_gone');
    if (m.booked.has(this.who)) return expect(res.body.error?.code).toBe('daily_limit');
    expect(res.status).toBe(201);
    line.splice(line.indexOf(entry), 1);
    m.booked.set(this.who, { id: res.body.booking.id, slot: this.slot, version: 1 });
  }
  toString = () => `accept(${this.who}, ${this.slot})`;
}

class Leave implements fc.AsyncCommand<Model, Real> {
  constructor(readonly who: number, readonly slot: Slot) {}
  check = (m: Readonly<Model>) => m.lines[this.slot].some((e) => e.who === this.who);
  async run(m: Model, r: Real) {
    const res = await r.api.call('POST', `/centres/${r.centreId}/waitlist/withdrawal`, { token: r.tokens[this.who]!, body: body(this.slot) });
    expect(res.status).toBe(200);
    const line = m.lines[this.slot];
    const entry = line.find((e) => e.who === this.who)!;
    line.splice(line.indexOf(entry), 1);
    if (entry.offered) passOn(m, this.slot);
  }
  toString = () => `leave(${this.who}, ${this.slot})`;
}

/** Everyone tries the slot: those who get no place join its line (drives the model into full slots with lines). */
class Crowd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly slot: Slot) {}
  check = () => true;
  async run(m: Model, r: Real) {
    for (let who = 0; who < PEOPLE; who++) {
      await new Book(who, this.slot).run(m, r);
      await new Join(who, this.slot).run(m, r);
    }
  }
  toString = () => `crowd(${this.slot})`;
}

/** The lapse task at a time past every hold made so far. */
class Lapse implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(m: Model, r: Real) {
    r.lapseAt += HOLD_MS + 60_000;
    await r.lapse(new Date(r.lapseAt));
    for (const slot of SLOTS) {
      const lapsed = m.lines[slot].filter((e) => e.offered);
      m.lines[slot] = m.lines[slot].filter((e) => !e.offered);
      for (let i = 0; i < lapsed.length; i++) passOn(m, slot);
    }
  }
  toString = () => 'lapse';
}

class RuleChange implements fc.AsyncCommand<Model, Real> {
  constructor(readonly windows: number) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const res = await r.api.call('PUT', `/centres/${r.centreId}`, {
      token: await r.api.tokenFor('service_staff'),
      body: { ...centreSettings({ rules: { workday: hours(this.windows), restday: hours(this.windows), holiday: null } }), version: r.version },
    });
    expect(res.status).toBe(200);
    r.version++;
    m.capacity = this.windows;
  }
  toString = () => `windows(${this.windows})`;
}

describe('booking capacity against a model', () => {
  let api: TestApi;
  let deps: ReturnType<typeof import('../../functions/src/composition').getDeps>;
  let lapse: (now: Date) => Promise<unknown>;
  let tokens: string[];
  beforeAll(async () => {
    api = await startTestApi();
    deps = (await import('../../functions/src/composition')).getDeps();
    const { lapseOffersTask } = await import('../../functions/src/booking/domain/waitlist');
    lapse = (now) => lapseOffersTask(deps).run(now, 200);
    tokens = (await Promise.all(Array.from({ length: PEOPLE }, (_, i) => resident(api, `模型居民${i}`)))).map((p) => p.token);
  });
  afterAll(() => api.stop());

  /** The real store against the model: counters, live bookings and lines, slot by slot. */
  async function compare(m: Model, r: Real): Promise<void> {
    const counts = new Map((await deps.bookings.counts(r.centreId, DAY, DAY)).map((c) => [c.start, c.taken]));
    const live = (await deps.bookings.ofCentreDay(r.centreId, DAY)).filter((b) => b.status === 'booked');
    for (const slot of SLOTS) {
      const line = await deps.waitlist.of(r.centreId, DAY, slot, 'windows');
      const held = line.filter((e) => e.status === 'offered').length;
      const here = live.filter((b) => b.start === slot).length;
      expect({ slot, taken: counts.get(slot) ?? 0, live: here, held, waiting: line.length - held }).toEqual({
        slot, taken: m.taken[slot], live: [...m.booked.values()].filter((b) => b.slot === slot).length,
        held: m.lines[slot].filter((e) => e.offered).length, waiting: m.lines[slot].filter((e) => !e.offered).length,
      });
      expect(counts.get(slot) ?? 0).toBe(here + held);
    }
    expect(new Set(live.map((b) => b.userId)).size).toBe(live.length);
  }

  it('keeps the store equal to the model through random sequences of every operation', async () => {
    const who = fc.integer({ min: 0, max: PEOPLE - 1 });
    const slot = fc.constantFrom(...SLOTS);
    const commands = fc.commands(
      [
        fc.tuple(who, slot).map(([w, s]) => new Book(w, s)),
        fc.tuple(who, slot).map(([w, s]) => new Book(w, s)),
        who.map((w) => new Cancel(w)),
        fc.tuple(who, slot).map(([w, s]) => new Reschedule(w, s)),
        fc.tuple(who, slot).map(([w, s]) => new Join(w, s)),
        fc.tuple(who, slot).map(([w, s]) => new Join(w, s)),
        who.map((w) => new Cancel(w)),
        fc.tuple(who, slot).map(([w, s]) => new Accept(w, s)),
        fc.tuple(who, slot).map(([w, s]) => new Accept(w, s)),
        fc.tuple(who, slot).map(([w, s]) => new Leave(w, s)),
        fc.constant(new Lapse()),
        slot.map((x) => new Crowd(x)),
        fc.integer({ min: 1, max: 2 }).map((n) => new RuleChange(n)),
      ],
      { maxCommands: 30, size: 'max' },
    );
    await fc.assert(
      fc.asyncProperty(commands, async (cmds) => {
        const centre = await openCentre(api, { rules: { workday: hours(1), restday: hours(1), holiday: null } });
        const m: Model = { capacity: 1, booked: new Map(), lines: { '09:00': [], '09:30': [] }, taken: { '09:00': 0, '09:30': 0 } };
        const r: Real = { api, centreId: centre.id, tokens, lapseAt: Date.now(), version: 1, lapse };
        for (const c of cmds) {
          if (!c.check(m)) continue;
          await c.run(m, r);
          await compare(m, r);
        }
      }),
      { numRuns: Number(process.env.LINLI_MODEL_RUNS ?? 10), seed: Number(process.env.LINLI_MODEL_SEED ?? 20261203), endOnFailure: true },
    );
  }, 240_000);
});
