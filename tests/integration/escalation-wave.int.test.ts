/**
 * The Monday-morning wave (hot spot of issue 14) on DynamoDB Local: a community's requests all due
 * in one minute are escalated by the tick within that minute or the next, exactly once each, and the
 * community's daily `escalated` counter (write-sharded) reads exactly their number on the dashboard.
 */
import { makeDocumentClient } from '../../functions/src/platform/adapters/dynamodb/client';
import type { Actor } from '../../functions/src/platform/domain/actor';
import type { ServiceRequest } from '../../functions/src/requests/domain/request';
import { runWaveTicks, seedRequests, WAVE_COMMUNITY, WAVE_MINUTE, waveRequests } from '../sim/hotspots/wave';
import { startTestApi, type TestApi } from '../support/harness';

const N = Number(process.env.LINLI_WAVE_ITEMS ?? 1500);
/** The two-runs case: smaller, each run without a time limit. */
const M = Math.min(N, 400);
const admin: Actor = { userId: 'u-demo-community-admin', roles: ['community_admin'], streetId: 'st-suishan', communityId: WAVE_COMMUNITY, gridId: null };

/** Runs `fn` over `xs`, 16 at a time. */
async function pool<T, R>(xs: readonly T[], fn: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(xs.length);
  let next = 0;
  await Promise.all(Array.from({ length: 16 }, async () => {
    while (next < xs.length) {
      const i = next++;
      out[i] = await fn(xs[i]!);
    }
  }));
  return out;
}

describe('the Monday-morning wave', () => {
  jest.setTimeout(300_000);
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.stop());

  const deps = async () => (await import('../../functions/src/composition')).getDeps();
  const seed = async (requests: ServiceRequest[]) => {
    const doc = makeDocumentClient({ region: 'local', endpoint: process.env.LINLI_TEST_DB! });
    await seedRequests(doc, api.stack.table, requests);
    doc.destroy();
  };
  const escalatedOnDay = async (day: string) => {
    const { communityMetrics } = await import('../../functions/src/requests/domain/dashboard');
    const m = await communityMetrics(await deps(), admin, WAVE_COMMUNITY, { from: day, to: day }, new Date(`${day}T12:00:00+08:00`));
    return m.totals.escalated;
  };
  /** Each item's stored state and how many times its timeline says it was escalated. */
  const outcome = async (requests: ServiceRequest[]) => {
    const d = await deps();
    return pool(requests, async (r) => {
      const t = (await d.requests.getWithTimeline(r.id))!;
      return { level: t.request.level, escalations: t.events.filter((e) => e.type === 'escalated').length };
    });
  };

  it(`escalates ${N} items due in one minute within that minute or the next, once each, counted exactly`, async () => {
    const requests = waveRequests(N, WAVE_MINUTE, 'w1');
    await seed(requests);
    const d = await deps();
    const deadlines = new Map(requests.map((r) => [r.id, r.acceptBy!]));
    const run = await runWaveTicks(d, deadlines, { firstTick: WAVE_MINUTE });
    process.stderr.write(`# wave of ${N}: ${JSON.stringify(run)}\n`);

    expect(run.escalated).toBe(N);
    // Every tick stays inside the minute (no new item after 30 s) and says `more` until the wave is done, so
    // nothing waits longer than the ticks it takes: 1 minute past its deadline per tick of work, at most.
    // (On AWS, or on an idle machine, the wave takes one tick; this shared 2-core machine gives ~25-40 escalations/s.)
    for (const t of run.perTick) expect(t.wallSeconds).toBeLessThan(60);
    expect(run.perTick.filter((t) => t.handled > 0).slice(1, -1).every((t) => t.more)).toBe(true); // after 09:00's tick (one item due at 09:00:00)
    expect(run.maxLagSeconds).toBeLessThan(60 * (run.ticks + 1));
    const states = await outcome(requests);
    expect(states.filter((s) => s.level === 'community' && s.escalations === 1)).toHaveLength(N);
    // Nothing of the wave is left due (the community's deadline is hours away).
    const left = await d.requests.overdue(new Date(Date.parse(WAVE_MINUTE) + 5 * 60_000).toISOString(), 10);
    expect(left.items.filter((r) => r.id.startsWith('w1-'))).toEqual([]);
    expect(await escalatedOnDay('2027-03-01')).toBe(N);
  });

  it('escalates each item once when two runs start at once', async () => {
    const minute = '2027-02-22T01:00:00.000Z'; // the Monday before, 09:00 (nothing of the first wave is due then)
    const requests = waveRequests(M, minute, 'w2');
    await seed(requests);
    const { escalateOverdue } = await import('../../functions/src/requests/domain/escalation');
    const d = await deps();
    const at = new Date(Date.parse(minute) + 61_000);
    const [a, b] = await Promise.all([escalateOverdue(d, at, { stopAfterMs: 600_000 }), escalateOverdue(d, at, { stopAfterMs: 600_000 })]);
    expect(a.escalated + b.escalated).toBe(M);
    expect(a.more || b.more).toBe(false);
    const states = await outcome(requests);
    expect(states.filter((s) => s.level === 'community' && s.escalations === 1)).toHaveLength(M);
    expect(await escalatedOnDay('2027-02-22')).toBe(M);
  });
});
