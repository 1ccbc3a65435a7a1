import type { RequestDetail, User } from '@linli/shared';

/** Grid workers, community and street staff (and property staff, for their compound's matters) handle requests; everyone else only follows them. */
export const isStaff = (user: User): boolean =>
  user.roles.some((x) => x === 'grid_worker' || x === 'community_admin' || x === 'street_admin' || x === 'property_staff');

/** Grid, community and street staff: they send items between grids and departments and make return visits (回访); property staff do neither. */
export const isGridLineStaff = (user: User): boolean => user.roles.some((x) => x === 'grid_worker' || x === 'community_admin' || x === 'street_admin');

/** The reporter is whoever filed the item: the actor of its first step. */
export const isReporter = (user: User, r: RequestDetail): boolean => user.id === r.timeline[0]?.actorId;

/** Still being handled: waiting to be accepted, or accepted and not yet resolved. */
export const isOpen = (r: Pick<RequestDetail, 'status'>): boolean => r.status === 'submitted' || r.status === 'accepted';
