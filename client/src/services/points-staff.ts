/**
 * Volunteer points, the staff side (积分兑换 / 时间银行): redemption sites and their rewards, pickup
 * codes verified at the counter (核销), activities published, their sign-ups and the attendance
 * confirmed by the organiser. Every answer is parsed with the shared schemas.
 */
import type {
  ActivityListResponse,
  ActivityResponse,
  ConfirmBody,
  ConfirmResponse,
  CreateActivityBody,
  CreateSiteBody,
  RedemptionResponse,
  RewardBody,
  RewardResponse,
  SignupListResponse,
  SiteListResponse,
  SiteResponse,
} from '@linli/shared';
import type { z } from 'zod';
import { api, type Out } from './request';

type In<S extends z.ZodType> = z.input<S>;

const siteAt = (id: string) => `/redemption-sites/${encodeURIComponent(id)}`;
const activityAt = (id: string) => `/activities/${encodeURIComponent(id)}`;

// ---------------------------------------------------------------- redemption sites and rewards

/** The sites that serve the caller; staff also see their community's (the street admin: the street's), each with every reward (on and off the shelf). */
export const fetchSites = () => api<Out<typeof SiteListResponse>>('GET', '/redemption-sites');

/** One site with its rewards (staff see those off the shelf too). */
export const fetchSite = (siteId: string) => api<Out<typeof SiteResponse>>('GET', siteAt(siteId));

/** Opens a redemption site (community or street admins), once per key. */
export const createSite = (body: In<typeof CreateSiteBody>, idempotencyKey: string) =>
  api<Out<typeof SiteResponse>>('POST', '/redemption-sites', { body, headers: { 'idempotency-key': idempotencyKey } });

/** Puts a new reward on the site's shelf. */
/** 上架: once per `idempotencyKey` (a double tap puts one on the shelf). */
export const createReward = (siteId: string, body: In<typeof RewardBody>, idempotencyKey: string) =>
  api<Out<typeof RewardResponse>>('POST', `${siteAt(siteId)}/rewards`, { body, headers: { 'idempotency-key': idempotencyKey } });

/** Changes a reward as a whole (cost, stock, limits, release time, on or off the shelf). */
export const updateReward = (siteId: string, rewardId: string, body: In<typeof RewardBody>) =>
  api<Out<typeof RewardResponse>>('PUT', `${siteAt(siteId)}/rewards/${encodeURIComponent(rewardId)}`, { body });

/**
 * Looks a pickup code up before anything is collected (site staff): the redemption with the reward,
 * the person's name and its state (collected: when and by whom). 404 `code_not_found`: not a code of
 * this site; 403: not this site's staff.
 */
export const lookUpCode = (siteId: string, code: string) => api<Out<typeof RedemptionResponse>>('GET', `${siteAt(siteId)}/codes/${encodeURIComponent(code)}`);

/**
 * Verifies a pickup code at the counter and marks it collected (once; it cannot be undone): the
 * redemption with the person's name. 404: not a code of this site; 409 `already_collected` (the
 * message says when and by whom), `not_reserved` (cancelled or lapsed); 403: not this site's staff.
 */
export const collectRedemption = (siteId: string, code: string) => api<Out<typeof RedemptionResponse>>('POST', `${siteAt(siteId)}/collections`, { body: { code } });

// ---------------------------------------------------------------- activities

/** Upcoming (and today's) open activities of a community (the caller's when not given). */
export const fetchActivities = (communityId?: string) => api<Out<typeof ActivityListResponse>>('GET', '/activities', { query: { communityId } });

/** An activity; its organiser (and whoever runs the community) also sees the check-in code. */
export const fetchActivity = (id: string) => api<Out<typeof ActivityResponse>>('GET', activityAt(id));

/** Publishes an activity (community or street admins), once per key. */
export const createActivity = (body: In<typeof CreateActivityBody>, idempotencyKey: string) =>
  api<Out<typeof ActivityResponse>>('POST', '/activities', { body, headers: { 'idempotency-key': idempotencyKey } });

/** The organiser cancels an activity that has not started (409 `activity_started` after the start; cancelling twice is no change). */
export const cancelActivity = (id: string) => api<Out<typeof ActivityResponse>>('POST', `${activityAt(id)}/cancellation`);

/** Who signed up (withdrawn ones left out), for the organiser. */
export const fetchSignups = (id: string) => api<Out<typeof SignupListResponse>>('GET', `${activityAt(id)}/signups`);

/**
 * The organiser confirms who came (minutes for per-hour activities; else from check-in to
 * check-out, else the activity's length) and who did not: each is credited once. `attendees` may be
 * empty when `absent` is not (nobody came). 409 `not_started` before the start.
 */
export const confirmAttendance = (id: string, body: In<typeof ConfirmBody>) => api<Out<typeof ConfirmResponse>>('POST', `${activityAt(id)}/attendance`, { body });
