/** Moving an item between units: refusal (退单), hand-over, assignment, dispatch to departments (吹哨报到), report-in, return visits, merging duplicates. */
import { type Answers, LEVEL_LABELS, type Level } from '@linli/shared';
import { hasRole } from '../../platform/domain/actor';
import { ConflictError, ForbiddenError, ValidationError } from '../../platform/domain/errors';
import {
  actsForUnit,
  admittedToGrid,
  bump,
  type Ctx,
  event,
  OPEN_STATUSES,
  requireStatus,
  type RevisitMethod,
  type ServiceRequest,
  stageFor,
  type Transition,
} from './model';

function requireUnit(r: ServiceRequest, ctx: Ctx, ...levels: Level[]): void {
  if (!actsForUnit(ctx.actor, r)) throw new ForbiddenError('该事项不在您的处理范围');
  if (!levels.includes(r.level)) throw new ConflictError(`该操作不适用于${LEVEL_LABELS[r.level]}层级的事项`, 'invalid_transition');
}

/** Where a refusal goes when nobody sent the item: property → its grid, grid → community, else street. */
function firstSender(r: ServiceRequest): { level: Level; unitId: string } {
  if (r.level === 'property' && r.gridId && admittedToGrid(r)) return { level: 'grid', unitId: r.gridId };
  if (r.level === 'property' || r.level === 'grid') return { level: 'community', unitId: r.communityId };
  return { level: 'street', unitId: r.streetId };
}

/**
 * 退单: the unit the item is with says it is not its business. The item goes back to the unit that
 * sent it (or, if it was filed straight there: property → grid, grid → community) for re-dispatch.
 */
export function refuse(r: ServiceRequest, ctx: Ctx, reason: string): Transition {
  requireUnit(r, ctx, 'property', 'grid', 'community', 'department');
  requireStatus(r, 'submitted');
  const back = r.sentBy ?? firstSender(r);
  const next = bump(
    r,
    {
      level: back.level,
      unitId: back.unitId,
      status: 'submitted',
      assigneeId: null,
      sentBy: null,
      departments: back.level === 'department' ? r.departments : [],
      ...stageFor(r, back.level, ctx.now, ctx.calendar),
    },
    ctx.now,
  );
  return {
    next,
    events: [event(next, 'refused', ctx.actor, ctx.actorName, ctx.now.toISOString(), `${LEVEL_LABELS[r.level]}退单：${reason}`)],
    refusedBy: { level: r.level, unitId: r.unitId },
  };
}

/** A grid worker hands the item to another grid of the same community (checked by the caller). */
export function handOver(r: ServiceRequest, ctx: Ctx, gridId: string, reason: string): Transition {
  requireUnit(r, ctx, 'grid');
  requireStatus(r, 'submitted', 'accepted');
  if (gridId === r.unitId) throw new ValidationError('不能转给本网格', [{ field: 'gridId', message: '请选择其他网格' }]);
  const next = bump(
    r,
    { gridId, unitId: gridId, status: 'submitted', assigneeId: null, sentBy: { level: 'grid', unitId: r.unitId }, ...stageFor(r, 'grid', ctx.now, ctx.calendar) },
    ctx.now,
  );
  return { next, events: [event(next, 'handed_over', ctx.actor, ctx.actorName, ctx.now.toISOString(), reason)] };
}

/** The community assigns an item of its queue to one of its grids (checked by the caller). */
export function assign(r: ServiceRequest, ctx: Ctx, gridId: string, note: string | null): Transition {
  requireUnit(r, ctx, 'community');
  requireStatus(r, 'submitted');
  if (!admittedToGrid(r)) {
    throw new ValidationError(`“${r.categoryName}”不在网格准入事项清单中，由社区办理，不能派给网格`, [{ field: 'gridId', message: '该类事项不能下沉网格' }]);
  }
  const next = bump(
    r,
    { level: 'grid', gridId, unitId: gridId, status: 'submitted', assigneeId: null, sentBy: { level: 'community', unitId: r.communityId }, ...stageFor(r, 'grid', ctx.now, ctx.calendar) },
    ctx.now,
  );
  return { next, events: [event(next, 'assigned', ctx.actor, ctx.actorName, ctx.now.toISOString(), note)] };
}

/** The street dispatches to departments; with several, the lead one handles it (吹哨报到). */
export function dispatch(
  r: ServiceRequest,
  ctx: Ctx,
  lead: { id: string; name: string },
  others: { id: string; name: string }[],
  note: string | null,
): Transition {
  requireUnit(r, ctx, 'street');
  requireStatus(r, 'submitted', 'accepted');
  const departments = [lead, ...others.filter((o) => o.id !== lead.id)].map((d, i) => ({ ...d, lead: i === 0, reportedInAt: null }));
  const next = bump(
    r,
    { level: 'department', unitId: lead.id, status: 'submitted', assigneeId: null, sentBy: { level: 'street', unitId: r.streetId }, departments, ...stageFor(r, 'department', ctx.now, ctx.calendar) },
    ctx.now,
  );
  const who = departments.map((d) => (d.lead ? `${d.name}（牵头）` : d.name)).join('、');
  return { next, events: [event(next, 'dispatched', ctx.actor, ctx.actorName, ctx.now.toISOString(), `派单至${who}${note ? `：${note}` : ''}`)] };
}

/** A called department reports in (报到), recorded by the street. */
export function reportIn(r: ServiceRequest, ctx: Ctx, departmentId: string, note: string): Transition {
  // A called department's own staff report in for it; the street may record it for any department.
  const ownDepartment = hasRole(ctx.actor, 'department_staff') && ctx.actor.departmentId === departmentId && ctx.actor.streetId === r.streetId;
  if (!ownDepartment) requireUnit(r, ctx, 'department');
  else if (r.level !== 'department') throw new ConflictError(`该操作不适用于${LEVEL_LABELS[r.level]}层级的事项`, 'invalid_transition');
  requireStatus(r, 'submitted', 'accepted');
  const dept = r.departments.find((d) => d.id === departmentId);
  if (!dept) throw new ValidationError('该部门未被呼叫', [{ field: 'department', message: '该部门未被呼叫' }]);
  if (dept.reportedInAt) throw new ConflictError(`${dept.name}已报到`, 'already_reported_in');
  const at = ctx.now.toISOString();
  const next = bump(r, { departments: r.departments.map((d) => (d.id === departmentId ? { ...d, reportedInAt: at } : d)) }, ctx.now);
  return { next, events: [event(next, 'reported_in', ctx.actor, ctx.actorName, at, `${dept.name}报到：${note}`)] };
}

/** Grid, community and street staff of the item's place (who make return visits). */
const placeStaff = (r: ServiceRequest, ctx: Ctx): boolean =>
  (hasRole(ctx.actor, 'grid_worker') && ctx.actor.gridId !== null && ctx.actor.gridId === r.gridId) ||
  (hasRole(ctx.actor, 'community_admin') && ctx.actor.communityId === r.communityId) ||
  (hasRole(ctx.actor, 'street_admin') && ctx.actor.streetId === r.streetId);

/**
 * 回访: staff record how the resident was reached after his rating and his two answers (null: not
 * said), kept apart from the rating; the latest answer is the one the rates count. A neighbour filed
 * for has no smartphone: his return visit is by phone unless staff say otherwise.
 */
export function revisit(r: ServiceRequest, ctx: Ctx, chosen: RevisitMethod | undefined, outcome: string, answers: Answers = { solved: null, satisfied: null }): Transition {
  if (!placeStaff(r, ctx)) throw new ForbiddenError('只有负责的工作人员可以回访');
  requireStatus(r, 'closed');
  const method = chosen ?? (r.forNeighbour ? 'phone' : null);
  if (!method) throw new ValidationError('请选择回访方式', [{ field: 'method', message: '请选择回访方式' }]);
  const at = ctx.now.toISOString();
  const next = bump(r, { revisits: [...r.revisits, { at, by: ctx.actor.userId, method, outcome, solved: answers.solved, satisfied: answers.satisfied }] }, ctx.now);
  const said = [answers.solved === null ? null : answers.solved ? '已解决' : '未解决', answers.satisfied === null ? null : answers.satisfied ? '满意' : '不满意'].filter(Boolean);
  return { next, events: [event(next, 'revisited', ctx.actor, ctx.actorName, at, said.length ? `${said.join('，')}：${outcome}` : outcome)] };
}

/**
 * 电话告知: staff phoned the reporter (a neighbour without a smartphone, or anyone without the app) and
 * record what he was told and when, on the timeline. Staff of the unit the item is with, or of its place.
 */
export function phoneUpdate(r: ServiceRequest, ctx: Ctx, told: string, calledAt: string | undefined): Transition {
  if (!actsForUnit(ctx.actor, r) && !placeStaff(r, ctx)) throw new ForbiddenError('该事项不在您的处理范围');
  const at = ctx.now.toISOString();
  const when = calledAt ?? at;
  if (Date.parse(when) > ctx.now.getTime() + 60_000 || Date.parse(when) < Date.parse(r.createdAt)) {
    throw new ValidationError('通话时间应在反映之后、现在之前', [{ field: 'calledAt', message: '通话时间应在反映之后、现在之前' }]);
  }
  const who = r.forNeighbour ? '邻居' : '反映人';
  const next = bump(r, {}, ctx.now);
  return { next, events: [event(next, 'phone_update', ctx.actor, ctx.actorName, at, `${chinaClock(when)} 电话告知${who}：${told}`)] };
}

/** China time as `M月D日 HH:mm`. */
function chinaClock(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

/**
 * Staff merge a duplicate into a surviving open item: the duplicate ends as merged, both timelines
 * say so, and (stored by the caller) every follower of the duplicate follows the survivor.
 */
export function merge(
  duplicate: ServiceRequest,
  survivor: ServiceRequest,
  newFollowers: number,
  ctx: Ctx,
): { duplicate: Transition; survivor: Transition } {
  if (!actsForUnit(ctx.actor, duplicate)) throw new ForbiddenError('该事项不在您的处理范围');
  if (duplicate.id === survivor.id) throw new ValidationError('不能合并到自身', [{ field: 'into', message: '请选择另一件事项' }]);
  requireStatus(duplicate, 'submitted', 'accepted');
  if (!OPEN_STATUSES.has(survivor.status) || survivor.communityId !== duplicate.communityId) {
    throw new ValidationError('只能合并到本社区仍在办理的事项', [{ field: 'into', message: '目标事项已办结或不属于本社区' }]);
  }
  const at = ctx.now.toISOString();
  const d = bump(duplicate, { status: 'merged', mergedInto: survivor.id, acceptBy: null, resolveBy: null }, ctx.now);
  const s = bump(survivor, { followerCount: survivor.followerCount + newFollowers }, ctx.now);
  return {
    duplicate: { next: d, events: [event(d, 'merged', ctx.actor, ctx.actorName, at, `与事项 ${survivor.id} 重复，已合并办理`)] },
    survivor: { next: s, events: [event(s, 'merged', ctx.actor, ctx.actorName, at, `合并了重复事项 ${duplicate.id}（${duplicate.description}）`)] },
  };
}

