/** Grid team routes (网格团队): community staff manage the members of a grid's team. */
import {
  AddTeamMemberBody, ChangeTeamMemberBody, GridTeamMemberParams, GridTeamParams, GridTeamResponse, GridTeamRemovedResponse, GridTeamMemberResponse,
} from '@linli/shared';
import type { Deps } from '../deps';
import { createdOrReplayed, routeFor } from '../platform/http/route';
import { addTeamMember, changeTeamMember, listGridTeam, removeTeamMember } from './domain/grid-team';

const route = routeFor<Deps>();
/** Only staff of the grid's community manage its team (the domain checks the community). */
const TEAM_MANAGERS = ['community_admin'] as const;

export const gridTeamRoutes = {
  gridTeam: route({
    method: 'GET', path: '/grids/{id}/team', access: TEAM_MANAGERS, summary: '网格团队：负责本网格的成员（网格长在前），含团队角色、所负责网格与专长',
    params: GridTeamParams, response: GridTeamResponse, status: 200,
    run: ({ actor, params, deps }) => listGridTeam(deps, actor, params.id),
  }),
  gridTeamAdd: route({
    method: 'POST', path: '/grids/{id}/team', access: TEAM_MANAGERS,
    summary: '把本社区的人员加入网格团队（可同时负责本社区其他网格：一员多格）；已是成员则增加所负责网格（按人幂等）',
    params: GridTeamParams, body: AddTeamMemberBody, response: GridTeamMemberResponse, status: 201, orStatus: 200,
    run: async ({ actor, params, body, deps, now }) => {
      const { member, created } = await addTeamMember(deps, actor, params.id, body, now);
      return createdOrReplayed(created, { member });
    },
  }),
  gridTeamChange: route({
    method: 'PATCH', path: '/grids/{id}/team/{userId}', access: TEAM_MANAGERS, summary: '修改网格团队成员的团队角色、专长或所负责网格（需带上看到的版本号）',
    params: GridTeamMemberParams, body: ChangeTeamMemberBody, response: GridTeamMemberResponse, status: 200,
    run: async ({ actor, params, body, deps, now }) => ({ member: await changeTeamMember(deps, actor, params.id, params.userId, body, now) }),
  }),
  gridTeamRemove: route({
    method: 'DELETE', path: '/grids/{id}/team/{userId}', access: TEAM_MANAGERS, summary: '把成员移出本网格团队（不再负责任何网格时离开团队）',
    params: GridTeamMemberParams, response: GridTeamRemovedResponse, status: 200,
    run: ({ actor, params, deps, now }) => removeTeamMember(deps, actor, params.id, params.userId, now),
  }),
};
