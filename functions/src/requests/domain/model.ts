/** The request (接诉即办 item) as stored, its timeline events, and the rules every change shares. */
import type {
  Answers,
  HotlineLink,
  NoticeKind,
  RequestSource,
  REVISIT_METHODS,
  Datum,
  EventType,
  HolidayCalendar,
  DeadlineLevel,
  Level,
  LevelDeadlines,
  RequestStatus,
  Role,
} from '@linli/shared';
import { deadlineLevel, LEVELS } from '@linli/shared';

import { ConflictError } from '../../platform/domain/errors';
import { type Actor, hasRole } from '../../platform/domain/actor';
import { deadlineFrom } from './deadlines';

export type RevisitMethod = (typeof REVISIT_METHODS)[number];

/** A resident's request (接诉即办 item) as stored. `location` is WGS-84. */
export interface ServiceRequest {
  id: string;
  /** The request number (受理编号, 20261203-0042) given to resident and patrol filings; absent on others. */
  number?: string | null;
  source: RequestSource;
  categoryId: string;
  categoryName: string;
  group: string;
  urgent: boolean;
  requiresAfterPhoto: boolean;
  /** The category's deadlines when the item was filed (later edits of the category do not apply). */
  deadlines: Record<DeadlineLevel, LevelDeadlines>;
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
  /** The compound (小区) of a property matter whose property staff handle it first; else null. */
  compound: string | null;
  /** The property company (物业公司) serving that compound, whose queue the item is in at the property level; null or absent before companies. */
  companyId?: string | null;
  level: Level;
  /** The unit the item is with at its level: property unit, grid id, community id, street id, or department. */
  unitId: string;
  status: RequestStatus;
  acceptBy: string | null;
  resolveBy: string | null;
  /** When the current stage began (its deadlines count from here; recomputed when the calendar changes). */
  stageStartedAt: string | null;
  assigneeId: string | null;
  result: string | null;
  resolvedLevel: Level | null;
  /** The resident's rating and his two answers (是否解决, 是否满意); older ratings lack the answers. */
  rating: ({ score: number; comment: string | null; at: string } & Partial<Answers>) | null;
  reopenCount: number;
  /** The unit that sent the item where it is now (refusals go back there); null when filed there. */
  sentBy: { level: Level; unitId: string } | null;
  /** Departments called to the item (吹哨报到), the lead first. */
  departments: { id: string; name: string; lead: boolean; reportedInAt: string | null }[];
  /** Return visits (回访) after the rating. */
  revisits: ({ at: string; by: string; method: RevisitMethod; outcome: string } & Partial<Answers>)[];
  /** The 12345 ticket of a hotline item: its platform id, its deadline (热线时限) and a request for more time. */
  hotline?: HotlineLink | null;
  /**
   * Filed for a neighbour without a smartphone (代邻居反映): his name and phone (the reporter's on record
   * too), building and room, and the building leader or grid worker who filed it (the `reporterId`).
   */
  forNeighbour?: NeighbourFiling | null;
  /** Whether the category was on the grid admission list (准入网格) when filed; absent means admitted. */
  gridAdmitted?: boolean;
  /** The deadline already flagged overdue where no higher level exists (flag once per deadline). */
  overdueFlaggedFor: string | null;
  /** The surviving item, once merged into it as a duplicate. */
  mergedInto: string | null;
  /** How many residents follow the item (the reporter included). */
  followerCount: number;
  /** When it was first accepted and first resolved (the loop's measures count these once). */
  firstAcceptedAt: string | null;
  firstResolvedAt: string | null;
  /** Counted in the closure, resolution and satisfaction counters (items filed since they exist; never unset). */
  countsInRates?: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** A neighbour filed for, as stored. */
export interface NeighbourFiling {
  name: string;
  phone: string | null;
  building: string;
  room: string;
  filedByName: string | null;
  filedByRole: Role;
}

/** Whether grids may take the item (the category was on the admission list when filed). */
export const admittedToGrid = (r: Pick<ServiceRequest, 'gridAdmitted'>): boolean => r.gridAdmitted !== false;

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

/** The property staff of one compound of a community, as a unit with a queue. */
export const propertyUnit = (communityId: string, compound: string): string => `${communityId}#${compound}`;

export function unitFor(r: Pick<ServiceRequest, 'gridId' | 'communityId' | 'streetId' | 'compound' | 'companyId'>, level: Level): string {
  switch (level) {
    case 'property':
      return r.companyId ?? propertyUnit(r.communityId, r.compound ?? '');
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
  deadlines: Record<DeadlineLevel, LevelDeadlines>,
  level: Level,
  now: Date,
  calendar: HolidayCalendar,
): { acceptBy: string; resolveBy: string; stageStartedAt: string } {
  const d = deadlines[deadlineLevel(level)];
  return {
    acceptBy: deadlineFrom(now, d.accept, calendar).toISOString(),
    resolveBy: deadlineFrom(now, d.resolve, calendar).toISOString(),
    stageStartedAt: now.toISOString(),
  };
}

/**
 * The deadlines of a stage of this item: a hotline ticket keeps the platform's deadline (热线时限) as
 * its resolve deadline whatever the level, and must be accepted by then at the latest.
 */
export function stageFor(
  r: Pick<ServiceRequest, 'deadlines' | 'hotline'>,
  level: Level,
  now: Date,
  calendar: HolidayCalendar,
): { acceptBy: string; resolveBy: string; stageStartedAt: string } {
  const d = stageDeadlines(r.deadlines, level, now, calendar);
  const pinned = r.hotline?.dueAt;
  if (!pinned) return d;
  return { ...d, resolveBy: pinned, acceptBy: Date.parse(d.acceptBy) > Date.parse(pinned) ? pinned : d.acceptBy };
}

/** The level above `level` for this item (an item outside every grid goes from property to the community). */
export function nextLevel(r: Pick<ServiceRequest, 'gridId' | 'gridAdmitted'>, level: Level): Level | null {
  const up = LEVELS[LEVELS.indexOf(level) + 1] ?? null;
  return up === 'grid' && (!r.gridId || !admittedToGrid(r)) ? 'community' : up;
}

/** Whether the actor is the staff unit the item is with now. */
export function actsForUnit(actor: Actor, r: ServiceRequest): boolean {
  switch (r.level) {
    case 'property':
      return servesCompound(actor, r);
    case 'grid':
      // The grid's worker, or the team member who claimed it (认领) and so handles it.
      return (hasRole(actor, 'grid_worker') && actor.gridId !== null && actor.gridId === r.unitId) || (r.assigneeId !== null && r.assigneeId === actor.userId);
    case 'community':
      return hasRole(actor, 'community_admin') && actor.communityId === r.communityId;
    case 'street':
      return hasRole(actor, 'street_admin') && actor.streetId === r.streetId;
    case 'department':
      // The street that dispatched it, or the staff of the lead department in that street.
      return (
        (hasRole(actor, 'street_admin') && actor.streetId === r.streetId) ||
        (hasRole(actor, 'department_staff') && actor.streetId === r.streetId && !!actor.departmentId && actor.departmentId === r.unitId)
      );
  }
}

/**
 * Whether the actor is property staff serving the item's compound: of the company serving it, or
 * (compounds without a company) the compound's own property staff.
 */
export const servesCompound = (actor: Actor, r: Pick<ServiceRequest, 'communityId' | 'compound' | 'companyId'>): boolean =>
  hasRole(actor, 'property_staff') &&
  !!r.compound &&
  (r.companyId
    ? !!actor.companyId && actor.companyId === r.companyId
    : !actor.companyId && actor.communityId === r.communityId && actor.compound === r.compound);

/** Whether the actor may see the item: its reporter or a follower, or staff above or at its place. */
export function canView(actor: Actor, r: ServiceRequest, followers: readonly string[] = []): boolean {
  if (actor.userId === r.reporterId || followers.includes(actor.userId)) return true;
  if (hasRole(actor, 'street_admin') && actor.streetId === r.streetId) return true;
  if (hasRole(actor, 'community_admin') && actor.communityId === r.communityId) return true;
  if (hasRole(actor, 'department_staff') && actor.streetId === r.streetId && r.departments.some((d) => d.id === actor.departmentId)) return true;
  if (servesCompound(actor, r)) return true;
  // The grid team of the community (the team queue narrows it to a member's grids), and whoever claimed it.
  if (r.assigneeId !== null && r.assigneeId === actor.userId) return true;
  if (hasRole(actor, 'team_member') && r.gridId !== null && actor.communityId === r.communityId) return true;
  return hasRole(actor, 'grid_worker') && actor.gridId !== null && actor.gridId === r.gridId;
}

export const roleOf = (actor: Actor): Role => actor.roles[0]!;

export function event(r: ServiceRequest, type: EventType, actor: Actor | null, actorName: string | null, at: string, note: string | null): RequestEvent {
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
  /** Subscribe messages the change calls for (sent to the reporter and followers who consented). */
  notices?: NoticeKind[];
}

/** Adds a notice the change calls for (who receives it, and whether they may, is decided when it is stored). */
export function notice(t: Transition, kind: NoticeKind): Transition {
  return { ...t, notices: [...(t.notices ?? []), kind] };
}

/** Who acts, when, and the calendar deadlines are computed on. */
export interface Ctx {
  actor: Actor;
  actorName: string;
  now: Date;
  calendar: HolidayCalendar;
}

export function bump(r: ServiceRequest, changes: Partial<ServiceRequest>, now: Date): ServiceRequest {
  return { ...r, ...changes, updatedAt: now.toISOString(), version: r.version + 1 };
}

export function moveTo(r: ServiceRequest, level: Level, now: Date, calendar: HolidayCalendar): Partial<ServiceRequest> {
  return {
    level,
    unitId: unitFor(r, level),
    status: 'submitted',
    assigneeId: null,
    ...stageFor(r, level, now, calendar),
  };
}

export function requireStatus(r: ServiceRequest, ...allowed: RequestStatus[]): void {
  if (!allowed.includes(r.status)) {
    throw new ConflictError(`当前状态（${r.status}）不能执行此操作`, 'invalid_transition');
  }
}

