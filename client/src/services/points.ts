/** Volunteer points (积分兑换 / 时间银行) as a resident or volunteer uses them: my account, rewards, redemptions, activities. */
import type { ActivityListResponse, ActivityResponse, CheckInCodeBody, LedgerResponse, RedemptionListResponse, RedemptionResponse, SiteListResponse, SiteResponse } from '@linli/shared';
import type { z } from 'zod';
import { api, type Out } from './request';

const siteAt = (id: string) => `/redemption-sites/${encodeURIComponent(id)}`;
const redemptionAt = (id: string) => `/redemptions/${encodeURIComponent(id)}`;
const activityAt = (id: string) => `/activities/${encodeURIComponent(id)}`;

/**
 * My account (可用, 待确认, 即将过期, 服务时长) and one page of my ledger, newest first; the next
 * page with `cursor` = the previous page's `nextCursor` (null: no more).
 */
export const fetchMyPoints = (opts: { cursor?: string; limit?: number } = {}) =>
  api<Out<typeof LedgerResponse>>('GET', '/points/me', { query: { cursor: opts.cursor, limit: opts.limit } });

/** Only the account (the smallest page of the ledger). */
export const fetchMyAccount = async () => (await fetchMyPoints({ limit: 1 })).account;

/** The redemption sites that serve me (my community's first), each with its rewards (cheapest first). */
export const fetchSites = () => api<Out<typeof SiteListResponse>>('GET', '/redemption-sites');

export const fetchSite = (id: string) => api<Out<typeof SiteResponse>>('GET', siteAt(id));

/**
 * Redeems a reward with points, once per `idempotencyKey` (201 new, 200 the same redemption again
 * on a retry), answering the redemption with its pickup code and my account after it. 409
 * `insufficient_points`, `out_of_stock`, `monthly_limit`, `not_released` (messages in Chinese).
 * `notify: ['expiring']` when the resident accepted, at the tap, to be told before his points expire.
 */
export const redeemReward = (body: { siteId: string; rewardId: string; notify?: 'expiring'[] }, idempotencyKey: string) =>
  api<Out<typeof RedemptionResponse>>('POST', '/redemptions', { body, headers: { 'idempotency-key': idempotencyKey } });

/** My redemptions, newest first. */
export const fetchMyRedemptions = () => api<Out<typeof RedemptionListResponse>>('GET', '/redemptions/mine');

export const fetchRedemption = (id: string) => api<Out<typeof RedemptionResponse>>('GET', redemptionAt(id));

/** Cancels a redemption not yet collected: points and stock go back (cannot be undone). 409 `not_reserved`. */
export const cancelRedemption = (id: string) => api<Out<typeof RedemptionResponse>>('POST', `${redemptionAt(id)}/cancellation`);

/** My community's upcoming activities, each with my sign-up (`mine`). 400 on field `communityId` when I have not registered where I live. */
export const fetchActivities = () => api<Out<typeof ActivityListResponse>>('GET', '/activities');

export const fetchActivity = (id: string) => api<Out<typeof ActivityResponse>>('GET', activityAt(id));

/** Signs me up (a second tap changes nothing). 409 `activity_full`, `activity_over`, `activity_cancelled`; 403 for volunteers only. */
export const signUpActivity = (id: string) => api<Out<typeof ActivityResponse>>('POST', `${activityAt(id)}/signup`);

/** Withdraws before checking in: the place goes back. 409 `already_checked_in`. */
export const withdrawActivity = (id: string) => api<Out<typeof ActivityResponse>>('POST', `${activityAt(id)}/withdrawal`);

/**
 * Checks in (or out, `out: true`) with the six-digit code the organiser shows on site. 400 on field
 * `code` for a wrong code; 409 `outside_check_in` (opens 30 minutes before the start), `not_signed_up`.
 */
export const checkInActivity = (id: string, body: z.input<typeof CheckInCodeBody>) => api<Out<typeof ActivityResponse>>('POST', `${activityAt(id)}/check-ins`, { body });
