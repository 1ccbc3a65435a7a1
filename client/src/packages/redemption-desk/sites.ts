/** Which redemption sites a staff member works at (the server checks the same on every call). */
import type { Role, SiteDto, User } from '@linli/shared';

/** Who verifies pickup codes and keeps a site's shelf: site staff, community and street admins. */
export const SITE_STAFF_ROLES: readonly Role[] = ['redemption_staff', 'community_admin', 'street_admin'];

/** Site staff and community admins of the site's community, or the street admins of its street. */
export function staffsSite(user: Pick<User, 'roles' | 'communityId' | 'streetId'>, site: Pick<SiteDto, 'communityId' | 'streetId'>): boolean {
  const has = (r: Role) => user.roles.includes(r);
  return ((has('redemption_staff') || has('community_admin')) && user.communityId === site.communityId) || (has('street_admin') && user.streetId === site.streetId);
}

/** 2026-12-04 09:00 in the server's words read as 12月4日 09:00. */
export const readableDates = (text: string): string => text.replace(/\b\d{4}-(\d{2})-(\d{2})\b/g, (_, m: string, d: string) => `${Number(m)}月${Number(d)}日`);

/** 482 913: a six-digit code in two groups of three, to read out. */
export const spacedSix = (code: string): string => code.replace(/^(\d{3})(?=\d)/, '$1 ');
