/** 共建单位 routes, each declared once (part of the points slice). */
import { CommunityParams, CreateUnitBody, IdempotencyKeyHeader, ReportInBody, UnitListQuery, UnitListResponse, UnitParams, UnitReportQuery, UnitReportResponse, UnitResponse, type Role } from '@linli/shared';
import type { Deps } from '../deps';
import { parseHeader } from '../platform/http/define-handler';
import { createdOrReplayed, routeFor } from '../platform/http/route';
import { createUnit, listUnits, reportIn, unitReport } from './domain/units';

const route = routeFor<Deps>();
const POINTS_ADMINS = ['community_admin', 'street_admin'] as const satisfies readonly Role[];

export const unitRoutes = {
  unitCreate: route({
    method: 'POST', path: '/units', access: POINTS_ADMINS, summary: '登记共建单位，得到成员报到码（需 Idempotency-Key）', body: CreateUnitBody, response: UnitResponse, status: 201, orStatus: 200, idempotencyKey: true,
    run: async ({ actor, body, deps, now, event }) => {
      const { unit, created } = await createUnit(deps, actor, body, parseHeader(event, 'Idempotency-Key', IdempotencyKeyHeader), now);
      return createdOrReplayed(created, { unit });
    },
  }),
  unitsList: route({
    method: 'GET', path: '/units', access: 'user', summary: '本社区的共建单位（社区工作人员可见报到码）', query: UnitListQuery, response: UnitListResponse, status: 200,
    run: async ({ actor, query, deps }) => ({ items: await listUnits(deps, actor, query.communityId) }),
  }),
  unitReportIn: route({
    method: 'POST', path: '/units/{id}/membership', access: 'user', summary: '在职党员凭报到码到社区报到，成为共建单位成员', params: UnitParams, body: ReportInBody, response: UnitResponse, status: 200,
    run: async ({ actor, params, body, deps, now }) => ({ unit: await reportIn(deps, actor, params.id, body.code, now) }),
  }),
  unitReport: route({
    method: 'GET', path: '/communities/{id}/unit-report', access: POINTS_ADMINS, summary: '各共建单位本季度的服务情况（人数、服务人次、积分、时长）',
    params: CommunityParams, query: UnitReportQuery, response: UnitReportResponse, status: 200,
    run: ({ actor, params, query, deps, now }) => unitReport(deps, actor, params.id, query.quarter, now),
  }),
};
