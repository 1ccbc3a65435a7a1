/**
 * Recognition and reported service (积分榜, 报告志愿服务, 审核, 服务记录导出): the quarterly board and
 * my name on it, reports of service staff approve, and a community's service record for the
 * registered volunteer organisation.
 */
import type {
  LeaderboardResponse,
  ServiceDecisionBody,
  ServiceReportBody,
  ServiceReportListResponse,
  ServiceReportResponse,
  ServiceRecordResponse,
} from '@linli/shared';
import type { z } from 'zod';
import { api, type Out } from './request';

/** My community's board (or a team's, `teamId`) for a quarter (this one when not given, e.g. 2026Q4). */
export const fetchLeaderboard = (q: { teamId?: string; quarter?: string } = {}) => api<Out<typeof LeaderboardResponse>>('GET', '/points/leaderboard', { query: q });

/** Hides (or shows again) my name on every board: others see 志愿者 in my place. */
export const setBoardPreference = (hideName: boolean) => api<{ hidden: boolean }>('PUT', '/points/me/board-preference', { body: { hideName } });

/**
 * Reports service for staff to approve, once per `idempotencyKey`. 400 on field `doerName` for a
 * good deed without the neighbour's name, on `communityId` when I have not registered where I live.
 */
export const reportService = (body: z.input<typeof ServiceReportBody>, idempotencyKey: string) =>
  api<Out<typeof ServiceReportResponse>>('POST', '/points/service-reports', { body, headers: { 'idempotency-key': idempotencyKey } });

/** `mine`: what I reported (newest first); `review`: my community's reports waiting for a decision (staff; 403 otherwise). */
export const fetchServiceReports = (scope: 'mine' | 'review') => api<Out<typeof ServiceReportListResponse>>('GET', '/points/service-reports', { query: { scope } });

/**
 * Staff approve (the doer is credited once) or reject a report. A good deed needs `userId`, the
 * resident to credit (400 on `userId` when missing or not of the community). 409 `already_decided`.
 */
export const decideServiceReport = (id: string, body: z.input<typeof ServiceDecisionBody>) =>
  api<Out<typeof ServiceReportResponse>>('POST', `/points/service-reports/${encodeURIComponent(id)}/decision`, { body });

/** A community's service record between two China dates (YYYY-MM-DD, both included): rows, total minutes, the CSV and its file name. */
export const fetchServiceRecord = (communityId: string, from: string, to: string) =>
  api<Out<typeof ServiceRecordResponse>>('GET', `/communities/${encodeURIComponent(communityId)}/service-record`, { query: { from, to } });
