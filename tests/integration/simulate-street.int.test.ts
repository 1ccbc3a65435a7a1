/**
 * `npm run simulate --size street` inside the test command: a month of one street through the
 * deployed handlers on the fake clock, checked against the recount after every tick and every day;
 * a stopped run resumes from its last whole day, and a counter changed behind the product's back
 * stops it with the day and the item. (The other ways a run stops or resumes:
 * simulate-street-checks.int.test.ts, a file of its own so that jest runs it beside this one.)
 */
import '../sim/env';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { makeDocumentClient } from '../../functions/src/platform/adapters/dynamodb/client';
import { simulate } from '../sim/simulate';
import { simEndpoint as endpoint, simLog, simTable as table } from '../support/sim-run';

const { log } = simLog();

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
