import type {
  NoticeKind,
  RequestSource,
  REVISIT_METHODS,
  Category,
  Datum,
  EventType,
  HolidayCalendar,
  Level,
  LevelDeadlines,
  RequestStatus,
  Role,
} from '@linli/shared';
import { LEVEL_LABELS, LEVELS } from '@linli/shared';

export type RevisitMethod = (typeof REVISIT_METHODS)[number];
import { ConflictError, ForbiddenError, ValidationError } from '../../platform/domain/errors';
import { type Actor, hasRole } from '../../platform/domain/actor';
import { deadlineFrom } from './deadlines';

/** A resident's request (接诉即办 item) as stored. `location` is WGS-84. */
export interface ServiceRequest {
  id: string;
  source: RequestSource;
  categoryId: string;
  categoryName: string;
  group: string;
  urgent: boolean;
  requiresAfterPhoto: boolean;
  /** The category's deadlines when the item was filed (later edits of the category do not apply). */
  deadlines: Record<Level, LevelDeadlines>;
  description: string;
  photos: string[];
  location: { lat: number; lng: number };
  sourceDatum: Datum;
  address: string | null;
  reporterId: string;
  reporterName: string;
  reporterPhone: string | null;
  anonymous: boolean;
  streetId: string;
  communityId: string;
  gridId: string | null;
  level: Level;
  /** The unit the item is with at its level: grid id, community id, street id, or department. */
  unitId: string;
  status: RequestStatus;
  acceptBy: string | null;
  resolveBy: string | null;
  assigneeId: string | null;
  result: string | null;
  resolvedLevel: Level | null;
  rating: { score: number; comment: string | null; at: string } | null;
  reopenCount: number;
  /** The unit that sent the item where it is now (refusals go back there); null when filed there. */
  sentBy: { level: Level; unitId: string } | null;
  /** Departments called to the item (吹哨报到), the lead first. */
  departments: { id: string; name: string; lead: boolean; reportedInAt: string | null }[];
  /** Return visits (回访) after the rating. */
  revisits: { at: string; by: string; method: RevisitMethod; outcome: string }[];
  /** The deadline already flagged overdue where no higher level exists (flag once per deadline). */
  overdueFlaggedFor: string | null;
  /** Subscribe-message consents the reporter still has (each allows one message). */
  notify: Record<NoticeKind, boolean>;
  /** The surviving item, once merged into it as a duplicate. */
  mergedInto: string | null;
  /** How many residents follow the item (the reporter included). */
  followerCount: number;
  /** When it was first accepted and first resolved (the loop's measures count these once). */
  firstAcceptedAt: string | null;
  firstResolvedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** One timeline entry, as stored. */
export interface RequestEvent {
  at: string;
  type: EventType;
  actorId: string | null;
  actorName: string | null;
  actorRole: Role | 'system' | null;
  level: Level;
  status: RequestStatus;
  note: string | null;
  photos: string[];
}

export const OPEN_STATUSES: ReadonlySet<RequestStatus> = new Set(['submitted', 'accepted']);

/** The deadline of the current stage, if the item is open. */
export function dueAt(r: Pick<ServiceRequest, 'status' | 'acceptBy' | 'resolveBy'>): string | null {
  if (r.status === 'submitted') return r.acceptBy;
  if (r.status === 'accepted') return r.resolveBy;
  return null;
}

export function unitFor(r: Pick<ServiceRequest, 'gridId' | 'communityId' | 'streetId'>, level: Level): string {
  switch (level) {
    case 'grid':
      return r.gridId ?? r.communityId;
    case 'community':
      return r.communityId;
    case 'street':
      return r.streetId;
    case 'department':
      return 'unassigned';
  }
}

/** Deadlines of a stage at `level` that starts at `now`. */
export function stageDeadlines(
  deadlines: Record<Level, LevelDeadlines>,
  level: Level,
  now: Date,
  calendar: HolidayCalendar,
): { acceptBy: string; resolveBy: string } {
  const d = deadlines[level];
  return {
    acceptBy: deadlineFrom(now, d.accept, calendar).toISOString(),
    resolveBy: deadlineFrom(now, d.resolve, calendar).toISOString(),
  };
}

export const nextLevel = (level: Level): Level | null => LEVELS[LEVELS.indexOf(level) + 1] ?? null;

/** Whether the actor is the staff unit the item is with now. */
export function actsForUnit(actor: Actor, r: ServiceRequest): boolean {
  switch (r.level) {
    case 'grid':
      return hasRole(actor, 'grid_worker') && actor.gridId !== null && actor.gridId === r.unitId;
    case 'community':
      return hasRole(actor, 'community_admin') && actor.communityId === r.communityId;
    case 'street':
    case 'department':
      return hasRole(actor, 'street_admin') && actor.streetId === r.streetId;
  }
}

/** Whether the actor may see the item: its reporter or a follower, or staff above or at its place. */
export function canView(actor: Actor, r: ServiceRequest, followers: readonly string[] = []): boolean {
  if (actor.userId === r.reporterId || followers.includes(actor.userId)) return true;
  if (hasRole(actor, 'street_admin') && actor.streetId === r.streetId) return true;
  if (hasRole(actor, 'community_admin') && actor.communityId === r.communityId) return true;
  return hasRole(actor, 'grid_worker') && actor.gridId !== null && actor.gridId === r.gridId;
}

const roleOf = (actor: Actor): Role => actor.roles[0]!;

function event(r: ServiceRequest, type: EventType, actor: Actor | null, actorName: string | null, at: string, note: string | null): RequestEvent {
  return {
    at,
    type,
    actorId: actor?.userId ?? null,
    actorName,
    actorRole: actor ? roleOf(actor) : 'system',
    level: r.level,
    status: r.status,
    note,
    photos: [],
  };
}

export interface Transition {
  next: ServiceRequest;
  events: RequestEvent[];
  /** The unit that refused the item (退单), counted per unit. */
  refusedBy?: { level: Level; unitId: string };
  /** Subscribe messages to send to the reporter once the change is stored. */
  notices?: NoticeKind[];
}

/** Uses up the reporter's consent for a notice, if he gave it, and says whether to send it. */
function notice(t: Transition, kind: NoticeKind): Transition {
  if (!t.next.notify?.[kind]) return t;
  return { ...t, next: { ...t.next, notify: { ...t.next.notify, [kind]: false } }, notices: [...(t.notices ?? []), kind] };
}

interface Ctx {
  actor: Actor;
  actorName: string;
  now: Date;
  calendar: HolidayCalendar;
}

function bump(r: ServiceRequest, changes: Partial<ServiceRequest>, now: Date): ServiceRequest {
  return { ...r, ...changes, updatedAt: now.toISOString(), version: r.version + 1 };
}

function moveTo(r: ServiceRequest, level: Level, now: Date, calendar: HolidayCalendar): Partial<ServiceRequest> {
  return {
    level,
    unitId: unitFor(r, level),
    status: 'submitted',
    assigneeId: null,
    ...stageDeadlines(r.deadlines, level, now, calendar),
  };
}

function requireStatus(r: ServiceRequest, ...allowed: RequestStatus[]): void {
  if (!allowed.includes(r.status)) {
    throw new ConflictError(`当前状态（${r.status}）不能执行此操作`, 'invalid_transition');
  }
}

/** Staff accepts the item at his level. */
export function accept(r: ServiceRequest, ctx: Ctx): Transition {
  if (!actsForUnit(ctx.actor, r)) throw new ForbiddenError('该事项不在您的处理范围');
  requireStatus(r, 'submitted');
  const next = bump(r, { status: 'accepted', assigneeId: ctx.actor.userId, firstAcceptedAt: r.firstAcceptedAt ?? ctx.now.toISOString() }, ctx.now);
  return notice({ next, events: [event(next, 'accepted', ctx.actor, ctx.actorName, ctx.now.toISOString(), null)] }, 'accepted');
}

/** Staff records progress. */
export function addNote(r: ServiceRequest, ctx: Ctx, note: string, photos: string[] = []): Transition {
  if (!actsForUnit(ctx.actor, r)) throw new ForbiddenError('该事项不在您的处理范围');
  requireStatus(r, 'accepted');
  const next = bump(r, {}, ctx.now);
  return { next, events: [{ ...event(next, 'note', ctx.actor, ctx.actorName, ctx.now.toISOString(), note), photos }] };
}

/** Staff resolves with a result; the resident then rates it. */
export function resolve(r: ServiceRequest, ctx: Ctx, result: string, photos: string[]): Transition {
  if (!actsForUnit(ctx.actor, r)) throw new ForbiddenError('该事项不在您的处理范围');
  requireStatus(r, 'accepted');
  if (r.requiresAfterPhoto && photos.length === 0) {
    throw new ValidationError('此类事项办结需上传现场整改后照片', [{ field: 'photos', message: '请上传办结照片' }]);
  }
  const next = bump(
    r,
    { status: 'resolved', result, resolvedLevel: r.level, acceptBy: null, resolveBy: null, firstResolvedAt: r.firstResolvedAt ?? ctx.now.toISOString() },
    ctx.now,
  );
  const e = event(next, 'resolved', ctx.actor, ctx.actorName, ctx.now.toISOString(), result);
  return notice({ next, events: [{ ...e, photos }] }, 'resolved');
}

/** Staff (or the deadline job, with `actor` null) sends the item one level up. */
export function escalate(r: ServiceRequest, ctx: Omit<Ctx, 'actor' | 'actorName'> & { actor: Actor | null; actorName: string | null }, reason: string): Transition {
  if (ctx.actor && !actsForUnit(ctx.actor, r)) throw new ForbiddenError('该事项不在您的处理范围');
  requireStatus(r, 'submitted', 'accepted');
  const up = nextLevel(r.level);
  if (!up || up === 'department') {
    throw new ConflictError('街道层级的事项请派单至职能部门', 'cannot_escalate');
  }
  const next = bump(r, { ...moveTo(r, up, ctx.now, ctx.calendar), sentBy: { level: r.level, unitId: r.unitId } }, ctx.now);
  return notice({ next, events: [event(next, 'escalated', ctx.actor, ctx.actorName, ctx.now.toISOString(), reason)] }, 'escalated');
}

/** The reporter withdraws the item before anyone accepted it. */
export function withdraw(r: ServiceRequest, ctx: Ctx, reason: string | null): Transition {
  if (ctx.actor.userId !== r.reporterId) throw new ForbiddenError('只能撤回自己反映的事项');
  requireStatus(r, 'submitted');
  const next = bump(r, { status: 'withdrawn', acceptBy: null, resolveBy: null }, ctx.now);
  return { next, events: [event(next, 'withdrawn', ctx.actor, ctx.actorName, ctx.now.toISOString(), reason)] };
}

/** The reporter adds information while the item is open. */
export function addInfo(r: ServiceRequest, ctx: Ctx, note: string, photos: string[] = []): Transition {
  if (ctx.actor.userId !== r.reporterId) throw new ForbiddenError('只能补充自己反映的事项');
  requireStatus(r, 'submitted', 'accepted');
  const next = bump(r, {}, ctx.now);
  return { next, events: [{ ...event(next, 'info_added', ctx.actor, ctx.actorName, ctx.now.toISOString(), note), photos }] };
}

/**
 * The reporter rates a resolved item. 3–5 closes it; 1–2 reopens it: the first time at the level
 * that resolved it, after that one level higher.
 */
export function rate(r: ServiceRequest, ctx: Ctx, score: number, comment: string | null): Transition {
  if (ctx.actor.userId !== r.reporterId) throw new ForbiddenError('只能评价自己反映的事项');
  requireStatus(r, 'resolved');
  const at = ctx.now.toISOString();
  const rating = { score, comment, at };
  if (score >= 3) {
    const next = bump(r, { status: 'closed', rating }, ctx.now);
    return { next, events: [event(next, 'rated', ctx.actor, ctx.actorName, at, `${score} 分${comment ? `：${comment}` : ''}`)] };
  }
  const resolvedAt = r.resolvedLevel ?? r.level;
  const up = nextLevel(resolvedAt);
  // Department dispatch is the street's decision, so a street-level item reopens at the street.
  const target = r.reopenCount === 0 || !up || up === 'department' ? resolvedAt : up;
  const rated = bump(r, { rating }, ctx.now);
  const next: ServiceRequest = { ...rated, ...moveTo(r, target, ctx.now, ctx.calendar), reopenCount: r.reopenCount + 1, result: null };
  return {
    next,
    events: [
      event({ ...rated, status: 'resolved' }, 'rated', ctx.actor, ctx.actorName, at, `${score} 分${comment ? `：${comment}` : ''}`),
      event(next, 'reopened', null, null, at, r.reopenCount === 0 ? '居民不满意，退回原办理单位重新办理' : '居民再次不满意，提级办理'),
    ],
  };
}

/** A new item filed by a resident (or found by a grid worker on patrol). */
export function newRequest(input: {
  id: string;
  source: RequestSource;
  category: Category;
  description: string;
  photos: string[];
  location: { lat: number; lng: number };
  sourceDatum: Datum;
  address: string | null;
  anonymous: boolean;
  reporter: { id: string; name: string; phone: string | null };
  notify: readonly NoticeKind[];
  streetId: string;
  communityId: string;
  gridId: string | null;
  now: Date;
  calendar: HolidayCalendar;
  /** Who files it: the reporter himself, a grid worker on patrol, or a partner system (null). */
  actor: Actor | null;
}): Transition {
  const level: Level = input.gridId ? 'grid' : 'community';
  const at = input.now.toISOString();
  const base: ServiceRequest = {
    id: input.id,
    source: input.source,
    categoryId: input.category.id,
    categoryName: input.category.name,
    group: input.category.group,
    urgent: input.category.urgent,
    requiresAfterPhoto: input.category.requiresAfterPhoto,
    deadlines: input.category.deadlines,
    description: input.description,
    photos: input.photos,
    location: input.location,
    sourceDatum: input.sourceDatum,
    address: input.address,
    reporterId: input.reporter.id,
    reporterName: input.reporter.name,
    reporterPhone: input.reporter.phone,
    anonymous: input.anonymous,
    streetId: input.streetId,
    communityId: input.communityId,
    gridId: input.gridId,
    level,
    unitId: '',
    status: 'submitted',
    acceptBy: null,
    resolveBy: null,
    assigneeId: null,
    result: null,
    resolvedLevel: null,
    rating: null,
    reopenCount: 0,
    sentBy: null,
    departments: [],
    revisits: [],
    overdueFlaggedFor: null,
    mergedInto: null,
    followerCount: 1,
    firstAcceptedAt: null,
    firstResolvedAt: null,
    notify: { accepted: input.notify.includes('accepted'), escalated: input.notify.includes('escalated'), resolved: input.notify.includes('resolved') },
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  const next: ServiceRequest = { ...base, unitId: unitFor(base, level), ...stageDeadlines(base.deadlines, level, input.now, input.calendar) };
  return { next, events: [{ ...event(next, 'submitted', input.actor, input.reporter.name, at, null), photos: input.photos }] };
}

function requireUnit(r: ServiceRequest, ctx: Ctx, ...levels: Level[]): void {
  if (!actsForUnit(ctx.actor, r)) throw new ForbiddenError('该事项不在您的处理范围');
  if (!levels.includes(r.level)) throw new ConflictError(`该操作不适用于${LEVEL_LABELS[r.level]}层级的事项`, 'invalid_transition');
}

/**
 * 退单: the unit the item is with says it is not its business. The item goes back to the unit that
 * sent it (or, if it was filed straight into a grid, to the community) for re-dispatch.
 */
export function refuse(r: ServiceRequest, ctx: Ctx, reason: string): Transition {
  requireUnit(r, ctx, 'grid', 'community', 'department');
  requireStatus(r, 'submitted');
  const back = r.sentBy ?? (r.level === 'grid' ? { level: 'community' as const, unitId: r.communityId } : { level: 'street' as const, unitId: r.streetId });
  const next = bump(
    r,
    {
      level: back.level,
      unitId: back.unitId,
      status: 'submitted',
      assigneeId: null,
      sentBy: null,
      departments: back.level === 'department' ? r.departments : [],
      ...stageDeadlines(r.deadlines, back.level, ctx.now, ctx.calendar),
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
    { gridId, unitId: gridId, status: 'submitted', assigneeId: null, sentBy: { level: 'grid', unitId: r.unitId }, ...stageDeadlines(r.deadlines, 'grid', ctx.now, ctx.calendar) },
    ctx.now,
  );
  return { next, events: [event(next, 'handed_over', ctx.actor, ctx.actorName, ctx.now.toISOString(), reason)] };
}

/** The community assigns an item of its queue to one of its grids (checked by the caller). */
export function assign(r: ServiceRequest, ctx: Ctx, gridId: string, note: string | null): Transition {
  requireUnit(r, ctx, 'community');
  requireStatus(r, 'submitted');
  const next = bump(
    r,
    { level: 'grid', gridId, unitId: gridId, status: 'submitted', assigneeId: null, sentBy: { level: 'community', unitId: r.communityId }, ...stageDeadlines(r.deadlines, 'grid', ctx.now, ctx.calendar) },
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
    { level: 'department', unitId: lead.id, status: 'submitted', assigneeId: null, sentBy: { level: 'street', unitId: r.streetId }, departments, ...stageDeadlines(r.deadlines, 'department', ctx.now, ctx.calendar) },
    ctx.now,
  );
  const who = departments.map((d) => (d.lead ? `${d.name}（牵头）` : d.name)).join('、');
  return { next, events: [event(next, 'dispatched', ctx.actor, ctx.actorName, ctx.now.toISOString(), `派单至${who}${note ? `：${note}` : ''}`)] };
}

/** A called department reports in (报到), recorded by the street. */
export function reportIn(r: ServiceRequest, ctx: Ctx, departmentId: string, note: string): Transition {
  requireUnit(r, ctx, 'department');
  requireStatus(r, 'submitted', 'accepted');
  const dept = r.departments.find((d) => d.id === departmentId);
  if (!dept) throw new ValidationError('该部门未被呼叫', [{ field: 'department', message: '该部门未被呼叫' }]);
  if (dept.reportedInAt) throw new ConflictError(`${dept.name}已报到`, 'already_reported_in');
  const at = ctx.now.toISOString();
  const next = bump(r, { departments: r.departments.map((d) => (d.id === departmentId ? { ...d, reportedInAt: at } : d)) }, ctx.now);
  return { next, events: [event(next, 'reported_in', ctx.actor, ctx.actorName, at, `${dept.name}报到：${note}`)] };
}

/** 回访: staff record how the resident was reached after his rating, kept apart from the rating. */
export function revisit(r: ServiceRequest, ctx: Ctx, method: RevisitMethod, outcome: string): Transition {
  const staff =
    (hasRole(ctx.actor, 'grid_worker') && ctx.actor.gridId !== null && ctx.actor.gridId === r.gridId) ||
    (hasRole(ctx.actor, 'community_admin') && ctx.actor.communityId === r.communityId) ||
    (hasRole(ctx.actor, 'street_admin') && ctx.actor.streetId === r.streetId);
  if (!staff) throw new ForbiddenError('只有负责的工作人员可以回访');
  requireStatus(r, 'closed');
  const at = ctx.now.toISOString();
  const next = bump(r, { revisits: [...r.revisits, { at, by: ctx.actor.userId, method, outcome }] }, ctx.now);
  return { next, events: [event(next, 'revisited', ctx.actor, ctx.actorName, at, outcome)] };
}

/**
 * The deadline job: an item whose current deadline has passed goes one level up (its new stage
 * gets new deadlines, so it is never escalated twice for one deadline). Where there is no level
 * above (street, department) it is flagged overdue once per deadline. Null when nothing is due.
 */
export function escalateIfOverdue(r: ServiceRequest, now: Date, calendar: HolidayCalendar): Transition | null {
  const due = dueAt(r);
  if (!due || Date.parse(due) > now.getTime() || !OPEN_STATUSES.has(r.status)) return null;
  const stage = r.status === 'submitted' ? '受理' : '办结';
  const up = nextLevel(r.level);
  if (up && up !== 'department') {
    return escalate(r, { actor: null, actorName: null, now, calendar }, `超过${LEVEL_LABELS[r.level]}${stage}时限，自动上报${LEVEL_LABELS[up]}`);
  }
  if (r.overdueFlaggedFor === due) return null;
  const next = bump(r, { overdueFlaggedFor: due }, now);
  return { next, events: [event(next, 'overdue', null, null, now.toISOString(), `已超过${LEVEL_LABELS[r.level]}${stage}时限，请督办`)] };
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

/** A resident adds himself to an open item ("me too") instead of filing a duplicate. */
export function follow(r: ServiceRequest, now: Date): ServiceRequest {
  requireStatus(r, 'submitted', 'accepted');
  return { ...r, followerCount: r.followerCount + 1, updatedAt: now.toISOString(), version: r.version + 1 };
}
