/**
 * `npm run simulate --size street` inside the test command: a month of one street through the
 * deployed handlers on the fake clock, checked against the recount after every tick and every day.
 * One city, loaded once: the recount does catch differences (station hours and a dashboard counter
 * changed behind the product's back each stop the run with the day and the item), and a stopped run
 * resumes, replaying the day it stopped in without doing anything twice, to the month's end.
 */
import '../sim/env';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { makeDocumentClient } from '../../functions/src/platform/adapters/dynamodb/client';
import { simulate } from '../sim/simulate';
import type { Sim } from '../sim/engine/context';

const endpoint = () => {
  const e = process.env.LINLI_TEST_DB;
  if (!e) throw new Error('LINLI_TEST_DB is not set: run through jest');
  return e;
};
const table = () => `sim-${randomBytes(4).toString('hex')}`;
const lines: string[] = [];
const log = (m: string) => void lines.push(m);

afterAll(() => {
  // The run's progress, for the CI log.
  process.stdout.write(`${lines.filter((l) => !l.startsWith('1/')).slice(-4).join('\n')}\n`);
});

test('a month of one street: every check passes, and the recount catches what changed behind the product; a stopped run resumes', async () => {
  const t = table();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'linli-sim-'));
  const doc = makeDocumentClient({ region: 'local', endpoint: endpoint() });
  const { stationKey } = await import('../../functions/src/stations/adapters/keys');
  const { metricsKey } = await import('../../functions/src/requests/adapters/keys');
  const setHours = (sim: Sim, hours: (s: Sim['city']['stations'][number]) => unknown) =>
    Promise.all(sim.city.stations.map((s) => doc.send(new UpdateCommand({ TableName: t, Key: stationKey(s.id), UpdateExpression: 'SET hours = :h', ExpressionAttributeValues: { ':h': hours(s) } }))));
  const addFiled = (sim: Sim, date: string, n: number) => {
    const c = sim.city.communities[0]!;
    return doc.send(new UpdateCommand({ TableName: t, Key: metricsKey('community', c.id, c.id, date, 3), UpdateExpression: 'ADD filed :n', ExpressionAttributeValues: { ':n': n } }));
  };
  let city: Sim | undefined;
  try {
    // 1. Every station open round the clock, which the recount does not know: the first nearby answer showing one stops the run.
    const first = await simulate({
      size: 'street', dbEndpoint: endpoint(), table: t, dir, days: 2, log,
      async beforeChecks(sim) {
        city = sim;
        if (sim.today.index === 0) await setHours(sim, () => ({ kind: 'always' }));
      },
    });
    expect(first.mismatch).toMatchObject({ day: '2027-02-02', item: expect.stringContaining('nearby') });
    expect(first.mismatch!.detail).toMatch(/not open now|says openNow true/);
    await setHours(city!, (s) => s.hours);

    // 2. Resumed (replaying the 2nd from midnight: what the stopped attempt did before 02:36 is taken as done) to
    //    the month's end; on its last day one more item filed than anyone filed stops it, naming the community.
    const r = await simulate({
      size: 'street', dbEndpoint: endpoint(), table: t, dir, resume: true, log,
      async beforeChecks(sim) {
        if (sim.today.index === 27) await addFiled(sim, sim.today.date, 1);
      },
    });
    expect(r.mismatch).toMatchObject({ day: '2027-02-28', item: `dashboard of ${city!.city.communities[0]!.id}` });
    expect(r.mismatch!.detail).toMatch(/^filed is \d+, the recount has \d+$/);
    // Every check of the 27 days before passed.
    expect(r.serverErrors).toEqual([]);
    expect(r.days).toBe(27);
    expect(r.filed).toBeGreaterThan(60);
    expect(r.hotline).toBeGreaterThan(20);
    // Spring Festival leaves items unanswered: escalations happen, each within the minute.
    expect(r.escalations).toBeGreaterThan(5);
    expect(r.escalationMaxLagSeconds).toBeLessThan(60);
    expect(r.checks).toBeGreaterThan(27 * 6 * 10);
    // 暖新驿站: riders find open stations and check in every day.
    expect(r.stations!.searches).toBeGreaterThan(200);
    expect(r.stations!.checkIns).toBeGreaterThan(80);
    // 延时服务: popular evening slots fill, some people wait, the desk meets the rest.
    expect(r.booking!.made).toBeGreaterThan(200);
    expect(r.booking!.waitlisted).toBeGreaterThan(10);
    expect(r.booking!.noShows).toBeGreaterThan(5);
  } finally {
    doc.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}, 1_200_000);
