import type { RequestDetail, User } from '@linli/shared';

/** Grid workers, community and street staff handle requests; everyone else only follows them. */
export const isStaff = (user: User): boolean =>
  user.roles.some((x) => x === 'grid_worker' || x === 'community_admin' || x === 'street_admin');

/** The reporter is whoever filed the item: the actor of its first step. */
export const isReporter = (user: User, r: RequestDetail): boolean => user.id === r.timeline[0]?.actorId;

/** Still being handled: waiting to be accepted, or accepted and not yet resolved. */
export const isOpen = (r: Pick<RequestDetail, 'status'>): boolean => r.status === 'submitted' || r.status === 'accepted';
