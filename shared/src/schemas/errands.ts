/**
 * Errands (代办帮办 / 上门办): instead of coming to the centre, a resident asks staff or his grid
 * worker to do it for him — they accept, collect his papers, handle it at the window and bring the
 * result back, each step on a timeline like a request's.
 */
import * as z from 'zod';
import { Id, Instant } from './common';

const Slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, '编号只能用小写字母、数字和短横线');

export const ERRAND_MODES = ['errand', 'home'] as const;
export const ERRAND_MODE_LABELS: Record<(typeof ERRAND_MODES)[number], string> = { errand: '代办（不用跑腿）', home: '上门办理' };
export const ERRAND_STATUSES = ['requested', 'accepted', 'collected', 'handled', 'returned', 'cancelled'] as const;
export type ErrandStatus = (typeof ERRAND_STATUSES)[number];
export const ERRAND_STATUS_LABELS: Record<ErrandStatus, string> = {
  requested: '已申请，待受理',
  accepted: '已受理',
  collected: '材料已收取',
  handled: '已办理',
  returned: '结果已送回，办结',
  cancelled: '已取消',
};
export const ERRAND_STEPS = ['accept', 'collect', 'handle', 'return', 'cancel'] as const;
export type ErrandStep = (typeof ERRAND_STEPS)[number];

export const CreateErrandBody = z.object({
  centreId: Id,
  offeringId: Slug,
  mode: z.enum(ERRAND_MODES, { message: '请选择代办或上门办理' }),
  /** What exactly, in the resident's words. */
  note: z.string().trim().min(2, '请说明要办什么（至少 2 个字）').max(200, '最多 200 个字'),
  /** Where to collect papers or come (default: the home address given at registration). */
  address: z.string().trim().max(80, '最多 80 个字').optional(),
  /** For a family member he looks after. */
  forUserId: Id.optional(),
});
export const ErrandStepBody = z.object({
  step: z.enum(ERRAND_STEPS, { message: '未知的办理步骤' }),
  note: z.string().trim().max(200, '最多 200 个字').default(''),
  version: z.number().int().min(1),
});
export const ErrandDto = z.object({
  id: Id,
  centreId: Id,
  centreName: z.string(),
  offeringId: Slug,
  offeringName: z.string(),
  bring: z.array(z.string()),
  mode: z.enum(ERRAND_MODES),
  modeLabel: z.string(),
  note: z.string(),
  address: z.string(),
  userId: Id,
  personName: z.string(),
  personPhone: z.string().nullable(),
  status: z.enum(ERRAND_STATUSES),
  statusLabel: z.string(),
  assigneeName: z.string().nullable(),
  createdAt: Instant,
  version: z.number().int(),
  /** The steps the caller may take now. */
  steps: z.array(z.enum(ERRAND_STEPS)),
  timeline: z.array(z.object({ at: Instant, what: z.string(), by: z.string() })),
});
export type ErrandDto = z.infer<typeof ErrandDto>;
export const ErrandResponse = z.object({ errand: ErrandDto });
export const ErrandListResponse = z.object({ items: z.array(ErrandDto) });
export const ErrandParams = z.object({ id: Id });
export const ErrandQueueQuery = z.object({ status: z.enum(['open', 'all']).default('open') });
