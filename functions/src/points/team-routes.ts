/** Volunteer team (志愿服务队) routes, each declared once (part of the points slice). */
import { CreateTeamBody, IdempotencyKeyHeader, TeamListQuery, TeamListResponse, TeamMemberParams, TeamMembersResponse, TeamParams, TeamResponse, type Role } from '@linli/shared';
import type { Deps } from '../deps';
import { parseHeader } from '../platform/http/define-handler';
import { createdOrReplayed, routeFor } from '../platform/http/route';
import { createTeam, getTeam, joinTeam, leaveTeam, listTeams, teamMembers } from './domain/teams';

const route = routeFor<Deps>();
const POINTS_ADMINS = ['community_admin', 'street_admin'] as const satisfies readonly Role[];

export const teamRoutes = {
  teamCreate: route({
    method: 'POST', path: '/teams', access: POINTS_ADMINS, summary: '成立志愿服务队并指定队长（需 Idempotency-Key）', body: CreateTeamBody, response: TeamResponse, status: 201, orStatus: 200, idempotencyKey: true,
    run: async ({ actor, body, deps, now, event }) => {
      const { team, created } = await createTeam(deps, actor, body, parseHeader(event, 'Idempotency-Key', IdempotencyKeyHeader), now);
      return createdOrReplayed(created, { team });
    },
  }),
  teamsList: route({
    method: 'GET', path: '/teams', access: 'user', summary: '本社区的志愿服务队', query: TeamListQuery, response: TeamListResponse, status: 200,
    run: async ({ actor, query, deps }) => ({ items: await listTeams(deps, actor, query.communityId) }),
  }),
  teamGet: route({
    method: 'GET', path: '/teams/{id}', access: 'user', summary: '一支志愿服务队（队名、队长、人数；我是否在队中）', params: TeamParams, response: TeamResponse, status: 200,
    run: async ({ actor, params, deps }) => ({ team: await getTeam(deps, actor, params.id) }),
  }),
  teamJoin: route({
    method: 'POST', path: '/teams/{id}/membership', access: 'user', summary: '加入志愿服务队（本社区居民）', params: TeamParams, response: TeamResponse, status: 200,
    run: async ({ actor, params, deps, now }) => ({ team: await joinTeam(deps, actor, params.id, now) }),
  }),
  teamMembers: route({
    method: 'GET', path: '/teams/{id}/members', access: 'user', summary: '队员名单（队员、队长、社区）', params: TeamParams, response: TeamMembersResponse, status: 200,
    run: async ({ actor, params, deps }) => ({ items: await teamMembers(deps, actor, params.id) }),
  }),
  teamLeave: route({
    method: 'POST', path: '/teams/{id}/members/{userId}/removal', access: 'user', summary: '退出志愿服务队，或队长移出队员', params: TeamMemberParams, response: TeamResponse, status: 200,
    run: async ({ actor, params, deps }) => ({ team: await leaveTeam(deps, actor, params.id, params.userId) }),
  }),
};
