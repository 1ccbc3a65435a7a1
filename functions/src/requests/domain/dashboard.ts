import { calendarWarning, missingYears, type HolidayCalendar, type Level, type MetricsResponse, type MetricSummary } from '@linli/shared';
import { ForbiddenError, NotFoundError } from '../../platform/domain/errors';
import { type Actor, hasRole } from '../../platform/domain/actor';
import type { CommunityRecord, PlaceRepository, StreetRecord } from '../../identity/places-port';
import type { PropertyCompanyRepository } from '../../identity/team-port';
import type { UserRepository } from '../../identity/ports';
import type { CategoryRepository, RequestRepository } from '../ports';
import { propertyUnits } from './property';
import { CATEGORY_COUNTER_PREFIX, summarize } from './metrics';
import { evaluationCounters } from './measures';

/** Adds counters: the street's are the sums of its communities' (every item belongs to one community). */
export function sumCounters(all: readonly Record<string, number>[]): Record<string, number> {
  const sum: Record<string, number> = {};
  for (const counters of all) for (const [k, v] of Object.entries(counters)) sum[k] = (sum[k] ?? 0) + v;
  return sum;
}

/** Open items with a department now (the lead department's queue). */
export const departmentOpen = (open: readonly Open[], departmentId: string): Open[] =>
  open.filter((o) => o.level === 'department' && o.unitId === departmentId);

export interface DashboardDeps {
  requests: RequestRepository;
  categories: CategoryRepository;
  places: PlaceRepository;
  users: Pick<UserRepository, 'staffOf'>;
  propertyCompanies: Pick<PropertyCompanyRepository, 'companiesOf'>;
  departments: readonly { id: string; name: string }[];
  calendar: HolidayCalendar;
}

/** The goal the articles set for the resolution rate. */
export const RESOLUTION_GOAL = 0.95;

export type Open = { level: Level; status: 'submitted' | 'accepted'; gridId: string | null; unitId: string; dueAt: string };

export function openNow(items: Open[], now: Date): MetricSummary['openNow'] {
  const count = (f: (o: Open) => boolean) => items.filter(f).length;
  return {
    total: items.length,
    overdue: count((o) => Date.parse(o.dueAt) < now.getTime()),
    byStatus: { submitted: count((o) => o.status === 'submitted'), accepted: count((o) => o.status === 'accepted') },
    byLevel: {
      property: count((o) => o.level === 'property'),
      grid: count((o) => o.level === 'grid'),
      community: count((o) => o.level === 'community'),
      street: count((o) => o.level === 'street'),
      department: count((o) => o.level === 'department'),
    },
  };
}

/** A community's figures and what they were derived from (the summed counters, the open items), for the street's sums. */
export interface CommunityFigures {
  metrics: MetricsResponse;
  sums: Record<string, number>;
  /** Each department's counters for this community's items, in the order of `deps.departments`. */
  departmentSums: Record<string, number>[];
  open: Open[];
  categoryNames: Map<string, string>;
}

/** The most frequent categories of summed counters (at most 10), named. */
export function topCategoriesOf(sums: Record<string, number>, names: ReadonlyMap<string, string>): MetricsResponse['topCategories'] {
  return Object.entries(sums)
    .filter(([k]) => k.startsWith(CATEGORY_COUNTER_PREFIX))
    .map(([k, count]) => ({ categoryId: k.slice(CATEGORY_COUNTER_PREFIX.length), count }))
    .sort((a, b) => b.count - a.count || a.categoryId.localeCompare(b.categoryId))
    .slice(0, 10)
    .map((c) => ({ ...c, name: names.get(c.categoryId) ?? c.categoryId }));
}

/**
 * The measures of a community's loop over a period, and per grid.
 * Primary course: sum the daily counters kept with every change (one Query of the community's counters,
 * every unit's), count its open items (one Query of its open items, bounded by what is open), derive the rates.
 */
export async function communityMetrics(
  deps: DashboardDeps,
  actor: Actor,
  communityId: string,
  q: { from: string; to: string },
  now: Date,
): Promise<MetricsResponse> {
  const community = await deps.places.getCommunity(communityId);
  if (!community) throw new NotFoundError('社区');
  const allowed =
    (hasRole(actor, 'community_admin') && actor.communityId === communityId) ||
    (hasRole(actor, 'street_admin') && actor.streetId === community.streetId);
  if (!allowed) throw new ForbiddenError('只能查看自己管理的社区');
  return (await communityFigures(deps, community, q, now)).metrics;
}

/**
 * A community's figures (no authorisation: the callers check it). `street`: the community's street when
 * the caller has read it (the street dashboard), so the grid list does not read it again.
 */
export async function communityFigures(
  deps: DashboardDeps,
  community: CommunityRecord,
  q: { from: string; to: string },
  now: Date,
  street?: StreetRecord,
): Promise<CommunityFigures> {
  const communityId = community.id;
  const [grids, categories, properties, counters, openItems] = await Promise.all([
    deps.places.listGridsOfCommunity(communityId, { community, street }),
    deps.categories.listOfCommunity(communityId),
    // A compound served by a company shows the company's figures (kept per company: level property, unit the company).
    propertyUnits(deps, communityId),
    deps.requests.countersOfCommunity(communityId, q.from, q.to),
    deps.requests.openOfCommunity(communityId),
  ]);
  // A company serving several compounds is one unit: count its figures once.
  const propertyUnitIds = [...new Set(properties.map((p) => p.unitId))];
  // The queues the community's items are counted in: its property units, grids, itself, its street, the departments.
  const queues = new Set([
    ...propertyUnitIds.map((unitId) => `property:${unitId}`),
    ...grids.map((g) => `grid:${g.id}`),
    `community:${communityId}`,
    `street:${community.streetId}`,
    ...deps.departments.map((d) => `department:${d.id}`),
  ]);
  const open = openItems.filter((o) => queues.has(`${o.level}:${o.unitId}`));
  const ownSums = counters.of('community', communityId);
  const gridSums = grids.map((g) => counters.of('grid', g.id));
  const propertySums = propertyUnitIds.map((unitId) => counters.of('property', unitId));
  const departmentSums = deps.departments.map((d) => counters.of('department', d.id));
  // Evaluations are counted on the unit rated only; the community's are its units' sums.
  const communitySums = sumCounters([ownSums, ...[...gridSums, ...propertySums, ...departmentSums].map(evaluationCounters)]);
  const categoryNames = new Map(categories.map((c) => [c.id, c.name]));
  const metrics: MetricsResponse = {
    communityId,
    communityName: community.name,
    from: q.from,
    to: q.to,
    resolutionGoal: RESOLUTION_GOAL,
    calendarWarning: calendarWarning(missingYears(deps.calendar, now)),
    ...summarize(communitySums, openNow(open, now)),
    topCategories: topCategoriesOf(communitySums, categoryNames),
    grids: grids.map((g, i) => ({
      gridId: g.id,
      name: g.name,
      ...summarize(gridSums[i]!, openNow(open.filter((o) => o.gridId === g.id), now)),
    })),
    // A compound's row shows its property unit's figures (a company's are the same on each compound it serves).
    properties: properties.map((p) => ({
      compound: p.compound,
      ...summarize(propertySums[propertyUnitIds.indexOf(p.unitId)]!, openNow(open.filter((o) => o.level === 'property' && o.unitId === p.unitId), now)),
    })),
    departments: deps.departments.map((d, i) => ({
      departmentId: d.id,
      name: d.name,
      ...summarize(departmentSums[i]!, openNow(departmentOpen(open, d.id), now)),
    })),
  };
  return { metrics, sums: communitySums, departmentSums, open, categoryNames };
}
