/**
 * The street simulation's other ways of stopping and resuming: station hours or a property company's
 * figure changed behind the product's back stop the run at the first answer that shows them; a run
 * stopped in the middle of a day resumes from that morning's store, and the year's last day closes the
 * year. (The month itself: simulate-street.int.test.ts.)
 */
import '../sim/env';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { makeDocumentClient } from '../../functions/src/platform/adapters/dynamodb/client';
import type { Sim } from '../sim/engine/context';
import { simulate, type SimulateResult } from '../sim/simulate';
import { simEndpoint as endpoint, simLog, simTable as table } from '../support/sim-run';

const { lines, log } = simLog();

type Update = (key: { PK: string; SK: string }, expression: string, values: Record<string, unknown>) => Promise<unknown>;

/** A street run of `days` on a table of its own; before each day's checks `change` may write behind the product's back. */
async function runChanged(days: number, change: (sim: Sim, update: Update) => Promise<void>): Promise<SimulateResult> {
  const t = table();
  const doc = makeDocumentClient({ region: 'local', endpoint: endpoint() });
  const update: Update = (Key, UpdateExpression, ExpressionAttributeValues) => doc.send(new UpdateCommand({ TableName: t, Key, UpdateExpression, ExpressionAttributeValues }));
  try {
    return await simulate({ size: 'street', dbEndpoint: endpoint(), table: t, days, log, beforeChecks: (sim) => change(sim, update) });
  } finally {
    doc.destroy();
  }
}

test('station hours changed behind the product stop the run at the first nearby answer that shows them', async () => {
  const { stationKey } = await import('../../functions/src/stations/adapters/keys');
  const r = await runChanged(2, async (sim, update) => {
    if (sim.today.index !== 0) return;
    // Every station open round the clock, which the recount does not know.
    for (const s of sim.city.stations) await update(stationKey(s.id), 'SET hours = :h', { ':h': { kind: 'always' } });
  });
  expect(r.mismatch).toMatchObject({ day: '2027-02-02', item: expect.stringContaining('nearby') });
  expect(r.mismatch!.detail).toMatch(/not open now|says openNow true/);
}, 600_000);

test("a property company's figure changed behind the product stops the run at its community's 红黑榜", async () => {
  const { metricsKey } = await import('../../functions/src/requests/adapters/keys');
  const r = await runChanged(1, async (sim, update) => {
    // One refusal more on a company's row than its staff ever made (the community's own dashboard untouched).
    const company = sim.city.companies[0]!;
    await update(metricsKey('property', company.id, company.serves[0]!.communityId, sim.today.date, 5), 'ADD refused :n', { ':n': 1 });
  });
  expect(r.mismatch).toMatchObject({ day: '2027-02-01', item: expect.stringMatching(/^红黑榜 of cm-/) });
  expect(r.mismatch!.detail).toMatch(/^pc-\S+'s refused is 1, the recount has 0$/);
}, 600_000);

test("a run stopped in the middle of a day resumes from the store as it was that morning; the year's last day closes the year (every point earned expires)", async () => {
  // The run's own DynamoDB Local on disk (not the shared one): its store is copied after each whole day.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'linli-sim-'));
  try {
    // 31 December's events all happen, then the process "dies" before the day is checked and saved.
    await expect(
      simulate({
        size: 'street', dir, from: '2027-12-30', days: 2, log,
        async beforeChecks(sim) {
          if (sim.today.index === 1) throw new Error('power cut');
        },
      }),
    ).rejects.toThrow('power cut');
    const r = await simulate({ size: 'street', dir, resume: true, days: 2, log });
    // Replayed over the store of 30 December's end, the day checks out (booked, cancelled, redeemed, collected once each).
    expect(lines).toContain('resuming after day 1 from the store as it was then');
    expect(r).toMatchObject({ days: 2, mismatch: null, serverErrors: [] });
    // Carried-over credits and two days' earnings, less what was spent, all expired (the run checks that each account reads 0).
    expect(r.points!.adminCredits).toBeGreaterThan(100);
    expect(r.points!.expired).toBeGreaterThan(5000);
    expect(r.points!.expired).toBeLessThanOrEqual(r.points!.pointsCredited);
    expect(lines.some((l) => /^2027 closed: \d+ points of \d+ people expired/.test(l))).toBe(true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 900_000);
