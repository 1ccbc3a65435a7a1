import type {
  CategoriesResponse,
  HolidayCalendar,
  Level,
  RatingBody,
  RequestDetail,
  RequestListResponse,
  RequestSummary,
  NearbyRequestsQuery,
  NearbyRequestsResponse,
  NoticeKind,
  ResidentActionBody,
  StaffActionBody,
  SubmitRequestBody,
} from '@linli/shared';
import { NOTICE_KINDS } from '@linli/shared';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/domain/errors';
import { convertDatum } from '../../platform/domain/geo/datum';
import { distanceMeters } from '../../platform/domain/geo/distance';
import { planRadiusSearch } from '../../platform/domain/geo/search-plan';
import { type Actor, hasRole } from '../../platform/domain/actor';
import { maskPhone } from '../../identity/domain/login';
import type { UserRepository } from '../../identity/ports';
import type { PlaceRepository } from '../../identity/places-port';
import type { ObjectStorage } from '../../platform/ports/object-storage';
import type { CategoryRepository, FollowerConsents, Notifier, PendingNotice, RequestRepository } from '../ports';
import { verifyPhotos } from '../../platform/domain/photos';
import { metricDeltas } from './metrics';
import { gridAt } from './placement';
import {
  accept,
  addInfo,
  addNote,
  assign,
  canView,
  dispatch,
  dueAt,
  escalate,
  escalateIfOverdue,
  follow,
  handOver,
  merge,
  newRequest,
  rate,
  refuse,
  reportIn,
  resolve,
  revisit,
  type RequestEvent,
  type ServiceRequest,
  type Transition,
  withdraw,
} from './request';

export interface RequestDeps {
  requests: RequestRepository;
  categories: CategoryRepository;
  places: PlaceRepository;
  users: UserRepository;
  calendar: HolidayCalendar;
  newId: () => string;
  /** A stable digest of a string (idempotency: same key, same body). */
  hash: (text: string) => string;
  /** The departments the street can dispatch to (from config). */
  departments: readonly { id: string; name: string }[];
  notifier: Notifier;
  subscribeTemplates: { accepted: string; escalated: string; resolved: string };
  storage: ObjectStorage;
}

const IDEMPOTENCY_TTL_S = 24 * 3600;

/** The community's admitted item types, grouped (准入事项清单). */
export async function listCategories(
  deps: Pick<RequestDeps, 'categories' | 'subscribeTemplates'>,
  actor: Actor,
  communityId?: string,
): Promise<CategoriesResponse> {
  const target = communityId ?? actor.communityId;
  if (!target) throw new ValidationError('请先登记所在社区', [{ field: 'communityId', message: '必填' }]);
  const categories = (await deps.categories.listOfCommunity(target)).sort((a, b) => a.order - b.order);
  const groups = new Map<string, typeof categories>();
  for (const c of categories) groups.set(c.group, [...(groups.get(c.group) ?? []), c]);
  return {
    communityId: target,
    groups: [...groups].map(([group, list]) => ({ group, categories: list })),
    subscribeTemplates: deps.subscribeTemplates,
  };
}

function toSummary(r: ServiceRequest, now: Date): RequestSummary {
  const due = dueAt(r);
  return {
    id: r.id,
    source: r.source ?? 'resident',
    categoryId: r.categoryId,
    categoryName: r.categoryName,
    group: r.group,
    description: r.description,
    status: r.status,
    level: r.level,
    gridId: r.gridId,
    communityId: r.communityId,
    address: r.address,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    dueAt: due,
    overdue: due !== null && Date.parse(due) < now.getTime(),
  };
}

/** Whether the viewer sees the reporter's name: himself, or anyone when not anonymous, or staff from community level up. */
const seesReporterName = (viewer: Actor, r: ServiceRequest): boolean =>
  viewer.userId === r.reporterId || !r.anonymous || hasRole(viewer, 'community_admin', 'street_admin');

/** The full view of an item for one viewer: names and phone numbers masked as the rules say. */
export function toDetail(r: ServiceRequest, events: RequestEvent[], viewer: Actor, now: Date, followers: readonly string[] = [r.reporterId]): RequestDetail {
  const showName = seesReporterName(viewer, r);
  const fullPhone = viewer.userId === r.reporterId || viewer.userId === r.assigneeId;
  return {
    ...toSummary(r, now),
    location: convertDatum(r.location, 'wgs84', 'gcj02'),
    photos: r.photos,
    reporterName: showName ? r.reporterName : null,
    reporterPhone: fullPhone ? r.reporterPhone : maskPhone(r.reporterPhone),
    anonymous: r.anonymous,
    acceptBy: r.acceptBy,
    resolveBy: r.resolveBy,
    assigneeId: r.assigneeId,
    result: r.result,
    rating: r.rating,
    reopenCount: r.reopenCount,
    departments: r.departments,
    revisits: r.revisits,
    followers: r.followerCount,
    following: followers.includes(viewer.userId),
    mergedInto: r.mergedInto,
    version: r.version,
    timeline: events.map((e) => ({ ...e, actorName: e.actorId === r.reporterId && !showName ? null : e.actorName })),
  };
}

/** Replaces photo keys with short-lived view URLs. */
async function present(storage: ObjectStorage, d: RequestDetail): Promise<RequestDetail> {
  const urls = async (keys: string[]) => Promise.all(keys.map((k) => storage.viewUrl(k)));
  return {
    ...d,
    photos: await urls(d.photos),
    timeline: await Promise.all(d.timeline.map(async (e) => (e.photos.length ? { ...e, photos: await urls(e.photos) } : e))),
  };
}

/**
 * A resident files a request.
 * Primary course: check the category is on his community's list, find the grid whose boundary
 * holds the point (none: the community queue), set the first stage's deadlines, and store the item
 * with its first timeline event and the idempotency record, so a retried submit returns the same
 * item instead of a second one.
 */
export async function submitRequest(
  deps: RequestDeps,
  actor: Actor,
  body: SubmitRequestBody,
  idempotencyKey: string,
  now: Date,
): Promise<{ request: RequestDetail; created: boolean }> {
  if (!actor.communityId || !actor.streetId) {
    throw new ValidationError('请先登记所在社区后再反映问题', [{ field: 'communityId', message: '尚未登记所在社区' }]);
  }
  const bodyHash = deps.hash(JSON.stringify(body));
  const [category, grids, reporter, photos] = await Promise.all([
    deps.categories.get(actor.communityId, body.categoryId),
    deps.places.listGridsOfCommunity(actor.communityId),
    deps.users.get(actor.userId),
    verifyPhotos(deps.storage, actor, body.photos),
  ]);
  if (!category) throw new ValidationError('事项类别不在本社区的准入清单中', [{ field: 'categoryId', message: '未知的事项类别' }]);
  const location = convertDatum(body.location, body.location.datum, 'wgs84');
  const { next, events } = newRequest({
    id: deps.newId(),
    // A grid worker filing what he found on his rounds: 未诉先办, the same loop.
    source: hasRole(actor, 'grid_worker') ? 'patrol' : 'resident',
    category,
    description: body.description,
    photos,
    location,
    sourceDatum: body.location.datum,
    address: body.address,
    anonymous: body.anonymous,
    reporter: { id: actor.userId, name: reporter?.name ?? '居民', phone: reporter?.phone ?? null },
    notify: body.notify,
    streetId: actor.streetId,
    communityId: actor.communityId,
    gridId: gridAt(grids, location),
    now,
    calendar: deps.calendar,
    actor,
  });
  const outcome = await deps.requests.create(
    next,
    events,
    { userId: actor.userId, key: idempotencyKey, bodyHash, expiresAt: Math.floor(now.getTime() / 1000) + IDEMPOTENCY_TTL_S },
    metricDeltas(null, { next, events }, now),
  );
  if (outcome.created) return { request: await present(deps.storage, toDetail(next, events, actor, now)), created: true };
  if (outcome.receipt.bodyHash !== bodyHash) {
    throw new ConflictError('该 Idempotency-Key 已用于另一条内容不同的提交', 'idempotency_key_reused');
  }
  const existing = await deps.requests.getWithTimeline(outcome.receipt.requestId);
  if (!existing) throw new NotFoundError('事项');
  return { request: await present(deps.storage, toDetail(existing.request, existing.events, actor, now, existing.followers)), created: false };
}

async function load(deps: Pick<RequestDeps, 'requests'>, actor: Actor, id: string) {
  const found = await deps.requests.getWithTimeline(id);
  if (!found) throw new NotFoundError('事项');
  if (!canView(actor, found.request, found.followers)) throw new ForbiddenError('无权查看该事项');
  return found;
}

export async function getRequest(deps: Pick<RequestDeps, 'requests' | 'storage'>, actor: Actor, id: string, now: Date): Promise<RequestDetail> {
  const { request, events, followers } = await load(deps, actor, id);
  return present(deps.storage, toDetail(request, events, actor, now, followers));
}

export async function listMyRequests(
  deps: Pick<RequestDeps, 'requests'>,
  actor: Actor,
  page: { cursor?: string; limit: number },
  now: Date,
): Promise<RequestListResponse> {
  const { items, nextCursor } = await deps.requests.listOfReporter(actor.userId, page.cursor, page.limit);
  return { items: items.map((r) => toSummary(r, now)), nextCursor };
}

/** The unit whose queue a staff member works: his grid, community or street. */
export function staffUnit(actor: Actor, level?: Level): { level: Level; unitId: string } {
  const options: { level: Level; unitId: string | null; ok: boolean }[] = [
    { level: 'grid', unitId: actor.gridId, ok: hasRole(actor, 'grid_worker') },
    { level: 'community', unitId: actor.communityId, ok: hasRole(actor, 'community_admin') },
    { level: 'street', unitId: actor.streetId, ok: hasRole(actor, 'street_admin') },
  ];
  const mine = options.filter((o) => o.ok && o.unitId && (!level || o.level === level));
  if (mine.length === 0) throw new ForbiddenError('您没有该层级的待办队列');
  return { level: mine[0]!.level, unitId: mine[0]!.unitId! };
}

/** A staff member's queue: open items of his unit, nearest deadline first (overdue on top). */
export async function staffQueue(
  deps: Pick<RequestDeps, 'requests' | 'departments'>,
  actor: Actor,
  q: { level?: Level; cursor?: string; limit: number },
  now: Date,
): Promise<RequestListResponse> {
  if (q.level === 'department') {
    // The street follows what it dispatched: its items in every department's queue, nearest deadline first.
    if (!hasRole(actor, 'street_admin') || !actor.streetId) throw new ForbiddenError('只有街道可以查看派往部门的事项');
    const pages = await Promise.all(deps.departments.map((d) => deps.requests.queue('department', d.id, undefined, 200)));
    const items = pages
      .flatMap((p) => p.items)
      .filter((r) => r.streetId === actor.streetId)
      .sort((a, b) => (dueAt(a) ?? '').localeCompare(dueAt(b) ?? ''))
      .slice(0, q.limit);
    return { items: items.map((r) => toSummary(r, now)), nextCursor: null };
  }
  const unit = staffUnit(actor, q.level);
  const { items, nextCursor } = await deps.requests.queue(unit.level, unit.unitId, q.cursor, q.limit);
  return { items: items.map((r) => toSummary(r, now)), nextCursor };
}

async function apply(
  deps: RequestDeps,
  actor: Actor,
  id: string,
  now: Date,
  expectedVersion: number | null,
  step: (r: ServiceRequest, ctx: { actor: Actor; actorName: string; now: Date; calendar: HolidayCalendar }) => Transition | Promise<Transition>,
): Promise<RequestDetail> {
  const { request, events, followers, consents } = await load(deps, actor, id);
  if (expectedVersion !== null && expectedVersion !== request.version) {
    throw new ConflictError('该事项已更新，请刷新后再操作', 'stale_version');
  }
  const me = await deps.users.get(actor.userId);
  const t = await step(request, { actor, actorName: me?.name ?? '', now, calendar: deps.calendar });
  const forFollowers = followerNotices(t, consents);
  const notices = await deps.requests.save(t.next, request.version, t.events, {
    refusedBy: t.refusedBy,
    metrics: metricDeltas(request, t, now),
    notices: [...noticesOf(t), ...forFollowers],
    consume: forFollowers,
  });
  await sendNotices(deps, t.next, notices);
  return present(deps.storage, toDetail(t.next, [...events, ...t.events], actor, now, followers));
}

/** The reporter's subscribe messages a change calls for (stored in the outbox with the change). */
const noticesOf = (t: Transition) => (t.notices ?? []).map((kind) => ({ userId: t.next.reporterId, kind }));

const NOTICE_OF_EVENT: Partial<Record<RequestEvent['type'], NoticeKind>> = { accepted: 'accepted', escalated: 'escalated', resolved: 'resolved' };

/** Followers' messages a change calls for: each follower who still holds a consent for it ("me too", merged reporters). */
function followerNotices(t: Transition, consents: FollowerConsents): { userId: string; kind: NoticeKind }[] {
  const kinds = [...new Set(t.events.map((e) => NOTICE_OF_EVENT[e.type]).filter((k): k is NoticeKind => k !== undefined))];
  return Object.entries(consents)
    .filter(([userId]) => userId !== t.next.reporterId)
    .flatMap(([userId, held]) => kinds.filter((k) => held.includes(k)).map((kind) => ({ userId, kind })));
}

/**
 * After a stored change: send its notices at once; each sent (or refused for good by WeChat) leaves
 * the outbox, the rest are retried by the minute job. Never fails the change.
 */
async function sendNotices(deps: Pick<RequestDeps, 'notifier' | 'requests'>, r: ServiceRequest, notices: PendingNotice[]): Promise<void> {
  for (const n of notices) {
    const outcome = await deps.notifier.notify(n.userId, n.kind, r);
    if (outcome !== 'failed') await deps.requests.settleNotice(n, true);
  }
}

/** Notices that could not be sent at once are retried every minute, up to this many times. */
export const MAX_NOTICE_ATTEMPTS = 10;

/** The outbox part of the minute job: retries notices older than a minute. */
export async function drainNotices(deps: Pick<RequestDeps, 'notifier' | 'requests'>, now: Date): Promise<{ sent: number; retried: number; dropped: number }> {
  const stats = { sent: 0, retried: 0, dropped: 0 };
  for await (const n of deps.requests.pendingNotices(new Date(now.getTime() - 60_000).toISOString())) {
    const r = await deps.requests.get(n.requestId);
    const outcome = r ? await deps.notifier.notify(n.userId, n.kind, r) : 'rejected';
    const giveUp = outcome === 'failed' && n.attempts + 1 >= MAX_NOTICE_ATTEMPTS;
    await deps.requests.settleNotice(n, outcome !== 'failed' || giveUp);
    if (outcome === 'sent') stats.sent++;
    else if (outcome === 'failed' && !giveUp) stats.retried++;
    else stats.dropped++;
  }
  return stats;
}

/** A grid of the item's community, or a 400 naming the field. */
async function gridOfCommunity(deps: Pick<RequestDeps, 'places'>, r: ServiceRequest, gridId: string): Promise<string> {
  const grid = await deps.places.getGrid(gridId);
  if (!grid || grid.communityId !== r.communityId) {
    throw new ValidationError('网格不存在或不属于本社区', [{ field: 'gridId', message: '请选择本社区的网格' }]);
  }
  return grid.id;
}

function department(deps: Pick<RequestDeps, 'departments'>, id: string, field: string): { id: string; name: string } {
  const d = deps.departments.find((x) => x.id === id);
  if (!d) throw new ValidationError('未知的部门', [{ field, message: '请从部门清单中选择' }]);
  return d;
}

/** Every staff action, each a conditional write on the item's current version. */
export function staffAction(deps: RequestDeps, actor: Actor, id: string, body: StaffActionBody, now: Date): Promise<RequestDetail> {
  if (body.action === 'merge') return mergeRequests(deps, actor, id, body.into, body.version, now);
  return apply(deps, actor, id, now, body.version, async (r, ctx): Promise<Transition> => {
    switch (body.action) {
      case 'accept':
        return accept(r, ctx);
      case 'note':
        return addNote(r, ctx, body.note, await verifyPhotos(deps.storage, actor, body.photos));
      case 'resolve':
        return resolve(r, ctx, body.result, await verifyPhotos(deps.storage, actor, body.photos));
      case 'escalate':
        return escalate(r, ctx, body.reason);
      case 'refuse':
        return refuse(r, ctx, body.reason);
      case 'hand_over':
        return handOver(r, ctx, await gridOfCommunity(deps, r, body.gridId), body.reason);
      case 'assign':
        return assign(r, ctx, await gridOfCommunity(deps, r, body.gridId), body.note ?? null);
      case 'dispatch':
        return dispatch(
          r,
          ctx,
          department(deps, body.lead, 'lead'),
          body.others.map((o, i) => department(deps, o, `others.${i}`)),
          body.note ?? null,
        );
      case 'report_in':
        return reportIn(r, ctx, body.department, body.note);
      case 'revisit':
        return revisit(r, ctx, body.method, body.outcome);
    }
  });
}

/**
 * Staff merge a duplicate into another open item of the community.
 * Primary course: both items change in one transaction (each version-checked); every follower of
 * the duplicate, its reporter included, follows the survivor from then on.
 */
async function mergeRequests(deps: RequestDeps, actor: Actor, id: string, intoId: string, version: number, now: Date): Promise<RequestDetail> {
  const dup = await load(deps, actor, id);
  if (dup.request.version !== version) throw new ConflictError('该事项已更新，请刷新后再操作', 'stale_version');
  const survivor = await deps.requests.getWithTimeline(intoId);
  if (!survivor || !canView(actor, survivor.request)) {
    throw new ValidationError('目标事项不存在', [{ field: 'into', message: '目标事项不存在' }]);
  }
  const newFollowers = dup.followers.filter((f) => !survivor.followers.includes(f));
  // Reporters of the duplicate keep the consents they gave for it, now for the survivor.
  const carried: FollowerConsents = { ...dup.consents, [dup.request.reporterId]: NOTICE_KINDS.filter((k) => dup.request.notify[k]) };
  const me = await deps.users.get(actor.userId);
  const t = merge(dup.request, survivor.request, newFollowers.length, { actor, actorName: me?.name ?? '', now, calendar: deps.calendar });
  await deps.requests.merge(
    { next: t.duplicate.next, expectedVersion: dup.request.version, events: t.duplicate.events },
    { next: t.survivor.next, expectedVersion: survivor.request.version, events: t.survivor.events },
    newFollowers,
    metricDeltas(dup.request, t.duplicate, now),
    carried,
  );
  return present(deps.storage, toDetail(t.duplicate.next, [...dup.events, ...t.duplicate.events], actor, now, dup.followers));
}

/** "Me too": a resident follows an open item instead of filing a duplicate (with the messages he agreed to). */
export async function followRequest(deps: RequestDeps, actor: Actor, id: string, notify: NoticeKind[], now: Date): Promise<RequestDetail> {
  for (let attempt = 0; ; attempt++) {
    const found = await deps.requests.getWithTimeline(id);
    if (!found) throw new NotFoundError('事项');
    if (found.followers.includes(actor.userId)) return present(deps.storage, toDetail(found.request, found.events, actor, now, found.followers));
    const next = follow(found.request, now);
    try {
      await deps.requests.follow(next, found.request.version, actor.userId, notify);
      return present(deps.storage, toDetail(next, found.events, actor, now, [...found.followers, actor.userId]));
    } catch (e) {
      if (!(e instanceof ConflictError) || attempt >= 3) throw e;
    }
  }
}

/** Open items of the same category near where the resident is about to file (duplicate hints). */
export async function nearbyOpenRequests(
  deps: Pick<RequestDeps, 'requests'> & { duplicateRadiusMeters: number },
  q: NearbyRequestsQuery,
): Promise<NearbyRequestsResponse> {
  const center = convertDatum({ lat: q.lat, lng: q.lng }, q.datum, 'wgs84');
  const ranges = planRadiusSearch(center, deps.duplicateRadiusMeters);
  const items = (await deps.requests.openOfCategoryIn(q.categoryId, ranges))
    .map((r) => ({ r, d: distanceMeters(center, r.location) }))
    .filter(({ d }) => d <= deps.duplicateRadiusMeters)
    .sort((a, b) => a.d - b.d)
    .slice(0, 10);
  return {
    radiusMeters: deps.duplicateRadiusMeters,
    items: items.map(({ r, d }) => ({
      id: r.id,
      categoryName: r.categoryName,
      description: r.description,
      status: r.status,
      distanceMeters: Math.round(d),
      followers: r.followerCount,
      createdAt: r.createdAt,
    })),
  };
}

/** The reporter withdraws or adds information. */
export function residentUpdate(deps: RequestDeps, actor: Actor, id: string, body: ResidentActionBody, now: Date): Promise<RequestDetail> {
  return apply(deps, actor, id, now, null, async (r, ctx) =>
    body.action === 'withdraw' ? withdraw(r, ctx, body.reason ?? null) : addInfo(r, ctx, body.note, await verifyPhotos(deps.storage, actor, body.photos)),
  );
}

/** The reporter rates the result. */
export function rateRequest(deps: RequestDeps, actor: Actor, id: string, body: RatingBody, now: Date): Promise<RequestDetail> {
  return apply(deps, actor, id, now, null, (r, ctx) => rate(r, ctx, body.score, body.comment));
}

/**
 * The deadline job (every minute): escalates every open item whose deadline has passed, reading
 * only the due index up to `now`. Safe to run twice at once: each change is a conditional write on
 * the item version, and the new stage's deadlines take the item out of the due range.
 */
export async function escalateOverdue(
  deps: Pick<RequestDeps, 'requests' | 'calendar' | 'notifier'>,
  now: Date,
): Promise<{ examined: number; escalated: number; flagged: number; conflicts: number }> {
  const stats = { examined: 0, escalated: 0, flagged: 0, conflicts: 0 };
  for await (const r of deps.requests.overdue(now.toISOString())) {
    stats.examined++;
    const t = escalateIfOverdue(r, now, deps.calendar);
    if (!t) continue;
    try {
      const consents = t.events.some((e) => e.type === 'escalated') ? ((await deps.requests.getWithTimeline(r.id))?.consents ?? {}) : {};
      const forFollowers = followerNotices(t, consents);
      const notices = await deps.requests.save(t.next, r.version, t.events, {
        metrics: metricDeltas(r, t, now),
        notices: [...noticesOf(t), ...forFollowers],
        consume: forFollowers,
      });
      await sendNotices(deps, t.next, notices);
      if (t.events[0]!.type === 'escalated') stats.escalated++;
      else stats.flagged++;
    } catch (e) {
      if (!(e instanceof ConflictError)) throw e;
      stats.conflicts++; // someone acted on it meanwhile; the next run sees its new state
    }
  }
  return stats;
}

export const listDepartments = (deps: Pick<RequestDeps, 'departments'>) => ({ items: [...deps.departments] });
