/** 办结率, 解决率, 满意率: what each item counts for, how a change moves the counters, and how rates read. */
import { CN_CALENDAR } from '../support/calendar';
import { type Category, evaluationWords, percentWords } from '@linli/shared';
import type { Actor } from '../../functions/src/platform/domain/actor';
import { contribution, latestAnswers, MEASURE_KEYS as K, measureDeltas, measuresOf } from '../../functions/src/requests/domain/measures';
import { metricDeltas } from '../../functions/src/requests/domain/metrics';
import { gridEvaluation, unitEvaluation } from '../../functions/src/requests/domain/evaluations';
import { ConflictError, ForbiddenError, ValidationError } from '../../functions/src/platform/domain/errors';
import { accept, handOver, newRequest, rate, resolve, revisit, type ServiceRequest, withdraw } from '../../functions/src/requests/domain/request';
import { demoCategories } from '../../infra/local/demo-categories';

const cst = (local: string): Date => new Date(`${local}+08:00`);
const T0 = cst('2026-11-24T23:30:00');
const LATER = cst('2026-11-26T10:00:00');
const resident: Actor = { userId: 'u-res', roles: ['resident'], streetId: 'st', communityId: 'cm', gridId: 'gd-1' };
const gridWorker: Actor = { userId: 'u-gw', roles: ['grid_worker'], streetId: 'st', communityId: 'cm', gridId: 'gd-1' };
const communityAdmin: Actor = { userId: 'u-ca', roles: ['community_admin'], streetId: 'st', communityId: 'cm', gridId: null };
const ctx = (actor: Actor, now = T0) => ({ actor, actorName: actor.userId, now, calendar: CN_CALENDAR });
const category = (id: string): Category => demoCategories.find((c) => c.id === id)!;

function makeFiled(overrides: Partial<{ gridId: string | null; categoryId: string }> = {}): ServiceRequest {
  return newRequest({
    id: 'r-1',
    source: 'resident',
    category: category(overrides.categoryId ?? 'fix-streetlight'),
    description: '路灯不亮了',
    photos: [],
    location: { lat: 29.6, lng: 103.48 },
    sourceDatum: 'gcj02',
    address: null,
    anonymous: false,
    reporter: { id: 'u-res', name: '张秀英', phone: null },
    streetId: 'st',
    communityId: 'cm',
    gridId: overrides.gridId === undefined ? 'gd-1' : overrides.gridId,
    now: T0,
    calendar: CN_CALENDAR,
    actor: resident,
  }).next;
}
const resolved = (r = makeFiled()) => resolve(accept(r, ctx(gridWorker)).next, ctx(gridWorker), '已修好', []).next;
const gridCounters = (r: ServiceRequest) => contribution(r).find((u) => u.level === 'grid')!.counters;

describe('Function: latestAnswers', () => {
  it('takes the rating\'s answers, then a later revisit\'s where it answered', () => {
    const closed = rate(resolved(), ctx(resident), 4, null, { solved: false, satisfied: true }).next;
    expect(latestAnswers(closed)).toEqual({ solved: false, satisfied: true });
    const visited = revisit(closed, ctx(communityAdmin, LATER), 'phone', '回访说已经修好了', { solved: true, satisfied: null }).next;
    expect(latestAnswers(visited)).toEqual({ solved: true, satisfied: true });
    const unreachable = revisit(visited, ctx(communityAdmin, cst('2026-11-27T10:00:00')), 'unreachable', '电话无人接听').next;
    expect(latestAnswers(unreachable)).toEqual({ solved: true, satisfied: true });
  });

  it('reads a rating from before the questions by its stars, solved unknown', () => {
    const r = { rating: { score: 2, comment: null, at: T0.toISOString() }, revisits: [] };
    expect(latestAnswers(r)).toEqual({ solved: null, satisfied: false });
  });
});

describe('Function: rate', () => {
  it('reopens when the resident is not satisfied, whatever the stars', () => {
    const t = rate(resolved(), ctx(resident), 4, null, { solved: true, satisfied: false });
    expect(t.next.status).toBe('submitted');
    expect(t.next.rating).toMatchObject({ score: 4, solved: true, satisfied: false });
    expect(t.events.map((e) => e.type)).toEqual(['rated', 'reopened']);
  });

  it('without answers keeps the old rule: 3–5 stars close, 1–2 reopen', () => {
    expect(rate(resolved(), ctx(resident), 3, null).next).toMatchObject({ status: 'closed', rating: { satisfied: true, solved: null } });
    expect(rate(resolved(), ctx(resident), 2, null).next.status).toBe('submitted');
  });
});

describe('Function: contribution', () => {
  it('counts an open item as due and not closed, on its filing day in China', () => {
    const r = makeFiled();
    expect(contribution(r).map((u) => [u.level, u.unitId, u.day])).toEqual([
      ['community', 'cm', '2026-11-24'],
      ['grid', 'gd-1', '2026-11-24'],
    ]);
    expect(gridCounters(r)).toMatchObject({ [K.due]: 1, [K.closed]: 0, [K.solvedAnswered]: 0, [K.satisfiedAnswered]: 0 });
  });

  it('leaves withdrawn items out of what is due, and counts nothing for items from before the counters', () => {
    expect(gridCounters(withdraw(makeFiled(), ctx(resident), null).next)).toMatchObject({ [K.due]: 0, [K.closed]: 0 });
    expect(contribution({ ...makeFiled(), countsInRates: undefined })).toEqual([]);
  });

  it('counts a department only as the lead of a dispatched item', () => {
    const r: ServiceRequest = { ...makeFiled(), departments: [{ id: 'cgj', name: '城管', lead: true, reportedInAt: null }, { id: 'gdj', name: '供电', lead: false, reportedInAt: null }] };
    expect(contribution(r).filter((u) => u.level === 'department').map((u) => u.unitId)).toEqual(['cgj']);
  });
});

describe('Function: measureDeltas', () => {
  it('takes a closure back when an unsatisfied rating reopens the item', () => {
    const before = resolved();
    const after = rate(before, ctx(resident, LATER), 1, '没修好', { solved: false, satisfied: false }).next;
    const grid = measureDeltas(before, after).find((u) => u.level === 'grid')!;
    expect(grid.day).toBe('2026-11-24');
    expect(grid.counters).toEqual({ [K.closed]: -1, [K.solvedAnswered]: 1, [K.satisfiedAnswered]: 1, [K.rated]: 1, [K.ratingSum]: 1 });
  });

  it('moves only the answer when a revisit changes it (the item still counts once)', () => {
    const closed = rate(resolved(), ctx(resident), 5, null, { solved: true, satisfied: true }).next;
    const visited = revisit(closed, ctx(communityAdmin, LATER), 'in_person', '上门回访说又坏了', { solved: false, satisfied: false }).next;
    const grid = measureDeltas(closed, visited).find((u) => u.level === 'grid')!;
    expect(grid.counters).toEqual({ [K.solved]: -1, [K.satisfied]: -1 });
  });

  it('moves the item from one grid to the other on a hand-over', () => {
    const r = makeFiled();
    const moved = handOver(r, ctx(gridWorker), 'gd-2', '在隔壁网格').next;
    const d = measureDeltas(r, moved);
    expect(d.find((u) => u.unitId === 'gd-1')!.counters).toEqual({ [K.due]: -1 });
    expect(d.find((u) => u.unitId === 'gd-2')!.counters).toEqual({ [K.due]: 1 });
    expect(d.find((u) => u.level === 'community')).toBeUndefined();
  });

  it('is part of every change\'s metric delta (a filing adds the item, a note moves nothing)', () => {
    const r = makeFiled();
    expect(metricDeltas(null, { next: r, events: [] }, T0)!.units.map((u) => u.level)).toEqual(['community', 'grid']);
    expect(measureDeltas(r, { ...r, version: 2 })).toEqual([]);
  });
});

describe('Function: measuresOf', () => {
  it('says nothing (null) where nothing was counted, never NaN', () => {
    const m = measuresOf({});
    expect(m.rates).toEqual({ closure: null, resolution: null, satisfaction: null });
    expect(m.evaluations.units).toEqual({ average: null, count: 0 });
  });

  it('divides closed by due, solved and satisfied by those who answered each', () => {
    const m = measuresOf({ [K.due]: 8, [K.closed]: 6, [K.solvedAnswered]: 3, [K.solved]: 2, [K.satisfiedAnswered]: 4, [K.satisfied]: 3, [K.unitsCount]: 3, [K.unitsSum]: 13, [K.rated]: 2, [K.ratingSum]: 9 });
    expect(m.rates).toEqual({ closure: 0.75, resolution: 0.6667, satisfaction: 0.75 });
    expect(m.evaluations).toEqual({ residents: { average: 4.5, count: 2 }, units: { average: 4.33, count: 3 }, grid: { average: null, count: 0 } });
  });
});

describe('Function: percentWords / evaluationWords', () => {
  it('reads rates as people do', () => {
    expect(percentWords(null)).toBe('暂无');
    expect(percentWords(Number.NaN)).toBe('暂无');
    expect(percentWords(1)).toBe('100%');
    expect(percentWords(0.955)).toBe('95.5%');
    expect(percentWords(0.6667)).toBe('66.7%');
    expect(percentWords(0)).toBe('0%');
    expect(evaluationWords({ average: null, count: 0 })).toBe('暂无');
    expect(evaluationWords({ average: 4.33, count: 3 })).toBe('4.3 分（3 次）');
  });
});

describe('Functions: unitEvaluation / gridEvaluation (三评)', () => {
  const deptStaff: Actor = { userId: 'u-ds', roles: ['department_staff'], streetId: 'st', communityId: null, gridId: null, departmentId: 'cgj' };
  const handled = (): ServiceRequest => ({ ...resolved(), departments: [{ id: 'cgj', name: '城管', lead: true, reportedInAt: null }] });

  it('counts the grid\'s score on the department\'s counters of the item\'s community and filing day', () => {
    const { evaluation, counters } = unitEvaluation(handled(), gridWorker, { level: 'department', departmentId: 'cgj', score: 4, comment: null }, LATER);
    expect(evaluation).toMatchObject({ slot: 'UNITS#DEPARTMENT#cgj', kind: 'units', unitId: 'cgj', byUnitId: 'gd-1', score: 4 });
    expect(counters).toEqual({ level: 'department', unitId: 'cgj', communityId: 'cm', day: '2026-11-24', counters: { [K.unitsCount]: 1, [K.unitsSum]: 4 } });
  });

  it('lets only the item\'s grid rate, only handled items, only units that handled it', () => {
    const other: Actor = { ...gridWorker, userId: 'u-gw2', gridId: 'gd-2' };
    expect(() => unitEvaluation(handled(), other, { level: 'department', departmentId: 'cgj', score: 4, comment: null }, LATER)).toThrow(ForbiddenError);
    expect(() => unitEvaluation({ ...handled(), status: 'accepted' }, gridWorker, { level: 'department', departmentId: 'cgj', score: 4, comment: null }, LATER)).toThrow(ConflictError);
    expect(() => unitEvaluation(handled(), gridWorker, { level: 'department', departmentId: 'gdj', score: 4, comment: null }, LATER)).toThrow(ValidationError);
    expect(() => unitEvaluation(handled(), gridWorker, { level: 'property', score: 4, comment: null }, LATER)).toThrow(ValidationError);
  });

  it('lets a called department rate the grid, one slot per department', () => {
    const { evaluation, counters } = gridEvaluation(handled(), deptStaff, { score: 5, comment: '说得清楚' }, LATER);
    expect(evaluation).toMatchObject({ slot: 'GRID#cgj', kind: 'grid', level: 'grid', unitId: 'gd-1', byUnitId: 'cgj' });
    expect(counters.counters).toEqual({ [K.gridCount]: 1, [K.gridSum]: 5 });
    expect(() => gridEvaluation(handled(), { ...deptStaff, departmentId: 'gdj' }, { score: 5, comment: null }, LATER)).toThrow(ForbiddenError);
    expect(() => gridEvaluation({ ...handled(), gridId: null }, deptStaff, { score: 5, comment: null }, LATER)).toThrow(ConflictError);
  });
});
