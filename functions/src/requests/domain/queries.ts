/** What residents and staff read: categories, one item, my requests, staff queues, nearby open items, departments. */
import type { CategoriesResponse, Level, NearbyRequestsQuery, NearbyRequestsResponse, RequestDetail, RequestListResponse } from '@linli/shared';
import { type Actor, hasRole } from '../../platform/domain/actor';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/domain/errors';
import { convertDatum } from '../../platform/domain/geo/datum';
import { distanceMeters } from '../../platform/domain/geo/distance';
import { planRadiusSearch } from '../../platform/domain/geo/search-plan';
import type { RequestDeps } from './deps';
import { offeredTo, withOther } from './filing';
import { present, toDetail, toSummary } from './present';
import { propertyCompounds } from './property';
import { canView, dueAt, propertyUnit } from './request';

/** The community's admitted item types, grouped (准入事项清单). */
export async function listCategories(
  deps: Pick<RequestDeps, 'categories' | 'subscribeTemplates' | 'users' | 'propertyCompanies'>,
  actor: Actor,
  communityId?: string,
): Promise<CategoriesResponse> {
  const target = communityId ?? actor.communityId;
  if (!target) throw new ValidationError('请先登记所在社区', [{ field: 'communityId', message: '必填' }]);
  const [list, compounds] = await Promise.all([deps.categories.listOfCommunity(target), propertyCompounds(deps, target)]);
  // Staff-only items (12345 热线转办) are offered only to the staff who file them.
  const categories = offeredTo(actor, withOther(list)).sort((a, b) => a.order - b.order);
  const groups = new Map<string, typeof categories>();
  for (const c of categories) groups.set(c.group, [...(groups.get(c.group) ?? []), c]);
  return {
    communityId: target,
    groups: [...groups].map(([group, items]) => ({ group, categories: items })),
    propertyCompounds: compounds,
    subscribeTemplates: deps.subscribeTemplates,
  };
}

/** An item with its timeline and followers, if the actor may see it. */
export async function loadVisible(deps: Pick<RequestDeps, 'requests'>, actor: Actor, id: string) {
  const found = await deps.requests.getWithTimeline(id);
  if (!found) throw new NotFoundError('事项');
  if (!canView(actor, found.request, found.followers)) throw new ForbiddenError('无权查看该事项');
  return found;
}

export async function getRequest(deps: Pick<RequestDeps, 'requests' | 'storage'>, actor: Actor, id: string, now: Date): Promise<RequestDetail> {
  const { request, events, followers } = await loadVisible(deps, actor, id);
  return present(deps.storage, toDetail(request, events, actor, now, followers));
}

/**
 * The item a resident quotes on the phone by its request number (受理编号), for staff: seen only if
 * it is theirs to see, as by its id.
 */
export async function findByNumber(deps: Pick<RequestDeps, 'requests' | 'storage'>, actor: Actor, number: string, now: Date): Promise<RequestDetail> {
  const id = await deps.requests.idOfNumber(number);
  if (!id) throw new NotFoundError(`没有受理编号为 ${number} 的事项，请核对后再查`, 'request_number_not_found');
  return getRequest(deps, actor, id, now);
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

/** The unit whose queue a staff member works: his compound's property matters, grid, community or street. */
export function staffUnit(actor: Actor, level?: Level): { level: Level; unitId: string } {
  // Staff of a property company work its queue; property staff of a compound without one, the compound's.
  const property = actor.companyId ?? (actor.communityId && actor.compound ? propertyUnit(actor.communityId, actor.compound) : null);
  const options: { level: Level; unitId: string | null; ok: boolean }[] = [
    { level: 'property', unitId: property, ok: hasRole(actor, 'property_staff') },
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
  if (hasRole(actor, 'department_staff') && actor.departmentId && actor.streetId && (!q.level || q.level === 'department')) {
    // A department's staff work its queue in their street (the queue is the department's, city-wide).
    const page = await deps.requests.queue('department', actor.departmentId, q.cursor, 200);
    const items = page.items.filter((r) => r.streetId === actor.streetId).slice(0, q.limit);
    return { items: items.map((r) => toSummary(r, now)), nextCursor: null };
  }
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

export const listDepartments = (deps: Pick<RequestDeps, 'departments'>) => ({ items: [...deps.departments] });
