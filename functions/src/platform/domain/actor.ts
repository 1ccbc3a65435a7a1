import type { Role } from '@linli/shared';

/** Who is calling, as the verified session token says. */
export interface Actor {
  userId: string;
  roles: Role[];
  streetId: string | null;
  communityId: string | null;
  gridId: string | null;
  /** The department of department staff (部门工作人员), who work its queue in their street. */
  departmentId?: string | null;
  /** The compound (小区) property staff serve in their community. */
  compound?: string | null;
  /** The property company (物业公司) property staff work for: its queue is theirs. */
  companyId?: string | null;
  /** Set when a partner system calls with an API key (12345 hotline, Open311 clients). */
  partner?: { id: string; name: string };
}

export const hasRole = (actor: Actor, ...roles: Role[]): boolean => roles.some((r) => actor.roles.includes(r));
