/**
 * 红黑榜: the property companies serving a community side by side, from their own figures (the
 * per-unit counters, level property, unit the company): on time, resolved, satisfied; best first.
 */
import type { CompanyFigures, PropertyBoardResponse } from '@linli/shared';
import { type Actor, hasRole } from '../../platform/domain/actor';
import { ForbiddenError, NotFoundError } from '../../platform/domain/errors';
import type { RequestDeps } from './deps';
import { measuresOf } from './measures';
import { summarize } from './metrics';

/** One company's row from its summed counters. */
export function companyRow(c: { id: string; name: string; compounds: string[] }, sums: Record<string, number>): CompanyFigures {
  const none = { property: 0, grid: 0, community: 0, street: 0, department: 0 };
  const s = summarize(sums, { total: 0, overdue: 0, byStatus: { submitted: 0, accepted: 0 }, byLevel: none });
  // 解决率 and 满意率 as the cities count them: the residents' latest answers (measures.ts).
  const m = measuresOf(sums);
  const rates = [s.rates.onTimeResolve, m.rates.resolution, m.rates.satisfaction].filter((x): x is number => x !== null);
  return {
    companyId: c.id,
    name: c.name,
    compounds: c.compounds,
    filed: s.totals.filed,
    resolved: s.totals.resolved,
    refused: s.totals.refused,
    rated: s.totals.rated,
    onTimeRate: s.rates.onTimeResolve,
    resolutionRate: m.rates.resolution,
    satisfactionRate: m.rates.satisfaction,
    score: rates.length ? Math.round((rates.reduce((a, b) => a + b, 0) / rates.length) * 10000) / 10000 : null,
  };
}

/** Best first; companies with nothing to rank by last. The best is 红榜, the worst 黑榜 (only when two or more are ranked). */
export function rankCompanies(rows: CompanyFigures[]): { items: CompanyFigures[]; best: string | null; worst: string | null } {
  const items = [...rows].sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.name.localeCompare(b.name, 'zh'));
  const ranked = items.filter((r) => r.score !== null);
  return { items, best: ranked.length >= 2 ? ranked[0]!.companyId : null, worst: ranked.length >= 2 ? ranked[ranked.length - 1]!.companyId : null };
}

/** The board of a community, for its staff and its street's. */
export async function propertyBoard(
  deps: Pick<RequestDeps, 'propertyCompanies' | 'requests' | 'places'>,
  actor: Actor,
  communityId: string,
  q: { from: string; to: string },
): Promise<PropertyBoardResponse> {
  const community = await deps.places.getCommunity(communityId);
  if (!community) throw new NotFoundError('社区');
  const ok = (hasRole(actor, 'community_admin') && actor.communityId === communityId) || (hasRole(actor, 'street_admin') && actor.streetId === community.streetId);
  if (!ok) throw new ForbiddenError('只有本社区或本街道工作人员可以查看物业红黑榜');
  const companies = await deps.propertyCompanies.companiesOf(communityId);
  const counters = await deps.requests.countersOfCommunity(communityId, q.from, q.to);
  return { communityId, from: q.from, to: q.to, ...rankCompanies(companies.map((c) => companyRow(c, counters.of('property', c.id)))) };
}
