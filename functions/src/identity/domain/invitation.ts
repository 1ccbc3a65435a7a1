/** An invitation (邀请) to a role and a place, and who may give which. Pure rules. */
import { INVITATION_CODE_ALPHABET, type InvitedRole, ROLE_LABELS, type Role } from '@linli/shared';
import { type Actor, hasRole } from '../../platform/domain/actor';
import type { UserRecord } from '../ports';

export interface InvitationRecord {
  code: string;
  role: InvitedRole;
  streetId: string;
  communityId: string | null;
  gridId: string | null;
  departmentId: string | null;
  placeName: string;
  label: string | null;
  inviteeName: string;
  invitedBy: string;
  inviterName: string;
  status: 'open' | 'accepted' | 'revoked';
  createdAt: string;
  expiresAt: string;
  acceptedBy: string | null;
  acceptedAt: string | null;
  revokedBy: string | null;
  revokedAt: string | null;
}

/** An invitation can be accepted for a week. */
export const INVITATION_TTL_MS = 7 * 86400_000;

/** Roles that come with a grid; roles that come with a community; the rest belong to a street. */
export const GRID_ROLES: readonly Role[] = ['grid_worker', 'parttime_grid_worker', 'building_leader'];
export const COMMUNITY_ROLES: readonly Role[] = ['community_admin', 'station_keeper', 'property_staff', 'service_staff', 'redemption_staff'];
/** Roles whose place comes from an appointment (invitation), not from where the user lives. */
export const APPOINTED_ROLES: readonly Role[] = [...GRID_ROLES, ...COMMUNITY_ROLES, 'street_admin', 'department_staff', 'platform_admin'];
/** Roles that need words for what they look after: the building (楼长), the compound (物业). */
export const LABELLED_ROLES: readonly Role[] = ['building_leader', 'property_staff'];

/**
 * Whether the actor may invite to (or revoke) a role at a place: a community admin within his
 * community (community roles and grid roles); a street admin within his street (every role); a
 * platform administrator street admins anywhere.
 */
export function mayAppoint(actor: Actor, role: InvitedRole, place: { streetId: string; communityId: string | null }): boolean {
  if (hasRole(actor, 'platform_admin') && role === 'street_admin') return true;
  if (hasRole(actor, 'street_admin') && actor.streetId === place.streetId) return true;
  return (
    hasRole(actor, 'community_admin') &&
    place.communityId !== null &&
    actor.communityId === place.communityId &&
    (GRID_ROLES.includes(role) || COMMUNITY_ROLES.includes(role))
  );
}

/** The status as it stands at `now` (an open invitation past its week has expired). */
export const statusAt = (i: InvitationRecord, now: Date): InvitationRecord['status'] | 'expired' =>
  i.status === 'open' && Date.parse(i.expiresAt) <= now.getTime() ? 'expired' : i.status;

/** A fresh code from random bytes (8 characters of a 31-letter alphabet: ~8.5 × 10¹¹ codes). */
export function invitationCode(randomBytes: Uint8Array): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += INVITATION_CODE_ALPHABET[randomBytes[i]! % INVITATION_CODE_ALPHABET.length];
  return code;
}

export const roleLabel = (role: Role): string => ROLE_LABELS[role];

/** The page of the mini-program that opens an invitation (the QR code carries it). */
/** The mini-program page that accepts an invitation (its QR and 小程序码 open it with the code). */
export const INVITE_PAGE = 'packages/invite/index';
export const invitationPath = (code: string): string => `${INVITE_PAGE}?code=${code}`;

/** The user holding an appointment: its role first, its place, his home kept; roles version bumped. */
export function withAppointment(
  user: UserRecord,
  inv: Pick<InvitationRecord, 'role' | 'streetId' | 'communityId' | 'gridId' | 'departmentId'> & { label?: string | null },
): UserRecord {
  return {
    ...user,
    roles: [inv.role, ...user.roles.filter((r) => r !== inv.role)],
    streetId: inv.streetId,
    communityId: inv.communityId,
    gridId: inv.gridId,
    departmentId: inv.departmentId,
    // Property staff serve the compound their invitation names (物业 items of it come to them).
    compound: inv.role === 'property_staff' ? (inv.label ?? null) : null,
    homePlace: user.homePlace ?? (user.registeredAt ? { streetId: user.streetId, communityId: user.communityId, gridId: user.gridId } : null),
    rolesVersion: user.rolesVersion + 1,
  };
}

/** The user without an appointment: back to his home place unless another post remains; roles version bumped. */
export function withoutAppointment(user: UserRecord, role: Role): UserRecord {
  const roles = user.roles.filter((r) => r !== role);
  const stillAppointed = roles.some((r) => APPOINTED_ROLES.includes(r));
  const home = user.homePlace ?? { streetId: null, communityId: null, gridId: null };
  return {
    ...user,
    roles: roles.length ? roles : ['resident'],
    ...(stillAppointed ? {} : { ...home, departmentId: null, compound: null, companyId: null }),
    rolesVersion: user.rolesVersion + 1,
  };
}

/** Another post the user holds (one appointment at a time), if any. */
export const otherPost = (user: UserRecord, role: Role): Role | undefined => user.roles.find((r) => APPOINTED_ROLES.includes(r) && r !== role);
