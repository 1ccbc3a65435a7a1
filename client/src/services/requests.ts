import type { z } from 'zod';
import {
  CategoriesResponse,
  CommunitiesResponse,
  DepartmentsResponse,
  EvaluationResponse,
  EvaluationsResponse,
  GridEvaluationBody,
  CategoryResponse,
  DutyListsResponse,
  NearbyRequestsResponse,
  type NoticeKind,
  RatingBody,
  RequestListResponse,
  RequestResponse,
  ResidentActionBody,
  StaffActionBody,
  StaffAlertsBody,
  StaffAlertsResponse,
  SubmitRequestBody,
  UnitEvaluationBody,
} from '@linli/shared';

/** Request bodies as the client writes them (defaults may be left out). */
type In<S extends z.ZodType> = z.input<S>;
import { api } from './request';

export const fetchCategories = () => api('GET', '/request-categories', CategoriesResponse);

/** Files a request; `idempotencyKey` is made once per form so a retried submit files it once. */
export const submitRequest = (body: In<typeof SubmitRequestBody>, idempotencyKey: string) =>
  api('POST', '/requests', RequestResponse, { body, headers: { 'idempotency-key': idempotencyKey } });

export const fetchMyRequests = (cursor?: string) => api('GET', '/requests/mine', RequestListResponse, { query: { cursor, limit: 20 } });
export const fetchStaffQueue = (cursor?: string, level?: 'department') =>
  api('GET', '/staff/requests', RequestListResponse, { query: { cursor, limit: 20, level } });
export const fetchRequest = (id: string) => api('GET', `/requests/${encodeURIComponent(id)}`, RequestResponse);
/** Staff: the item a resident quotes by its request number (受理编号). */
export const fetchRequestByNumber = (number: string) => api('GET', `/staff/requests/by-number/${encodeURIComponent(number)}`, RequestResponse);
export const staffAction = (id: string, body: In<typeof StaffActionBody>) =>
  api('POST', `/requests/${encodeURIComponent(id)}/actions`, RequestResponse, { body });
export const residentUpdate = (id: string, body: In<typeof ResidentActionBody>) =>
  api('POST', `/requests/${encodeURIComponent(id)}/updates`, RequestResponse, { body });
export const rateRequest = (id: string, body: In<typeof RatingBody>) =>
  api('POST', `/requests/${encodeURIComponent(id)}/rating`, RequestResponse, { body });

/** 三评 on an item: what was given, and what the caller may still give. */
export const fetchEvaluations = (id: string) => api('GET', `/requests/${encodeURIComponent(id)}/evaluations`, EvaluationsResponse);
export const evaluateUnit = (id: string, body: In<typeof UnitEvaluationBody>) =>
  api('POST', `/requests/${encodeURIComponent(id)}/evaluations/units`, EvaluationResponse, { body });
export const evaluateGrid = (id: string, body: In<typeof GridEvaluationBody>) =>
  api('POST', `/requests/${encodeURIComponent(id)}/evaluations/grid`, EvaluationResponse, { body });

export const fetchNearbyRequests = (p: { lat: number; lng: number; datum: 'gcj02' | 'wgs84'; categoryId: string }) =>
  api('GET', '/requests/nearby', NearbyRequestsResponse, { query: p });
export const followRequest = (id: string, notify: NoticeKind[] = []) =>
  api('POST', `/requests/${encodeURIComponent(id)}/follow`, RequestResponse, { body: { notify } });

export const fetchCommunities = () => api('GET', '/communities', CommunitiesResponse);
export const fetchDepartments = () => api('GET', '/departments', DepartmentsResponse);

/** A community's duty lists (履职事项, 协助事项, 不属于社区办理 with where to go). */
export const fetchDutyLists = (communityId: string) => api('GET', `/communities/${encodeURIComponent(communityId)}/duty-lists`, DutyListsResponse);

/** A community's categories with their flags (准入事项清单), for its admins and its street's. */
export const fetchCategoriesOf = (communityId: string) => api('GET', '/request-categories', CategoriesResponse, { query: { communityId } });
/** The street admin puts a category on or off the grid admission list (准入网格). */
export const setGridAdmission = (communityId: string, categoryId: string, gridAdmitted: boolean) =>
  api('PUT', `/communities/${encodeURIComponent(communityId)}/categories/${encodeURIComponent(categoryId)}/grid-admission`, CategoryResponse, { body: { gridAdmitted } });

/** Where a community's staff are alerted (企业微信群机器人), for its admins. */
export const fetchStaffAlerts = (communityId: string) => api('GET', `/communities/${encodeURIComponent(communityId)}/staff-alerts`, StaffAlertsResponse);
export const saveStaffAlerts = (communityId: string, body: In<typeof StaffAlertsBody>) =>
  api('PUT', `/communities/${encodeURIComponent(communityId)}/staff-alerts`, StaffAlertsResponse, { body });
