import type { RequestDetail, User } from '@linli/shared';

/**
 * Grid workers, community and street staff (and property staff, for their compound's matters;
 * department staff, for what the street dispatched to their department) handle requests; everyone
 * else only follows them.
 */
export const isStaff = (user: User): boolean =>
  user.roles.some((x) => x === 'grid_worker' || x === 'community_admin' || x === 'street_admin' || x === 'property_staff' || x === 'department_staff' || x === 'team_member');

/** Grid, community and street staff: they send items between grids and departments and make return visits (回访); property staff do neither. */
export const isGridLineStaff = (user: User): boolean => user.roles.some((x) => x === 'grid_worker' || x === 'community_admin' || x === 'street_admin');

/** The reporter is whoever filed the item: the actor of its first step. */
export const isReporter = (user: User, r: RequestDetail): boolean => user.id === r.timeline[0]?.actorId;

/** Still being handled: waiting to be accepted, or accepted and not yet resolved. */
export const isOpen = (r: Pick<RequestDetail, 'status'>): boolean => r.status === 'submitted' || r.status === 'accepted';

/**
 * Whether the viewer is the unit the item is with now, as far as the phone can tell (the server
 * decides): the grid's worker, the community's admin, the street; at a department the street or
 * department staff (which department is the server's to check); at a compound property staff;
 * at a grid also the team member who claimed it. Only they are offered the staff steps; everyone else sees where it is.
 */
export function actsFor(user: User, r: Pick<RequestDetail, 'level' | 'gridId' | 'communityId' | 'assigneeId'>): boolean {
  const has = (role: User['roles'][number]) => user.roles.includes(role);
  switch (r.level) {
    case 'property':
      // A property company may serve compounds of several communities (the server checks which).
      return has('property_staff');
    case 'grid':
      // The grid's worker, or the team member who claimed it (认领).
      return (has('grid_worker') && !!user.gridId && user.gridId === r.gridId) || r.assigneeId === user.id;
    case 'community':
      return has('community_admin') && user.communityId === r.communityId;
    case 'street':
      return has('street_admin');
    case 'department':
      return has('street_admin') || has('department_staff');
  }
}
