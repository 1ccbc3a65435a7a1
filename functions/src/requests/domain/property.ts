/**
 * Property matters (物业): a category marked as one, filed for a compound served by a property
 * company (物业公司), goes to the company's queue first (level `property`, unit: the company); a
 * compound without a company but with its own property staff goes to them (the compound as the
 * unit). They answer it, refuse it back to the grid, or it climbs to the grid like any unit's item.
 * Compounds with neither keep the grid route.
 */
import type { Category } from '@linli/shared';
import type { UserRepository } from '../../identity/ports';
import type { PropertyCompanyRepository } from '../../identity/team-port';
import { propertyUnit } from './model';

export type PropertyDeps = { users: Pick<UserRepository, 'staffOf'>; propertyCompanies: Pick<PropertyCompanyRepository, 'companiesOf'> };

/** Who serves each served compound of a community: a company (its id and name) or, without one, the compound's own staff (null). */
export async function propertyServing(deps: PropertyDeps, communityId: string): Promise<Map<string, { id: string; name: string } | null>> {
  const [staff, companies] = await Promise.all([deps.users.staffOf('community', communityId), deps.propertyCompanies.companiesOf(communityId)]);
  const served = new Map<string, { id: string; name: string } | null>();
  for (const u of staff) if (u.roles.includes('property_staff') && u.communityId === communityId && u.compound && !u.companyId) served.set(u.compound, null);
  // A company serving a compound takes its items, whether or not the compound has staff of its own.
  for (const c of companies) for (const compound of c.compounds) served.set(compound, { id: c.id, name: c.name });
  return served;
}

/** The compounds of a community served by a company or property staff, in Chinese order. */
export async function propertyCompounds(deps: PropertyDeps, communityId: string): Promise<string[]> {
  return [...(await propertyServing(deps, communityId)).keys()].sort((a, b) => a.localeCompare(b, 'zh'));
}

/** Each served compound with the property unit whose queue and figures are its: the company, else the compound. */
export async function propertyUnits(deps: PropertyDeps, communityId: string): Promise<{ compound: string; unitId: string }[]> {
  const served = await propertyServing(deps, communityId);
  return [...served]
    .sort(([a], [b]) => a.localeCompare(b, 'zh'))
    .map(([compound, company]) => ({ compound, unitId: company?.id ?? propertyUnit(communityId, compound) }));
}

/** The compound whose property staff take a filed item first, or null when it follows the grid route. */
export function propertyRoute(category: Pick<Category, 'propertyItem'>, compound: string | undefined, served: readonly string[]): string | null {
  return category.propertyItem && compound && served.includes(compound) ? compound : null;
}
