/** After-hours booking (延时服务) routes, each declared once. */
import {
  BookingParams, BookingResponse, CancelBody, CentreListQuery, CentreListResponse, CentreParams, CentreResponse, CreateBookingBody,
  CreateCentreBody, IdempotencyKeyHeader, MyBookingsQuery, MyBookingsResponse, CentreDayParams, CentreDayResponse, CheckInBody, WalkInBody, WalkInResponse,
  NoShowBody, ResidentPauseParams, DisplacedResponse, BookingReportParams, BookingReportQuery, BookingReportResponse, WaitlistBody, WaitEntryResponse, WaitEntryListResponse, RescheduleBody, type Role, SlotsQuery, SlotsResponse, UpdateCentreBody,
} from '@linli/shared';
import type { Deps } from '../deps';
import { parseHeader } from '../platform/http/define-handler';
import { createdOrReplayed, routeFor } from '../platform/http/route';
import { shanghaiDate } from '../platform/domain/opening-hours';
import { bookPlace, cancelBooking, getBooking, myBookings, rescheduleBooking } from './domain/book';
import { createCentre, getCentre, listCentres, updateCentre } from './domain/centres';
import { activePause, centreDay, checkIn, liftPause, markNoShow, recordWalkIn } from './domain/desk';
import { displacedBookings } from './domain/displaced';
import { listSlots } from './domain/slots';
import { errandRoutes } from './errand-routes';
import { weeklyReport } from './domain/report';
import { acceptOffer, joinWaitlist, leaveWaitlist, myWaits } from './domain/waitlist';
import * as z from 'zod';

const route = routeFor<Deps>();
const CENTRE_OPENERS = ['community_admin', 'street_admin'] as const satisfies readonly Role[];
/** Who runs a centre (the domain narrows it to their own community or street). */
const CENTRE_STAFF = ['service_staff', ...CENTRE_OPENERS] as const satisfies readonly Role[];

export const bookingRoutes = {
  centresList: route({
    method: 'GET', path: '/centres', access: 'user', summary: '可以预约的服务中心：本社区在前，其余按距离（就近办）',
    query: CentreListQuery, response: CentreListResponse, status: 200,
    run: async ({ actor, query, deps, now }) => ({ items: await listCentres(deps, actor, query, now), noticeTemplates: deps.bookingTemplates }),
  }),
  centreCreate: route({
    method: 'POST', path: '/centres', access: CENTRE_OPENERS, summary: '开设服务中心的预约（需 Idempotency-Key）',
    body: CreateCentreBody, response: CentreResponse, status: 201, orStatus: 200, idempotencyKey: true,
    run: async ({ actor, body, deps, now, event }) => {
      const key = parseHeader(event, 'Idempotency-Key', IdempotencyKeyHeader);
      const { centre, created } = await createCentre(deps, actor, body, key, now);
      return createdOrReplayed(created, { centre, noticeTemplates: deps.bookingTemplates });
    },
  }),
  centreGet: route({
    method: 'GET', path: '/centres/{id}', access: 'user', summary: '服务中心详情：办事项目、开放时间、预约规则', params: CentreParams, response: CentreResponse, status: 200,
    run: async ({ actor, params, deps, now }) => ({ centre: await getCentre(deps, actor, params.id, now), noticeTemplates: deps.bookingTemplates }),
  }),
  centreUpdate: route({
    method: 'PUT', path: '/centres/{id}', access: CENTRE_STAFF, summary: '修改服务中心设置（按版本号，防止覆盖他人的修改）',
    params: CentreParams, body: UpdateCentreBody, response: CentreResponse, status: 200,
    run: async ({ actor, params, body, deps, now }) => ({ centre: await updateCentre(deps, actor, params.id, body, now), noticeTemplates: deps.bookingTemplates }),
  }),
  slotsList: route({
    method: 'GET', path: '/centres/{id}/slots', access: 'user', summary: '某办事项目逐日的可约时段与余量',
    params: CentreParams, query: SlotsQuery, response: SlotsResponse, status: 200,
    run: ({ params, query, deps, now }) => listSlots(deps, params.id, query, now),
  }),
  bookingCreate: route({
    method: 'POST', path: '/bookings', access: 'user', metric: 'BookingsMade', summary: '预约（需 Idempotency-Key；重复提交返回同一预约；约满 409 slot_full）',
    body: CreateBookingBody, response: BookingResponse, status: 201, orStatus: 200, idempotencyKey: true,
    run: async ({ actor, body, deps, now, event }) => {
      const key = parseHeader(event, 'Idempotency-Key', IdempotencyKeyHeader);
      const { booking, created } = await bookPlace(deps, actor, body, key, now);
      return createdOrReplayed(created, { booking });
    },
  }),
  bookingsMine: route({
    method: 'GET', path: '/bookings/mine', access: 'user', summary: '我的预约（含我为他人代约的）：未来的在前；past=true 为过去的',
    query: MyBookingsQuery, response: MyBookingsResponse, status: 200,
    run: async ({ actor, query, deps, now }) => {
      const [items, pause] = await Promise.all([myBookings(deps, actor, query.past, shanghaiDate(now), now), activePause(deps, actor.userId, now)]);
      return { items, pause };
    },
  }),
  bookingGet: route({
    method: 'GET', path: '/bookings/{id}', access: 'user', summary: '预约详情（本人、代约人、服务中心）', params: BookingParams, response: BookingResponse, status: 200,
    run: async ({ actor, params, deps, now }) => ({ booking: await getBooking(deps, actor, params.id, now) }),
  }),
  bookingCancel: route({
    method: 'POST', path: '/bookings/{id}/cancellation', access: 'user', summary: '取消预约（截止时间前；服务中心不受限）',
    params: BookingParams, body: CancelBody, response: BookingResponse, status: 200,
    run: async ({ actor, params, body, deps, now }) => ({ booking: await cancelBooking(deps, actor, params.id, body, now) }),
  }),
  bookingReschedule: route({
    method: 'POST', path: '/bookings/{id}/reschedule', access: 'user', summary: '改约（需 Idempotency-Key）：新时段占位与旧时段释放在同一事务中完成',
    params: BookingParams, body: RescheduleBody, response: BookingResponse, status: 200, idempotencyKey: true,
    run: async ({ actor, params, body, deps, now, event }) => {
      const key = parseHeader(event, 'Idempotency-Key', IdempotencyKeyHeader);
      return { booking: await rescheduleBooking(deps, actor, params.id, body, key, now) };
    },
  }),
  centreDay: route({
    method: 'GET', path: '/centres/{id}/days/{date}', access: CENTRE_STAFF, summary: '服务中心某天的预约表：按时段和窗口（房间），含现场办理与统计',
    params: CentreDayParams, response: CentreDayResponse, status: 200,
    run: ({ actor, params, deps, now }) => centreDay(deps, actor, params.id, params.date, now),
  }),
  bookingCheckIn: route({
    method: 'POST', path: '/centres/{id}/check-ins', access: CENTRE_STAFF, summary: '到场签到：输入 6 位预约码或扫描预约二维码（仅限当天）',
    params: CentreParams, body: CheckInBody, response: BookingResponse, status: 200,
    run: async ({ actor, params, body, deps, now }) => ({ booking: await checkIn(deps, actor, params.id, body.code, now) }),
  }),
  bookingWalkIn: route({
    method: 'POST', path: '/centres/{id}/walk-ins', access: CENTRE_STAFF, summary: '登记现场办理（未预约，需 Idempotency-Key）',
    params: CentreParams, body: WalkInBody, response: WalkInResponse, status: 201, idempotencyKey: true,
    run: async ({ actor, params, body, deps, now, event }) => {
      const key = parseHeader(event, 'Idempotency-Key', IdempotencyKeyHeader);
      return { walkIn: await recordWalkIn(deps, actor, params.id, body, key, now) };
    },
  }),
  bookingNoShow: route({
    method: 'POST', path: '/bookings/{id}/no-show', access: CENTRE_STAFF, summary: '记为未到场（时段开始后）；达到规则次数即暂停该居民在线预约',
    params: BookingParams, body: NoShowBody, response: BookingResponse, status: 200,
    run: async ({ actor, params, body, deps, now }) => ({ booking: await markNoShow(deps, actor, params.id, body.version, now) }),
  }),
  pauseLift: route({
    method: 'POST', path: '/residents/{userId}/booking-pause/lifting', access: CENTRE_STAFF, summary: '经申诉解除居民的在线预约暂停',
    params: ResidentPauseParams, response: z.object({ lifted: z.literal(true) }), status: 200,
    run: async ({ actor, params, deps }) => {
      await liftPause(deps, actor, params.userId);
      return { lifted: true as const };
    },
  }),
  waitlistJoin: route({
    method: 'POST', path: '/centres/{id}/waitlist', access: 'user', summary: '约满的时段排队候补（需 Idempotency-Key）：有人取消时按顺序为您保留名额',
    params: CentreParams, body: WaitlistBody, response: WaitEntryResponse, status: 201, idempotencyKey: true,
    run: async ({ actor, params, body, deps, now, event }) => {
      const key = parseHeader(event, 'Idempotency-Key', IdempotencyKeyHeader);
      return { entry: await joinWaitlist(deps, actor, params.id, body, key, now) };
    },
  }),
  waitlistAccept: route({
    method: 'POST', path: '/centres/{id}/waitlist/acceptance', access: 'user', summary: '确认为我保留的候补名额，转为预约（需 Idempotency-Key）',
    params: CentreParams, body: WaitlistBody, response: BookingResponse, status: 201, idempotencyKey: true,
    run: async ({ actor, params, body, deps, now, event }) => {
      const key = parseHeader(event, 'Idempotency-Key', IdempotencyKeyHeader);
      return { booking: await acceptOffer(deps, actor, params.id, body, key, now) };
    },
  }),
  waitlistLeave: route({
    method: 'POST', path: '/centres/{id}/waitlist/withdrawal', access: 'user', summary: '退出候补（保留给我的名额顺延给下一位）',
    params: CentreParams, body: WaitlistBody, response: z.object({ left: z.literal(true) }), status: 200,
    run: async ({ actor, params, body, deps, now }) => {
      await leaveWaitlist(deps, actor, params.id, body, now);
      return { left: true as const };
    },
  }),
  waitlistMine: route({
    method: 'GET', path: '/waitlist/mine', access: 'user', summary: '我的候补（今天起）', response: WaitEntryListResponse, status: 200,
    run: async ({ actor, deps, now }) => ({ items: await myWaits(deps, actor, now) }),
  }),
  centreDisplaced: route({
    method: 'GET', path: '/centres/{id}/displaced', access: CENTRE_STAFF, summary: '设置变更后不再符合的预约（时段取消、闭馆或超出名额），待工作人员改约或取消',
    params: CentreParams, response: DisplacedResponse, status: 200,
    run: async ({ actor, params, deps, now }) => ({ items: await displacedBookings(deps, actor, params.id, now) }),
  }),
  bookingReport: route({
    method: 'GET', path: '/communities/{id}/booking-report', access: CENTRE_STAFF, summary: '社区延时服务周报：预约、到场、晚间与周末使用、热门项目、现场办理、候补、未送达提醒',
    params: BookingReportParams, query: BookingReportQuery, response: BookingReportResponse, status: 200,
    run: ({ actor, params, query, deps, now }) => weeklyReport(deps, actor, params.id, query.from, now),
  }),
  ...errandRoutes,
};
