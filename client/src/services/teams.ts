/**
 * Volunteer teams (志愿服务队): my community's teams with their captains, joining and leaving, the
 * member list (members, the captain, community staff) and the captain removing a member.
 */
import type { TeamListResponse, TeamMembersResponse, TeamResponse } from '@linli/shared';
import { api, type Out } from './request';

const teamAt = (id: string) => `/teams/${encodeURIComponent(id)}`;

/** The teams of a community (mine when not given), each with whether I am a member (`mine`) or its captain (`captain`). */
export const fetchTeams = (communityId?: string) => api<Out<typeof TeamListResponse>>('GET', '/teams', { query: { communityId } });

/** One team (name, captain, members; whether I am in it or its captain). 404 when there is none. */
export const fetchTeam = (id: string) => api<Out<typeof TeamResponse>>('GET', teamAt(id));

/** Joins a team of my community (a second tap changes nothing). 403 for another community's team. */
export const joinTeam = (id: string) => api<Out<typeof TeamResponse>>('POST', `${teamAt(id)}/membership`);

/** Who is in a team (its members, captain and community staff only: 403 otherwise). */
export const fetchTeamMembers = (id: string) => api<Out<typeof TeamMembersResponse>>('GET', `${teamAt(id)}/members`);

/**
 * Takes someone out of a team: myself (退出) or, for the captain and community staff, a member
 * (移出). 409 `captain_stays` for the captain himself; 404 when he is no longer a member.
 */
export const removeTeamMember = (id: string, userId: string) => api<Out<typeof TeamResponse>>('POST', `${teamAt(id)}/members/${encodeURIComponent(userId)}/removal`);
