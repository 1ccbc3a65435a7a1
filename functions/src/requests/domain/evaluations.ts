/**
 * 三评: beside the resident's rating, the grid rates each department or property company that handled
 * an item, and each department called to an item rates the grid staff who passed it on. One
 * evaluation per rated unit and rater per item, stored with the rated unit's counters in one write.
 */
import type { Evaluation, EvaluationsResponse, GridEvaluationBody, UnitEvaluationBody } from '@linli/shared';
import { hasRole, type Actor } from '../../platform/domain/actor';
import { ConflictError, ForbiddenError, ValidationError } from '../../platform/domain/errors';
import { shanghaiDate } from '../../platform/domain/opening-hours';
import type { RequestDeps } from './deps';
import { MEASURE_KEYS, type UnitCounters } from './measures';
import { type ServiceRequest, unitFor } from './model';
import { loadVisible } from './queries';

/** An evaluation as stored: the slot it fills (`UNITS#…` / `GRID#…`) is unique per item. */
export interface StoredEvaluation extends Evaluation {
  requestId: string;
  slot: string;
  by: string;
}

/** Whether the actor is grid staff of the item's grid (the rater of departments and companies). */
const isItemsGridStaff = (actor: Actor, r: ServiceRequest): boolean =>
  hasRole(actor, 'grid_worker') && actor.gridId !== null && actor.gridId === r.gridId;

/** The called department the actor works for, if any. */
const calledDepartmentOf = (actor: Actor, r: ServiceRequest) =>
  hasRole(actor, 'department_staff') && actor.streetId === r.streetId && actor.departmentId
    ? (r.departments.find((d) => d.id === actor.departmentId) ?? null)
    : null;

const HANDLED = new Set(['resolved', 'closed']);

/** The units the grid may rate on this item: the called departments, and the property company of a property matter. */
function ratableUnits(r: ServiceRequest): EvaluationsResponse['canEvaluate']['units'] {
  return [
    ...r.departments.map((d) => ({ level: 'department' as const, departmentId: d.id, name: d.name })),
    ...(r.compound ? [{ level: 'property' as const, departmentId: null, name: `${r.compound}物业` }] : []),
  ];
}

/** The grid's evaluation of a unit: who is rated, in which slot, on which counters. Pure. */
export function unitEvaluation(r: ServiceRequest, actor: Actor, body: UnitEvaluationBody, now: Date): { evaluation: StoredEvaluation; counters: UnitCounters } {
  if (!isItemsGridStaff(actor, r)) throw new ForbiddenError('只有本网格的工作人员可以评价承办单位');
  if (!HANDLED.has(r.status)) throw new ConflictError('事项办结后才能评价承办单位', 'not_handled_yet');
  const unit =
    body.level === 'department'
      ? r.departments.find((d) => d.id === body.departmentId)
      : r.compound
        ? { id: unitFor(r, 'property'), name: `${r.compound}物业` }
        : undefined;
  if (!unit) {
    const field = body.level === 'department' ? 'departmentId' : 'level';
    throw new ValidationError('该单位没有承办这件事项', [{ field, message: body.level === 'department' ? '请选择承办过该事项的部门' : '该事项没有物业承办' }]);
  }
  const evaluation: StoredEvaluation = {
    requestId: r.id,
    slot: `UNITS#${body.level.toUpperCase()}#${unit.id}`,
    by: actor.userId,
    kind: 'units',
    level: body.level,
    unitId: unit.id,
    unitName: unit.name,
    byUnitId: r.gridId!,
    byUnitName: '网格',
    score: body.score,
    comment: body.comment,
    at: now.toISOString(),
  };
  const counters = { [MEASURE_KEYS.unitsCount]: 1, [MEASURE_KEYS.unitsSum]: body.score };
  return { evaluation, counters: { level: body.level, unitId: unit.id, communityId: r.communityId, day: shanghaiDate(new Date(r.createdAt)), counters } };
}

/** A called department's evaluation of the grid that passed the item on. Pure. */
export function gridEvaluation(r: ServiceRequest, actor: Actor, body: GridEvaluationBody, now: Date): { evaluation: StoredEvaluation; counters: UnitCounters } {
  const dept = calledDepartmentOf(actor, r);
  if (!dept) throw new ForbiddenError('只有被呼叫的部门可以评价网格');
  if (!r.gridId) throw new ConflictError('该事项不在任何网格，没有可评价的网格', 'no_grid');
  const evaluation: StoredEvaluation = {
    requestId: r.id,
    slot: `GRID#${dept.id}`,
    by: actor.userId,
    kind: 'grid',
    level: 'grid',
    unitId: r.gridId,
    unitName: '网格',
    byUnitId: dept.id,
    byUnitName: dept.name,
    score: body.score,
    comment: body.comment,
    at: now.toISOString(),
  };
  const counters = { [MEASURE_KEYS.gridCount]: 1, [MEASURE_KEYS.gridSum]: body.score };
  return { evaluation, counters: { level: 'grid', unitId: r.gridId, communityId: r.communityId, day: shanghaiDate(new Date(r.createdAt)), counters } };
}

const sameAnswer = (a: StoredEvaluation, b: StoredEvaluation) => a.by === b.by && a.score === b.score && a.comment === b.comment;

/**
 * Stores an evaluation once. Primary course: the item is read and the rules applied; the evaluation
 * is written only if its slot is free, with the rated unit's counters, in one transaction. A retry
 * of the same evaluation (same person, score and comment) answers with the stored one; anything else
 * in a taken slot is 409 `already_evaluated`.
 */
async function store(deps: Pick<RequestDeps, 'requests'>, made: { evaluation: StoredEvaluation; counters: UnitCounters }): Promise<Given> {
  const { created, stored } = await deps.requests.addEvaluation(made.evaluation, made.counters);
  if (!created && !sameAnswer(stored, made.evaluation)) {
    throw new ConflictError(`已评价过（${stored.score} 分），每件事项只能评价一次`, 'already_evaluated');
  }
  return { created, evaluation: publicOf(stored) };
}

/** An evaluation given, and whether it was made now (201) or is a retry's replay (200). */
export type Given = { created: boolean; evaluation: Evaluation };

const publicOf = ({ requestId: _r, slot: _s, by: _b, ...e }: StoredEvaluation): Evaluation => e;

export async function evaluateUnit(deps: Pick<RequestDeps, 'requests' | 'places'>, actor: Actor, id: string, body: UnitEvaluationBody, now: Date): Promise<Given> {
  const { request } = await loadVisible(deps, actor, id);
  const made = unitEvaluation(request, actor, body, now);
  const grid = await deps.places.getGrid(request.gridId!);
  return store(deps, { ...made, evaluation: { ...made.evaluation, byUnitName: grid?.name ?? '网格' } });
}

export async function evaluateGrid(deps: Pick<RequestDeps, 'requests' | 'places'>, actor: Actor, id: string, body: GridEvaluationBody, now: Date): Promise<Given> {
  const { request } = await loadVisible(deps, actor, id);
  const made = gridEvaluation(request, actor, body, now);
  const grid = await deps.places.getGrid(made.evaluation.unitId);
  return store(deps, { ...made, evaluation: { ...made.evaluation, unitName: grid?.name ?? '网格' } });
}

/** An item's evaluations, and which the caller may still give (the staff item page's buttons). */
export async function listEvaluations(deps: Pick<RequestDeps, 'requests'>, actor: Actor, id: string): Promise<EvaluationsResponse> {
  const { request: r } = await loadVisible(deps, actor, id);
  const stored = await deps.requests.evaluationsOf(r.id);
  const taken = new Set(stored.map((e) => e.slot));
  const units =
    isItemsGridStaff(actor, r) && HANDLED.has(r.status)
      ? ratableUnits(r).filter((u) => !taken.has(u.level === 'department' ? `UNITS#DEPARTMENT#${u.departmentId}` : `UNITS#PROPERTY#${unitFor(r, 'property')}`))
      : [];
  const dept = calledDepartmentOf(actor, r);
  return { items: stored.map(publicOf), canEvaluate: { units, grid: !!dept && !!r.gridId && !taken.has(`GRID#${dept.id}`) } };
}
