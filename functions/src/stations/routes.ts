/** The rider-station (暖新驿站) routes, each declared once. */
import {
  BboxQuery, IdempotencyKeyHeader, CheckInResponse, CloseReportBody, CommunityReportsQuery, CreateReportBody, CreateStationBody, NearbyQuery, NearbyResponse,
  PatchStationBody, ReportListQuery, ReportListResponse, ReportParams, ReportResponse, type Role, StationIdParams, StationListResponse, StationResponse,
} from '@linli/shared';
import type { Deps } from '../deps';
import { parseHeader } from '../platform/http/define-handler';
import { createdOrReplayed, routeFor } from '../platform/http/route';
import { checkIn } from './domain/check-in';
import { findNearbyStations, findStationsInBbox } from './domain/find-stations';
import { createStation, getStation, patchStation } from './domain/manage-stations';
import { closeReport, listCommunityReports, listStationReports, reportProblem } from './domain/reports';

const route = routeFor<Deps>();
const ADMINS = ['community_admin', 'street_admin'] as const satisfies readonly Role[];
const STATION_MANAGERS = ['station_keeper', ...ADMINS] as const satisfies readonly Role[];

export const stationRoutes = {
  stationsNearby: route({
    method: 'GET', path: '/stations/nearby', access: 'user', summary: '附近的驿站（按距离排序，GCJ-02）', query: NearbyQuery, response: NearbyResponse, status: 200,
    run: async ({ query, deps, now }) => {
      const { items, center } = await findNearbyStations(deps, query, now);
      return { items, center };
    },
  }),
  stationsInBbox: route({
    method: 'GET', path: '/stations', access: 'user', summary: '地图范围内的驿站', query: BboxQuery, response: StationListResponse, status: 200,
    run: async ({ query, deps, now }) => ({ items: (await findStationsInBbox(deps, query, now)).items }),
  }),
  stationGet: route({
    method: 'GET', path: '/stations/{id}', access: 'user', summary: '驿站详情', params: StationIdParams, response: StationResponse, status: 200,
    run: async ({ params, deps, now }) => ({ station: await getStation(deps, params.id, now) }),
  }),
  stationCreate: route({
    method: 'POST', path: '/stations', access: ADMINS, summary: '登记驿站', body: CreateStationBody, response: StationResponse, status: 201,
    run: async ({ actor, body, deps, now }) => ({ station: await createStation(deps, actor, body, now) }),
  }),
  stationPatch: route({
    method: 'PATCH', path: '/stations/{id}', access: STATION_MANAGERS, summary: '修改驿站（站长：临时闭站、设施故障、确认信息）',
    params: StationIdParams, body: PatchStationBody, response: StationResponse, status: 200,
    run: async ({ actor, params, body, deps, now }) => ({ station: await patchStation(deps, actor, params.id, body, now) }),
  }),
  reportCreate: route({
    method: 'POST', path: '/stations/{id}/reports', access: 'user', summary: '反馈驿站问题（需 Idempotency-Key 请求头；重复提交返回同一条反馈）',
    params: StationIdParams, body: CreateReportBody, response: ReportResponse, status: 201, orStatus: 200, idempotencyKey: true,
    run: async ({ actor, params, body, deps, now, event }) => {
      const key = parseHeader(event, 'Idempotency-Key', IdempotencyKeyHeader);
      const { report, created } = await reportProblem(deps, actor, params.id, body, key, now);
      return createdOrReplayed(created, { report });
    },
  }),
  reportsOfStation: route({
    method: 'GET', path: '/stations/{id}/reports', access: STATION_MANAGERS, summary: '驿站的问题反馈',
    params: StationIdParams, query: ReportListQuery, response: ReportListResponse, status: 200,
    run: async ({ actor, params, query, deps }) => ({ items: await listStationReports(deps, actor, params.id, query.status) }),
  }),
  reportClose: route({
    method: 'PATCH', path: '/stations/{id}/reports/{reportId}', access: STATION_MANAGERS, summary: '处理完毕，关闭问题反馈',
    params: ReportParams, body: CloseReportBody, response: ReportResponse, status: 200,
    run: async ({ actor, params, body, deps, now }) => ({ report: await closeReport(deps, actor, params.id, params.reportId, body, now) }),
  }),
  reportsOfCommunity: route({
    method: 'GET', path: '/station-reports', access: ADMINS, summary: '社区内所有驿站未处理的问题反馈', query: CommunityReportsQuery, response: ReportListResponse, status: 200,
    run: async ({ actor, query, deps }) => {
      const communityStreet = async (id: string) => (await deps.places.getCommunity(id))?.streetId ?? null;
      return { items: await listCommunityReports({ ...deps, communityStreet }, actor, query.communityId) };
    },
  }),
  checkIn: route({
    method: 'POST', path: '/stations/{id}/check-ins', access: ['rider', 'volunteer'], summary: '骑手到站签到', params: StationIdParams, response: CheckInResponse, status: 201,
    run: ({ actor, params, deps, now }) => checkIn(deps, actor, params.id, now),
  }),
};
