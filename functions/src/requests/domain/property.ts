/**
 * Property matters (物业): a category marked as one, filed for a compound whose property staff use
 * the product, goes to them first (level `property`); they answer it, refuse it back to the grid, or
 * it climbs to the grid like any unit's item. Compounds without property staff keep the grid route.
 */
import type { Category } from '@linli/shared';
import type { UserRepository } from '../../identity/ports';

/** The compounds of a community that have property staff, in Chinese order. */
export async function propertyCompounds(users: Pick<UserRepository, 'staffOf'>, communityId: string): Promise<string[]> {
  const staff = await users.staffOf('community', communityId);
  const served = staff.filter((u) => u.roles.includes('property_staff') && u.communityId === communityId && u.compound).map((u) => u.compound!);
  return [...new Set(served)].sort((a, b) => a.localeCompare(b, 'zh'));
}

/** The compound whose property staff take a filed item first, or null when it follows the grid route. */
export function propertyRoute(category: Pick<Category, 'propertyItem'>, compound: string | undefined, served: readonly string[]): string | null {
  return category.propertyItem && compound && served.includes(compound) ? compound : null;
}
