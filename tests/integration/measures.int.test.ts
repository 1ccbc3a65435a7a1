/**
 * 办结率, 解决率, 满意率 and 三评 on the real local store: the figures the dashboards show equal an
 * independent recount from the items after a seeded random mix of filings, closings, ratings,
 * revisits, reopenings, hand-overs, dispatches and evaluations.
 */
import {
  EvaluationsResponse, type Measures, MetricsResponse, RequestResponse, type RequestDetail, type Role, StreetMetricsResponse,
} from '@linli/shared';
import { shanghaiDate } from '../../functions/src/platform/domain/opening-hours';
import { fileRequest, inGrid1, outsideGrids, staffAct } from '../support/builders';
import { startTestApi, type TestApi } from '../support/harness';
import { rng } from '../support/rng';

const COMMUNITY = 'cm-mingshan';
const from = shanghaiDate(new Date(Date.now() - 86400_000));
const to = shanghaiDate(new Date(Date.now() + 86400_000));

describe('measures of the loop (三率, 三评)', () => {
  let api: TestApi;
  const tokens: Partial<Record<Role, string>> = {};
  const token = async (role: Role) => (tokens[role] ??= await api.tokenFor(role));
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.stop());

  const detail = async (id: string): Promise<RequestDetail> =>
    RequestResponse.parse((await api.call('GET', `/requests/${id}`, { token: await token('community_admin') })).body).request;
  const community = async () =>
    MetricsResponse.parse((await api.call('GET', `/communities/${COMMUNITY}/metrics?from=${from}&to=${to}`, { token: await token('community_admin') })).body);
  const street = async () =>
    StreetMetricsResponse.parse((await api.call('GET', `/streets/st-suishan/metrics?from=${from}&to=${to}`, { token: await token('street_admin') })).body);
  const act = async (id: string, role: Role, body: Record<string, unknown>) => staffAct(api, id, role, body);
  const rate = async (id: string, body: Record<string, unknown>) => api.call('POST', `/requests/${id}/rating`, { token: await token('resident'), body });
  const evaluateUnits = async (id: string, body: Record<string, unknown>, role: Role = 'grid_worker') =>
    api.call('POST', `/requests/${id}/evaluations/units`, { token: await token(role), body });
  const evaluateGrid = async (id: string, body: Record<string, unknown>) =>
    api.call('POST', `/requests/${id}/evaluations/grid`, { token: await token('department_staff'), body });

  /** An item of grid 1 taken to the street, dispatched to 城管 (the demo department) and resolved by it. */
  async function dispatchedAndResolved(): Promise<string> {
    const r = await fileRequest(api, { description: `三评测试：路面塌陷 ${Math.random()}` });
    for (const [role, body] of [
      ['grid_worker', { action: 'escalate', reason: '需要社区协调' }],
      ['community_admin', { action: 'escalate', reason: '需要街道协调' }],
      ['street_admin', { action: 'dispatch', lead: 'cgj', others: ['gdj'] }],
      ['department_staff', { action: 'accept' }],
      ['department_staff', { action: 'resolve', result: '已修补路面' }],
    ] as const) {
      expect((await act(r.id, role, body)).status).toBe(200);
    }
    return r.id;
  }

  describe('Route: POST /requests/{id}/rating', () => {
    it('stores both answers; not satisfied reopens the item even with 4 stars', async () => {
      const r = await fileRequest(api);
      await act(r.id, 'grid_worker', { action: 'accept' });
      await act(r.id, 'grid_worker', { action: 'resolve', result: '已修补' });
      const res = await rate(r.id, { score: 4, solved: true, satisfied: false, comment: '修得不平' });
      expect(res.status).toBe(200);
      expect(res.body.request).toMatchObject({ status: 'submitted', reopenCount: 1, rating: { score: 4, solved: true, satisfied: false } });
    });

    it('answers a wrong answer with a field-level message, never a 500', async () => {
      const r = await fileRequest(api);
      const res = await rate(r.id, { score: 5, solved: '是', satisfied: true });
      expect(res.status).toBe(400);
      expect(res.body.error.fields).toEqual([{ field: 'solved', message: '请回答问题是否解决' }]);
    });
  });

  describe('Routes: 三评', () => {
    it('lets the grid rate each department that handled the item once, and a called department rate the grid once', async () => {
      const id = await dispatchedAndResolved();
      const before = await community();
      const listed = EvaluationsResponse.parse((await api.call('GET', `/requests/${id}/evaluations`, { token: await token('grid_worker') })).body);
      expect(listed.canEvaluate).toEqual({
        units: [
          { level: 'department', departmentId: 'cgj', name: expect.any(String) },
          { level: 'department', departmentId: 'gdj', name: expect.any(String) },
        ],
        grid: false,
      });

      const first = await evaluateUnits(id, { level: 'department', departmentId: 'cgj', score: 4, comment: '处理及时' });
      expect(first.status).toBe(201);
      expect(first.body.evaluation).toMatchObject({ kind: 'units', level: 'department', unitId: 'cgj', byUnitId: 'gd-ms-1', score: 4 });
      const replay = await evaluateUnits(id, { level: 'department', departmentId: 'cgj', score: 4, comment: '处理及时' });
      expect(replay.status).toBe(200);
      expect(replay.body).toEqual(first.body);
      const again = await evaluateUnits(id, { level: 'department', departmentId: 'cgj', score: 1 });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('already_evaluated');

      expect((await evaluateUnits(id, { level: 'department', departmentId: 'mzj', score: 3 })).status).toBe(400);
      const bad = await evaluateUnits(id, { level: 'department', departmentId: 'gdj', score: 6 });
      expect(bad.status).toBe(400);
      expect(bad.body.error.fields).toEqual([{ field: 'score', message: '评分最高 5 分' }]);
      expect((await evaluateUnits(id, { level: 'property', score: 3 })).status).toBe(400);

      const byDept = await evaluateGrid(id, { score: 5, comment: '情况说得清楚' });
      expect(byDept.status).toBe(201);
      expect(byDept.body.evaluation).toMatchObject({ kind: 'grid', level: 'grid', unitId: 'gd-ms-1', byUnitId: 'cgj', score: 5 });
      expect((await evaluateGrid(id, { score: 2 })).status).toBe(409);

      const after = await community();
      const dept = (m: MetricsResponse) => m.departments.find((d) => d.departmentId === 'cgj')!.measures.evaluations.units;
      expect(dept(after).count - dept(before).count).toBe(1);
      expect(after.measures.evaluations.units.count - before.measures.evaluations.units.count).toBe(1);
      expect(after.measures.evaluations.grid.count - before.measures.evaluations.grid.count).toBe(1);
      const grid1 = after.grids.find((g) => g.gridId === 'gd-ms-1')!;
      expect(grid1.measures.evaluations.grid.count).toBeGreaterThanOrEqual(1);
    });

    it('refuses evaluations before the item is handled and by staff of other units', async () => {
      const r = await fileRequest(api);
      expect((await evaluateUnits(r.id, { level: 'department', departmentId: 'cgj', score: 4 })).status).toBe(409);
      expect((await evaluateGrid(r.id, { score: 4 })).status).toBe(403);
    });

    it('takes concurrent double taps once', async () => {
      const id = await dispatchedAndResolved();
      const before = await community();
      const results = await Promise.all([1, 2, 3, 4].map(() => evaluateUnits(id, { level: 'department', departmentId: 'gdj', score: 3 })));
      expect(results.map((x) => x.status).sort()).toEqual([200, 200, 200, 201]);
      const after = await community();
      expect(after.measures.evaluations.units.count - before.measures.evaluations.units.count).toBe(1);
    });
  });

  describe('Recount', () => {
    it('equals an independent recount from the items after a random mix of changes', async () => {
      const base = { community: await community(), street: await street() };
      const random = rng(20261204);
      const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
      const ids: string[] = [];
      const answer = () => (random() < 0.15 ? null : random() < 0.6);

      /** One random step on one item, by whoever may take it where it is; failures of the rules (409/403) are part of the mix. */
      async function step(id: string): Promise<void> {
        const r = await detail(id);
        const byLevel: Record<string, Role> = { property: 'property_staff', grid: 'grid_worker', community: 'community_admin', street: 'street_admin', department: 'department_staff' };
        const staff = byLevel[r.level]!;
        const mine = r.level !== 'grid' || r.gridId === 'gd-ms-1';
        if (r.status === 'submitted' && mine) {
          const roll = random();
          if (r.level === 'street') await act(id, staff, { action: 'dispatch', lead: 'cgj', others: random() < 0.5 ? ['gdj'] : [] });
          else if (roll < 0.3) await act(id, staff, { action: 'accept' });
          else if (roll < 0.4 && r.level === 'grid') await act(id, staff, { action: 'hand_over', gridId: 'gd-ms-2', reason: '属隔壁网格' });
          else if (roll < 0.9 && r.level === 'grid') await act(id, staff, { action: 'escalate', reason: '需要社区协调' });
          else if (roll < 0.9 && r.level === 'community') await act(id, staff, { action: 'escalate', reason: '需要街道协调' });
          else if (roll > 0.93) await api.call('POST', `/requests/${id}/updates`, { token: await token('resident'), body: { action: 'withdraw' } });
        } else if (r.status === 'accepted' && mine) {
          await act(id, r.level === 'department' ? 'street_admin' : staff, { action: 'resolve', result: '已处理' });
        } else if (r.status === 'resolved') {
          const satisfied = random() < 0.65;
          await rate(id, { score: satisfied ? 4 : 2, solved: random() < 0.7, satisfied });
          if (r.departments.length > 0) {
            await evaluateUnits(id, { level: 'department', departmentId: pick(r.departments).id, score: 1 + Math.floor(random() * 5) });
            if (r.departments[0]!.id === 'cgj') await evaluateGrid(id, { score: 1 + Math.floor(random() * 5) });
          }
          if (r.compound) await evaluateUnits(id, { level: 'property', score: 1 + Math.floor(random() * 5) });
        } else if (r.status === 'closed' && r.revisits.length < 2) {
          await act(id, 'community_admin', { action: 'revisit', method: pick(['phone', 'in_person', 'unreachable']), outcome: '回访记录', solved: answer(), satisfied: answer() });
        }
      }

      for (let i = 0; i < 10; i++) {
        const where = random();
        const body =
          i === 0 || where < 0.15
            ? { categoryId: 'prop-service', compound: '名山小区', description: `物业：楼道杂物 ${i}` }
            : { categoryId: pick(['fix-road', 'fix-streetlight', 'env-sorting']), description: `三率测试 ${i}`, location: i === 1 || where < 0.3 ? outsideGrids : inGrid1 };
        ids.push((await fileRequest(api, body)).id);
      }
      for (let n = 0; n < 130; n++) await step(pick(ids));

      // The recount: each item as it stands, its latest answer to each question, its evaluations.
      const items = await Promise.all(ids.map(detail));
      const evaluations = await Promise.all(
        ids.map(async (id) => EvaluationsResponse.parse((await api.call('GET', `/requests/${id}/evaluations`, { token: await token('community_admin') })).body).items),
      );
      type Count = Measures['counts'] & { rated: number; ratingSum: number; unitsCount: number; unitsSum: number; gridCount: number; gridSum: number };
      const zero = (): Count => ({ due: 0, closed: 0, solvedAnswered: 0, solved: 0, satisfiedAnswered: 0, satisfied: 0, rated: 0, ratingSum: 0, unitsCount: 0, unitsSum: 0, gridCount: 0, gridSum: 0 });
      const units = new Map<string, Count>();
      const unit = (key: string) => units.get(key) ?? (units.set(key, zero()), units.get(key)!);
      const latest = (r: RequestDetail, q: 'solved' | 'satisfied') =>
        [...(r.rating ? [r.rating] : []), ...r.revisits].sort((a, b) => a.at.localeCompare(b.at)).map((x) => x[q]).filter((v) => v !== null && v !== undefined).pop() ?? null;
      items.forEach((r, i) => {
        const keys = [`community:${r.communityId}`, ...(r.gridId ? [`grid:${r.gridId}`] : []), ...(r.compound ? ['property'] : [])];
        const lead = r.departments.find((d) => d.lead);
        if (lead) keys.push(`department:${lead.id}`);
        const solved = latest(r, 'solved');
        const satisfied = latest(r, 'satisfied');
        for (const key of keys) {
          const c = unit(key);
          const due = r.status !== 'withdrawn' && r.status !== 'merged';
          c.due += due ? 1 : 0;
          c.closed += due && (r.status === 'resolved' || r.status === 'closed') ? 1 : 0;
          c.solvedAnswered += solved === null ? 0 : 1;
          c.solved += solved === true ? 1 : 0;
          c.satisfiedAnswered += satisfied === null ? 0 : 1;
          c.satisfied += satisfied === true ? 1 : 0;
          c.rated += r.rating ? 1 : 0;
          c.ratingSum += r.rating?.score ?? 0;
        }
        for (const e of evaluations[i]!) {
          const key = e.kind === 'grid' ? `grid:${e.unitId}` : e.level === 'property' ? 'property' : `department:${e.unitId}`;
          for (const k of [key, `community:${r.communityId}`]) {
            const c = unit(k);
            if (e.kind === 'grid') {
              c.gridCount += 1;
              c.gridSum += e.score;
            } else {
              c.unitsCount += 1;
              c.unitsSum += e.score;
            }
          }
        }
      });

      const now = { community: await community(), street: await street() };
      const counted = (m: Measures) => ({ ...m.counts, rated: m.evaluations.residents.count, unitsCount: m.evaluations.units.count, gridCount: m.evaluations.grid.count });
      const diff = (after: Measures, before: Measures) => {
        const a = counted(after);
        const b = counted(before);
        return Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v - b[k as keyof typeof b]]));
      };
      const expected = (key: string) => {
        const { ratingSum: _r, unitsSum: _u, gridSum: _g, ...c } = unit(key);
        return c;
      };
      expect(diff(now.community.measures, base.community.measures)).toEqual(expected(`community:${COMMUNITY}`));
      for (const g of now.community.grids) {
        const was = base.community.grids.find((x) => x.gridId === g.gridId)!;
        expect({ grid: g.gridId, ...diff(g.measures, was.measures) }).toEqual({ grid: g.gridId, ...expected(`grid:${g.gridId}`) });
      }
      for (const d of now.community.departments) {
        const was = base.community.departments.find((x) => x.departmentId === d.departmentId)!;
        expect({ department: d.departmentId, ...diff(d.measures, was.measures) }).toEqual({ department: d.departmentId, ...expected(`department:${d.departmentId}`) });
      }
      const property = now.community.properties.find((p) => p.compound === '名山小区')!;
      const propertyWas = base.community.properties.find((p) => p.compound === '名山小区')!;
      expect(diff(property.measures, propertyWas.measures)).toEqual(expected('property'));
      // The street is the sum of its communities; only 名山社区 changed.
      expect(diff(now.street.measures, base.street.measures)).toEqual(expected(`community:${COMMUNITY}`));
      const cgj = now.street.departments.find((d) => d.departmentId === 'cgj')!;
      expect(diff(cgj.measures, base.street.departments.find((d) => d.departmentId === 'cgj')!.measures)).toEqual(expected('department:cgj'));

      // Averages from the sums, where the period held nothing before the mix (a fresh table: it holds nothing).
      const averageOf = (sum: number, n: number) => (n === 0 ? null : sum / n);
      const c = unit(`community:${COMMUNITY}`);
      if (base.community.measures.evaluations.units.count === 0) expect(now.community.measures.evaluations.units.average).toBeCloseTo(averageOf(c.unitsSum, c.unitsCount)!, 2);
      if (base.community.measures.evaluations.grid.count === 0) expect(now.community.measures.evaluations.grid.average).toBeCloseTo(averageOf(c.gridSum, c.gridCount)!, 2);
      if (base.community.measures.evaluations.residents.count === 0) expect(now.community.measures.evaluations.residents.average).toBeCloseTo(averageOf(c.ratingSum, c.rated)!, 2);

      // The mix reached every kind of change it should (a bounded run that proved nothing would pass silently).
      expect(items.some((r) => r.reopenCount > 0)).toBe(true);
      expect(items.some((r) => r.status === 'closed')).toBe(true);
      expect(items.some((r) => r.revisits.length > 0)).toBe(true);
      expect(items.some((r) => r.departments.length > 0)).toBe(true);
      expect(evaluations.some((e) => e.some((x) => x.kind === 'grid')) && evaluations.some((e) => e.some((x) => x.kind === 'units'))).toBe(true);
      const m = now.community.measures;
      expect(m.rates.closure).toBeCloseTo(m.counts.closed / m.counts.due, 3);
    }, 180_000); // ~200 API calls: about 15 s alone, more on a busy machine
  });
});
