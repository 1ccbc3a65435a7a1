/**
 * `npm run simulate --size street` inside the test command: a month of one street through the
 * deployed handlers on the fake clock, checked against the recount after every tick and every day.
 * Also: the recount does catch a difference (a dashboard counter changed behind the product's back
 * stops the run with the day and the item), and a stopped run resumes from its last whole day.
 */
import '../sim/env';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { makeDocumentClient } from '../../functions/src/platform/adapters/dynamodb/client';
import { simulate } from '../sim/simulate';

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

test('a month of one street: every check against the recount passes', async () => {
  const r = await simulate({ size: 'street', dbEndpoint: endpoint(), table: table(), log });
  expect(r.mismatch).toBeNull();
  expect(r.serverErrors).toEqual([]);
  expect(r.days).toBe(28);
  expect(r.filed).toBeGreaterThan(40);
  // Spring Festival leaves items unanswered: escalations happen, each within the minute.
  expect(r.escalations).toBeGreaterThan(5);
  expect(r.escalationMaxLagSeconds).toBeLessThan(60);
  expect(r.checks).toBeGreaterThan(28 * 6 * 10);
  // 延时服务: popular evening slots fill, some people wait, the desk meets the rest.
  expect(r.booking!.made).toBeGreaterThan(200);
  expect(r.booking!.waitlisted).toBeGreaterThan(10);
  expect(r.booking!.noShows).toBeGreaterThan(5);
}, 900_000);

test('a dashboard counter changed behind the product stops the run with the day and the community', async () => {
  const t = table();
  const r = await simulate({
    size: 'street',
    dbEndpoint: endpoint(),
    table: t,
    days: 2,
    log,
    async beforeChecks(sim) {
      if (sim.today.index !== 1) return;
      const doc = makeDocumentClient({ region: 'local', endpoint: endpoint() });
      const c = sim.city.communities[0]!;
      // What a lost or doubled write would look like: one more item filed than anyone filed.
      const { metricsKey } = await import('../../functions/src/requests/adapters/keys');
      await doc.send(new UpdateCommand({ TableName: t, Key: metricsKey('community', c.id, c.id, sim.today.date), UpdateExpression: 'ADD filed :one', ExpressionAttributeValues: { ':one': 1 } }));
      doc.destroy();
    },
  });
  expect(r.mismatch).toMatchObject({ day: '2027-02-02', item: expect.stringContaining('dashboard of') });
  expect(r.mismatch!.detail).toMatch(/^filed is \d+, the recount has \d+$/);
}, 300_000);

test('a stopped run resumes from its last whole day', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'linli-sim-'));
  try {
    const t = table();
    const first = await simulate({ size: 'street', dbEndpoint: endpoint(), table: t, dir, days: 2, log });
    expect(first).toMatchObject({ days: 2, mismatch: null });
    const second = await simulate({ size: 'street', dbEndpoint: endpoint(), table: t, dir, days: 4, resume: true, log });
    expect(second).toMatchObject({ days: 4, mismatch: null });
    expect(second.filed).toBeGreaterThanOrEqual(first.filed);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 300_000);
