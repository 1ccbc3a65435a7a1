/**
 * What staff and residents do to a request (接诉即办): every staff action by `action`, the resident's
 * own actions and his rating. Each body is checked here, shared by the client's forms and the API.
 */
import * as z from 'zod';
import { Id, Instant } from './common';
import { PhotoKeys } from './upload';
import { REVISIT_METHODS } from './request';

const note = z.string().trim().min(2, '请填写内容，至少 2 个字').max(500, '最多 500 个字');
const version = z.number().int('版本号必须是整数');
const answer = z.boolean({ message: '请选择是或否' }).nullable().default(null);

/** Every staff action on a request, by `action`; `version` is the item version the staff member saw. */
export const StaffActionBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('accept'), version }),
  z.object({ action: z.literal('note'), version, note, photos: PhotoKeys.default([]) }),
  /** Closing needs a result, and for categories so marked an "after" photo taken on site. */
  z.object({ action: z.literal('resolve'), version, result: note, photos: PhotoKeys.default([]) }),
  z.object({ action: z.literal('escalate'), version, reason: note }),
  /** 退单: not this unit's business; back to the level that sent it. */
  z.object({ action: z.literal('refuse'), version, reason: note }),
  /** A grid worker hands the item to another grid of the community. */
  z.object({ action: z.literal('hand_over'), version, gridId: Id, reason: note }),
  /** The community assigns an item in its queue to one of its grids. */
  z.object({ action: z.literal('assign'), version, gridId: Id, note: note.optional() }),
  /** The street dispatches to departments (吹哨报到: several, one of them leading). */
  z.object({
    action: z.literal('dispatch'),
    version,
    lead: Id,
    others: z.array(Id).max(8, '最多同时呼叫 8 个部门').default([]),
    note: note.optional(),
  }),
  /** The street records a called department reporting in (报到) with what it will do. */
  z.object({ action: z.literal('report_in'), version, department: Id, note }),
  /** Merges this duplicate into another open item; its followers follow the surviving one. */
  z.object({ action: z.literal('merge'), version, into: Id }),
  /** 回访 after the resident's rating: how he was reached (by phone by default for a neighbour filed for), what he said, and his two answers (null: not said). */
  z.object({ action: z.literal('revisit'), version, method: z.enum(REVISIT_METHODS).exclude(['hotline'], { message: '请选择回访方式' }).optional(), outcome: note, solved: answer, satisfied: answer }),
  /** 退回热线: a hotline item is not ours; it goes back to the 12345 platform with the reason and ends here. */
  z.object({ action: z.literal('return_to_hotline'), version, reason: note }),
  /** 延期申请: asks the 12345 platform for more time (its answer comes back by POST /hotline/tickets/{id}/extension). */
  z.object({ action: z.literal('request_extension'), version, reason: note, dueAt: Instant }),
  /** A phone call to the reporter (a neighbour without a smartphone): what he was told and when. */
  z.object({
    action: z.literal('phone_update'),
    version,
    told: note,
    calledAt: z.string().datetime({ offset: true, message: '通话时间格式不正确' }).optional(),
  }),
]);
export type StaffActionBody = z.infer<typeof StaffActionBody>;

/** What the resident may do on his own request. */
export const ResidentActionBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('withdraw'), reason: z.string().trim().max(200).optional() }),
  z.object({ action: z.literal('add_info'), note, photos: PhotoKeys.default([]) }),
]);
export type ResidentActionBody = z.infer<typeof ResidentActionBody>;

export const RatingBody = z.object({
  score: z.number().int('评分必须是 1–5 的整数').min(1, '评分最低 1 分').max(5, '评分最高 5 分'),
  comment: z.string().trim().max(300).nullable().default(null),
  /** 是否解决 and 是否满意 (older clients sent the score alone: satisfied is then 3–5 stars, solved unknown). */
  solved: z.boolean({ message: '请回答问题是否解决' }).optional(),
  satisfied: z.boolean({ message: '请回答是否满意' }).optional(),
});
export type RatingBody = z.infer<typeof RatingBody>;
