/**
 * Model-based test of the points ledger (fast-check commands): random sequences of earn, redeem,
 * cancel, lapse, collect, reversal, family transfer, need payment, expiry and replays, applied to the
 * real local store (through the use cases) and to an in-memory model, compared after every step.
 * Invariants: balance = sum of entries = sum of live lots, never negative; bank and service minutes
 * never negative and as the model says; stock never negative; a code collected at most once; a
 * replayed request changes nothing. Seeded and bounded (LINLI_MODEL_RUNS, default 8 runs of up to 25 steps).
 */
import fc from 'fast-check';
import type { Actor } from '../../functions/src/platform/domain/actor';
import { ConflictError } from '../../functions/src/platform/domain/errors';
import { idemKey } from '../support/builders';
import { startTestApi, type TestApi } from '../support/harness';
import { personWithPoints, siteWithReward } from '../support/points';

type Deps = ReturnType<typeof import('../../functions/src/composition').getDeps>;
type Use = typeof import('../../functions/src/points/domain/accounts') &
  typeof import('../../functions/src/points/domain/redeem') &
  typeof import('../../functions/src/points/domain/needs') &
  typeof import('../../functions/src/points/domain/transfers') &
  typeof import('../../functions/src/points/domain/expiry');

const COST = 3;
const admin: Actor = { userId: 'u-demo-community-admin', roles: ['community_admin'], streetId: 'st-suishan', communityId: 'cm-mingshan', gridId: null };
const staff: Actor = { userId: 'u-demo-redemption-staff', roles: ['redemption_staff'], streetId: 'st-suishan', communityId: 'cm-mingshan', gridId: null };
const resident = (userId: string): Actor => ({ userId, roles: ['resident'], streetId: 'st-suishan', communityId: 'cm-mingshan', gridId: 'gd-ms-1' });

interface Person { balance: number; bank: number; served: number; earns: { id: string; points: number; minutes: number }[] }
interface Model {
  people: Person[];
  volunteer: { balance: number; bank: number; served: number };
  stock: number;
  redemptions: { id: string; who: number; code: string; status: 'reserved' | 'collected' | 'cancelled' | 'lapsed'; key: string }[];
  /** The clock the use cases are told (moves forward with lapses and expiry). */
  now: number;
  expired: boolean;
}
/** A volunteer of this run (a fresh person acting as a volunteer). */
const volunteerOf = (r: Real): Actor => ({ ...resident(r.volunteerId), roles: ['volunteer'] });
interface Real { deps: Deps; use: Use; ids: string[]; volunteerId: string; site: { siteId: string; rewardId: string } }

const codeOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (e instanceof ConflictError) return e.code;
    throw e;
  }
};

class Earn implements fc.AsyncCommand<Model, Real> {
  constructor(readonly who: number, readonly points: number, readonly minutes: number) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const out = await r.use.adminCredit(r.deps, admin, { userId: r.ids[this.who]!, points: this.points, minutes: this.minutes, reason: '模型测试' }, idemKey('earn'), new Date(m.now));
    const p = m.people[this.who]!;
    p.balance += this.points;
    p.bank += this.minutes;
    p.served += this.minutes;
    p.earns.push({ id: out.entry.id, points: this.points, minutes: this.minutes });
  }
  toString = () => `earn(${this.who}, ${this.points}, ${this.minutes})`;
}

class Redeem implements fc.AsyncCommand<Model, Real> {
  constructor(readonly who: number, readonly replay: boolean) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const p = m.people[this.who]!;
    const earlier = this.replay ? m.redemptions.filter((x) => x.who === this.who).at(-1) : undefined;
    const key = earlier?.key ?? idemKey('redeem');
    let id = '';
    const code = await codeOf(r.use.redeem(r.deps, resident(r.ids[this.who]!), r.site, key, new Date(m.now)).then((o) => (id = o.redemption.id)));
    if (earlier) return expect([code, id]).toEqual(['ok', earlier.id]); // a replay changes nothing
    const expected = p.balance < COST ? 'insufficient_points' : m.stock < 1 ? 'out_of_stock' : 'ok';
    expect(code).toBe(expected);
    if (code !== 'ok') return;
    p.balance -= COST;
    m.stock--;
    const stored = (await r.deps.redemptions.get(id))!;
    m.redemptions.push({ id, who: this.who, code: stored.code, status: 'reserved', key });
  }
  toString = () => `redeem(${this.who}${this.replay ? ', replay' : ''})`;
}

class Cancel implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}
  check = (m: Readonly<Model>) => m.redemptions.length > 0;
  async run(m: Model, r: Real) {
    const x = m.redemptions[this.pick % m.redemptions.length]!;
    const code = await codeOf(r.use.cancelRedemption(r.deps, resident(r.ids[x.who]!), x.id, new Date(m.now)));
    expect(code).toBe(x.status === 'reserved' ? 'ok' : 'not_reserved');
    if (code !== 'ok') return;
    x.status = 'cancelled';
    m.people[x.who]!.balance += COST;
    m.stock++;
  }
  toString = () => `cancel(${this.pick})`;
}

class Collect implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}
  check = (m: Readonly<Model>) => m.redemptions.length > 0;
  async run(m: Model, r: Real) {
    const x = m.redemptions[this.pick % m.redemptions.length]!;
    const code = await codeOf(r.use.verifyCode(r.deps, staff, r.site.siteId, x.code, new Date(m.now)));
    expect(code).toBe(x.status === 'reserved' ? 'ok' : x.status === 'collected' ? 'already_collected' : 'not_reserved');
    if (code === 'ok') x.status = 'collected';
  }
  toString = () => `collect(${this.pick})`;
}

class Lapse implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(m: Model, r: Real) {
    m.now += 8 * 86400_000; // past every hold (7 days)
    await r.use.lapseRedemptionsTask(r.deps).run(new Date(m.now), 500);
    for (const x of m.redemptions.filter((y) => y.status === 'reserved')) {
      x.status = 'lapsed';
      m.people[x.who]!.balance += COST;
      m.stock++;
    }
  }
  toString = () => 'lapse';
}

class Reverse implements fc.AsyncCommand<Model, Real> {
  constructor(readonly who: number) {}
  check = (m: Readonly<Model>) => m.people[this.who]!.earns.length > 0;
  async run(m: Model, r: Real) {
    const p = m.people[this.who]!;
    const e = p.earns.at(-1)!;
    const code = await codeOf(r.use.reverseEntry(r.deps, admin, r.ids[this.who]!, e.id, '模型测试冲正', new Date(m.now)));
    expect(code).toBe(p.balance < e.points ? 'insufficient_points' : p.bank < e.minutes ? 'insufficient_hours' : 'ok');
    if (code !== 'ok') return;
    p.balance -= e.points;
    p.bank -= e.minutes;
    p.served -= e.minutes;
    p.earns.pop();
  }
  toString = () => `reverse(${this.who})`;
}

/** Person 1 gives person 0 (his linked mother) 30 banked minutes. */
class Give implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(m: Model, r: Real) {
    const [mother, son] = [m.people[0]!, m.people[1]!];
    const code = await codeOf(r.use.giveHours(r.deps, resident(r.ids[1]!), { toUserId: r.ids[0]!, minutes: 30 }, idemKey('give'), new Date(m.now)));
    expect(code).toBe(son.bank < 30 ? 'insufficient_hours' : 'ok');
    if (code !== 'ok') return;
    son.bank -= 30;
    mother.bank += 30;
  }
  toString = () => 'give';
}

/** Person 0 has a 30-minute need served by the demo volunteer and pays with hours if she can. */
class NeedPaid implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(m: Model, r: Real) {
    const me = resident(r.ids[0]!);
    const now = new Date(m.now);
    const { need } = await r.use.postNeed(r.deps, me, { kind: 'company', title: '模型陪伴', description: '', place: '家中', when: new Date(m.now + 3600_000).toISOString(), minutes: 30, payWithHours: true }, idemKey('need'), now);
    await r.use.takeNeed(r.deps, volunteerOf(r), need.id, null, now);
    await r.use.needDone(r.deps, volunteerOf(r), need.id, { minutes: 30, note: '' }, now);
    const p = m.people[0]!;
    const code = await codeOf(r.use.confirmNeed(r.deps, me, need.id, { score: 5, comment: null }, now));
    expect(code).toBe(p.bank < 30 ? 'insufficient_hours' : 'ok');
    if (code !== 'ok') await r.use.confirmNeed(r.deps, me, need.id, { score: 5, comment: null, payWithHours: false }, now);
    else p.bank -= 30;
    m.volunteer.balance += 5;
    m.volunteer.bank += 30;
    m.volunteer.served += 30;
  }
  toString = () => 'need';
}

class Expire implements fc.AsyncCommand<Model, Real> {
  check = (m: Readonly<Model>) => !m.expired;
  async run(m: Model, r: Real) {
    const year = Number(new Date(m.now).toISOString().slice(0, 4));
    m.now = Math.max(m.now, Date.parse(`${year + 2}-01-02T00:00:00+08:00`));
    m.expired = true;
    await r.use.expireLots(r.deps, new Date(m.now), 5000);
    for (const p of m.people) p.balance = 0;
    m.volunteer.balance = 0;
  }
  toString = () => 'expire';
}

describe('points ledger model', () => {
  let api: TestApi;
  let deps: Deps;
  let use: Use;
  beforeAll(async () => {
    api = await startTestApi();
    deps = (await import('../../functions/src/composition')).getDeps();
    use = {
      ...(await import('../../functions/src/points/domain/accounts')),
      ...(await import('../../functions/src/points/domain/redeem')),
      ...(await import('../../functions/src/points/domain/needs')),
      ...(await import('../../functions/src/points/domain/transfers')),
      ...(await import('../../functions/src/points/domain/expiry')),
    } as Use;
  });
  afterAll(() => api.stop());

  async function recount(userId: string): Promise<{ balance: number; entries: number; lots: number; bank: number; served: number }> {
    const a = await deps.ledger.account(userId);
    let entries = 0;
    let cursor: string | undefined;
    do {
      const page = await deps.ledger.entries(userId, cursor, 50);
      entries += page.items.reduce((s, e) => s + e.points, 0);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const lots = (await deps.ledger.lots(userId)).reduce((s, l) => s + l.remaining, 0);
    return { balance: a.balance, entries, lots, bank: a.bankMinutes, served: a.servedMinutes };
  }

  it('keeps the store equal to the model through random sequences of every operation', async () => {
    const who = fc.integer({ min: 0, max: 1 });
    const commands = fc.commands(
      [
        fc.tuple(who, fc.integer({ min: 1, max: 12 }), fc.constantFrom(0, 30, 60)).map(([w, p, mm]) => new Earn(w, p, mm)),
        fc.tuple(who, fc.integer({ min: 1, max: 12 }), fc.constantFrom(0, 30, 60)).map(([w, p, mm]) => new Earn(w, p, mm)),
        fc.tuple(who, fc.boolean()).map(([w, replay]) => new Redeem(w, replay)),
        fc.tuple(who, fc.constant(false)).map(([w, replay]) => new Redeem(w, replay)),
        fc.nat(20).map((i) => new Cancel(i)),
        fc.nat(20).map((i) => new Collect(i)),
        fc.constant(new Lapse()),
        who.map((w) => new Reverse(w)),
        fc.constant(new Give()),
        fc.constant(new NeedPaid()),
        fc.constant(new Expire()),
      ],
      { maxCommands: 25 },
    );
    await fc.assert(
      fc.asyncProperty(commands, async (cmds) => {
        // Fresh people and a fresh reward per run; person 1 is person 0's son (linked family).
        const mother = await personWithPoints(api, 0);
        const son = await personWithPoints(api, 0);
        const req = await api.call('POST', '/family-links', { token: son.token, body: { relation: 'parent' }, headers: { 'idempotency-key': idemKey('fam') } });
        await api.call('POST', `/family-links/${req.body.request.code}/consent`, { token: mother.token });
        const helper = await personWithPoints(api, 0);
        const site = await siteWithReward(api, { cost: COST, stock: 4 });
        const model: Model = {
          people: [0, 1].map(() => ({ balance: 0, bank: 0, served: 0, earns: [] })),
          volunteer: { balance: 0, bank: 0, served: 0 },
          stock: 4,
          redemptions: [],
          now: Date.now(),
          expired: false,
        };
        const real: Real = { deps, use, ids: [mother.userId, son.userId], volunteerId: helper.userId, site };
        await fc.asyncModelRun(() => ({ model, real }), cmds);
        for (const [i, id] of real.ids.entries()) {
          const c = await recount(id);
          const p = model.people[i]!;
          expect(c).toEqual({ balance: p.balance, entries: p.balance, lots: p.balance, bank: p.bank, served: p.served });
          expect(Math.min(c.balance, c.bank, c.served)).toBeGreaterThanOrEqual(0);
        }
        const vc = await recount(helper.userId);
        expect([vc.balance, vc.entries, vc.lots, vc.bank, vc.served]).toEqual([model.volunteer.balance, model.volunteer.balance, model.volunteer.balance, model.volunteer.bank, model.volunteer.served]);
        const stock = (await deps.sites.reward(site.siteId, site.rewardId))!.stock;
        expect(stock).toBe(model.stock);
        expect(stock).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: Number(process.env.LINLI_MODEL_RUNS ?? 8), seed: Number(process.env.LINLI_MODEL_SEED ?? 20261203), endOnFailure: true },
    );
  }, 300_000);
});
