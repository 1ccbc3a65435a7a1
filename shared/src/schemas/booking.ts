/**
 * After-hours booking (延时服务): community service centres (党群服务中心) open on weekday evenings
 * and at weekends on rota; residents book a place in a slot for one of the centre's offerings.
 *
 * "Services" already names Open311 request categories in this API, so what a centre does for
 * residents is an **offering** (办事项目) here, and its place of work a **centre**.
 */
import * as z from 'zod';
import { Datum, Id, Instant, LatLng } from './common';

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Local wall-clock time in Asia/Shanghai, HH:MM (24:00 allowed as an end). */
export const ClockTime = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, '时间格式应为 HH:MM，如 17:30');
/** A calendar date in Asia/Shanghai, YYYY-MM-DD. */
export const LocalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), '不存在的日期');
/** Lower-case slugs for ids that staff choose (offerings, rooms). */
const Slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, '编号只能用小写字母、数字和短横线');

/**
 * An opening block: from `start` to `end` in slots of `slotMinutes`, with `windows` all-purpose
 * windows staffed (the duty roster: one staff member per window) shared by every window offering.
 */
export const OpeningBlock = z
  .object({
    start: ClockTime,
    end: ClockTime,
    slotMinutes: z.number().int().min(10, '每段至少 10 分钟').max(240, '每段最多 240 分钟'),
    windows: z.number().int().min(0, '窗口数不能为负').max(50, '窗口数最多 50'),
  })
  .superRefine((b, ctx) => {
    const span = minutesOf(b.end) - minutesOf(b.start);
    if (span <= 0) ctx.addIssue({ code: 'custom', path: ['end'], message: '结束时间应晚于开始时间' });
    else if (span % b.slotMinutes !== 0) ctx.addIssue({ code: 'custom', path: ['slotMinutes'], message: '开放时长应能被每段时长整除' });
  });
export type OpeningBlock = z.infer<typeof OpeningBlock>;

const Blocks = z.array(OpeningBlock).max(6, '每天最多 6 个时间段');

/** Weekly rules by kind of day; public holidays follow the holiday rota (`holiday`, else `restday`). */
export const WeeklyRules = z.object({
  workday: Blocks,
  restday: Blocks,
  /** Public holidays (法定节假日); null: as on a weekend. */
  holiday: Blocks.nullable().default(null),
});
export type WeeklyRules = z.infer<typeof WeeklyRules>;

/** A date that differs from the weekly rule: closed, or other hours (an extra evening is `hours` on a closed day). */
export const DateException = z.object({
  date: LocalDate,
  kind: z.enum(['closed', 'hours'], { message: '请选择闭馆或调整时间' }),
  blocks: Blocks.default([]),
  note: z.string().trim().max(50, '最多 50 个字').default(''),
});
export type DateException = z.infer<typeof DateException>;

/** A room with its own capacity per slot (调解室, 法律咨询室). */
export const Room = z.object({
  id: Slug,
  name: z.string().trim().min(2, '请填写房间名称').max(20, '最多 20 个字'),
  capacity: z.number().int().min(1, '至少 1 个名额').max(20, '最多 20 个名额'),
});
export type Room = z.infer<typeof Room>;

const Weekdays = z.array(z.number().int().min(0).max(6)).min(1, '至少选择一天').max(7);
/** One dated session of an activity (a festival event): its time and seats. */
export const Session = z.object({ date: LocalDate, start: ClockTime, end: ClockTime, seats: z.number().int().min(1).max(500) });
/** A term (四点半课堂): one enrolment for every listed weekday from `from` to `to`. */
export const Term = z.object({ from: LocalDate, to: LocalDate, weekdays: Weekdays, start: ClockTime, end: ClockTime, seats: z.number().int().min(1).max(500) });
/** A daily order (老年助餐): a seat per day on the listed weekdays, ordered and cancelled by `cutoff` the day before. */
export const DailyOrder = z.object({ weekdays: Weekdays, start: ClockTime, end: ClockTime, seats: z.number().int().min(1).max(1000), cutoff: ClockTime });

/**
 * The kinds of offering: an appointment at the windows or a room in the opening slots (办事预约),
 * a dated session with seats (活动报名), a term (学期报名), or a daily order with a cut-off (每日订餐).
 */
export const OFFERING_KINDS = ['appointment', 'session', 'term', 'daily'] as const;
export const OFFERING_KIND_LABELS: Record<(typeof OFFERING_KINDS)[number], string> = { appointment: '办事预约', session: '活动报名', term: '学期报名', daily: '每日订餐' };

/** What a centre does for residents (办事项目), from the community's published service list. */
export const Offering = z.object({
  id: Slug,
  name: z.string().trim().min(2, '请填写项目名称').max(30, '最多 30 个字'),
  /** About how long it takes (shown to residents; one booking takes one slot). */
  minutes: z.number().int().min(5).max(240),
  /** What to bring, shown on the confirmation so nobody comes twice. */
  bring: z.array(z.string().trim().min(1).max(40)).max(10, '最多 10 项').default([]),
  /** Where in the centre: 一楼综合窗口. */
  where: z.string().trim().max(40, '最多 40 个字').default(''),
  /** null: the all-purpose windows (一窗受理); else the room that serves it. */
  room: Slug.nullable().default(null),
  active: z.boolean().default(true),
  kind: z.enum(OFFERING_KINDS).default('appointment'),
  sessions: z.array(Session).max(60).default([]),
  term: Term.nullable().default(null),
  daily: DailyOrder.nullable().default(null),
});
export type Offering = z.infer<typeof Offering>;

/** How far ahead, the cut-offs, walk-in share, waitlist hold and the no-show rule. */
export const BookingPolicy = z.object({
  aheadDays: z.number().int().min(1).max(60).default(14),
  /** Online booking closes this many minutes before a slot starts (0: until it starts). */
  bookCutoffMinutes: z.number().int().min(0).max(2880).default(0),
  cancelCutoffMinutes: z.number().int().min(0).max(2880).default(60),
  rescheduleCutoffMinutes: z.number().int().min(0).max(2880).default(60),
  /** The share of each slot's places kept for walk-ins (0–0.8). */
  walkInShare: z.number().min(0).max(0.8).default(0),
  /** How long a freed place offered to the first on the waitlist is held. */
  holdMinutes: z.number().int().min(5).max(1440).default(30),
  noShow: z
    .object({
      count: z.number().int().min(1).max(20).default(3),
      days: z.number().int().min(7).max(180).default(30),
      pauseDays: z.number().int().min(1).max(90).default(14),
    })
    .default({ count: 3, days: 30, pauseDays: 14 }),
});
export type BookingPolicy = z.infer<typeof BookingPolicy>;

/** Everything an admin edits about a centre (PUT replaces it, conditional on `version`). */
export const CentreSettings = z.object({
  name: z.string().trim().min(2, '请填写名称').max(40, '最多 40 个字'),
  address: z.string().trim().min(2, '请填写地址').max(80, '最多 80 个字'),
  location: LatLng.extend({ datum: Datum.default('gcj02') }),
  phone: z.string().trim().max(20).default(''),
  /** All the centre's staff: the weekend and holiday rota must have at least a third of them. */
  staffTotal: z.number().int().min(0).max(500),
  rooms: z.array(Room).max(10).default([]),
  offerings: z.array(Offering).min(1, '至少发布一个办事项目').max(40),
  rules: WeeklyRules,
  exceptions: z.array(DateException).max(120).default([]),
  policy: BookingPolicy.prefault({}),
});
export type CentreSettings = z.infer<typeof CentreSettings>;

export const CreateCentreBody = CentreSettings.extend({ communityId: Id });
export const UpdateCentreBody = CentreSettings.extend({ version: z.number().int().min(1) });

/** A centre as residents and staff see it (coordinates in GCJ-02). */
export const CentreDto = CentreSettings.extend({
  id: Id,
  communityId: Id,
  communityName: z.string(),
  streetId: Id,
  location: LatLng,
  version: z.number().int(),
  /** Metres from the point asked about, when one was given. */
  distanceM: z.number().nullable(),
  mine: z.boolean(),
  /** Open for booking this evening (工作日晚间) or this weekend, in words: 今晚开放至 20:00. */
  openNote: z.string().nullable(),
  /** Roster problems (weekend and holiday shifts under a third of the staff), for admins. */
  warnings: z.array(z.string()),
});
export type CentreDto = z.infer<typeof CentreDto>;
/** Subscribe-message template ids of booking notices ('' when off): what wx.requestSubscribeMessage asks for at the tap. */
export const BookingNoticeTemplates = z.object({ day_before: z.string(), hour_before: z.string(), offer: z.string(), changed: z.string() });
export const CentreResponse = z.object({ centre: CentreDto, noticeTemplates: BookingNoticeTemplates });
export const CentreListResponse = z.object({ items: z.array(CentreDto), noticeTemplates: BookingNoticeTemplates });
export const CentreListQuery = z.object({
  lat: z.coerce.number().min(-90).max(90).optional(),
  lng: z.coerce.number().min(-180).max(180).optional(),
  datum: Datum.default('gcj02'),
});
export const CentreParams = z.object({ id: Id });

/** Free places of an offering, day by day. */
export const SlotsQuery = z
  .object({ offeringId: Slug, from: LocalDate.optional(), days: z.coerce.number().int().min(1).max(60).default(7) })
  .strict();
export const SLOT_STATES = ['open', 'full', 'started', 'closed'] as const;
export const SlotDto = z.object({
  start: ClockTime,
  end: ClockTime,
  /** Places bookable online (staffed capacity less the walk-in share). */
  capacity: z.number().int(),
  left: z.number().int(),
  /** open: bookable; full: no place left (join the waitlist); started / closed: past the booking cut-off. */
  state: z.enum(SLOT_STATES),
});
export type SlotDto = z.infer<typeof SlotDto>;
export const SlotDayDto = z.object({
  date: LocalDate,
  /** 工作日, 周末, 法定节假日, 调休上班 — and the exception's note when there is one. */
  dayLabel: z.string(),
  slots: z.array(SlotDto),
});
export const SlotsResponse = z.object({ centreId: Id, offeringId: Slug, days: z.array(SlotDayDto) });
export type SlotsResponse = z.infer<typeof SlotsResponse>;

export const BOOKING_STATUSES = ['booked', 'cancelled', 'checked_in', 'no_show'] as const;
export const BookingStatus = z.enum(BOOKING_STATUSES);
export type BookingStatus = z.infer<typeof BookingStatus>;
export const BOOKING_STATUS_LABELS: Record<BookingStatus, string> = { booked: '已预约', cancelled: '已取消', checked_in: '已到场', no_show: '未到场' };

/** Subscribe messages a booking may send: the afternoon before, an hour before, a place held from the waitlist. */
export const BOOKING_NOTICE_KINDS = ['day_before', 'hour_before', 'offer', 'changed'] as const;
export const BookingNoticeKind = z.enum(BOOKING_NOTICE_KINDS);
export type BookingNoticeKind = z.infer<typeof BookingNoticeKind>;
export const BOOKING_NOTICE_LABELS: Record<BookingNoticeKind, string> = {
  day_before: '前一天下午提醒',
  hour_before: '开始前 1 小时提醒',
  offer: '候补到号通知',
  changed: '服务中心改约或取消的通知',
};

/** Book a place; `forUserId` books for someone else (代办: grid worker, centre staff or linked family). */
export const CreateBookingBody = z.object({
  centreId: Id,
  offeringId: Slug,
  date: LocalDate,
  start: ClockTime,
  forUserId: Id.optional(),
  note: z.string().trim().max(100, '最多 100 个字').default(''),
  /** The subscribe messages the booker agreed to at the tap (wx.requestSubscribeMessage). */
  notify: z.array(BookingNoticeKind).max(4).default([]),
});
export type CreateBookingBody = z.infer<typeof CreateBookingBody>;
export const RescheduleBody = z.object({ date: LocalDate, start: ClockTime, version: z.number().int().min(1) });
export const CancelBody = z.object({ version: z.number().int().min(1), reason: z.string().trim().max(100).default('') });

export const BookingDto = z.object({
  id: Id,
  /** Six digits, unique for the centre and day: said aloud or shown as a QR code at the desk. */
  code: z.string().regex(/^\d{6}$/),
  /** What the QR code holds. */
  qrText: z.string(),
  centreId: Id,
  centreName: z.string(),
  centreAddress: z.string(),
  offeringId: Slug,
  offeringName: z.string(),
  /** appointment, session, term or daily (what the booking is: 预约, 报名, 订餐). */
  offeringKind: z.enum(OFFERING_KINDS),
  where: z.string(),
  bring: z.array(z.string()),
  date: LocalDate,
  start: ClockTime,
  end: ClockTime,
  startsAt: Instant,
  status: BookingStatus,
  statusLabel: z.string(),
  /** Whose booking it is: his user id, name and masked phone (138****5678). */
  userId: Id,
  personName: z.string(),
  personPhone: z.string().nullable(),
  /** Booked by someone else for him (代办), in words: 网格员 李建国代约. */
  bookedByNote: z.string().nullable(),
  note: z.string(),
  createdAt: Instant,
  version: z.number().int(),
  /** Whether cancelling / rescheduling is still allowed (before the cut-offs). */
  canCancel: z.boolean(),
  canReschedule: z.boolean(),
  history: z.array(z.object({ at: Instant, what: z.string() })),
});
export type BookingDto = z.infer<typeof BookingDto>;
export const BookingResponse = z.object({ booking: BookingDto });
export const BookingListResponse = z.object({ items: z.array(BookingDto) });
export const BookingParams = z.object({ id: Id });
export const MyBookingsQuery = z.object({ past: z.enum(['true', 'false']).default('false').transform((v) => v === 'true') });

/** Why online booking is paused for a person (the graduated no-show rule), as he is told. */
export const BookingPauseDto = z.object({ until: LocalDate, reason: z.string(), since: Instant });
export type BookingPauseDto = z.infer<typeof BookingPauseDto>;
export const MyBookingsResponse = BookingListResponse.extend({ pause: BookingPauseDto.nullable() });

/** Staff check a person in by the six digits he says, or by the QR text the scanner read. */
export const CheckInBody = z.object({ code: z.string().trim().min(6, '请输入 6 位预约码').max(120) });
/** Someone who came without booking (现场办理), recorded for the figures. */
export const WalkInBody = z.object({
  offeringId: Slug,
  name: z.string().trim().max(20, '最多 20 个字').default(''),
  note: z.string().trim().max(100, '最多 100 个字').default(''),
});
export const WalkInDto = z.object({ id: Id, offeringId: Slug, offeringName: z.string(), name: z.string(), note: z.string(), at: Instant });
export type WalkInDto = z.infer<typeof WalkInDto>;
export const WalkInResponse = z.object({ walkIn: WalkInDto });

export const CentreDayParams = z.object({ id: Id, date: LocalDate });
/** A centre's day: every slot and pool with its bookings, the walk-ins, and the counts. */
export const CentreDayResponse = z.object({
  centreId: Id,
  date: LocalDate,
  dayLabel: z.string(),
  slots: z.array(
    z.object({
      start: ClockTime,
      end: ClockTime,
      pool: z.string(),
      /** 综合窗口 or the room's name. */
      poolLabel: z.string(),
      capacity: z.number().int(),
      taken: z.number().int(),
      /** Places held for someone on the waitlist (counted in the slot, not yet a booking). */
      held: z.number().int(),
      bookings: z.array(BookingDto),
    }),
  ),
  walkIns: z.array(WalkInDto),
  /** Reminders that could not be sent (no consent, refused): phone these people. Phones in full, for staff to call. */
  unsent: z.array(z.object({ bookingId: Id.nullable(), start: ClockTime, name: z.string(), phone: z.string().nullable(), what: z.string(), reason: z.string(), at: Instant })),
  summary: z.object({ booked: z.number().int(), checkedIn: z.number().int(), noShow: z.number().int(), cancelled: z.number().int(), walkIns: z.number().int() }),
});
export type CentreDayResponse = z.infer<typeof CentreDayResponse>;
export const NoShowBody = z.object({ version: z.number().int().min(1) });
export const ResidentPauseParams = z.object({ userId: Id });

/** A slot's line (候补): join, accept the place held for you, or leave. */
export const WaitlistBody = z.object({ offeringId: Slug, date: LocalDate, start: ClockTime, notify: z.array(BookingNoticeKind).max(4).default([]) });
export const WaitEntryDto = z.object({
  centreId: Id,
  centreName: z.string(),
  offeringId: Slug,
  offeringName: z.string(),
  date: LocalDate,
  start: ClockTime,
  /** waiting: in line; offered: a place is held for him until `holdUntil`. */
  status: z.enum(['waiting', 'offered']),
  statusLabel: z.string(),
  /** 1 = next in line (null while holding an offer). */
  position: z.number().int().nullable(),
  holdUntil: Instant.nullable(),
});
export type WaitEntryDto = z.infer<typeof WaitEntryDto>;
export const WaitEntryResponse = z.object({ entry: WaitEntryDto });
export const WaitEntryListResponse = z.object({ items: z.array(WaitEntryDto) });

/** Bookings that no longer fit the centre's settings, with why: staff move or cancel them (the resident is told). */
export const DisplacedResponse = z.object({ items: z.array(BookingDto.extend({ reason: z.string() })) });

/** A community's weekly after-hours report: from `from` for 7 days (default: last week's Monday). */
export const BookingReportQuery = z.object({ from: LocalDate.optional() });
export const BookingReportParams = z.object({ id: Id });
export const BookingReportResponse = z.object({
  communityId: Id,
  from: LocalDate,
  to: LocalDate,
  bookings: z.number().int(),
  cancelled: z.number().int(),
  checkedIn: z.number().int(),
  noShow: z.number().int(),
  /** Checked in of those whose slot came (checked in + no-show); null when none did. */
  attendanceRate: z.number().nullable(),
  /** Live and attended bookings by when: weekday evenings (from 17:00), weekends and holidays, other weekday hours. */
  byTime: z.object({ evening: z.number().int(), weekend: z.number().int(), daytime: z.number().int() }),
  busiest: z.array(z.object({ offeringId: z.string(), name: z.string(), bookings: z.number().int() })),
  walkIns: z.number().int(),
  /** People who joined a waitlist in the week. */
  waitlistJoins: z.number().int(),
  remindersNotSent: z.number().int(),
  days: z.array(z.object({ date: LocalDate, dayLabel: z.string(), bookings: z.number().int(), checkedIn: z.number().int(), walkIns: z.number().int() })),
});
export type BookingReportResponse = z.infer<typeof BookingReportResponse>;
