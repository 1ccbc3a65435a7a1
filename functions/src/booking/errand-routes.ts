/** Errand routes (代办帮办 / 上门办) of the booking slice, each declared once. */
import { CreateErrandBody, ErrandListResponse, ErrandParams, ErrandQueueQuery, ErrandResponse, ErrandStepBody, GridParams, IdempotencyKeyHeader, type Role, CentreParams } from '@linli/shared';
import type { Deps } from '../deps';
import { parseHeader } from '../platform/http/define-handler';
import { createdOrReplayed, routeFor } from '../platform/http/route';
import { centreErrands, errandStep, getErrand, gridErrands, myErrands, requestErrand } from './domain/errands';

const route = routeFor<Deps>();
const CENTRE_STAFF = ['service_staff', 'community_admin', 'street_admin'] as const satisfies readonly Role[];

export const errandRoutes = {
  errandCreate: route({
    method: 'POST', path: '/errands', access: 'user', summary: '申请代办或上门办理（需 Idempotency-Key）：工作人员或网格员受理、收材料、办理、送回结果',
    body: CreateErrandBody, response: ErrandResponse, status: 201, orStatus: 200, idempotencyKey: true,
    run: async ({ actor, body, deps, now, event }) => {
      const key = parseHeader(event, 'Idempotency-Key', IdempotencyKeyHeader);
      const { errand, created } = await requestErrand(deps, actor, body, key, now);
      return createdOrReplayed(created, { errand });
    },
  }),
  errandsMine: route({
    method: 'GET', path: '/errands/mine', access: 'user', summary: '我的代办（新的在前）', response: ErrandListResponse, status: 200,
    run: async ({ actor, deps }) => ({ items: await myErrands(deps, actor) }),
  }),
  errandGet: route({
    method: 'GET', path: '/errands/{id}', access: 'user', summary: '代办详情与办理过程（本人、申请人、服务中心、网格员）', params: ErrandParams, response: ErrandResponse, status: 200,
    run: async ({ actor, params, deps }) => ({ errand: await getErrand(deps, actor, params.id) }),
  }),
  errandStep: route({
    method: 'POST', path: '/errands/{id}/steps', access: 'user', summary: '代办的下一步：受理、收取材料、办理完成、送回结果，或取消（按版本号）',
    params: ErrandParams, body: ErrandStepBody, response: ErrandResponse, status: 200,
    run: async ({ actor, params, body, deps, now }) => ({ errand: await errandStep(deps, actor, params.id, body, now) }),
  }),
  centreErrands: route({
    method: 'GET', path: '/centres/{id}/errands', access: CENTRE_STAFF, summary: '服务中心的代办（默认未办结的）',
    params: CentreParams, query: ErrandQueueQuery, response: ErrandListResponse, status: 200,
    run: async ({ actor, params, query, deps }) => ({ items: await centreErrands(deps, actor, params.id, query.status) }),
  }),
  gridErrands: route({
    method: 'GET', path: '/grids/{id}/errands', access: ['grid_worker', 'parttime_grid_worker'], summary: '本网格居民未办结的代办',
    params: GridParams, response: ErrandListResponse, status: 200,
    run: async ({ actor, params, deps }) => ({ items: await gridErrands(deps, actor, params.id) }),
  }),
};
