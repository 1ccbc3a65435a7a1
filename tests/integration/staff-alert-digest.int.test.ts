/**
 * Staff alerts of a wave as digests, on DynamoDB Local with the real handlers: the Monday-morning
 * wave of one community escalated by the tick tells the community's robot (the stand-in keeps
 * WeCom's 20 messages a minute) in a handful of posts whose counts add up to the wave, every item
 * still escalated once; a single escalation by staff still gets the single item's message.
 */
import { StaffAlertsResponse } from '@linli/shared';
import { makeDocumentClient } from '../../functions/src/platform/adapters/dynamodb/client';
import { DELIVERY_BATCH } from '../../functions/src/requests/domain/escalation';
import { runWaveTicks, seedRequests, WAVE_COMMUNITY, WAVE_MINUTE, waveRequests } from '../sim/hotspots/wave';
import { fileRequest, staffAct } from '../support/builders';
import { startTestApi, type TestApi } from '../support/harness';

/** The wave's size (LINLI_DIGEST_ITEMS for a bigger run by hand). */
const N = Number(process.env.LINLI_DIGEST_ITEMS ?? 300);
const KEY = 'strict-digest';

/** How many items a robot post tells of: the counts of a digest's headings, else one (a single item's message). */
function itemsOf(markdown: string): number {
  const counts = [...markdown.matchAll(/^\*\*(\d+) 件(?:事项已上报|事项已超时|新事项)\*\*$/gm)].map((m) => Number(m[1]));
  return counts.length ? counts.reduce((a, b) => a + b, 0) : 1;
}

describe('staff alerts of a wave, one digest per robot', () => {
  jest.setTimeout(300_000);
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
    const admin = await api.tokenFor('community_admin');
    const path = `/communities/${WAVE_COMMUNITY}/staff-alerts`;
    const current = StaffAlertsResponse.parse((await api.call('GET', path, { token: admin })).body).alerts;
    const put = await api.call('PUT', path, { token: admin, body: { communityWebhook: `${api.stack.wecom.webhookBase}?key=${KEY}`, grids: [], version: current.version } });
    expect(put.status).toBe(200);
  });
  afterAll(() => api.stop());

  const posts = () => api.stack.wecom.received.filter((m) => m.key === KEY).map((m) => m.body!.markdown!.content!);
  const deps = async () => (await import('../../functions/src/composition')).getDeps();

  it(`tells the robot of a wave of ${N} escalations in a handful of posts, within its 20 a minute, each item escalated once`, async () => {
    const before = posts().length;
    const requests = waveRequests(N, WAVE_MINUTE, 'dg');
    const doc = makeDocumentClient({ region: 'local', endpoint: process.env.LINLI_TEST_DB! });
    await seedRequests(doc, api.stack.table, requests);
    doc.destroy();
    const d = await deps();
    const run = await runWaveTicks(d, new Map(requests.map((r) => [r.id, r.acceptBy!])), { firstTick: WAVE_MINUTE });
    expect(run.escalated).toBe(N);

    const wave = posts().slice(before);
    process.stderr.write(`# wave of ${N}: ${wave.length} robot posts (${wave.map(itemsOf).join(' + ')} items), ${run.ticks} ticks\n`);
    expect(wave.length).toBeGreaterThan(0);
    expect(wave.length).toBeLessThanOrEqual(Math.max(5, Math.ceil(N / DELIVERY_BATCH) + run.ticks)); // 300: at most 5
    expect(api.stack.wecom.refused.filter((m) => m.key === KEY)).toEqual([]);
    expect(wave.map(itemsOf).reduce((a, b) => a + b, 0)).toBe(N);
    const digest = wave.find((p) => itemsOf(p) > 1)!;
    expect(digest).toMatch(/^\*\*\d+ 件事项已上报\*\*\n> dg-\d{6} 道路破损 · 社区 · /);
    expect(digest).toMatch(/其余 \d+ 件请在小程序「接诉即办」的待办队列查看\n小程序页面：pages\/requests\/index$/);
    expect(new TextEncoder().encode(digest).length).toBeLessThanOrEqual(4096);
    // Nothing of the wave is left in the outbox for the robot.
    expect((await d.outbox.drain(new Date(Date.parse(WAVE_MINUTE) + 3600_000), 1000)).sent).toBe(0);
    expect(posts().length).toBe(before + wave.length);

    const states: NonNullable<Awaited<ReturnType<typeof d.requests.getWithTimeline>>>[] = [];
    for (let i = 0; i < requests.length; i += 25) states.push(...(await Promise.all(requests.slice(i, i + 25).map(async (r) => (await d.requests.getWithTimeline(r.id))!))));
    expect(states.filter((t) => t.request.level === 'community' && t.events.filter((e) => e.type === 'escalated').length === 1)).toHaveLength(N);
  });

  // After the wave: the ticks would escalate this item again (its community deadline is long past in 2027).
  it("still gets a single item's escalation by staff to the robot as that item's message", async () => {
    const r = await fileRequest(api, { categoryId: 'fix-road', description: '小区门口路面塌陷' });
    const up = await staffAct(api, r.id, 'grid_worker', { action: 'escalate', reason: '需社区协调' });
    expect(up.status).toBe(200);
    const mine = posts().filter((p) => p.includes(r.number!));
    expect(mine.map((p) => p.split('\n')[0])).toEqual([`**新事项** <font color="info">${r.number}</font>`, `**事项已上报** <font color="warning">${r.number}</font>`]);
    expect(mine[1]).toContain('> 类别：道路破损');
    expect(mine[1]).toContain(`packages/request-detail/index?id=${r.id}`);
  });
});
