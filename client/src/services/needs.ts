/**
 * Residents' needs and the time bank (居民点单、志愿者接单、群众评单; 存时间、取服务): posting a need
 * (for me or a family member I look after), the lists, taking, finishing, confirming (paying with
 * banked hours or not), cancelling, and giving banked hours to linked family.
 */
import type { ConfirmNeedBody, DoneNeedBody, NeedListResponse, NeedResponse, PostNeedBody, TransferBody, TransferResponse } from '@linli/shared';
import type { z } from 'zod';
import { api, type Out } from './request';

const needAt = (id: string) => `/needs/${encodeURIComponent(id)}`;

export type NeedScope = 'open' | 'mine' | 'taken';

/**
 * Posts a need, once per `idempotencyKey` (201 new, 200 the same need again on a retry). 400 on
 * field `communityId` / `forUserId` when the one it is for has not registered where he lives, on
 * `when` for a time already past; 403 for someone I do not look after.
 */
export const postNeed = (body: z.output<typeof PostNeedBody>, idempotencyKey: string) =>
  api<Out<typeof NeedResponse>>('POST', '/needs', { body, headers: { 'idempotency-key': idempotencyKey } });

/**
 * `mine`: the needs for me or posted by me (newest first); `taken`: those I serve as a volunteer;
 * `open`: my community's needs waiting for a volunteer (volunteers only: 403 otherwise; the
 * requester's name masked to the surname, no phone).
 */
export const fetchNeeds = (scope: NeedScope) => api<Out<typeof NeedListResponse>>('GET', '/needs', { query: { scope } });

export const fetchNeed = (id: string) => api<Out<typeof NeedResponse>>('GET', needAt(id));

/** A volunteer of the community takes an open need; only one can (409 `need_taken`). */
export const takeNeed = (id: string) => api<Out<typeof NeedResponse>>('POST', `${needAt(id)}/take`);

/** The volunteer who took it says it is done, with the minutes actually served and a note. */
export const finishNeed = (id: string, body: z.input<typeof DoneNeedBody>) => api<Out<typeof NeedResponse>>('POST', `${needAt(id)}/done`, { body });

/**
 * The requester (or whoever posted for him) confirms and rates 1–5; the volunteer is credited points
 * and hours. `payWithHours` pays the served minutes from the requester's time bank (defaults to what
 * the post said); 409 `insufficient_hours` when it cannot cover them (confirm again without paying).
 */
export const confirmNeed = (id: string, body: z.input<typeof ConfirmNeedBody>) => api<Out<typeof NeedResponse>>('POST', `${needAt(id)}/confirmation`, { body });

/** Cancels a need nobody has finished yet (cannot be undone). 409 `invalid_transition` once done. */
export const cancelNeed = (id: string) => api<Out<typeof NeedResponse>>('POST', `${needAt(id)}/cancellation`);

/**
 * Gives banked minutes to a linked family member, once per `idempotencyKey`. Answers what was given,
 * how much this year and my bank after. 403 when not linked; 409 `insufficient_hours`,
 * `yearly_gift_cap` (20 hours a calendar year).
 */
export const giveHours = (body: z.input<typeof TransferBody>, idempotencyKey: string) =>
  api<Out<typeof TransferResponse>>('POST', '/points/transfers', { body, headers: { 'idempotency-key': idempotencyKey } });
