/**
 * The grid is a team (网格团队): community staff manage a grid's members; members work the team
 * queue and claim (认领) items; community staff see the property companies side by side (红黑榜).
 */
import type {
  AddTeamMemberBody, ChangeTeamMemberBody, GridTeamMemberResponse, GridTeamRemovedResponse, GridTeamResponse, PropertyBoardResponse, RequestResponse, TeamQueueResponse,
} from '@linli/shared';
import type { z } from 'zod';
import { api, type Out } from './request';

const teamAt = (gridId: string) => `/grids/${encodeURIComponent(gridId)}/team`;

/** The members covering a grid (community staff of its community only). */
export const fetchGridTeam = (gridId: string) => api<Out<typeof GridTeamResponse>>('GET', teamAt(gridId));

/** Adds a person of the community (a second add of the same person adds grids, nothing more). */
export const addGridTeamMember = (gridId: string, body: z.input<typeof AddTeamMemberBody>) => api<Out<typeof GridTeamMemberResponse>>('POST', teamAt(gridId), { body });

/** Changes a member's role, specialties or grids, at the version seen (409 when someone changed him meanwhile). */
export const changeGridTeamMember = (gridId: string, userId: string, body: z.input<typeof ChangeTeamMemberBody>) =>
  api<Out<typeof GridTeamMemberResponse>>('PATCH', `${teamAt(gridId)}/${encodeURIComponent(userId)}`, { body });

/** Takes a member off this grid (off his last grid he leaves the team). */
export const removeGridTeamMember = (gridId: string, userId: string) => api<Out<typeof GridTeamRemovedResponse>>('DELETE', `${teamAt(gridId)}/${encodeURIComponent(userId)}`);

/** My part of the team queue: the items of my grids (of my specialties), nearest deadline first. */
export const fetchTeamQueue = () => api<Out<typeof TeamQueueResponse>>('GET', '/team/requests');

/** Claims an item at the version seen: 409 (in words) when another member was quicker. */
export const claimRequest = (id: string, version: number) => api<Out<typeof RequestResponse>>('POST', `/requests/${encodeURIComponent(id)}/claim`, { body: { version } });

/** 红黑榜 of a community over [from, to] (Shanghai dates). */
export const fetchPropertyBoard = (communityId: string, from: string, to: string) =>
  api<Out<typeof PropertyBoardResponse>>('GET', `/communities/${encodeURIComponent(communityId)}/property-board`, { query: { from, to } });
