import { INVITED_ROLES, type InvitedRole, type Role } from '@linli/shared';

/** Roles that come with a grid, roles that come with a community; the rest belong to a street. */
export const GRID_ROLES: readonly InvitedRole[] = ['grid_worker', 'parttime_grid_worker', 'building_leader'];
export const COMMUNITY_ROLES: readonly InvitedRole[] = ['community_admin', 'station_keeper', 'property_staff', 'service_staff', 'redemption_staff'];

/** What place an invitation to the role needs: a grid, a community, a department of the street, or the street. */
export type PlaceKind = 'grid' | 'community' | 'department' | 'street';
export const placeKind = (r: InvitedRole): PlaceKind =>
  GRID_ROLES.includes(r) ? 'grid' : COMMUNITY_ROLES.includes(r) ? 'community' : r === 'department_staff' ? 'department' : 'street';

/**
 * The roles this admin may invite to (the server checks the same): a community admin the roles of
 * his community and its grids, a street admin every invited role, a platform administrator street admins.
 */
export function appointableRoles(roles: readonly Role[]): InvitedRole[] {
  const may = new Set<InvitedRole>();
  if (roles.includes('street_admin')) INVITED_ROLES.forEach((r) => may.add(r));
  if (roles.includes('community_admin')) [...GRID_ROLES, ...COMMUNITY_ROLES].forEach((r) => may.add(r));
  if (roles.includes('platform_admin')) may.add('street_admin');
  return INVITED_ROLES.filter((r) => may.has(r));
}

/** Who sees the list of invitations (GET /invitations): community and street admins. */
export const mayListInvitations = (roles: readonly Role[]): boolean => roles.includes('community_admin') || roles.includes('street_admin');

/** Roles that need words for what they look after. */
export const LABEL_FIELDS: Partial<Record<InvitedRole, { label: string; placeholder: string; missing: string }>> = {
  building_leader: { label: '负责的楼栋', placeholder: '如：名山小区3栋', missing: '请填写负责的楼栋' },
  property_staff: { label: '服务的小区', placeholder: '如：名山小区', missing: '请填写服务的小区' },
};
