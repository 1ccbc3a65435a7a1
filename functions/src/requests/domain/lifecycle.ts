/** The life of an item: filing, acceptance, progress, resolution, escalation, withdrawal, rating, following. */
import type { Answers, Category, Datum, HolidayCalendar, HotlineLink, Level, RequestSource } from '@linli/shared';
import { LEVEL_LABELS } from '@linli/shared';
import { ConflictError, ForbiddenError, ValidationError } from '../../platform/domain/errors';
import type { Actor } from '../../platform/domain/actor';
import {
  actsForUnit,
  bump,
  type Ctx,
  dueAt,
  event,
  moveTo,
  type NeighbourFiling,
  nextLevel,
  notice,
  OPEN_STATUSES,
  requireStatus,
  type ServiceRequest,
  stageFor,
  type Transition,
  unitFor,
} from './model';

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
  const up = nextLevel(r, r.level);
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
 * The reporter rates a resolved item and answers 是否解决 and 是否满意. Satisfied closes it; unsatisfied
 * reopens it: the first time at the level that resolved it, after that one level higher. Without the
 * answers (older clients) satisfied is 3–5 stars and solved unknown.
 */
export function rate(r: ServiceRequest, ctx: Ctx, score: number, comment: string | null, answers: Partial<Answers> = {}): Transition {
  if (ctx.actor.userId !== r.reporterId) throw new ForbiddenError('只能评价自己反映的事项');
  requireStatus(r, 'resolved');
  const at = ctx.now.toISOString();
  const satisfied = answers.satisfied ?? score >= 3;
  const solved = answers.solved ?? null;
  const rating = { score, comment, at, solved, satisfied };
  const words = `${score} 分，${solved === null ? '' : solved ? '已解决，' : '未解决，'}${satisfied ? '满意' : '不满意'}${comment ? `：${comment}` : ''}`;
  if (satisfied) {
    const next = bump(r, { status: 'closed', rating }, ctx.now);
    return { next, events: [event(next, 'rated', ctx.actor, ctx.actorName, at, words)] };
  }
  const resolvedAt = r.resolvedLevel ?? r.level;
  const up = nextLevel(r, resolvedAt);
  // Department dispatch is the street's decision, so a street-level item reopens at the street.
  const target = r.reopenCount === 0 || !up || up === 'department' ? resolvedAt : up;
  const rated = bump(r, { rating }, ctx.now);
  const next: ServiceRequest = { ...rated, ...moveTo(r, target, ctx.now, ctx.calendar), reopenCount: r.reopenCount + 1, result: null };
  return {
    next,
    events: [
      event({ ...rated, status: 'resolved' }, 'rated', ctx.actor, ctx.actorName, at, words),
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
  streetId: string;
  communityId: string;
  gridId: string | null;
  /** The compound of a property matter going to its property staff first (else null). */
  compound?: string | null;
  /** The property company serving that compound (its queue takes the item), or null. */
  companyId?: string | null;
  now: Date;
  calendar: HolidayCalendar;
  /** Who files it: the reporter himself, a grid worker on patrol, or a partner system (null). */
  actor: Actor | null;
  /** The 12345 ticket it comes from (its deadline becomes the resolve deadline). */
  hotline?: HotlineLink | null;
  /** The neighbour a building leader or grid worker files for (代邻居反映). */
  forNeighbour?: NeighbourFiling | null;
}): Transition {
  // A category not on the grid admission list (准入事项清单) starts with the community, not the grid.
  const gridAdmitted = input.category.gridAdmitted !== false;
  const level: Level = input.compound ? 'property' : input.gridId && gridAdmitted ? 'grid' : 'community';
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
    compound: input.compound ?? null,
    companyId: input.compound ? (input.companyId ?? null) : null,
    level,
    unitId: '',
    status: 'submitted',
    acceptBy: null,
    resolveBy: null,
    stageStartedAt: null,
    assigneeId: null,
    result: null,
    resolvedLevel: null,
    rating: null,
    reopenCount: 0,
    sentBy: null,
    departments: [],
    revisits: [],
    hotline: input.hotline ?? null,
    forNeighbour: input.forNeighbour ?? null,
    gridAdmitted,
    overdueFlaggedFor: null,
    mergedInto: null,
    followerCount: 1,
    firstAcceptedAt: null,
    firstResolvedAt: null,
    countsInRates: true,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  const next: ServiceRequest = { ...base, unitId: unitFor(base, level), ...stageFor(base, level, input.now, input.calendar) };
  return { next, events: [{ ...event(next, 'submitted', input.actor, input.reporter.name, at, null), photos: input.photos }] };
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
  const up = nextLevel(r, r.level);
  // The 12345 deadline is the same at every level: passing it sends the item up once, not up the whole chain.
  const hotlinePassed = r.hotline?.dueAt === due;
  if (up && up !== 'department' && r.overdueFlaggedFor !== due) {
    const t = escalate(r, { actor: null, actorName: null, now, calendar }, `超过${hotlinePassed ? '12345热线' : `${LEVEL_LABELS[r.level]}${stage}`}时限，自动上报${LEVEL_LABELS[up]}`);
    // A stage born overdue (a passed 12345 deadline) is flagged at once, so it is not escalated again next minute.
    const nextDue = dueAt(t.next);
    return nextDue && Date.parse(nextDue) <= now.getTime() ? { ...t, next: { ...t.next, overdueFlaggedFor: nextDue } } : t;
  }
  if (r.overdueFlaggedFor === due) return null;
  const next = bump(r, { overdueFlaggedFor: due }, now);
  return { next, events: [event(next, 'overdue', null, null, now.toISOString(), `已超过${LEVEL_LABELS[r.level]}${stage}时限，请督办`)] };
}


/** A resident adds himself to an open item ("me too") instead of filing a duplicate. */
export function follow(r: ServiceRequest, now: Date): ServiceRequest {
  requireStatus(r, 'submitted', 'accepted');
  return { ...r, followerCount: r.followerCount + 1, updatedAt: now.toISOString(), version: r.version + 1 };
}
