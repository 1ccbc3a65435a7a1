/**
 * `npm run simulate --size street` inside the test command: a month of one street through the
 * deployed handlers on the fake clock, checked against the recount after every tick and every day.
 * The recount does catch differences (a dashboard counter or station hours changed behind the
 * product's back stop the run with the day and the item), and a stopped run resumes from its last
 * whole day.
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

test('a month of one street: every check passes, a stopped run resumes, and a counter changed behind the product stops it', async () => {
  const t = table();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'linli-sim-'));
  const doc = makeDocumentClient({ region: 'local', endpoint: endpoint() });
  const { metricsKey } = await import('../../functions/src/requests/adapters/keys');
  try {
    const first = await simulate({ size: 'street', dbEndpoint: endpoint(), table: t, dir, days: 2, log });
    expect(first).toMatchObject({ days: 2, mismatch: null });
    // Resumed from its checkpoint to the month's end; on the last day one more item filed than anyone filed.
    const r = await simulate({
      size: 'street', dbEndpoint: endpoint(), table: t, dir, resume: true, log,
      async beforeChecks(sim) {
        if (sim.today.index !== 27) return;
        const c = sim.city.communities[0]!;
        await doc.send(new UpdateCommand({ TableName: t, Key: metricsKey('community', c.id, c.id, sim.today.date, 3), UpdateExpression: 'ADD filed :n', ExpressionAttributeValues: { ':n': 1 } }));
      },
    });
    expect(r.mismatch).toMatchObject({ day: '2027-02-28', item: expect.stringMatching(/^dashboard of cm-/) });
    expect(r.mismatch!.detail).toMatch(/^filed is \d+, the recount has \d+$/);
    // Every check of the 27 days before passed.
    expect(r.serverErrors).toEqual([]);
    expect(r.days).toBe(27);
    expect(r.filed).toBeGreaterThan(first.filed + 40);
    expect(r.hotline).toBeGreaterThan(20);
    // Spring Festival leaves items unanswered: escalations happen, each within the minute.
    expect(r.escalations).toBeGreaterThan(5);
    expect(r.escalationMaxLagSeconds).toBeLessThan(60);
    expect(r.checks).toBeGreaterThan(27 * 6 * 10);
    // 暖新驿站: riders find open stations and check in every day.
    expect(r.stations!.searches).toBeGreaterThan(120);
    expect(r.stations!.checkIns).toBeGreaterThan(80);
    // 延时服务: popular evening slots fill, some people wait, the desk meets the rest.
    expect(r.booking!.made).toBeGreaterThan(200);
    expect(r.booking!.waitlisted).toBeGreaterThan(10);
    expect(r.booking!.noShows).toBeGreaterThan(5);
    // 积分兑换: points earned and spent, the popular reward sold out, nothing below zero (checked daily).
    expect(r.points!.redemptions).toBeGreaterThan(100);
    // 时间银行: needs posted, taken by one volunteer (the second tap told it is taken), done and confirmed.
    expect(r.needs!.confirmed).toBeGreaterThan(40);
    expect(r.needs!.lostRace).toBeGreaterThan(5);
    expect(r.needs!.pointsEarned).toBeGreaterThan(0);
    // Some needs paid from the requester's time bank (the recount checks every bank against its entries), some refused for a short bank.
    expect(r.needs!.paidWithTime).toBeGreaterThan(0);
    expect(r.needs!.shortOfTime).toBeGreaterThan(0);
    // 物业: matters filed in served compounds went to their companies, some refused back to the grid; grid team
    // specialists claimed items from the team queue, some in the same minute as the grid worker (one had it).
    expect(r.requests!.propertyFiled).toBeGreaterThan(3);
    expect(r.requests!.propertyRefused).toBeGreaterThan(0);
    expect(r.requests!.claims).toBeGreaterThan(5);
    expect(r.requests!.races).toBeGreaterThan(0);
    // Open311: the 数字城管 system's posts entered the grids' queues; their status read back daily.
    expect(r.requests!.open311).toBeGreaterThan(20);
    // Photos: uploaded through presigned forms to the S3 stand-in and attached to filings; closings that need an "after" photo had one.
    expect(r.requests!.photos).toBeGreaterThan(20);
    expect(r.requests!.afterPhotos).toBeGreaterThan(3);
    // 时间银行 within families: volunteers linked with an elder and gave him banked hours (both ledgers checked daily).
    expect(r.family!.links).toBeGreaterThan(3);
    expect(r.family!.gifts).toBeGreaterThan(5);
  } finally {
    doc.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}, 1_500_000);

test('station hours changed behind the product stop the run at the first nearby answer that shows them', async () => {
  const t = table();
  const doc = makeDocumentClient({ region: 'local', endpoint: endpoint() });
  const { stationKey } = await import('../../functions/src/stations/adapters/keys');
  try {
    const r = await simulate({
      size: 'street', dbEndpoint: endpoint(), table: t, days: 2, log,
      async beforeChecks(sim) {
        if (sim.today.index !== 0) return;
        // Every station open round the clock, which the recount does not know.
        for (const s of sim.city.stations) {
          await doc.send(new UpdateCommand({ TableName: t, Key: stationKey(s.id), UpdateExpression: 'SET hours = :h', ExpressionAttributeValues: { ':h': { kind: 'always' } } }));
        }
      },
    });
    expect(r.mismatch).toMatchObject({ day: '2027-02-02', item: expect.stringContaining('nearby') });
    expect(r.mismatch!.detail).toMatch(/not open now|says openNow true/);
  } finally {
    doc.destroy();
  }
}, 600_000);

test("a property company's figure changed behind the product stops the run at its community's 红黑榜", async () => {
  const t = table();
  const doc = makeDocumentClient({ region: 'local', endpoint: endpoint() });
  const { metricsKey } = await import('../../functions/src/requests/adapters/keys');
  try {
    const r = await simulate({
      size: 'street', dbEndpoint: endpoint(), table: t, days: 1, log,
      async beforeChecks(sim) {
        // One refusal more on a company's row than its staff ever made (the community's own dashboard untouched).
        const company = sim.city.companies[0]!;
        const communityId = company.serves[0]!.communityId;
        await doc.send(new UpdateCommand({ TableName: t, Key: metricsKey('property', company.id, communityId, sim.today.date, 5), UpdateExpression: 'ADD refused :n', ExpressionAttributeValues: { ':n': 1 } }));
      },
    });
    expect(r.mismatch).toMatchObject({ day: '2027-02-01', item: expect.stringMatching(/^红黑榜 of cm-/) });
    expect(r.mismatch!.detail).toMatch(/^pc-\S+'s refused is 1, the recount has 0$/);
  } finally {
    doc.destroy();
  }
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
