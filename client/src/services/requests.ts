import type { z } from 'zod';
import type {
  CategoriesResponse,
  CommunitiesResponse,
  DepartmentsResponse,
  EvaluationResponse,
  EvaluationsResponse,
  GridEvaluationBody,
  CategoryResponse,
  DutyListsResponse,
  NearbyRequestsResponse,
  NoticeKind,
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
import { api, type Out } from './request';

export const fetchCategories = () => api<Out<typeof CategoriesResponse>>('GET', '/request-categories');

/** Files a request; `idempotencyKey` is made once per form so a retried submit files it once. */
export const submitRequest = (body: In<typeof SubmitRequestBody>, idempotencyKey: string) =>
  api<Out<typeof RequestResponse>>('POST', '/requests', { body, headers: { 'idempotency-key': idempotencyKey } });

export const fetchMyRequests = (cursor?: string) => api<Out<typeof RequestListResponse>>('GET', '/requests/mine', { query: { cursor, limit: 20 } });
export const fetchStaffQueue = (cursor?: string, level?: 'department') =>
  api<Out<typeof RequestListResponse>>('GET', '/staff/requests', { query: { cursor, limit: 20, level } });
export const fetchRequest = (id: string) => api<Out<typeof RequestResponse>>('GET', `/requests/${encodeURIComponent(id)}`);
/** Staff: the item a resident quotes by its request number (受理编号). */
export const fetchRequestByNumber = (number: string) => api<Out<typeof RequestResponse>>('GET', `/staff/requests/by-number/${encodeURIComponent(number)}`);
export const staffAction = (id: string, body: In<typeof StaffActionBody>) =>
  api<Out<typeof RequestResponse>>('POST', `/requests/${encodeURIComponent(id)}/actions`, { body });
export const residentUpdate = (id: string, body: In<typeof ResidentActionBody>) =>
  api<Out<typeof RequestResponse>>('POST', `/requests/${encodeURIComponent(id)}/updates`, { body });
export const rateRequest = (id: string, body: In<typeof RatingBody>) =>
  api<Out<typeof RequestResponse>>('POST', `/requests/${encodeURIComponent(id)}/rating`, { body });

/** 三评 on an item: what was given, and what the caller may still give. */
export const fetchEvaluations = (id: string) => api<Out<typeof EvaluationsResponse>>('GET', `/requests/${encodeURIComponent(id)}/evaluations`);
export const evaluateUnit = (id: string, body: In<typeof UnitEvaluationBody>) =>
  api<Out<typeof EvaluationResponse>>('POST', `/requests/${encodeURIComponent(id)}/evaluations/units`, { body });
export const evaluateGrid = (id: string, body: In<typeof GridEvaluationBody>) =>
  api<Out<typeof EvaluationResponse>>('POST', `/requests/${encodeURIComponent(id)}/evaluations/grid`, { body });

export const fetchNearbyRequests = (p: { lat: number; lng: number; datum: 'gcj02' | 'wgs84'; categoryId: string }) =>
  api<Out<typeof NearbyRequestsResponse>>('GET', '/requests/nearby', { query: p });
export const followRequest = (id: string, notify: NoticeKind[] = []) =>
  api<Out<typeof RequestResponse>>('POST', `/requests/${encodeURIComponent(id)}/follow`, { body: { notify } });

export const fetchCommunities = () => api<Out<typeof CommunitiesResponse>>('GET', '/communities');
export const fetchDepartments = () => api<Out<typeof DepartmentsResponse>>('GET', '/departments');

/** A community's duty lists (履职事项, 协助事项, 不属于社区办理 with where to go). */
export const fetchDutyLists = (communityId: string) => api<Out<typeof DutyListsResponse>>('GET', `/communities/${encodeURIComponent(communityId)}/duty-lists`);

/** A community's categories with their flags (准入事项清单), for its admins and its street's. */
export const fetchCategoriesOf = (communityId: string) => api<Out<typeof CategoriesResponse>>('GET', '/request-categories', { query: { communityId } });
/** The street admin puts a category on or off the grid admission list (准入网格). */
export const setGridAdmission = (communityId: string, categoryId: string, gridAdmitted: boolean) =>
  api<Out<typeof CategoryResponse>>('PUT', `/communities/${encodeURIComponent(communityId)}/categories/${encodeURIComponent(categoryId)}/grid-admission`, { body: { gridAdmitted } });

/** Where a community's staff are alerted (企业微信群机器人), for its admins. */
export const fetchStaffAlerts = (communityId: string) => api<Out<typeof StaffAlertsResponse>>('GET', `/communities/${encodeURIComponent(communityId)}/staff-alerts`);
export const saveStaffAlerts = (communityId: string, body: In<typeof StaffAlertsBody>) =>
  api<Out<typeof StaffAlertsResponse>>('PUT', `/communities/${encodeURIComponent(communityId)}/staff-alerts`, { body });
