/** Volunteer points (积分兑换 / 时间银行) routes, each declared once. */
import {
  ActivityListQuery, ActivityListResponse, ActivityParams, ActivityResponse, AdminCreditBody, CheckInCodeBody, ConfirmBody, ConfirmResponse, CreateActivityBody,
  AssignNeedBody, ConfirmNeedBody, DoneNeedBody, NeedListQuery, NeedListResponse, NeedParams, NeedResponse, PostNeedBody, TransferBody, TransferResponse,
  ServiceDecisionBody, ServiceReportBody, ServiceReportListResponse, ServiceReportParams, ServiceReportQuery, ServiceReportResponse,
  CommunityParams, ServiceRecordQuery, ServiceRecordResponse,
  BoardPreferenceBody, CodeParams, CreateSiteBody, EntryParams, LeaderboardQuery, LeaderboardResponse, EntryResponse, IdempotencyKeyHeader, LedgerQuery, LedgerResponse, RedeemBody, RedemptionListResponse, RedemptionParams,
  RedemptionResponse, ReversalBody, RewardBody, RewardParams, RewardResponse, type Role, SignupListResponse, SiteListResponse, SiteParams, SiteResponse, VerifyCodeBody,
} from '@linli/shared';
import * as z from 'zod';
import type { Deps } from '../deps';
import { parseHeader } from '../platform/http/define-handler';
import { createdOrReplayed, routeFor } from '../platform/http/route';
import { adminCredit, myLedger, reverseEntry } from './domain/accounts';
import { cancelActivity, checkInWithCode, confirmAttendance, createActivity, getActivity, listActivities, listSignups, signUp, withdraw } from './domain/activities';
import { cancelRedemption, getRedemption, lookUpCode, myRedemptions, redeem, verifyCode } from './domain/redeem';
import { addReward, createSite, editReward, getSite, listSites } from './domain/sites';
import { cancelNeed, confirmNeed, getNeed, listNeeds, needDone, postNeed, takeNeed } from './domain/needs';
import { giveHours } from './domain/transfers';
import { teamRoutes } from './team-routes';
import { unitRoutes } from './unit-routes';
import { leaderboard, setBoardPreference } from './domain/leaderboard';
import { serviceRecord } from './domain/service-record';
import { decideServiceReport, listServiceReports, reportService } from './domain/service-reports';

const route = routeFor<Deps>();
/** Who runs a community's points (the domain narrows it to their own community or street). */
const POINTS_ADMINS = ['community_admin', 'street_admin'] as const satisfies readonly Role[];
const SITE_STAFF = ['redemption_staff', ...POINTS_ADMINS] as const satisfies readonly Role[];

export const pointsRoutes = {
  pointsMine: route({
    method: 'GET', path: '/points/me', access: 'user', summary: '我的积分：可用、待确认、即将过期、服务时长，以及积分明细（新的在前，分页）',
    query: LedgerQuery, response: LedgerResponse, status: 200,
    run: ({ actor, query, deps, now }) => myLedger(deps, actor, query, now),
  }),
  pointsCredit: route({
    method: 'POST', path: '/points/credits', access: POINTS_ADMINS, summary: '工作人员为本社区居民补记积分（需 Idempotency-Key；标记为人工补记）',
    body: AdminCreditBody, response: EntryResponse, status: 201, orStatus: 200, idempotencyKey: true,
    run: async ({ actor, body, deps, now, event }) => {
      const key = parseHeader(event, 'Idempotency-Key', IdempotencyKeyHeader);
      const { created, ...out } = await adminCredit(deps, actor, body, key, now);
      return createdOrReplayed(created, out);
    },
  }),
  pointsReverse: route({
    method: 'POST', path: '/points/accounts/{userId}/entries/{entryId}/reversal', access: POINTS_ADMINS, summary: '冲正一笔错误的积分（写明原因；原记录保留）',
    params: EntryParams, body: ReversalBody, response: EntryResponse, status: 200,
    run: ({ actor, params, body, deps, now }) => reverseEntry(deps, actor, params.userId, params.entryId, body.reason, now),
  }),
  leaderboard: route({
    method: 'GET', path: '/points/leaderboard', access: 'user', summary: '社区季度志愿服务积分榜（按本季度服务所得积分；可隐藏姓名）',
    query: LeaderboardQuery, response: LeaderboardResponse, status: 200,
    run: ({ actor, query, deps, now }) => leaderboard(deps, actor, query, now),
  }),
  boardPreference: route({
    method: 'PUT', path: '/points/me/board-preference', access: 'user', summary: '在积分榜上隐藏或显示我的姓名',
    body: BoardPreferenceBody, response: z.object({ hidden: z.boolean() }), status: 200,
    run: ({ actor, body, deps }) => setBoardPreference(deps, actor, body.hideName),
  }),
  serviceReport: route({
    method: 'POST', path: '/points/service-reports', access: 'user', summary: '报告志愿服务（文明劝导、驿站值守、好人好事），社区审核后记积分（需 Idempotency-Key）',
    body: ServiceReportBody, response: ServiceReportResponse, status: 201, orStatus: 200, idempotencyKey: true,
    run: async ({ actor, body, deps, now, event }) => {
      const { report, created } = await reportService(deps, actor, body, parseHeader(event, 'Idempotency-Key', IdempotencyKeyHeader), now);
      return createdOrReplayed(created, { report });
    },
  }),
  serviceReports: route({
    method: 'GET', path: '/points/service-reports', access: 'user', summary: 'mine 我报告的；review 本社区待审核的（社区工作人员）',
    query: ServiceReportQuery, response: ServiceReportListResponse, status: 200,
    run: async ({ actor, query, deps }) => ({ items: await listServiceReports(deps, actor, query.scope) }),
  }),
  serviceDecision: route({
    method: 'POST', path: '/points/service-reports/{id}/decision', access: POINTS_ADMINS, summary: '审核志愿服务报告：通过即记积分（只记一次），不通过写明原因',
    params: ServiceReportParams, body: ServiceDecisionBody, response: ServiceReportResponse, status: 200,
    run: async ({ actor, params, body, deps, now }) => ({ report: await decideServiceReport(deps, actor, params.id, body, now) }),
  }),
  serviceRecord: route({
    method: 'GET', path: '/communities/{id}/service-record', access: POINTS_ADMINS,
    summary: '导出社区志愿服务记录（表格与 CSV，供登记的志愿服务组织核对；不是志愿服务记录证明）',
    params: CommunityParams, query: ServiceRecordQuery, response: ServiceRecordResponse, status: 200,
    run: ({ actor, params, query, deps }) => serviceRecord(deps, actor, params.id, query),
  }),
  sitesList: route({
    method: 'GET', path: '/redemption-sites', access: 'user', summary: '为我服务的积分兑换点及其兑换物品（本社区在前）', response: SiteListResponse, status: 200,
    run: async ({ actor, deps }) => ({ items: await listSites(deps, actor), noticeTemplates: { expiring: deps.config.WECHAT_TEMPLATE_POINTS_EXPIRING } }),
  }),
  siteCreate: route({
    method: 'POST', path: '/redemption-sites', access: POINTS_ADMINS, summary: '设立积分兑换点（需 Idempotency-Key）', body: CreateSiteBody, response: SiteResponse, status: 201, orStatus: 200, idempotencyKey: true,
    run: async ({ actor, body, deps, now, event }) => {
      const key = parseHeader(event, 'Idempotency-Key', IdempotencyKeyHeader);
      const { site, created } = await createSite(deps, actor, body, key, now);
      return createdOrReplayed(created, { site });
    },
  }),
  siteGet: route({
    method: 'GET', path: '/redemption-sites/{siteId}', access: 'user', summary: '兑换点详情与兑换物品', params: SiteParams, response: SiteResponse, status: 200,
    run: async ({ actor, params, deps }) => ({ site: await getSite(deps, actor, params.siteId) }),
  }),
  rewardCreate: route({
    method: 'POST', path: '/redemption-sites/{siteId}/rewards', access: SITE_STAFF, summary: '上架兑换物品（需 Idempotency-Key；重复提交返回同一物品）',
    params: SiteParams, body: RewardBody, response: RewardResponse, status: 201, orStatus: 200, idempotencyKey: true,
    run: async ({ actor, params, body, deps, now, event }) => {
      const key = parseHeader(event, 'Idempotency-Key', IdempotencyKeyHeader);
      const { reward, created } = await addReward(deps, actor, params.siteId, body, key, now);
      return createdOrReplayed(created, { reward });
    },
  }),
  rewardUpdate: route({
    method: 'PUT', path: '/redemption-sites/{siteId}/rewards/{rewardId}', access: SITE_STAFF, summary: '修改兑换物品（积分、库存、限兑、开兑时间、上下架）',
    params: RewardParams, body: RewardBody, response: RewardResponse, status: 200,
    run: async ({ actor, params, body, deps }) => ({ reward: await editReward(deps, actor, params.siteId, params.rewardId, body) }),
  }),
  redeem: route({
    method: 'POST', path: '/redemptions', access: 'user', metric: 'Redemptions',
    summary: '用积分兑换（需 Idempotency-Key；积分、库存与领取码在同一事务；409：insufficient_points / out_of_stock / monthly_limit / not_released）',
    body: RedeemBody, response: RedemptionResponse, status: 201, orStatus: 200, idempotencyKey: true,
    run: async ({ actor, body, deps, now, event }) => {
      const key = parseHeader(event, 'Idempotency-Key', IdempotencyKeyHeader);
      const { created, ...out } = await redeem(deps, actor, body, key, now);
      return createdOrReplayed(created, out);
    },
  }),
  redemptionsMine: route({
    method: 'GET', path: '/redemptions/mine', access: 'user', summary: '我的兑换（新的在前）', response: RedemptionListResponse, status: 200,
    run: async ({ actor, deps }) => ({ items: await myRedemptions(deps, actor) }),
  }),
  redemptionGet: route({
    method: 'GET', path: '/redemptions/{id}', access: 'user', summary: '兑换详情与领取码', params: RedemptionParams, response: RedemptionResponse, status: 200,
    run: async ({ actor, params, deps }) => ({ redemption: await getRedemption(deps, actor, params.id) }),
  }),
  redemptionCancel: route({
    method: 'POST', path: '/redemptions/{id}/cancellation', access: 'user', summary: '领取前取消兑换：积分和库存一并退回', params: RedemptionParams, response: RedemptionResponse, status: 200,
    run: ({ actor, params, deps, now }) => cancelRedemption(deps, actor, params.id, now),
  }),
  redemptionCollect: route({
    method: 'POST', path: '/redemption-sites/{siteId}/collections', access: SITE_STAFF, summary: '核销领取码（扫码或输入 6 位码；只能核销一次，只限本兑换点）',
    params: SiteParams, body: VerifyCodeBody, response: RedemptionResponse, status: 200,
    run: async ({ actor, params, body, deps, now }) => ({ redemption: await verifyCode(deps, actor, params.siteId, body.code, now) }),
  }),
  codeLookUp: route({
    method: 'GET', path: '/redemption-sites/{siteId}/codes/{code}', access: SITE_STAFF, summary: '核销前查询领取码：兑换物品、领取人、状态',
    params: CodeParams, response: RedemptionResponse, status: 200,
    run: async ({ actor, params, deps }) => ({ redemption: await lookUpCode(deps, actor, params.siteId, params.code) }),
  }),
  activitiesList: route({
    method: 'GET', path: '/activities', access: 'user', summary: '本社区近期的志愿服务活动', query: ActivityListQuery, response: ActivityListResponse, status: 200,
    run: async ({ actor, query, deps, now }) => ({ items: await listActivities(deps, actor, query.communityId, now) }),
  }),
  activityCreate: route({
    method: 'POST', path: '/activities', access: 'user', summary: '发布志愿服务活动（社区工作人员，或志愿服务队队长发布本队活动；需 Idempotency-Key）', body: CreateActivityBody, response: ActivityResponse, status: 201, orStatus: 200, idempotencyKey: true,
    run: async ({ actor, body, deps, now, event }) => {
      const key = parseHeader(event, 'Idempotency-Key', IdempotencyKeyHeader);
      const { activity, series, created } = await createActivity(deps, actor, body, key, now);
      return createdOrReplayed(created, { activity, series });
    },
  }),
  activityGet: route({
    method: 'GET', path: '/activities/{id}', access: 'user', summary: '活动详情（组织者可见签到码）', params: ActivityParams, response: ActivityResponse, status: 200,
    run: async ({ actor, params, deps }) => ({ activity: await getActivity(deps, actor, params.id) }),
  }),
  activityCancel: route({
    method: 'POST', path: '/activities/{id}/cancellation', access: 'user', summary: '组织者取消尚未开始的活动', params: ActivityParams, response: ActivityResponse, status: 200,
    run: async ({ actor, params, deps, now }) => ({ activity: await cancelActivity(deps, actor, params.id, now) }),
  }),
  activitySignup: route({
    method: 'POST', path: '/activities/{id}/signup', access: 'user', summary: '报名活动（名额由数据库保证不超；重复报名无副作用）', params: ActivityParams, response: ActivityResponse, status: 200,
    run: async ({ actor, params, deps, now }) => ({ activity: await signUp(deps, actor, params.id, now) }),
  }),
  activityWithdraw: route({
    method: 'POST', path: '/activities/{id}/withdrawal', access: 'user', summary: '退出活动（签到前），名额退回', params: ActivityParams, response: ActivityResponse, status: 200,
    run: async ({ actor, params, deps }) => ({ activity: await withdraw(deps, actor, params.id) }),
  }),
  activityCheckIn: route({
    method: 'POST', path: '/activities/{id}/check-ins', access: 'user', summary: '凭现场签到码签到或签退',
    params: ActivityParams, body: CheckInCodeBody, response: ActivityResponse, status: 200,
    run: async ({ actor, params, body, deps, now }) => ({ activity: await checkInWithCode(deps, actor, params.id, body.code, body.out, now) }),
  }),
  activitySignups: route({
    method: 'GET', path: '/activities/{id}/signups', access: 'user', summary: '活动报名名单（组织者）', params: ActivityParams, response: SignupListResponse, status: 200,
    run: async ({ actor, params, deps }) => ({ items: await listSignups(deps, actor, params.id) }),
  }),
  activityConfirm: route({
    method: 'POST', path: '/activities/{id}/attendance', access: 'user', summary: '组织者确认参加名单：每人只记一次积分和服务时长',
    params: ActivityParams, body: ConfirmBody, response: ConfirmResponse, status: 200,
    run: ({ actor, params, body, deps, now }) => confirmAttendance(deps, actor, params.id, body, now),
  }),
  hoursGive: route({
    method: 'POST', path: '/points/transfers', access: 'user', summary: '把时间银行的时间转赠给已关联的家人（需 Idempotency-Key；每年最多 20 小时）',
    body: TransferBody, response: TransferResponse, status: 201, idempotencyKey: true,
    run: async ({ actor, body, deps, now, event }) => giveHours(deps, actor, body, parseHeader(event, 'Idempotency-Key', IdempotencyKeyHeader), now),
  }),
  needPost: route({
    method: 'POST', path: '/needs', access: 'user', summary: '居民点单：发布需要的帮助（本人、照顾的家人；需 Idempotency-Key）',
    body: PostNeedBody, response: NeedResponse, status: 201, orStatus: 200, idempotencyKey: true,
    run: async ({ actor, body, deps, now, event }) => {
      const { need, created } = await postNeed(deps, actor, body, parseHeader(event, 'Idempotency-Key', IdempotencyKeyHeader), now);
      return createdOrReplayed(created, { need });
    },
  }),
  needsList: route({
    method: 'GET', path: '/needs', access: 'user', summary: '需求列表：open 本社区待接单（志愿者）、mine 我的（含为家人发布的）、taken 我接的',
    query: NeedListQuery, response: NeedListResponse, status: 200,
    run: async ({ actor, query, deps }) => ({ items: await listNeeds(deps, actor, query.scope) }),
  }),
  needGet: route({
    method: 'GET', path: '/needs/{id}', access: 'user', summary: '需求详情', params: NeedParams, response: NeedResponse, status: 200,
    run: async ({ actor, params, deps }) => ({ need: await getNeed(deps, actor, params.id) }),
  }),
  needTake: route({
    method: 'POST', path: '/needs/{id}/take', access: 'user', summary: '志愿者接单（只能一人接到）', params: NeedParams, response: NeedResponse, status: 200,
    run: async ({ actor, params, deps, now }) => ({ need: await takeNeed(deps, actor, params.id, null, now) }),
  }),
  needAssign: route({
    method: 'POST', path: '/needs/{id}/assignment', access: POINTS_ADMINS, summary: '社区派单给志愿者', params: NeedParams, body: AssignNeedBody, response: NeedResponse, status: 200,
    run: async ({ actor, params, body, deps, now }) => ({ need: await takeNeed(deps, actor, params.id, body.volunteerId, now) }),
  }),
  needDone: route({
    method: 'POST', path: '/needs/{id}/done', access: 'user', summary: '志愿者完成服务，填写实际时长', params: NeedParams, body: DoneNeedBody, response: NeedResponse, status: 200,
    run: async ({ actor, params, body, deps, now }) => ({ need: await needDone(deps, actor, params.id, body, now) }),
  }),
  needConfirm: route({
    method: 'POST', path: '/needs/{id}/confirmation', access: 'user', summary: '群众评单：确认并评价；志愿者获得积分和时长，可用时间银行支付',
    params: NeedParams, body: ConfirmNeedBody, response: NeedResponse, status: 200,
    run: async ({ actor, params, body, deps, now }) => ({ need: await confirmNeed(deps, actor, params.id, body, now) }),
  }),
  needCancel: route({
    method: 'POST', path: '/needs/{id}/cancellation', access: 'user', summary: '取消需求（完成前）', params: NeedParams, response: NeedResponse, status: 200,
    run: async ({ actor, params, deps, now }) => ({ need: await cancelNeed(deps, actor, params.id, now) }),
  }),
  ...teamRoutes,
  ...unitRoutes,
};
