/** Errands (代办帮办 / 上门办): residents ask, centre staff and grid workers take them step by step. */
import type { CreateErrandBody, ErrandListResponse, ErrandResponse, ErrandStepBody } from '@linli/shared';
import type { z } from 'zod';
import { api, type Out } from './request';

const errandAt = (id: string) => `/errands/${encodeURIComponent(id)}`;

/**
 * Asks for an errand (for oneself, or with `forUserId` for a family member one looks after), once
 * per key: a double tap or a retry makes one (201, then 200 with the same errand). Without `address`
 * the home address given at registration is used; 400 on `address` when there is none, on `name`
 * without a real name, on `offeringId` for an offering the centre does not publish.
 */
export const createErrand = (body: z.input<typeof CreateErrandBody>, idempotencyKey: string) =>
  api<Out<typeof ErrandResponse>>('POST', '/errands', { body, headers: { 'idempotency-key': idempotencyKey } });

/** My errands and those I asked for family, newest first. */
export const fetchMyErrands = () => api<Out<typeof ErrandListResponse>>('GET', '/errands/mine');

export const fetchErrand = (id: string) => api<Out<typeof ErrandResponse>>('GET', errandAt(id));

/** The next step at the version seen: 409 `stale` (someone else moved it: read it again) or `invalid_step`. */
export const takeErrandStep = (id: string, body: z.input<typeof ErrandStepBody>) => api<Out<typeof ErrandResponse>>('POST', `${errandAt(id)}/steps`, { body });

/** A centre's errands for its staff: the open ones, or all. */
export const fetchCentreErrands = (centreId: string, status: 'open' | 'all' = 'open') =>
  api<Out<typeof ErrandListResponse>>('GET', `/centres/${encodeURIComponent(centreId)}/errands`, { query: { status } });

/** The open errands of a grid's residents, for its grid workers. */
export const fetchGridErrands = (gridId: string) => api<Out<typeof ErrandListResponse>>('GET', `/grids/${encodeURIComponent(gridId)}/errands`);
