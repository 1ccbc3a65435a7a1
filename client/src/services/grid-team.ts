/**
 * The grid is a team (网格团队): community staff manage a grid's members; members work the team
 * queue and claim (认领) items; community staff see the property companies side by side (红黑榜).
 */
import {
  type AddTeamMemberBody, type ChangeTeamMemberBody, GridTeamMemberResponse, GridTeamRemovedResponse, GridTeamResponse, PropertyBoardResponse, RequestResponse, TeamQueueResponse,
} from '@linli/shared';
import type { z } from 'zod';
import { api } from './request';

const teamAt = (gridId: string) => `/grids/${encodeURIComponent(gridId)}/team`;

/** The members covering a grid (community staff of its community only). */
export const fetchGridTeam = (gridId: string) => api('GET', teamAt(gridId), GridTeamResponse);

/** Adds a person of the community (a second add of the same person adds grids, nothing more). */
export const addGridTeamMember = (gridId: string, body: z.input<typeof AddTeamMemberBody>) => api('POST', teamAt(gridId), GridTeamMemberResponse, { body });

/** Changes a member's role, specialties or grids, at the version seen (409 when someone changed him meanwhile). */
export const changeGridTeamMember = (gridId: string, userId: string, body: z.input<typeof ChangeTeamMemberBody>) =>
  api('PATCH', `${teamAt(gridId)}/${encodeURIComponent(userId)}`, GridTeamMemberResponse, { body });

/** Takes a member off this grid (off his last grid he leaves the team). */
export const removeGridTeamMember = (gridId: string, userId: string) => api('DELETE', `${teamAt(gridId)}/${encodeURIComponent(userId)}`, GridTeamRemovedResponse);

/** My part of the team queue: the items of my grids (of my specialties), nearest deadline first. */
export const fetchTeamQueue = () => api('GET', '/team/requests', TeamQueueResponse);

/** Claims an item at the version seen: 409 (in words) when another member was quicker. */
export const claimRequest = (id: string, version: number) => api('POST', `/requests/${encodeURIComponent(id)}/claim`, RequestResponse, { body: { version } });

/** 红黑榜 of a community over [from, to] (Shanghai dates). */
export const fetchPropertyBoard = (communityId: string, from: string, to: string) =>
  api('GET', `/communities/${encodeURIComponent(communityId)}/property-board`, PropertyBoardResponse, { query: { from, to } });
