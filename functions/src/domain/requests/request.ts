import type {
  Category,
  Datum,
  EventType,
  HolidayCalendar,
  Level,
  LevelDeadlines,
  RequestStatus,
  Role,
} from '@linli/shared';
import { LEVELS } from '@linli/shared';
import { ConflictError, ForbiddenError, ValidationError } from '../errors';
import { type Actor, hasRole } from '../identity/actor';
import { deadlineFrom } from './deadlines';

/** A resident's request (接诉即办 item) as stored. `location` is WGS-84. */
export interface ServiceRequest {
  id: string;
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

/** Whether the actor may see the item: its reporter, or staff above or at its place. */
export function canView(actor: Actor, r: ServiceRequest): boolean {
  if (actor.userId === r.reporterId) return true;
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
  const next = bump(r, { status: 'accepted', assigneeId: ctx.actor.userId }, ctx.now);
  return { next, events: [event(next, 'accepted', ctx.actor, ctx.actorName, ctx.now.toISOString(), null)] };
}

/** Staff records progress. */
export function addNote(r: ServiceRequest, ctx: Ctx, note: string): Transition {
  if (!actsForUnit(ctx.actor, r)) throw new ForbiddenError('该事项不在您的处理范围');
  requireStatus(r, 'accepted');
  const next = bump(r, {}, ctx.now);
  return { next, events: [event(next, 'note', ctx.actor, ctx.actorName, ctx.now.toISOString(), note)] };
}

/** Staff resolves with a result; the resident then rates it. */
export function resolve(r: ServiceRequest, ctx: Ctx, result: string, photos: string[]): Transition {
  if (!actsForUnit(ctx.actor, r)) throw new ForbiddenError('该事项不在您的处理范围');
  requireStatus(r, 'accepted');
  if (r.requiresAfterPhoto && photos.length === 0) {
    throw new ValidationError('此类事项办结需上传现场整改后照片', [{ field: 'photos', message: '请上传办结照片' }]);
  }
  const next = bump(r, { status: 'resolved', result, resolvedLevel: r.level, acceptBy: null, resolveBy: null }, ctx.now);
  const e = event(next, 'resolved', ctx.actor, ctx.actorName, ctx.now.toISOString(), result);
  return { next, events: [{ ...e, photos }] };
}

/** Staff (or the deadline job, with `actor` null) sends the item one level up. */
export function escalate(r: ServiceRequest, ctx: Omit<Ctx, 'actor' | 'actorName'> & { actor: Actor | null; actorName: string | null }, reason: string): Transition {
  if (ctx.actor && !actsForUnit(ctx.actor, r)) throw new ForbiddenError('该事项不在您的处理范围');
  requireStatus(r, 'submitted', 'accepted');
  const up = nextLevel(r.level);
  if (!up || up === 'department') {
    throw new ConflictError('街道层级的事项请派单至职能部门', 'cannot_escalate');
  }
  const next = bump(r, moveTo(r, up, ctx.now, ctx.calendar), ctx.now);
  return { next, events: [event(next, 'escalated', ctx.actor, ctx.actorName, ctx.now.toISOString(), reason)] };
}

/** The reporter withdraws the item before anyone accepted it. */
export function withdraw(r: ServiceRequest, ctx: Ctx, reason: string | null): Transition {
  if (ctx.actor.userId !== r.reporterId) throw new ForbiddenError('只能撤回自己反映的事项');
  requireStatus(r, 'submitted');
  const next = bump(r, { status: 'withdrawn', acceptBy: null, resolveBy: null }, ctx.now);
  return { next, events: [event(next, 'withdrawn', ctx.actor, ctx.actorName, ctx.now.toISOString(), reason)] };
}

/** The reporter adds information while the item is open. */
export function addInfo(r: ServiceRequest, ctx: Ctx, note: string): Transition {
  if (ctx.actor.userId !== r.reporterId) throw new ForbiddenError('只能补充自己反映的事项');
  requireStatus(r, 'submitted', 'accepted');
  const next = bump(r, {}, ctx.now);
  return { next, events: [event(next, 'info_added', ctx.actor, ctx.actorName, ctx.now.toISOString(), note)] };
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
  category: Category;
  description: string;
  location: { lat: number; lng: number };
  sourceDatum: Datum;
  address: string | null;
  anonymous: boolean;
  reporter: { id: string; name: string; phone: string | null };
  streetId: string;
  communityId: string;
  gridId: string | null;
  now: Date;
  calendar: HolidayCalendar;
  actor: Actor;
}): Transition {
  const level: Level = input.gridId ? 'grid' : 'community';
  const at = input.now.toISOString();
  const base: ServiceRequest = {
    id: input.id,
    categoryId: input.category.id,
    categoryName: input.category.name,
    group: input.category.group,
    urgent: input.category.urgent,
    requiresAfterPhoto: input.category.requiresAfterPhoto,
    deadlines: input.category.deadlines,
    description: input.description,
    photos: [],
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
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  const next: ServiceRequest = { ...base, unitId: unitFor(base, level), ...stageDeadlines(base.deadlines, level, input.now, input.calendar) };
  return { next, events: [event(next, 'submitted', input.actor, input.reporter.name, at, null)] };
}
