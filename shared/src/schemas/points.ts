/**
 * Volunteer points and time bank (积分兑换 / 时间银行): a city-wide ledger per person, redemption
 * sites with rewards and pickup codes, and community activities that earn points and hours.
 */
import * as z from 'zod';
import { Id, Instant } from './common';
import { JOINERS, JOINER_LABELS } from '../plain/points';

/** Why a ledger entry was written. */
export const ENTRY_KINDS = ['earn', 'spend', 'refund', 'reversal', 'expiry', 'transfer_in', 'transfer_out', 'payment'] as const;
export const EntryKind = z.enum(ENTRY_KINDS);
export type EntryKind = z.infer<typeof EntryKind>;
export const ENTRY_KIND_LABELS: Record<EntryKind, string> = {
  earn: '获得',
  spend: '兑换',
  refund: '退回',
  reversal: '冲正',
  expiry: '过期',
  transfer_in: '转入',
  transfer_out: '转出',
  payment: '时间支付',
};

/** What a credit or spend came from. */
export const SOURCE_TYPES = ['activity', 'need', 'task', 'admin', 'redemption', 'entry', 'lot', 'transfer'] as const;
export const SourceType = z.enum(SOURCE_TYPES);
export type SourceType = z.infer<typeof SourceType>;

export const LedgerEntryDto = z.object({
  id: Id,
  at: Instant,
  kind: EntryKind,
  /** Signed: credits positive, spends and expiries negative. */
  points: z.number().int(),
  /** Service minutes this entry records (signed): the permanent service record. */
  minutes: z.number().int(),
  /** Time-bank minutes this entry adds or takes (signed): banked service, gifts between family, payments for needs. */
  bank: z.number().int(),
  reason: z.string(),
  source: z.object({ type: SourceType, id: z.string() }),
  /** Whether staff verified the work (an approved activity or task), or an admin added it by hand. */
  verified: z.boolean(),
  /** The entry this one reverses, once reversed (冲正). */
  reversedBy: Id.nullable(),
});
export type LedgerEntryDto = z.infer<typeof LedgerEntryDto>;

export const AccountDto = z.object({
  userId: Id,
  /** Spendable points (sum of live lots). */
  balance: z.number().int().nonnegative(),
  /** Points of attendance waiting for the organiser's confirmation. */
  pending: z.number().int().nonnegative(),
  /** Points that expire within the next 31 days, and the first such date. */
  expiringSoon: z.object({ points: z.number().int().nonnegative(), on: z.string().nullable() }),
  /** Service given, in minutes (a permanent record). */
  servedMinutes: z.number().int().nonnegative(),
  /** Time-bank minutes to spend on needs (存时间、取服务): banked service plus gifts received. */
  bankMinutes: z.number().int().nonnegative(),
});
export type AccountDto = z.infer<typeof AccountDto>;

export const LedgerQuery = z.object({ cursor: z.string().max(500).optional(), limit: z.coerce.number().int().min(1).max(50).default(20) });
export const LedgerResponse = z.object({ account: AccountDto, entries: z.array(LedgerEntryDto), nextCursor: z.string().nullable() });
export type LedgerResponse = z.infer<typeof LedgerResponse>;

/** Staff add points by hand (marked apart from verified credits). */
export const AdminCreditBody = z.object({
  userId: Id,
  points: z.number().int('积分必须是整数').min(1, '至少 1 分').max(500, '单次最多 500 分'),
  minutes: z.number().int().min(0).max(24 * 60).default(0),
  reason: z.string().trim().min(2, '请写明原因').max(100, '原因最多 100 个字'),
});
export const ReversalBody = z.object({ reason: z.string().trim().min(2, '请写明冲正原因').max(100, '原因最多 100 个字') });
export const EntryParams = z.object({ userId: Id, entryId: Id });
export const UserParams = z.object({ userId: Id });
export const EntryResponse = z.object({ entry: LedgerEntryDto, account: AccountDto });

// ---------------------------------------------------------------- redemption sites and rewards

/** Whom a redemption site serves: its community, its whole street, or everyone. */
export const SITE_SCOPES = ['community', 'street', 'city'] as const;
export const SiteScope = z.enum(SITE_SCOPES);
export const SITE_SCOPE_LABELS: Record<z.infer<typeof SiteScope>, string> = { community: '本社区居民', street: '本街道居民', city: '所有人' };

export const RewardDto = z.object({
  id: Id,
  siteId: Id,
  name: z.string(),
  description: z.string(),
  /** An uploaded photo's URL (signed), or null. */
  picture: z.string().nullable(),
  cost: z.number().int().positive(),
  stock: z.number().int().nonnegative(),
  /** Most a person may redeem per calendar month (Asia/Shanghai); null: no limit. */
  monthlyLimit: z.number().int().positive().nullable(),
  /** Popular rewards open at a set time (e.g. 09:00); null: at once. */
  releaseAt: Instant.nullable(),
  active: z.boolean(),
});
export type RewardDto = z.infer<typeof RewardDto>;

export const SiteDto = z.object({
  id: Id,
  name: z.string(),
  communityId: Id,
  streetId: Id,
  address: z.string(),
  hours: z.string(),
  serves: SiteScope,
  /** Days a reserved reward waits for pickup before it lapses (points and stock return). */
  holdDays: z.number().int().min(1).max(60),
  rewards: z.array(RewardDto),
});
export type SiteDto = z.infer<typeof SiteDto>;

export const CreateSiteBody = z.object({
  name: z.string().trim().min(2, '请填写兑换点名称').max(40, '名称最多 40 个字'),
  communityId: Id,
  address: z.string().trim().min(2, '请填写地址').max(80, '地址最多 80 个字'),
  hours: z.string().trim().min(2, '请填写开放时间').max(60, '开放时间最多 60 个字'),
  serves: SiteScope.default('community'),
  holdDays: z.number().int().min(1, '至少 1 天').max(60, '最多 60 天').default(7),
});
export const RewardBody = z.object({
  name: z.string().trim().min(2, '请填写物品名称').max(30, '名称最多 30 个字'),
  description: z.string().trim().max(200, '说明最多 200 个字').default(''),
  /** An upload key; omitted on an edit keeps the current picture, null removes it. */
  picture: z.string().max(300).nullable().optional(),
  cost: z.number().int('积分必须是整数').min(1, '至少 1 分').max(100_000),
  stock: z.number().int('库存必须是整数').min(0, '库存不能为负').max(100_000),
  /**
   * On an edit, the stock the staff member saw when he opened it: redemptions since then are kept (his change is
   * applied to the stock as it is now: saw 3, saved 8, two redeemed meanwhile → 6). Omitted: the stock as given.
   */
  stockWas: z.number().int().min(0).max(100_000).optional(),
  monthlyLimit: z.number().int().min(1).max(100).nullable().default(null),
  releaseAt: Instant.nullable().default(null),
  active: z.boolean().default(true),
});
export const SiteParams = z.object({ siteId: Id });
export const RewardParams = z.object({ siteId: Id, rewardId: Id });
export const SiteResponse = z.object({ site: SiteDto });
export const SiteListResponse = z.object({
  items: z.array(SiteDto),
  /** Template id to ask consent for at the 兑换 tap (empty when off). */
  noticeTemplates: z.object({ expiring: z.string() }),
});
export const RewardResponse = z.object({ reward: RewardDto });

// ---------------------------------------------------------------- redemptions

export const REDEMPTION_STATUSES = ['reserved', 'collected', 'cancelled', 'lapsed'] as const;
export const RedemptionStatus = z.enum(REDEMPTION_STATUSES);
export type RedemptionStatus = z.infer<typeof RedemptionStatus>;
export const REDEMPTION_STATUS_LABELS: Record<RedemptionStatus, string> = { reserved: '待领取', collected: '已领取', cancelled: '已取消', lapsed: '逾期未领' };

export const RedemptionDto = z.object({
  id: Id,
  siteId: Id,
  siteName: z.string(),
  siteAddress: z.string(),
  rewardId: Id,
  rewardName: z.string(),
  cost: z.number().int(),
  /** Six digits, unique at the site while it waits; shown as text and QR. */
  code: z.string(),
  status: RedemptionStatus,
  createdAt: Instant,
  /** Pickup by this instant, else it lapses and the points return. */
  collectBy: Instant,
  collectedAt: Instant.nullable(),
  collectedByName: z.string().nullable(),
  /** The person it is for (shown to site staff after a scan). */
  personName: z.string().nullable(),
});
export type RedemptionDto = z.infer<typeof RedemptionDto>;

export const RedeemBody = z.object({
  siteId: Id,
  rewardId: Id,
  /** Subscribe-message consents given at the tap: `expiring` (told a month before points expire). */
  notify: z.array(z.enum(['expiring'])).max(1).default([]),
});
export const RedemptionParams = z.object({ id: Id });
export const RedemptionResponse = z.object({ redemption: RedemptionDto, account: AccountDto.optional() });
export const RedemptionListResponse = z.object({ items: z.array(RedemptionDto) });
export const CodeParams = z.object({ siteId: Id, code: z.string().regex(/^\d{6}$/, '领取码为 6 位数字') });
export const VerifyCodeBody = z.object({ code: z.string().trim().regex(/^\d{6}$/, '领取码为 6 位数字') });

// ---------------------------------------------------------------- activities

/** Who may sign up (JOINERS, JOINER_LABELS: ../plain/points). */
export { JOINERS, JOINER_LABELS };
export const Joiners = z.enum(JOINERS);

export const ActivityReward = z.discriminatedUnion('per', [
  z.object({ per: z.literal('person'), points: z.number().int().min(0).max(500) }),
  z.object({ per: z.literal('hour'), points: z.number().int().min(0).max(100) }),
]);
export type ActivityReward = z.infer<typeof ActivityReward>;

export const SIGNUP_STATUSES = ['signed_up', 'checked_in', 'checked_out', 'confirmed', 'withdrawn', 'absent'] as const;
export const SignupStatus = z.enum(SIGNUP_STATUSES);
export type SignupStatus = z.infer<typeof SignupStatus>;
export const SIGNUP_STATUS_LABELS: Record<SignupStatus, string> = {
  signed_up: '已报名',
  checked_in: '已签到',
  checked_out: '已签退',
  confirmed: '已确认',
  withdrawn: '已退出',
  absent: '未到',
};

export const ActivityDto = z.object({
  id: Id,
  communityId: Id,
  title: z.string(),
  description: z.string(),
  place: z.string(),
  start: Instant,
  end: Instant,
  places: z.number().int().positive(),
  taken: z.number().int().nonnegative(),
  reward: ActivityReward,
  joiners: Joiners,
  /** The volunteer team it belongs to (its captain runs it), if any. */
  teamId: Id.nullable(),
  teamName: z.string().nullable(),
  unitId: Id.nullable(),
  unitName: z.string().nullable(),
  organiserName: z.string(),
  status: z.enum(['open', 'cancelled']),
  /** The caller's sign-up, if any. */
  mine: z.object({ status: SignupStatus, points: z.number().int().nullable() }).nullable(),
  /** Whether the caller organises it (confirms attendance). */
  organiser: z.boolean(),
  /** Six-digit check-in code the organiser shows on site (organiser only). */
  checkInCode: z.string().nullable(),
});
export type ActivityDto = z.infer<typeof ActivityDto>;

export const CreateActivityBody = z
  .object({
    communityId: Id,
    title: z.string().trim().min(2, '请填写活动名称').max(40, '名称最多 40 个字'),
    description: z.string().trim().max(500, '说明最多 500 个字').default(''),
    place: z.string().trim().min(2, '请填写活动地点').max(60, '地点最多 60 个字'),
    start: Instant,
    end: Instant,
    places: z.number().int('名额必须是整数').min(1, '至少 1 个名额').max(500, '最多 500 个名额'),
    reward: ActivityReward,
    joiners: Joiners.default('anyone'),
    /** A team's activity (its captain may publish it and confirms attendance). */
    teamId: Id.optional(),
    /** A standing post (岗位) of a 共建单位: only its members claim it. */
    unitId: Id.optional(),
    /** A weekly duty: the same activity this many weeks in a row (each week its own places). */
    repeatWeeks: z.number().int().min(1).max(12).default(1),
  })
  .refine((b) => Date.parse(b.end) > Date.parse(b.start), { path: ['end'], message: '结束时间应晚于开始时间' })
  .refine((b) => Date.parse(b.end) - Date.parse(b.start) <= 12 * 3600_000, { path: ['end'], message: '一次活动最长 12 小时' })
  .refine((b) => b.joiners !== 'team' || !!b.teamId, { path: ['teamId'], message: '仅限本队队员的活动请选择队伍' })
  .refine((b) => b.joiners !== 'unit' || !!b.unitId, { path: ['unitId'], message: '共建单位的岗位请选择单位' });
export const ActivityParams = z.object({ id: Id });
export const ActivityListQuery = z.object({ communityId: Id.optional() });
export const ActivityResponse = z.object({ activity: ActivityDto, /** The later weeks of a weekly duty. */ series: z.array(Id).optional() });
export const ActivityListResponse = z.object({ items: z.array(ActivityDto) });
export const CheckInCodeBody = z.object({ code: z.string().trim().regex(/^\d{6}$/, '签到码为 6 位数字'), out: z.boolean().default(false) });

export const SignupDto = z.object({
  userId: Id,
  name: z.string(),
  status: SignupStatus,
  checkInAt: Instant.nullable(),
  checkOutAt: Instant.nullable(),
  /** Points credited on confirmation (null before). */
  points: z.number().int().nullable(),
  minutes: z.number().int().nullable(),
});
export type SignupDto = z.infer<typeof SignupDto>;
export const SignupListResponse = z.object({ items: z.array(SignupDto) });
/** The organiser confirms who came (and for how long, for per-hour activities): each is credited once. */
export const ConfirmBody = z
  .object({
    attendees: z.array(z.object({ userId: Id, minutes: z.number().int().min(1).max(12 * 60).optional() })).max(100, '一次最多确认 100 人').default([]),
    absent: z.array(Id).max(500).default([]),
  })
  .refine((b) => b.attendees.length + b.absent.length > 0, { path: ['attendees'], message: '请选择参加或未到的人' });
export const ConfirmResponse = z.object({ items: z.array(SignupDto), credited: z.number().int() });

// ---------------------------------------------------------------- recognition

/** A quarter, e.g. 2026Q4. */
export const Quarter = z.string().regex(/^\d{4}Q[1-4]$/, '季度格式应为 2026Q4');
/** A community's board, or a team's (teamId), or a 共建单位's (unitId). */
export const LeaderboardQuery = z.object({ communityId: Id.optional(), teamId: Id.optional(), unitId: Id.optional(), quarter: Quarter.optional() });
export const LeaderboardRow = z.object({
  rank: z.number().int().positive(),
  /** The volunteer's name, or 志愿者 when he chose to hide it. */
  name: z.string(),
  points: z.number().int(),
  minutes: z.number().int(),
  me: z.boolean(),
});
export const LeaderboardResponse = z.object({
  communityId: Id,
  teamId: Id.nullable(),
  unitId: Id.nullable(),
  quarter: Quarter,
  /** The top of the board (at most 50), by points earned for service this quarter, then hours. */
  items: z.array(LeaderboardRow),
  /** The caller's own row when he is on the board. */
  mine: LeaderboardRow.nullable(),
  /** Whether the caller hides his name on boards. */
  hidden: z.boolean(),
});
export type LeaderboardResponse = z.infer<typeof LeaderboardResponse>;
export const BoardPreferenceBody = z.object({ hideName: z.boolean() });

// ---------------------------------------------------------------- service reports (tasks staff approve)

/** Service people report for staff to approve: a civility persuasion (文明劝导), a station duty, a neighbour's good deed (道德超市). */
export const REPORTED_KINDS = ['civility', 'station_duty', 'good_deed'] as const;
export const ReportedKind = z.enum(REPORTED_KINDS);
/** Points for service verified by staff or another job, by kind (the points job's policy). */
export const SERVICE_POINTS = { hazard_report: 10, civility: 5, station_duty: 10, good_deed: 5 } as const;
export const REPORTED_KIND_LABELS: Record<z.infer<typeof ReportedKind>, string> = { civility: '文明劝导', station_duty: '驿站值守', good_deed: '好人好事' };
export const SERVICE_REPORT_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const SERVICE_REPORT_STATUS_LABELS: Record<(typeof SERVICE_REPORT_STATUSES)[number], string> = { pending: '待审核', approved: '已通过', rejected: '未通过' };

export const ServiceReportDto = z.object({
  id: Id,
  communityId: Id,
  kind: ReportedKind,
  description: z.string(),
  /** Photo URLs (signed, short-lived). */
  photos: z.array(z.string()),
  occurredOn: z.string(),
  /** Who did it: the reporter himself, or (a good deed) the neighbour he names. */
  doerName: z.string(),
  reporterName: z.string(),
  status: z.enum(SERVICE_REPORT_STATUSES),
  decisionNote: z.string().nullable(),
  points: z.number().int().nullable(),
  createdAt: Instant,
});
export type ServiceReportDto = z.infer<typeof ServiceReportDto>;
export const ServiceReportBody = z.object({
  kind: ReportedKind,
  description: z.string().trim().min(5, '请写清楚做了什么，至少 5 个字').max(300, '最多 300 个字'),
  photos: z.array(z.string().max(300)).max(4, '最多 4 张照片').default([]),
  occurredOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'),
  /** A good deed: the neighbour who did it (staff confirm who he is when approving). */
  doerName: z.string().trim().min(2, '请写明做好事的人').max(20).optional(),
});
export const ServiceReportQuery = z.object({ scope: z.enum(['mine', 'review']).default('mine') });
export const ServiceReportParams = z.object({ id: Id });
export const ServiceDecisionBody = z.object({
  approve: z.boolean(),
  note: z.string().trim().max(100, '最多 100 个字').nullable().default(null),
  /** Whom to credit for a good deed (a resident of the community); others credit the reporter. */
  userId: Id.optional(),
});
export const ServiceReportResponse = z.object({ report: ServiceReportDto });
export const ServiceReportListResponse = z.object({ items: z.array(ServiceReportDto) });

// ---------------------------------------------------------------- service record

export const ServiceRecordQuery = z.object({
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'),
});
export const ServiceRecordRow = z.object({
  at: Instant,
  name: z.string(),
  reason: z.string(),
  minutes: z.number().int(),
  points: z.number().int(),
  verified: z.boolean(),
});
/**
 * A community's service record over a period, for the registered volunteer organisation to check
 * and record (it issues any 志愿服务记录证明, not this product): rows and the same as CSV.
 */
export const ServiceRecordResponse = z.object({
  communityId: Id,
  from: z.string(),
  to: z.string(),
  rows: z.array(ServiceRecordRow),
  totalMinutes: z.number().int(),
  csv: z.string(),
  filename: z.string(),
});
