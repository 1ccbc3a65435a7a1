/** Grid teams (网格团队) and property companies (物业公司): who works a grid's items, who serves a compound. */
import type { TeamRole } from '@linli/shared';
import type { UserRecord } from './ports';

/** A member of a community's grid team: the grids he covers (一员多格) and the category groups he takes. */
export interface TeamMemberRecord {
  userId: string;
  name: string;
  phone: string | null;
  communityId: string;
  teamRole: TeamRole;
  gridIds: string[];
  /** Category groups he takes; empty: every group. */
  specialties: string[];
  addedAt: string;
  updatedAt: string;
  version: number;
}

/** The user change that goes with a membership change (the 网格团队成员 role given or taken), version-checked. */
export interface UserChange {
  next: UserRecord;
  userVersion: number;
}

export interface GridTeamRepository {
  /** One person's membership of a community's team, or null. */
  member(communityId: string, userId: string): Promise<TeamMemberRecord | null>;
  /** Every member of a community's team (all its grids). */
  membersOf(communityId: string): Promise<TeamMemberRecord[]>;
  /**
   * Stores a membership: new when `expectedVersion` is null (ConflictError if he is already a
   * member), else only if still at that version; with the user's role change, atomically.
   */
  save(m: TeamMemberRecord, expectedVersion: number | null, user: UserChange | null): Promise<void>;
  /** Removes a membership still at `expectedVersion`, with the user's role change, atomically. */
  remove(m: TeamMemberRecord, expectedVersion: number, user: UserChange | null): Promise<void>;
}

/** A property company and what it serves: compounds, community by community. */
export interface PropertyCompanyRecord {
  id: string;
  name: string;
  streetId: string;
  serves: { communityId: string; compounds: string[] }[];
}

export interface PropertyCompanyRepository {
  /** The companies serving a community, each with the compounds it serves there. */
  companiesOf(communityId: string): Promise<{ id: string; name: string; compounds: string[] }[]>;
  get(id: string): Promise<PropertyCompanyRecord | null>;
  /** Stores a company and its per-community listings (listings of communities it no longer serves are left to the caller). */
  put(company: PropertyCompanyRecord): Promise<void>;
}
