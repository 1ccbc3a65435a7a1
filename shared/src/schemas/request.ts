import * as z from 'zod';
import { Datum, Id, Instant, LatLng } from './common';
import { PhotoKeys } from './upload';
import { Answers } from './measures';
import {
  formatRequestNumber,
  LEVEL_LABELS,
  LEVELS,
  REQUEST_NUMBER,
  REQUEST_NUMBER_DIGITS,
  REQUEST_NUMBER_MESSAGE,
  REQUEST_STATUS_LABELS,
  REQUEST_STATUSES,
  requestNumberDigits,
} from '../plain/request';

/** Handling levels, lowest first (LEVELS, LEVEL_LABELS: ../plain/request). */
export { LEVELS, LEVEL_LABELS };
export const Level = z.enum(LEVELS);
export type Level = z.infer<typeof Level>;
/** The levels a category sets deadlines for; the property company works to the grid's deadlines. */
export const DEADLINE_LEVELS = ['grid', 'community', 'street', 'department'] as const;
export type DeadlineLevel = (typeof DEADLINE_LEVELS)[number];
export const deadlineLevel = (level: Level): DeadlineLevel => (level === 'property' ? 'grid' : level);

/**
 * A deadline rule: clock hours (urgent items), or working days, which end at 18:00 China time on
 * the n-th working day after the day the stage starts (weekends and public holidays skipped).
 */
export const DeadlineRule = z.union([
  z.object({ hours: z.number().positive().max(24 * 30) }),
  z.object({ workdays: z.number().int().positive().max(60) }),
]);
export type DeadlineRule = z.infer<typeof DeadlineRule>;

export const LevelDeadlines = z.object({ accept: DeadlineRule, resolve: DeadlineRule });
export type LevelDeadlines = z.infer<typeof LevelDeadlines>;

/**
 * Emergencies a category may touch (fire, a gas leak, someone hurt, a crime): the filing page offers
 * the emergency number first and says the form is not an emergency channel.
 */
export const EMERGENCY_KINDS = ['fire', 'gas', 'medical', 'police'] as const;
export const EmergencyKind = z.enum(EMERGENCY_KINDS);
export type EmergencyKind = z.infer<typeof EmergencyKind>;
/** The three public emergency numbers, in the order the page offers them. */
export const EMERGENCY_NUMBERS = [
  { number: '119', label: '火警' },
  { number: '120', label: '急救' },
  { number: '110', label: '报警' },
] as const;
/** The number to call first for each kind (a gas leak is the fire brigade's: 119). */
export const EMERGENCY_FIRST: Record<EmergencyKind, '119' | '120' | '110'> = { fire: '119', gas: '119', medical: '120', police: '110' };

/** Length limits of a resident's request, shared by the form (counters as he types) and the schema. */
export const REQUEST_LIMITS = { description: { min: 5, max: 500 }, address: { max: 120 } } as const;

/** An admitted item type (准入事项) with its handling deadlines per level. */
export const Category = z.object({
  id: Id,
  group: z.string(),
  name: z.string(),
  urgent: z.boolean(),
  /** Closing needs an "after" photo taken on site. */
  requiresAfterPhoto: z.boolean(),
  deadlines: z.record(z.enum(DEADLINE_LEVELS), LevelDeadlines),
  /** A property matter (物业): filed in a compound with property staff, it goes to them first. */
  propertyItem: z.boolean().default(false),
  /** Filed by staff only (12345 热线转办): not offered to residents, and refused when a resident files it. */
  staffOnly: z.boolean().default(false),
  /** The emergency this kind of problem may be (the page offers 119 / 120 / 110 first); null for none. */
  emergency: EmergencyKind.nullable().default(null),
  /**
   * On the district's admission list (准入事项清单) of duties that may be pushed down to grids: items of a
   * category not admitted start at community level and are never assigned to a grid.
   */
  gridAdmitted: z.boolean().default(true),
  /** Position in the community's list (groups appear in the order of their first item). */
  order: z.number().int().nonnegative(),
});
export type Category = z.infer<typeof Category>;
/** How a category's flags read to staff and admins. */
export const CATEGORY_FLAG_LABELS = { gridAdmitted: '准入网格', notGridAdmitted: '社区受理（不下沉网格）', propertyItem: '物业事项', staffOnly: '仅工作人员' } as const;
/** The catch-all every community offers, so a resident always finds a fitting category. */
export const OTHER_CATEGORY_ID = 'other';

export const CategoryGroup = z.object({ group: z.string(), categories: z.array(Category) });
export const CategoriesResponse = z.object({
  communityId: Id,
  groups: z.array(CategoryGroup),
  /** The community's compounds (小区) with property staff: a property matter filed for one goes to them. */
  propertyCompounds: z.array(z.string()),
  /** WeChat subscribe-message template ids to request consent for when submitting. */
  subscribeTemplates: z.object({ accepted: z.string(), escalated: z.string(), resolved: z.string() }),
});
export type CategoriesResponse = z.infer<typeof CategoriesResponse>;

/** Request statuses and their labels: ../plain/request. */
export { REQUEST_STATUSES, REQUEST_STATUS_LABELS };
export const RequestStatus = z.enum(REQUEST_STATUSES);
export type RequestStatus = z.infer<typeof RequestStatus>;

export const EVENT_TYPES = [
  'submitted',
  'accepted',
  'note',
  'info_added',
  'resolved',
  'escalated',
  'overdue',
  'refused',
  'handed_over',
  'assigned',
  'dispatched',
  'reported_in',
  'withdrawn',
  'rated',
  'reopened',
  'revisited',
  'merged',
  'deadline_recomputed',
  'returned',
  'extension_requested',
  'extension_answered',
  'hotline_queued',
  'hotline_sent',
  'hotline_failed',
  'claimed',
  'phone_update',
] as const;
export const EventType = z.enum(EVENT_TYPES);
export type EventType = z.infer<typeof EventType>;
/** How each timeline step reads to residents and staff (接诉即办). */
export const EVENT_TYPE_LABELS: Record<EventType, string> = {
  submitted: '提交反映',
  accepted: '受理',
  note: '办理进展',
  info_added: '补充信息',
  resolved: '办结',
  escalated: '上报',
  overdue: '超时',
  refused: '退回',
  handed_over: '转交其他网格',
  assigned: '派给网格',
  dispatched: '派往部门（吹哨）',
  reported_in: '部门报到',
  withdrawn: '撤回',
  rated: '评价',
  reopened: '重新办理',
  revisited: '回访',
  // Recorded on both items: the duplicate merged away and the one that took it in.
  merged: '合并重复事项',
  deadline_recomputed: '按节假日安排调整办理时限',
  returned: '退回12345热线',
  extension_requested: '申请延期',
  extension_answered: '热线平台答复延期申请',
  hotline_queued: '待发送至12345热线平台',
  hotline_sent: '已发送至12345热线平台',
  hotline_failed: '发送12345热线平台失败',
  claimed: '认领',
  phone_update: '电话告知',
};

export const TimelineEvent = z.object({
  at: Instant,
  type: EventType,
  actorId: Id.nullable(),
  /** Shown name; null when the reporter chose not to show his name to this viewer. */
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  level: Level,
  status: RequestStatus,
  note: z.string().nullable(),
  /** Photo URLs (signed, short-lived). */
  photos: z.array(z.string()),
});
export type TimelineEvent = z.infer<typeof TimelineEvent>;

/** `hotline`: the 12345 centre's own return visit, reported back by its platform. */
export const REVISIT_METHODS = ['phone', 'in_person', 'unreachable', 'hotline'] as const;
export const REVISIT_METHOD_LABELS: Record<(typeof REVISIT_METHODS)[number], string> = {
  phone: '电话回访',
  in_person: '上门回访',
  unreachable: '联系不上',
  hotline: '12345回访',
};

/** What ties an item to its 12345 ticket: the platform's id and deadline (热线时限), and a request for more time. */
export const HotlineLink = z.object({
  source: z.string(),
  externalId: z.string(),
  /** The platform's own deadline; the item's resolve deadline is this instant. */
  dueAt: Instant.nullable(),
  extension: z
    .object({
      requestedDueAt: Instant,
      reason: z.string(),
      at: Instant,
      status: z.enum(['pending', 'approved', 'denied']),
      answeredAt: Instant.nullable(),
      comment: z.string().nullable(),
    })
    .nullable(),
});
export type HotlineLink = z.infer<typeof HotlineLink>;

export const RequestSummary = z.object({
  id: Id,
  /** How the item came in: a resident, a grid worker's patrol (未诉先办), the 12345 hotline, Open311. */
  source: z.enum(['resident', 'patrol', 'hotline', 'open311']),
  categoryId: Id,
  categoryName: z.string(),
  group: z.string(),
  description: z.string(),
  status: RequestStatus,
  level: Level,
  gridId: Id.nullable(),
  communityId: Id,
  /** The compound (小区) of a property matter, as the resident chose it. */
  compound: z.string().nullable(),
  address: z.string().nullable(),
  createdAt: Instant,
  updatedAt: Instant,
  /** The deadline of the current stage (accept while submitted, resolve while accepted). */
  dueAt: Instant.nullable(),
  overdue: z.boolean(),
});
export type RequestSummary = z.infer<typeof RequestSummary>;

/** A request number as written (20261203-0042): ../plain/request. */
export { REQUEST_NUMBER };

export const RequestDetail = RequestSummary.extend({
  /** The request number (受理编号) given at filing (resident and patrol filings); null for others and older items. */
  number: z.string().nullable().default(null),
  location: LatLng,
  /** Photo URLs (signed, short-lived). */
  photos: z.array(z.string()),
  reporterName: z.string().nullable(),
  reporterPhone: z.string().nullable(),
  anonymous: z.boolean(),
  acceptBy: Instant.nullable(),
  resolveBy: Instant.nullable(),
  assigneeId: Id.nullable(),
  result: z.string().nullable(),
  /** The resident's rating with his two answers (是否解决, 是否满意; null on ratings from before they were asked). */
  rating: z.object({ score: z.number().int(), comment: z.string().nullable(), at: Instant }).merge(Answers.partial()).nullable(),
  reopenCount: z.number().int(),
  /** Departments called to the item (吹哨报到), the lead first, with when each reported in. */
  departments: z.array(z.object({ id: Id, name: z.string(), lead: z.boolean(), reportedInAt: Instant.nullable() })),
  revisits: z.array(z.object({ at: Instant, by: Id, method: z.enum(REVISIT_METHODS), outcome: z.string() }).merge(Answers.partial())),
  /** The 12345 ticket of a hotline item (热线时限, extension); null for others. */
  hotline: HotlineLink.nullable().default(null),
  /**
   * Filed by a building leader (or grid worker) for a neighbour without a smartphone: the neighbour's name
   * (as the reporter's name is shown), his phone always masked, his building and room, and who filed it.
   * His updates and return visit go by phone.
   */
  forNeighbour: z
    .object({ name: z.string().nullable(), phone: z.string().nullable(), building: z.string(), room: z.string(), filedByName: z.string().nullable() })
    .nullable()
    .default(null),
  /** Residents following the item: its reporter, "me too"s and the reporters of merged duplicates. */
  followers: z.number().int().nonnegative(),
  /** Whether the viewer follows it (so sees it in his list and gets its updates). */
  following: z.boolean(),
  mergedInto: Id.nullable(),
  version: z.number().int(),
  timeline: z.array(TimelineEvent),
});
export type RequestDetail = z.infer<typeof RequestDetail>;
export const RequestResponse = z.object({ request: RequestDetail });

/** Events a resident can subscribe to (WeChat one-time subscribe messages, 订阅消息). */
export const NOTICE_KINDS = ['accepted', 'escalated', 'resolved'] as const;
export const NoticeKind = z.enum(NOTICE_KINDS);
export type NoticeKind = z.infer<typeof NoticeKind>;

export const SubmitRequestBody = z.object({
  categoryId: Id,
  description: z
    .string()
    .trim()
    .min(REQUEST_LIMITS.description.min, `请描述问题，至少 ${REQUEST_LIMITS.description.min} 个字`)
    .max(REQUEST_LIMITS.description.max, `描述最多 ${REQUEST_LIMITS.description.max} 个字`),
  location: LatLng.extend({ datum: Datum.default('gcj02') }),
  address: z.string().trim().max(REQUEST_LIMITS.address.max, `地址最多 ${REQUEST_LIMITS.address.max} 个字`).nullable().default(null),
  anonymous: z.boolean().default(false),
  /** Keys from POST /uploads (this user's own uploads only). */
  photos: PhotoKeys.default([]),
  /** The subscribe-message templates the resident accepted when submitting (one message each). */
  notify: z.array(NoticeKind).max(NOTICE_KINDS.length).default([]),
  /** For a property matter: the compound (小区) it is in, one of the community's `propertyCompounds`. */
  compound: z.string().trim().min(1).max(40, '小区名称最多 40 个字').optional(),
  /**
   * A building leader or grid worker filing for a neighbour without a smartphone (代邻居反映): the
   * neighbour is the reporter on record; the filer follows the item and answers for him.
   */
  forNeighbour: z
    .object({
      name: z.string().trim().min(2, '请填写邻居姓名').max(20, '姓名最多 20 个字'),
      phone: z.string({ message: '请填写邻居的电话' }).trim().regex(/^1[3-9]\d{9}$|^0\d{2,3}-?\d{7,8}$/, '请填写手机号或座机号'),
      building: z.string({ message: '请填写楼栋' }).trim().min(1, '请填写楼栋').max(30, '楼栋最多 30 个字'),
      room: z.string({ message: '请填写房号' }).trim().min(1, '请填写房号').max(20, '房号最多 20 个字'),
      /** Anything else about where he lives (the compound, a landmark). */
      address: z.string().trim().max(60, '住址最多 60 个字').optional(),
    })
    .optional(),
});
export type SubmitRequestBody = z.infer<typeof SubmitRequestBody>;

/** An idempotency key a client generates per submit and reuses on retries. */
export const IdempotencyKeyHeader = z
  .string({ message: '缺少 Idempotency-Key 请求头' })
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'Idempotency-Key 应为 8–64 位字母、数字、- 或 _');

export const PageQuery = z.object({
  cursor: z.string().max(500).optional(),
  limit: z
    .string()
    .regex(/^\d+$/, '数量必须是整数')
    .transform(Number)
    .pipe(z.number().int().min(1).max(50))
    .default(20),
});
export const RequestListResponse = z.object({ items: z.array(RequestSummary), nextCursor: z.string().nullable() });
export type RequestListResponse = z.infer<typeof RequestListResponse>;

export const RequestIdParams = z.object({ id: Id });

/**
 * A request number (受理编号) as a resident reads it out on the phone: spaces and dashes are ignored,
 * and it comes out as written on the receipt (20261203-0042). Built from ../plain/request's pieces,
 * whose `checkRequestNumber` is the same check without zod.
 */
export const RequestNumber = z
  .string()
  .transform(requestNumberDigits)
  .pipe(z.string().regex(REQUEST_NUMBER_DIGITS, REQUEST_NUMBER_MESSAGE))
  .transform(formatRequestNumber);
export const RequestNumberParams = z.object({ number: RequestNumber });

export const StaffQueueQuery = PageQuery.extend({ level: Level.optional() });

/** What a dispatch target is: a city department, or a water, power or gas company (供水/供电/燃气). */
export const DEPARTMENT_KINDS = ['department', 'water', 'power', 'gas'] as const;
export const DepartmentKind = z.enum(DEPARTMENT_KINDS);
export type DepartmentKind = z.infer<typeof DepartmentKind>;
export const DEPARTMENT_KIND_LABELS: Record<DepartmentKind, string> = { department: '职能部门', water: '供水公司', power: '供电公司', gas: '燃气公司' };
export const Department = z.object({ id: Id, name: z.string(), kind: DepartmentKind.default('department') });
export const DepartmentsResponse = z.object({ items: z.array(Department) });

/** Open requests of a category near a point, shown while a resident types (duplicate hints). */
export const NearbyRequestsQuery = z.object({
  lat: z.string().regex(/^-?\d+(\.\d+)?$/, '纬度必须是数字').transform(Number).pipe(z.number().min(-90).max(90)),
  lng: z.string().regex(/^-?\d+(\.\d+)?$/, '经度必须是数字').transform(Number).pipe(z.number().min(-180).max(180)),
  categoryId: Id,
  datum: Datum.default('gcj02'),
});
export type NearbyRequestsQuery = z.infer<typeof NearbyRequestsQuery>;

export const NearbyRequest = z.object({
  id: Id,
  categoryName: z.string(),
  description: z.string(),
  status: RequestStatus,
  distanceMeters: z.number().int().nonnegative(),
  followers: z.number().int().nonnegative(),
  createdAt: Instant,
});
export const NearbyRequestsResponse = z.object({ items: z.array(NearbyRequest), radiusMeters: z.number() });
export type NearbyRequestsResponse = z.infer<typeof NearbyRequestsResponse>;

export const REQUEST_SOURCES = ['resident', 'patrol', 'hotline', 'open311'] as const;
export const RequestSource = z.enum(REQUEST_SOURCES);
export type RequestSource = z.infer<typeof RequestSource>;

/** "Me too": the progress messages the follower agreed to receive (subscribe consent at the tap). */
export const FollowBody = z.object({ notify: z.array(NoticeKind).max(NOTICE_KINDS.length).default([]) });
export type FollowBody = z.infer<typeof FollowBody>;
