/**
 * Residents' needs and the time bank (居民点单、社区派单、志愿者接单、群众评单; 存时间、取服务): a
 * resident (or his family, or his building leader) posts a need; the community dispatches it or a
 * volunteer takes it; the resident confirms and rates it, and may pay with banked hours.
 */
import * as z from 'zod';
import { Id, Instant } from './common';

export const NEED_KINDS = ['ride', 'shopping', 'company', 'repair', 'other'] as const;
export const NeedKind = z.enum(NEED_KINDS);
export type NeedKind = z.infer<typeof NeedKind>;
export const NEED_KIND_LABELS: Record<NeedKind, string> = { ride: '就医陪同', shopping: '代买代办', company: '陪伴聊天', repair: '小修小补', other: '其他帮助' };

export const NEED_STATUSES = ['open', 'taken', 'done', 'confirmed', 'cancelled'] as const;
export const NeedStatus = z.enum(NEED_STATUSES);
export type NeedStatus = z.infer<typeof NeedStatus>;
export const NEED_STATUS_LABELS: Record<NeedStatus, string> = { open: '待接单', taken: '已接单', done: '待确认', confirmed: '已完成', cancelled: '已取消' };

/** Points a volunteer earns per hour of a need (besides the hours banked). */
export const NEED_POINTS_PER_HOUR = 10;
/** The most banked minutes one person may give his family in a calendar year. */
export const YEARLY_GIFT_CAP_MINUTES = 20 * 60;

export const NeedDto = z.object({
  id: Id,
  communityId: Id,
  kind: NeedKind,
  title: z.string(),
  description: z.string(),
  when: Instant,
  place: z.string(),
  /** Expected minutes (posted), then the minutes the volunteer served (done). */
  minutes: z.number().int(),
  payWithHours: z.boolean(),
  status: NeedStatus,
  /** Whom the help is for (masked for volunteers until they take it: surname only). */
  requesterName: z.string(),
  /** Who posted it for him (family, building leader), if not himself. */
  postedByName: z.string().nullable(),
  /** Posted for a neighbour without a smartphone: his address (the volunteer goes there). */
  neighbourAddress: z.string().nullable(),
  volunteerName: z.string().nullable(),
  /** The requester's phone, shown to the volunteer who took it (and staff), masked otherwise or null. */
  phone: z.string().nullable(),
  /** The caller's part in it. */
  role: z.enum(['requester', 'poster', 'volunteer', 'staff', 'none']),
  doneNote: z.string().nullable(),
  rating: z.object({ score: z.number().int(), comment: z.string().nullable() }).nullable(),
  /** Bank minutes the requester paid on confirmation (0 when not paid with hours). */
  paidMinutes: z.number().int(),
  createdAt: Instant,
  version: z.number().int(),
});
export type NeedDto = z.infer<typeof NeedDto>;

export const PostNeedBody = z.object({
  kind: NeedKind,
  title: z.string().trim().min(2, '请简要写明需要什么帮助').max(30, '标题最多 30 个字'),
  description: z.string().trim().max(300, '说明最多 300 个字').default(''),
  when: Instant,
  place: z.string().trim().min(2, '请填写地点').max(60, '地点最多 60 个字'),
  minutes: z.number().int('时长必须是整数分钟').min(15, '至少 15 分钟').max(8 * 60, '最长 8 小时'),
  payWithHours: z.boolean().default(false),
  /** A family member he looks after (posted by the carer). */
  forUserId: Id.optional(),
  /** A neighbour without a smartphone, posted by his building leader (楼长) or grid worker, who confirms for him. */
  forNeighbour: z
    .object({
      name: z.string().trim().min(2, '请填写邻居姓名').max(20, '姓名最多 20 个字'),
      phone: z.string().trim().regex(/^1[3-9]\d{9}$|^0\d{2,3}-?\d{7,8}$/, '请填写手机号或座机号'),
      address: z.string().trim().min(2, '请填写邻居住址').max(60, '住址最多 60 个字'),
    })
    .optional(),
});
export const NeedListQuery = z.object({ scope: z.enum(['open', 'mine', 'taken']).default('mine') });
export const NeedParams = z.object({ id: Id });
export const AssignNeedBody = z.object({ volunteerId: Id });
export const DoneNeedBody = z.object({
  minutes: z.number().int('时长必须是整数分钟').min(5, '至少 5 分钟').max(8 * 60, '最长 8 小时'),
  note: z.string().trim().max(200, '最多 200 个字').default(''),
});
export const ConfirmNeedBody = z.object({
  score: z.number().int().min(1, '请打分').max(5),
  comment: z.string().trim().max(200, '最多 200 个字').nullable().default(null),
  /** Pay the served minutes from the requester's time bank (defaults to what the post said). */
  payWithHours: z.boolean().optional(),
});
export const NeedResponse = z.object({ need: NeedDto });
export const NeedListResponse = z.object({ items: z.array(NeedDto) });

/** Give banked minutes to a linked family member (two entries that sum to zero). */
export const TransferBody = z.object({
  toUserId: Id,
  minutes: z.number().int('时长必须是整数分钟').min(30, '至少 30 分钟').max(YEARLY_GIFT_CAP_MINUTES, '每年最多转赠 20 小时'),
});
export const TransferResponse = z.object({ givenMinutes: z.number().int(), givenThisYear: z.number().int(), bankMinutes: z.number().int() });
