/** The 12345 round trip (网格+热线): tickets in (one call or a file), outcomes back to the platform, its answers in. */
import * as z from 'zod';
import { Datum, Id, Instant, LatLng } from './common';
import { RequestStatus } from './request';

/** One 12345 hotline ticket (网格+热线). */
export const HotlineTicket = z.object({
  externalId: z.string().trim().regex(/^[A-Za-z0-9_-]{1,64}$/, '工单编号只能是字母、数字、- 或 _'),
  text: z.string().trim().min(2, '工单内容不能为空').max(1000),
  phone: z.string().regex(/^[0-9+\-\s]{5,20}$/, '电话格式不正确').nullable().default(null),
  address: z.string().trim().max(200).nullable().default(null),
  location: LatLng.extend({ datum: Datum.default('gcj02') }).nullable().default(null),
  categoryHint: Id.nullable().default(null),
  /** Needed when the ticket has no location to find its community by. */
  communityId: Id.nullable().default(null),
  /** The platform's own deadline (热线时限): the item must be resolved by then; our calendar does not recount it. */
  dueAt: z.iso.datetime({ offset: true, message: '热线时限应为带时区的时间，如 2026-12-08T18:00:00+08:00' }).nullable().default(null),
});
export type HotlineTicket = z.infer<typeof HotlineTicket>;

export const HotlineSource = z.string().regex(/^[a-z0-9-]{1,32}$/, '来源只能是小写字母、数字或 -').default('12345');

export const HotlineImportBody = z.object({
  source: HotlineSource,
  tickets: z.array(HotlineTicket).min(1, '至少一张工单').max(500, '一次最多导入 500 张工单'),
});
export type HotlineImportBody = z.infer<typeof HotlineImportBody>;

export const HotlineImportResponse = z.object({
  created: z.number().int(),
  duplicates: z.number().int(),
  failed: z.number().int(),
  items: z.array(
    z.object({
      externalId: z.string(),
      requestId: Id.nullable(),
      outcome: z.enum(['created', 'duplicate', 'failed']),
      error: z.string().nullable(),
    }),
  ),
});
export type HotlineImportResponse = z.infer<typeof HotlineImportResponse>;

export const HotlineTicketParams = z.object({ externalId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '工单编号只能是字母、数字、- 或 _') });

/** The platform's answer to our request for more time (延期申请). */
export const HotlineExtensionAnswerBody = z
  .object({
    source: HotlineSource,
    approved: z.boolean({ message: '请说明是否同意延期' }),
    /** The new deadline when approved (usually the one asked for). */
    dueAt: Instant.optional(),
    comment: z.string().trim().max(500, '说明最多 500 个字').nullable().default(null),
  })
  .superRefine((b, ctx) => {
    if (b.approved && !b.dueAt) ctx.addIssue({ code: 'custom', path: ['dueAt'], message: '同意延期时请给出新的热线时限' });
  });
export type HotlineExtensionAnswerBody = z.infer<typeof HotlineExtensionAnswerBody>;

/** The 12345 centre's own return visit (回访): was it solved (是否解决), is the citizen satisfied (是否满意). */
export const HotlineVisitBody = z.object({
  source: HotlineSource,
  solved: z.boolean({ message: '请说明是否解决' }),
  satisfied: z.boolean({ message: '请说明是否满意' }),
  comment: z.string().trim().min(1, '请填写回访情况').max(500, '回访情况最多 500 个字'),
  /** A new deadline when an unsatisfied visit sends the ticket back for handling again (重办). */
  dueAt: Instant.optional(),
});
export type HotlineVisitBody = z.infer<typeof HotlineVisitBody>;

export const HotlineAnswerResponse = z.object({ requestId: Id, status: RequestStatus, hotlineDueAt: Instant.nullable() });
export type HotlineAnswerResponse = z.infer<typeof HotlineAnswerResponse>;

/** What goes back to the platform: the closing reply (办结回复), a refusal (退单) or a request for more time (延期申请). */
export const HOTLINE_OUTBOUND_KINDS = ['reply', 'refusal', 'extension'] as const;
export const HotlineOutboundKind = z.enum(HOTLINE_OUTBOUND_KINDS);
export type HotlineOutboundKind = z.infer<typeof HotlineOutboundKind>;
export const HOTLINE_OUTBOUND_LABELS: Record<HotlineOutboundKind, string> = { reply: '办结回复', refusal: '退单', extension: '延期申请' };

/** One message to the platform, as sent (`messageId` is stable: the platform drops a repeat). */
export const HotlineOutboundMessage = z.object({
  messageId: z.string(),
  kind: HotlineOutboundKind,
  source: z.string(),
  externalId: z.string(),
  /** The result (reply), the reason (refusal, extension). */
  text: z.string(),
  /** The deadline asked for (extension). */
  requestedDueAt: Instant.nullable(),
  /** Who answered, at which level (网格 / 社区 …). */
  unit: z.string(),
  at: Instant,
});
export type HotlineOutboundMessage = z.infer<typeof HotlineOutboundMessage>;

/** Starts importing an uploaded file of tickets (`fileKey` from POST /uploads with a file content type). */
export const HotlineImportJobBody = z.object({
  source: HotlineSource,
  fileKey: z.string().regex(/^uploads\/[A-Za-z0-9_-]{1,64}\/[A-Za-z0-9]{26}\.(csv|jsonl)$/, '文件编号不正确，请重新上传'),
});
export type HotlineImportJobBody = z.infer<typeof HotlineImportJobBody>;

export const HotlineImportJob = z.object({
  id: Id,
  source: z.string(),
  fileKey: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  /** Rows of tickets in the file (header excluded); null until the file has been read. */
  total: z.number().int().nullable(),
  /** Rows handled so far. */
  processed: z.number().int(),
  imported: z.number().int(),
  duplicates: z.number().int(),
  failed: z.number().int(),
  /** Rows that could not be imported (the first 500): the row number in the file (a CSV's header is row 1) and why. */
  failures: z.array(z.object({ row: z.number().int(), externalId: z.string().nullable(), reason: z.string() })),
  /** Why the whole file could not be read (not CSV / JSON lines, missing columns); else null. */
  error: z.string().nullable(),
  createdAt: Instant,
  updatedAt: Instant,
  finishedAt: Instant.nullable(),
});
export type HotlineImportJob = z.infer<typeof HotlineImportJob>;
export const HotlineImportJobResponse = z.object({ job: HotlineImportJob });
export const HotlineImportJobParams = z.object({ id: Id });
