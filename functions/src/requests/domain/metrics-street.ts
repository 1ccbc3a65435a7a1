/** A street's measures: its communities side by side and the street's own, summed from theirs. */
import { calendarWarning, missingYears, type StreetMetricsResponse } from '@linli/shared';
import { ForbiddenError, NotFoundError } from '../../platform/domain/errors';
import { type Actor, hasRole } from '../../platform/domain/actor';
import { communityFigures, type DashboardDeps, departmentOpen, openNow, RESOLUTION_GOAL, sumCounters, topCategoriesOf } from './dashboard';
import { summarize } from './metrics';

export { sumCounters } from './dashboard';

/**
 * The measures of every community of a street over a period, and the street's.
 * Primary course: the street's admin asks; each community's figures are read as its own dashboard
 * reads them (in parallel: a handful of reads per community, the street read once); the street's counters are their sums and its open items their union,
 * and its rates and averages are derived from those sums (not averaged from the communities' rates).
 */
export async function streetMetrics(
  deps: DashboardDeps,
  actor: Actor,
  streetId: string,
  q: { from: string; to: string },
  now: Date,
): Promise<StreetMetricsResponse> {
  const street = await deps.places.getStreet(streetId);
  if (!street) throw new NotFoundError('街道');
  if (!hasRole(actor, 'street_admin') || actor.streetId !== streetId) throw new ForbiddenError('只能查看自己所在街道');
  const communities = await deps.places.listCommunitiesOfStreet(streetId);
  const figures = await Promise.all(communities.map((c) => communityFigures(deps, c, q, now, street)));
  const sums = sumCounters(figures.map((f) => f.sums));
  const allOpen = figures.flatMap((f) => f.open);
  const names = new Map(figures.flatMap((f) => [...f.categoryNames]));
  return {
    streetId,
    streetName: street.name,
    from: q.from,
    to: q.to,
    resolutionGoal: RESOLUTION_GOAL,
    calendarWarning: calendarWarning(missingYears(deps.calendar, now)),
    ...summarize(sums, openNow(allOpen, now)),
    topCategories: topCategoriesOf(sums, names),
    communities: figures.map(({ metrics: m }) => ({
      communityId: m.communityId,
      name: m.communityName,
      totals: m.totals,
      rates: m.rates,
      averages: m.averages,
      openNow: m.openNow,
      measures: m.measures,
    })),
    departments: deps.departments.map((d, i) => ({
      departmentId: d.id,
      name: d.name,
      ...summarize(sumCounters(figures.map((f) => f.departmentSums[i]!)), openNow(departmentOpen(allOpen, d.id), now)),
    })),
  };
}
