/** Routes of the platform itself: health, photo uploads (used by every job), the holiday calendar. The API document has its own function (docs-routes.ts). */
import { CalendarResponse, CalendarYearBody, CalendarYearParam, HealthResponse, UploadRequestBody, UploadResponse } from '@linli/shared';
import type { Deps } from '../deps';
import { calendarStatus, loadCalendarYear } from './domain/calendar';
import { requestUpload } from './domain/photos';
import { routeFor } from './http/route';

const route = routeFor<Deps>();

export const platformRoutes = {
  health: route({
    method: 'GET', path: '/health', access: 'public', summary: '服务健康检查', response: HealthResponse, status: 200,
    run: async ({ deps, now }) => ({ ok: true, stage: deps.config.STAGE, time: now.toISOString() }),
  }),
  uploadCreate: route({
    method: 'POST', path: '/uploads', access: 'user', summary: '申请上传一张照片（预签名表单直传对象存储，仅限图片、5 MB 以内）',
    body: UploadRequestBody, response: UploadResponse, status: 201,
    run: ({ actor, body, deps, now }) => requestUpload(deps, actor, body, now),
  }),
  calendarGet: route({
    method: 'GET', path: '/calendar', access: 'user', summary: '已载入的节假日安排（国务院办公厅公布的放假与调休），以及缺少安排的年份',
    response: CalendarResponse, status: 200,
    run: ({ deps, now }) => calendarStatus(deps, now),
  }),
  calendarPut: route({
    method: 'PUT', path: '/calendar/{year}', access: ['platform_admin'],
    summary: '载入或更正某一年的节假日安排；已受理事项的办理时限随后按新安排重新计算（每分钟任务分批完成）',
    params: CalendarYearParam, body: CalendarYearBody, response: CalendarResponse, status: 200,
    run: ({ actor, params, body, deps, now }) => loadCalendarYear(deps, actor, params.year, body, now),
  }),
};
