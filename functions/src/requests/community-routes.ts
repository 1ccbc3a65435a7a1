/** What a community publishes beside its categories: duty lists (read by its people) and staff-alert robots (its admins). */
import {
  CategoryAdmissionBody, CategoryAdmissionParams, CategoryResponse, CommunityIdParams, DutyListsBody, DutyListsResponse, StaffAlertsBody, StaffAlertsResponse,
} from '@linli/shared';
import type { Deps } from '../deps';
import { routeFor } from '../platform/http/route';
import { getDutyLists, getStaffAlerts, putDutyLists, putStaffAlerts, setGridAdmission } from './domain/community-lists';

const route = routeFor<Deps>();

export const communityListRoutes = {
  dutyListsGet: route({
    method: 'GET', path: '/communities/{id}/duty-lists', access: 'user',
    summary: '社区职责清单：履职事项、协助事项、不属于社区办理的事项及办理去处（本社区居民和工作人员、所属街道可看）',
    params: CommunityIdParams, response: DutyListsResponse, status: 200,
    run: async ({ actor, params, deps }) => ({ lists: await getDutyLists(deps, actor, params.id) }),
  }),
  dutyListsPut: route({
    method: 'PUT', path: '/communities/{id}/duty-lists', access: ['community_admin', 'street_admin'],
    summary: '发布社区职责清单（整份替换；version 为读取时的版本，他人先改则 409）',
    params: CommunityIdParams, body: DutyListsBody, response: DutyListsResponse, status: 200,
    run: async ({ actor, params, body, deps, now }) => ({ lists: await putDutyLists(deps, actor, params.id, body, now) }),
  }),
  staffAlertsGet: route({
    method: 'GET', path: '/communities/{id}/staff-alerts', access: ['community_admin'],
    summary: '工作群提醒设置：社区和各网格的企业微信群机器人（仅本社区管理员）',
    params: CommunityIdParams, response: StaffAlertsResponse, status: 200,
    run: async ({ actor, params, deps }) => ({ alerts: await getStaffAlerts(deps, actor, params.id) }),
  }),
  staffAlertsPut: route({
    method: 'PUT', path: '/communities/{id}/staff-alerts', access: ['community_admin'],
    summary: '设置工作群提醒：新事项、超时和上报事项发到网格的群机器人，未设置的发到社区的（version 为读取时的版本）',
    params: CommunityIdParams, body: StaffAlertsBody, response: StaffAlertsResponse, status: 200,
    run: async ({ actor, params, body, deps, now }) => ({ alerts: await putStaffAlerts(deps, actor, params.id, body, now) }),
  }),
  categoryAdmission: route({
    method: 'PUT', path: '/communities/{id}/categories/{categoryId}/grid-admission', access: ['street_admin'],
    summary: '调整网格准入事项清单：该类事项是否可下沉网格（准入网格），否则由社区受理（街道管理员）',
    params: CategoryAdmissionParams, body: CategoryAdmissionBody, response: CategoryResponse, status: 200,
    run: async ({ actor, params, body, deps }) => ({ category: await setGridAdmission(deps, actor, params.id, params.categoryId, body.gridAdmitted) }),
  }),
};
