/** Volunteer points (积分兑换 / 时间银行) as a resident or volunteer uses them: my account, rewards, redemptions, activities. */
import { ActivityListResponse, ActivityResponse, type CheckInCodeBody, LedgerResponse, RedemptionListResponse, RedemptionResponse, SiteListResponse, SiteResponse } from '@linli/shared';
import type { z } from 'zod';
import { api } from './request';

const siteAt = (id: string) => `/redemption-sites/${encodeURIComponent(id)}`;
const redemptionAt = (id: string) => `/redemptions/${encodeURIComponent(id)}`;
const activityAt = (id: string) => `/activities/${encodeURIComponent(id)}`;

/**
 * My account (可用, 待确认, 即将过期, 服务时长) and one page of my ledger, newest first; the next
 * page with `cursor` = the previous page's `nextCursor` (null: no more).
 */
export const fetchMyPoints = (opts: { cursor?: string; limit?: number } = {}) =>
  api('GET', '/points/me', LedgerResponse, { query: { cursor: opts.cursor, limit: opts.limit } });

/** Only the account (the smallest page of the ledger). */
export const fetchMyAccount = async () => (await fetchMyPoints({ limit: 1 })).account;

/** The redemption sites that serve me (my community's first), each with its rewards (cheapest first). */
export const fetchSites = () => api('GET', '/redemption-sites', SiteListResponse);

export const fetchSite = (id: string) => api('GET', siteAt(id), SiteResponse);

/**
 * Redeems a reward with points, once per `idempotencyKey` (201 new, 200 the same redemption again
 * on a retry), answering the redemption with its pickup code and my account after it. 409
 * `insufficient_points`, `out_of_stock`, `monthly_limit`, `not_released` (messages in Chinese).
 * `notify: ['expiring']` when the resident accepted, at the tap, to be told before his points expire.
 */
export const redeemReward = (body: { siteId: string; rewardId: string; notify?: 'expiring'[] }, idempotencyKey: string) =>
  api('POST', '/redemptions', RedemptionResponse, { body, headers: { 'idempotency-key': idempotencyKey } });

/** My redemptions, newest first. */
export const fetchMyRedemptions = () => api('GET', '/redemptions/mine', RedemptionListResponse);

export const fetchRedemption = (id: string) => api('GET', redemptionAt(id), RedemptionResponse);

/** Cancels a redemption not yet collected: points and stock go back (cannot be undone). 409 `not_reserved`. */
export const cancelRedemption = (id: string) => api('POST', `${redemptionAt(id)}/cancellation`, RedemptionResponse);

/** My community's upcoming activities, each with my sign-up (`mine`). 400 on field `communityId` when I have not registered where I live. */
export const fetchActivities = () => api('GET', '/activities', ActivityListResponse);

export const fetchActivity = (id: string) => api('GET', activityAt(id), ActivityResponse);

/** Signs me up (a second tap changes nothing). 409 `activity_full`, `activity_over`, `activity_cancelled`; 403 for volunteers only. */
export const signUpActivity = (id: string) => api('POST', `${activityAt(id)}/signup`, ActivityResponse);

/** Withdraws before checking in: the place goes back. 409 `already_checked_in`. */
export const withdrawActivity = (id: string) => api('POST', `${activityAt(id)}/withdrawal`, ActivityResponse);

/**
 * Checks in (or out, `out: true`) with the six-digit code the organiser shows on site. 400 on field
 * `code` for a wrong code; 409 `outside_check_in` (opens 30 minutes before the start), `not_signed_up`.
 */
export const checkInActivity = (id: string, body: z.input<typeof CheckInCodeBody>) => api('POST', `${activityAt(id)}/check-ins`, ActivityResponse, { body });
