/**
 * The street-wide dashboard (GET /streets/{id}/metrics), against DynamoDB Local: each community's
 * figures are what its own dashboard says, and the street's are their sums (rates and averages
 * derived from the summed counters, not averaged).
 */
import { MetricsResponse, type MetricSummary, StreetMetricsResponse } from '@linli/shared';
import { wgs84ToGcj02 } from '../../functions/src/platform/domain/geo/datum';
import { fileRequest, inGrid1, inGrid2, staffAct } from '../support/builders';
import { startTestApi, type TestApi } from '../support/harness';

/** Inside 佛光社区第一网格 (gd-fg-1). */
const inFoguang = wgs84ToGcj02({ lat: 29.595, lng: 103.474 });
const day = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
const PERIOD = `from=${day(new Date(Date.now() - 7 * 86400_000))}&to=${day(new Date())}`;

describe('the street-wide dashboard', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.stop());

  const ok = async (role: 'grid_worker' | 'community_admin', id: string, body: Record<string, unknown>) => expect((await staffAct(api, id, role, body)).status).toBe(200);
  const summary = (m: MetricSummary) => ({ totals: m.totals, rates: m.rates, averages: m.averages, openNow: m.openNow });

  it("shows each community as its own dashboard does, and the street's figures as their sums", async () => {
    // 名山社区: handled all the way, escalated, refused; 佛光社区: filed and waiting.
    const a = await fileRequest(api, { categoryId: 'fix-streetlight', description: '街道看板：名山路灯不亮', location: inGrid1 });
    await ok('grid_worker', a.id, { action: 'accept' });
    await ok('grid_worker', a.id, { action: 'resolve', result: '已更换灯泡' });
    expect((await api.call('POST', `/requests/${a.id}/rating`, { token: await api.tokenFor('resident'), body: { score: 5 } })).status).toBe(200);
    const b = await fileRequest(api, { categoryId: 'fix-road', description: '街道看板：名山路面坑洼', location: inGrid1 });
    await ok('grid_worker', b.id, { action: 'escalate', reason: '需社区协调' });
    await ok('community_admin', b.id, { action: 'escalate', reason: '需街道协调' });
    await fileRequest(api, { categoryId: 'fix-road', description: '街道看板：名山第二网格路面', location: inGrid2 });
    const c = await fileRequest(api, { categoryId: 'prop-parking', description: '街道看板：名山乱停车', location: inGrid1 });
    await ok('grid_worker', c.id, { action: 'refuse', reason: '属物业管理' });
    // 佛光社区's come in from the 12345 hotline, located in its first grid.
    const imported = await api.call('POST', '/hotline/tickets', {
      token: await api.tokenFor('street_admin'),
      body: {
        tickets: ['佛光路灯不亮', '佛光路灯闪烁'].map((text, i) => ({ externalId: `STREET-BOARD-${i}`, text: `街道看板：${text}`, location: inFoguang, categoryHint: 'fix-streetlight' })),
      },
    });
    expect(imported.status).toBe(200);
    expect(imported.body.created).toBe(2);

    const street = await api.tokenFor('street_admin');
    const res = await api.call('GET', `/streets/st-suishan/metrics?${PERIOD}`, { token: street });
    expect(res.status).toBe(200);
    const m = StreetMetricsResponse.parse(res.body);
    expect(m.streetName).toBe('绥山镇');
    expect(m.communities.map((x) => x.name).sort()).toEqual(['佛光社区', '名山社区']);

    // Each community: exactly what its own dashboard says.
    const own = await Promise.all(
      m.communities.map(async (x) => MetricsResponse.parse((await api.call('GET', `/communities/${x.communityId}/metrics?${PERIOD}`, { token: street })).body)),
    );
    m.communities.forEach((x, i) => expect(summary(x)).toEqual(summary(own[i]!)));
    const mingshan = m.communities.find((x) => x.communityId === 'cm-mingshan')!;
    const foguang = m.communities.find((x) => x.communityId === 'cm-foguang')!;
    expect(mingshan.totals).toMatchObject({ filed: 4, accepted: 1, resolved: 1, closed: 1, escalated: 2, refused: 1, rated: 1, satisfied: 1 });
    expect(foguang.totals).toMatchObject({ filed: 2, accepted: 0, resolved: 0 });

    // The street: the sums, every counter and every open count.
    for (const k of Object.keys(m.totals) as (keyof typeof m.totals)[]) {
      expect(m.totals[k]).toBe(m.communities.reduce((n, x) => n + x.totals[k], 0));
    }
    expect(m.openNow.total).toBe(mingshan.openNow.total + foguang.openNow.total);
    expect(m.openNow.overdue).toBe(mingshan.openNow.overdue + foguang.openNow.overdue);
    for (const level of ['property', 'grid', 'community', 'street', 'department'] as const) {
      expect(m.openNow.byLevel[level]).toBe(mingshan.openNow.byLevel[level] + foguang.openNow.byLevel[level]);
    }
    expect(m.openNow.byLevel.street).toBe(1); // b, escalated to the street
    expect(m.openNow.total).toBe(5); // all but a
    // Rates come from the summed counters (1 resolved of 6 filed), not from averaging 25% and 0%.
    expect(m.rates.resolution).toBe(0.1667);
    expect(m.rates.response).toBe(0.1667);
    expect(m.rates.satisfaction).toBe(1);
    // Only 名山 resolved anything: the street's average time is 名山's.
    expect(m.averages.hoursToResolve).toBe(mingshan.averages.hoursToResolve);
    expect(m.averages.hoursToResolve).not.toBeNull();
    // The most frequent categories of the whole street, named.
    expect(m.topCategories[0]).toEqual({ categoryId: 'fix-streetlight', name: expect.any(String), count: 3 });
  });

  it('is the street admin’s own street only', async () => {
    expect((await api.call('GET', `/streets/st-suishan/metrics?${PERIOD}`, { token: await api.tokenFor('community_admin') })).status).toBe(403);
    expect((await api.call('GET', `/streets/st-suishan/metrics?${PERIOD}`, { token: await api.tokenFor('department_staff') })).status).toBe(403);
    expect((await api.call('GET', `/streets/st-nowhere/metrics?${PERIOD}`, { token: await api.tokenFor('street_admin') })).status).toBe(404);
    expect((await api.call('GET', '/streets/st-suishan/metrics?from=2026-12-01&to=2026-11-01', { token: await api.tokenFor('street_admin') })).status).toBe(400);
  });
});
