/** The request (接诉即办) routes, each declared once: residents, staff, the 12345 hotline, measures. */
import {
  CategoriesResponse, CommunityReportsQuery, DepartmentsResponse, EvaluationResponse, EvaluationsResponse, GridEvaluationBody, UnitEvaluationBody, FollowBody, HotlineImportBody, HotlineImportResponse, IdempotencyKeyHeader,
  MetricsParams, MetricsQuery, MetricsResponse, StreetMetricsResponse, NearbyRequestsQuery, NearbyRequestsResponse, PageQuery, RatingBody, RequestIdParams, RequestNumberParams,
  RequestListResponse, RequestResponse, ResidentActionBody, type Role, StaffActionBody, StaffQueueQuery, SubmitRequestBody,
} from '@linli/shared';
import type { Deps } from '../deps';
import { parseHeader } from '../platform/http/define-handler';
import { createdOrReplayed, routeFor } from '../platform/http/route';
import { followRequest, rateRequest, residentUpdate, staffAction } from './domain/commands';
import { communityMetrics } from './domain/dashboard';
import { evaluateGrid, evaluateUnit, listEvaluations } from './domain/evaluations';
import { streetMetrics } from './domain/metrics-street';
import { importHotlineTickets } from './domain/hotline';
import { findByNumber, getRequest, listCategories, listDepartments, listMyRequests, nearbyOpenRequests, staffQueue } from './domain/queries';
import { submitRequest } from './domain/submit';
import { open311Routes } from './open311-routes';
import { hotlineRoutes } from './hotline-routes';
import { teamRoutes } from './team-routes';
import { communityListRoutes } from './community-routes';

const route = routeFor<Deps>();
const UNIT_STAFF = ['grid_worker', 'community_admin', 'street_admin', 'department_staff', 'property_staff'] as const satisfies readonly Role[];
/** Unit staff and grid team members (who work the team queue, /team/requests, and handle what they claimed). */
const REQUEST_STAFF = [...UNIT_STAFF, 'team_member'] as const satisfies readonly Role[];

export const requestRoutes = {
  requestCategories: route({
    method: 'GET', path: '/request-categories', access: 'user', summary: '本社区的准入事项清单（分组，含各级办理时限）',
    query: CommunityReportsQuery, response: CategoriesResponse, status: 200,
    run: ({ actor, query, deps }) => listCategories(deps, actor, query.communityId),
  }),
  requestSubmit: route({
    method: 'POST', path: '/requests', access: 'user', metric: 'RequestsFiled', summary: '反映问题（需 Idempotency-Key 请求头；重复提交返回同一事项）',
    body: SubmitRequestBody, response: RequestResponse, status: 201, orStatus: 200, idempotencyKey: true,
    run: async ({ actor, body, deps, now, event }) => {
      const key = parseHeader(event, 'Idempotency-Key', IdempotencyKeyHeader);
      const { request, created } = await submitRequest(deps, actor, body, key, now);
      return createdOrReplayed(created, { request });
    },
  }),
  requestsMine: route({
    method: 'GET', path: '/requests/mine', access: 'user', summary: '我反映的事项（新的在前，分页）', query: PageQuery, response: RequestListResponse, status: 200,
    run: ({ actor, query, deps, now }) => listMyRequests(deps, actor, query, now),
  }),
  requestsNearby: route({
    method: 'GET', path: '/requests/nearby', access: 'user', summary: '附近同类未办结事项（约 100 米内，提示"我也遇到"）',
    query: NearbyRequestsQuery, response: NearbyRequestsResponse, status: 200,
    run: ({ query, deps }) => nearbyOpenRequests(deps, query),
  }),
  requestFollow: route({
    method: 'POST', path: '/requests/{id}/follow', access: 'user', summary: '"我也遇到"：关注同一事项而不重复提交（可订阅进度消息）',
    params: RequestIdParams, body: FollowBody, response: RequestResponse, status: 200,
    run: async ({ actor, params, body, deps, now }) => ({ request: await followRequest(deps, actor, params.id, body.notify, now) }),
  }),
  requestGet: route({
    method: 'GET', path: '/requests/{id}', access: 'user', summary: '事项详情与全程时间线', params: RequestIdParams, response: RequestResponse, status: 200,
    run: async ({ actor, params, deps, now }) => ({ request: await getRequest(deps, actor, params.id, now) }),
  }),
  requestUpdate: route({
    method: 'POST', path: '/requests/{id}/updates', access: 'user', summary: '反映人补充信息或撤回（受理前）',
    params: RequestIdParams, body: ResidentActionBody, response: RequestResponse, status: 200,
    run: async ({ actor, params, body, deps, now }) => ({ request: await residentUpdate(deps, actor, params.id, body, now) }),
  }),
  requestRating: route({
    method: 'POST', path: '/requests/{id}/rating', access: 'user', summary: '评价办理结果：是否解决、是否满意和 1–5 星（不满意则重新办理；只有星级时 1–2 星视为不满意）',
    params: RequestIdParams, body: RatingBody, response: RequestResponse, status: 200,
    run: async ({ actor, params, body, deps, now }) => ({ request: await rateRequest(deps, actor, params.id, body, now) }),
  }),
  staffQueue: route({
    method: 'GET', path: '/staff/requests', access: UNIT_STAFF, summary: '我的待办队列（网格员：本网格；社区：本社区；街道：本街道；部门：本部门在本街道的事项），临期优先',
    query: StaffQueueQuery, response: RequestListResponse, status: 200,
    run: ({ actor, query, deps, now }) => staffQueue(deps, actor, query, now),
  }),
  requestByNumber: route({
    method: 'GET', path: '/staff/requests/by-number/{number}', access: REQUEST_STAFF, summary: '按受理编号查找事项（居民电话报出的编号；仅能查看本单位可见的事项）',
    params: RequestNumberParams, response: RequestResponse, status: 200,
    run: async ({ actor, params, deps, now }) => ({ request: await findByNumber(deps, actor, params.number, now) }),
  }),
  requestAction: route({
    method: 'POST', path: '/requests/{id}/actions', access: REQUEST_STAFF,
    summary: '工作人员办理操作：受理、进展、办结、上报、退单、转网格、分派、派单（吹哨报到）、报到、合并重复、回访',
    params: RequestIdParams, body: StaffActionBody, response: RequestResponse, status: 200,
    run: async ({ actor, params, body, deps, now }) => ({ request: await staffAction(deps, actor, params.id, body, now) }),
  }),
  hotlineImport: route({
    method: 'POST', path: '/hotline/tickets', access: ['community_admin', 'street_admin'], metric: 'RequestsFiled', serviceKey: 'hotline',
    summary: '导入 12345 热线工单（网格+热线；同一工单编号只生成一件事项）', body: HotlineImportBody, response: HotlineImportResponse, status: 200,
    run: ({ actor, body, deps, now }) => importHotlineTickets(deps, actor, body, now),
  }),
  communityMetrics: route({
    method: 'GET', path: '/communities/{id}/metrics', access: ['community_admin', 'street_admin'],
    summary: '社区接诉即办指标：三率、按时率、平均用时、评价、超期、高频事项，并分网格', params: MetricsParams, query: MetricsQuery, response: MetricsResponse, status: 200,
    run: ({ actor, params, query, deps, now }) => communityMetrics(deps, actor, params.id, query, now),
  }),
  streetMetrics: route({
    method: 'GET', path: '/streets/{id}/metrics', access: ['street_admin'],
    summary: '街道接诉即办指标：各社区并列，全街道合计（各社区计数之和）', params: MetricsParams, query: MetricsQuery, response: StreetMetricsResponse, status: 200,
    run: ({ actor, params, query, deps, now }) => streetMetrics(deps, actor, params.id, query, now),
  }),
  requestEvaluations: route({
    method: 'GET', path: '/requests/{id}/evaluations', access: REQUEST_STAFF, summary: '三评：事项的网格评部门（物业）、部门评网格，及本人还可评价的单位',
    params: RequestIdParams, response: EvaluationsResponse, status: 200,
    run: ({ actor, params, deps }) => listEvaluations(deps, actor, params.id),
  }),
  evaluateUnits: route({
    method: 'POST', path: '/requests/{id}/evaluations/units', access: ['grid_worker'],
    summary: '网格评价承办的部门或物业（事项办结后，每个单位每件事项一次；重复提交返回原评价）',
    params: RequestIdParams, body: UnitEvaluationBody, response: EvaluationResponse, status: 201, orStatus: 200,
    run: async ({ actor, params, body, deps, now }) => {
      const { created, evaluation } = await evaluateUnit(deps, actor, params.id, body, now);
      return createdOrReplayed(created, { evaluation });
    },
  }),
  evaluateGrid: route({
    method: 'POST', path: '/requests/{id}/evaluations/grid', access: ['department_staff'],
    summary: '被呼叫的部门评价转来事项的网格（每个部门每件事项一次；重复提交返回原评价）',
    params: RequestIdParams, body: GridEvaluationBody, response: EvaluationResponse, status: 201, orStatus: 200,
    run: async ({ actor, params, body, deps, now }) => {
      const { created, evaluation } = await evaluateGrid(deps, actor, params.id, body, now);
      return createdOrReplayed(created, { evaluation });
    },
  }),
  departments: route({
    method: 'GET', path: '/departments', access: REQUEST_STAFF, summary: '可派单的职能部门清单', response: DepartmentsResponse, status: 200,
    run: async ({ deps }) => listDepartments(deps),
  }),
  ...hotlineRoutes,
  ...open311Routes,
  ...teamRoutes,
  ...communityListRoutes,
};
