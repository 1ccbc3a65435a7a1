/** The grid team's queue and claiming (认领), and the property companies' board (红黑榜). */
import { ClaimBody, MetricsParams, PropertyBoardQuery, PropertyBoardResponse, RequestIdParams, RequestResponse, type Role, TeamQueueResponse } from '@linli/shared';
import type { Deps } from '../deps';
import { routeFor } from '../platform/http/route';
import { propertyBoard } from './domain/property-board';
import { claimRequest, teamQueue } from './domain/team';

const route = routeFor<Deps>();
/** Who works a team queue: team members and the grid workers (a worker not yet on a team covers his grid). */
const TEAM = ['team_member', 'grid_worker'] as const satisfies readonly Role[];

export const teamRoutes = {
  teamQueue: route({
    method: 'GET', path: '/team/requests', access: TEAM, summary: '网格团队待办：我负责的各网格的事项（按专长筛选），临期优先，显示是否已被认领',
    response: TeamQueueResponse, status: 200,
    run: ({ actor, deps, now }) => teamQueue(deps, actor, now),
  }),
  requestClaim: route({
    method: 'POST', path: '/requests/{id}/claim', access: TEAM, summary: '认领网格团队待办中的事项（按看到的版本号条件写入：多人同时认领只有一人成功，其余 409）',
    params: RequestIdParams, body: ClaimBody, response: RequestResponse, status: 200,
    run: async ({ actor, params, body, deps, now }) => ({ request: await claimRequest(deps, actor, params.id, body.version, now) }),
  }),
  propertyBoard: route({
    method: 'GET', path: '/communities/{id}/property-board', access: ['community_admin', 'street_admin'],
    summary: '物业红黑榜：服务本社区的各物业公司并列（按时办结率、办结率、满意率），最好与最差标出', params: MetricsParams, query: PropertyBoardQuery,
    response: PropertyBoardResponse, status: 200,
    run: ({ actor, params, query, deps }) => propertyBoard(deps, actor, params.id, query),
  }),
};
