import type { Role } from '@linli/shared';

/** Claims inside a session token. */
export interface SessionClaims {
  sub: string;
  roles: Role[];
  streetId: string | null;
  communityId: string | null;
  gridId: string | null;
  departmentId?: string | null;
  /** The compound property staff serve. */
  compound?: string | null;
  /** The property company (物业公司) property staff work for. */
  companyId?: string | null;
  /** The user's roles version when the token was issued (a newer version makes it stale). */
  rv: number;
  exp: number;
}

export interface TokenService {
  sign(claims: Omit<SessionClaims, 'exp'>, now: Date): { token: string; expiresAt: Date };
  /** Returns the claims of a valid, unexpired token, or null. */
  verify(token: string, now: Date): SessionClaims | null;
}
