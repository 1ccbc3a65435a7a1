/** Who may run what in the points job: staff act only for their own community (or street). */
import { type Actor, hasRole } from '../../platform/domain/actor';
import { ForbiddenError } from '../../platform/domain/errors';

/** Community admins of the community, or the street's admins. */
export const runsCommunity = (actor: Actor, place: { communityId: string; streetId: string }): boolean =>
  (hasRole(actor, 'community_admin') && actor.communityId === place.communityId) || (hasRole(actor, 'street_admin') && actor.streetId === place.streetId);

export function requireCommunityStaff(actor: Actor, place: { communityId: string; streetId: string }, what: string): void {
  if (!runsCommunity(actor, place)) throw new ForbiddenError(`只有本社区的工作人员可以${what}`);
}

/** Site staff (兑换点工作人员) of the site's community, or whoever runs the community. */
export const staffsSite = (actor: Actor, site: { communityId: string; streetId: string }): boolean =>
  (hasRole(actor, 'redemption_staff') && actor.communityId === site.communityId) || runsCommunity(actor, site);
