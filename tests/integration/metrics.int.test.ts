/**
 * The measures of the loop come from counters kept with each change; this test recomputes them
 * independently from the raw items and their timelines and compares.
 */
import { CN_CALENDAR } from '../support/calendar';
import { CategoriesResponse, type DeadlineRule, MetricsResponse, RequestResponse, type RequestDetail } from '@linli/shared';
import { shanghaiDate } from '../../functions/src/platform/domain/opening-hours';
import { deadlineFrom } from '../../functions/src/requests/domain/deadlines';
import { fileRequest, inGrid1, inGrid2, outsideGrids as outside, staffAct } from '../support/builders';
import { startTestApi, type TestApi } from '../support/harness';

const STAGE_STARTS = new Set(['submitted', 'escalated', 'refused', 'handed_over', 'assigned', 'dispatched', 'reopened']);

describe('community metrics', () => {
  let api: TestApi;
  let t: Record<string, string>;
  const ids: string[] = [];
  let seq = 0;

  beforeAll(async () => {
    api = await startTestApi();
    t = {};
    for (const role of ['resident', 'rider', 'grid_worker', 'community_admin', 'street_admin'] as const) t[role] = await api.tokenFor(role);
  });
  afterAll(() => api.stop());

  async function file(categoryId: string, location: { lat: number; lng: number }, who: 'resident' | 'rider' = 'resident') {
    const r = await fileRequest(api, { categoryId, description: `指标测试 ${seq++}`, location }, who);
    ids.push(r.id);
    return r;
  }
  async function act(id: string, role: 'grid_worker' | 'community_admin' | 'street_admin', body: Record<string, unknown>) {
    expect((await staffAct(api, id, role, body)).status).toBe(200);
  }
  const rate = (id: string, score: number, who = 'resident') => api.call('POST', `/requests/${id}/rating`, { token: t[who], body: { score } });

  it('matches a recomputation from the raw items', async () => {
    // A mix of everything the loop does.
    const a = await file('fix-streetlight', inGrid1);
    await act(a.id, 'grid_worker', { action: 'accept' });
    await act(a.id, 'grid_worker', { action: 'resolve', result: '已修好' });
    await rate(a.id, 5);
    const b = await file('fix-road', inGrid1);
    await act(b.id, 'grid_worker', { action: 'accept' });
    await act(b.id, 'grid_worker', { action: 'resolve', result: '已修补' });
    await rate(b.id, 2); // reopened at the grid
    const c = await file('dispute-noise', inGrid1);
    await act(c.id, 'grid_worker', { action: 'escalate', reason: '需社区协调' });
    await act(c.id, 'community_admin', { action: 'accept' });
    const d = await file('env-sorting', inGrid1);
    await api.call('POST', `/requests/${d.id}/updates`, { token: t.resident, body: { action: 'withdraw' } });
    const e = await file('city-stall', outside);
    await act(e.id, 'community_admin', { action: 'assign', gridId: 'gd-ms-2' });
    await file('fix-road', inGrid2, 'rider');
    const g = await file('prop-parking', inGrid1);
    await act(g.id, 'grid_worker', { action: 'refuse', reason: '属物业管理' });
    const h = await file('fix-streetlight', inGrid1, 'rider');
    await act(h.id, 'grid_worker', { action: 'merge', into: a.id === h.id ? b.id : c.id });
    const i = await file('ask-social', inGrid1);
    await act(i.id, 'grid_worker', { action: 'accept' });
    await act(i.id, 'grid_worker', { action: 'resolve', result: '已解答' });
    await rate(i.id, 3);

    // A window around today, so a run across China midnight still sees every change.
    const from = shanghaiDate(new Date(Date.now() - 86400_000));
    const to = shanghaiDate(new Date(Date.now() + 86400_000));
    const res = await api.call('GET', `/communities/cm-mingshan/metrics?from=${from}&to=${to}`, { token: t.community_admin });
    expect(res.status).toBe(200);
    const m = MetricsResponse.parse(res.body);

    // Recompute from the items themselves.
    const items: RequestDetail[] = [];
    for (const id of ids) items.push(RequestResponse.parse((await api.call('GET', `/requests/${id}`, { token: t.community_admin })).body).request);
    const cats = CategoriesResponse.parse((await api.call('GET', '/request-categories', { token: t.community_admin })).body).groups.flatMap((x) => x.categories);
    const rule = (r: RequestDetail, level: string, stage: 'accept' | 'resolve'): DeadlineRule =>
      (cats.find((x) => x.id === r.categoryId)!.deadlines as Record<string, { accept: DeadlineRule; resolve: DeadlineRule }>)[level]![stage];
    const first = (r: RequestDetail, type: string) => r.timeline.find((x) => x.type === type);
    const onTime = (r: RequestDetail, type: 'accepted' | 'resolved') => {
      const ev = first(r, type)!;
      const idx = r.timeline.indexOf(ev);
      const stageStart = [...r.timeline.slice(0, idx)].reverse().find((x) => STAGE_STARTS.has(x.type))!;
      const acceptedAt = type === 'resolved' ? [...r.timeline.slice(0, idx)].reverse().find((x) => x.type === 'accepted') : undefined;
      const start = type === 'accepted' ? stageStart : [...r.timeline.slice(0, idx)].reverse().find((x) => STAGE_STARTS.has(x.type) && x.at <= (acceptedAt?.at ?? ev.at))!;
      const due = deadlineFrom(new Date(start.at), rule(r, start.level, type === 'accepted' ? 'accept' : 'resolve'), CN_CALENDAR);
      return Date.parse(ev.at) <= due.getTime();
    };
    const count = (f: (r: RequestDetail) => boolean) => items.filter(f).length;
    const has = (r: RequestDetail, type: string) => r.timeline.some((x) => x.type === type);
    const events = (type: string) => items.reduce((n, r) => n + r.timeline.filter((x) => x.type === type).length, 0);
    const hours = (r: RequestDetail, type: string) => (Date.parse(first(r, type)!.at) - Date.parse(r.createdAt)) / 3600_000;
    const ratings = items.flatMap((r) => r.timeline.filter((x) => x.type === 'rated').map((x) => Number(x.note!.split(' ')[0])));
    const expected = {
      filed: items.length,
      accepted: count((r) => has(r, 'accepted')),
      acceptedOnTime: count((r) => has(r, 'accepted') && onTime(r, 'accepted')),
      resolved: count((r) => has(r, 'resolved')),
      resolvedOnTime: count((r) => has(r, 'resolved') && onTime(r, 'resolved')),
      closed: count((r) => r.status === 'closed'),
      withdrawn: count((r) => r.status === 'withdrawn'),
      merged: count((r) => r.status === 'merged'),
      escalated: events('escalated'),
      reopened: events('reopened'),
      refused: events('refused'),
      rated: ratings.length,
      satisfied: ratings.filter((s) => s >= 3).length,
    };
    expect(m.totals).toEqual(expected);
    expect(m.rates.response).toBeCloseTo(expected.accepted / expected.filed, 3);
    expect(m.rates.resolution).toBeCloseTo(expected.resolved / expected.filed, 3);
    expect(m.rates.satisfaction).toBeCloseTo(expected.satisfied / expected.rated, 3);
    expect(m.averages.rating).toBeCloseTo(ratings.reduce((a, b) => a + b, 0) / ratings.length, 2);
    const acc = items.filter((r) => has(r, 'accepted'));
    expect(m.averages.hoursToAccept!).toBeCloseTo(acc.reduce((s, r) => s + hours(r, 'accepted'), 0) / acc.length, 1);

    const open = items.filter((r) => r.status === 'submitted' || r.status === 'accepted');
    expect(m.openNow.total).toBe(open.length);
    expect(m.openNow.byStatus).toEqual({ submitted: open.filter((r) => r.status === 'submitted').length, accepted: open.filter((r) => r.status === 'accepted').length });
    expect(m.openNow.byLevel.grid).toBe(open.filter((r) => r.level === 'grid').length);
    expect(m.openNow.byLevel.community).toBe(open.filter((r) => r.level === 'community').length);
    expect(m.openNow.overdue).toBe(open.filter((r) => r.overdue).length);

    const byCategory = new Map<string, number>();
    for (const r of items) byCategory.set(r.categoryId, (byCategory.get(r.categoryId) ?? 0) + 1);
    expect(m.topCategories[0]).toMatchObject({ count: Math.max(...byCategory.values()) });
    expect(m.topCategories.reduce((s, c) => s + c.count, 0)).toBe(items.length);

    const grid1 = m.grids.find((g) => g.gridId === 'gd-ms-1')!;
    expect(grid1.totals.filed).toBe(count((r) => r.gridId === 'gd-ms-1'));
    const grid2 = m.grids.find((g) => g.gridId === 'gd-ms-2')!;
    expect(grid2.openNow.total).toBe(open.filter((r) => r.gridId === 'gd-ms-2').length);
  });

  it('is for the community and street staff only, with validated dates', async () => {
    const today = shanghaiDate(new Date());
    expect((await api.call('GET', `/communities/cm-foguang/metrics?from=${today}&to=${today}`, { token: t.community_admin })).status).toBe(403);
    expect((await api.call('GET', `/communities/cm-foguang/metrics?from=${today}&to=${today}`, { token: t.street_admin })).status).toBe(200);
    expect((await api.call('GET', `/communities/cm-mingshan/metrics?from=${today}&to=${today}`, { token: t.grid_worker })).status).toBe(403);
    const bad = await api.call('GET', '/communities/cm-mingshan/metrics?from=2026-12-01&to=2026-11-01', { token: t.community_admin });
    expect(bad.status).toBe(400);
    expect((await api.call('GET', `/communities/nope/metrics?from=${today}&to=${today}`, { token: t.street_admin })).status).toBe(404);
  });
});
