/**
 * The route table: every HTTP route of the API, its handler module, who may call it and the shared
 * schemas of its input and output. The local API server routes from it, the OpenAPI document is
 * generated from it, and a test checks serverless.yml against it.
 */
import type { z } from 'zod';
import {
  BboxQuery,
  CheckInResponse,
  CloseReportBody,
  CommunityReportsQuery,
  CreateReportBody,
  CreateStationBody,
  HealthResponse,
  LoginRequest,
  LoginResponse,
  MeResponse,
  MyGridResponse,
  NearbyQuery,
  NearbyResponse,
  PatchStationBody,
  ReportListQuery,
  ReportListResponse,
  ReportParams,
  ReportResponse,
  type Role,
  StationIdParams,
  StationListResponse,
  StationResponse,
} from '@linli/shared';

/** `public`: anyone; `user`: any signed-in user; a role list: signed-in users holding one of them. */
export type Access = 'public' | 'user' | readonly Role[];

export interface RouteDef {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  /** Module under functions/src/handlers exporting `handler`. */
  handler: string;
  access: Access;
  summary: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType | null;
  status: number;
}

const ADMINS = ['community_admin', 'street_admin'] as const satisfies readonly Role[];
const STATION_MANAGERS = ['station_keeper', ...ADMINS] as const satisfies readonly Role[];

export const routes = {
  health: {
    method: 'GET',
    path: '/health',
    handler: 'health',
    access: 'public',
    summary: '服务健康检查',
    response: HealthResponse,
    status: 200,
  },
  openapi: {
    method: 'GET',
    path: '/openapi.json',
    handler: 'openapi',
    access: 'public',
    summary: 'OpenAPI 3.1 接口文档',
    response: null,
    status: 200,
  },
  login: {
    method: 'POST',
    path: '/auth/wechat',
    handler: 'auth-wechat',
    access: 'public',
    summary: '微信登录（code2Session），返回会话令牌',
    body: LoginRequest,
    response: LoginResponse,
    status: 200,
  },
  me: {
    method: 'GET',
    path: '/me',
    handler: 'me',
    access: 'user',
    summary: '当前用户',
    response: MeResponse,
    status: 200,
  },
  myGrid: {
    method: 'GET',
    path: '/me/grid',
    handler: 'me-grid',
    access: 'user',
    summary: '我的网格（公示网格信息）',
    response: MyGridResponse,
    status: 200,
  },
  stationsNearby: {
    method: 'GET',
    path: '/stations/nearby',
    handler: 'stations-nearby',
    access: 'user',
    summary: '附近的驿站（按距离排序，GCJ-02）',
    query: NearbyQuery,
    response: NearbyResponse,
    status: 200,
  },
  stationsInBbox: {
    method: 'GET',
    path: '/stations',
    handler: 'stations-bbox',
    access: 'user',
    summary: '地图范围内的驿站',
    query: BboxQuery,
    response: StationListResponse,
    status: 200,
  },
  stationGet: {
    method: 'GET',
    path: '/stations/{id}',
    handler: 'station-get',
    access: 'user',
    summary: '驿站详情',
    params: StationIdParams,
    response: StationResponse,
    status: 200,
  },
  stationCreate: {
    method: 'POST',
    path: '/stations',
    handler: 'station-create',
    access: ADMINS,
    summary: '登记驿站',
    body: CreateStationBody,
    response: StationResponse,
    status: 201,
  },
  stationPatch: {
    method: 'PATCH',
    path: '/stations/{id}',
    handler: 'station-patch',
    access: STATION_MANAGERS,
    summary: '修改驿站（站长：临时闭站、设施故障、确认信息）',
    params: StationIdParams,
    body: PatchStationBody,
    response: StationResponse,
    status: 200,
  },
  reportCreate: {
    method: 'POST',
    path: '/stations/{id}/reports',
    handler: 'report-create',
    access: 'user',
    summary: '反馈驿站问题',
    params: StationIdParams,
    body: CreateReportBody,
    response: ReportResponse,
    status: 201,
  },
  reportsOfStation: {
    method: 'GET',
    path: '/stations/{id}/reports',
    handler: 'reports-of-station',
    access: STATION_MANAGERS,
    summary: '驿站的问题反馈',
    params: StationIdParams,
    query: ReportListQuery,
    response: ReportListResponse,
    status: 200,
  },
  reportClose: {
    method: 'PATCH',
    path: '/stations/{id}/reports/{reportId}',
    handler: 'report-close',
    access: STATION_MANAGERS,
    summary: '处理完毕，关闭问题反馈',
    params: ReportParams,
    body: CloseReportBody,
    response: ReportResponse,
    status: 200,
  },
  reportsOfCommunity: {
    method: 'GET',
    path: '/station-reports',
    handler: 'reports-of-community',
    access: ADMINS,
    summary: '社区内所有驿站未处理的问题反馈',
    query: CommunityReportsQuery,
    response: ReportListResponse,
    status: 200,
  },
  checkIn: {
    method: 'POST',
    path: '/stations/{id}/check-ins',
    handler: 'check-in',
    access: ['rider', 'volunteer'],
    summary: '骑手到站签到',
    params: StationIdParams,
    response: CheckInResponse,
    status: 201,
  },
} as const satisfies Record<string, RouteDef>;

export type RouteName = keyof typeof routes;
export const routeList: readonly (RouteDef & { name: string })[] = Object.entries(routes).map(([name, r]) => ({
  name,
  ...(r as RouteDef),
}));
