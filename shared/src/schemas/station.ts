import * as z from 'zod';
import { Datum, Id, Instant, LatLng, numberFromQuery } from './common';
import { AMENITIES, AMENITY_LABELS, LEGACY_AMENITIES, readAmenity } from '../plain/station';

/** What a station offers, its labels and the legacy names: ../plain/station. */
export { AMENITIES, AMENITY_LABELS, LEGACY_AMENITIES, readAmenity };
export const Amenity = z.enum(AMENITIES);
export type Amenity = z.infer<typeof Amenity>;

export type LegacyAmenity = keyof typeof LEGACY_AMENITIES;

/** An amenity as the API takes it: today's names, and the legacy `charging` read as `phone_charging`. */
export const AmenityInput = z
  .enum([...AMENITIES, ...(Object.keys(LEGACY_AMENITIES) as LegacyAmenity[])])
  .transform((a) => readAmenity(a) as Amenity)
  .pipe(Amenity);

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, '时间格式应为 HH:MM');

/** One opening interval. A close time at or before the open time means it runs past midnight. */
export const Interval = z
  .object({ open: HHMM, close: HHMM })
  .refine((i) => i.open !== i.close || i.open === '00:00', { message: '开门与关门时间不能相同', path: ['close'] });
export type Interval = z.infer<typeof Interval>;

/**
 * Opening hours. Day types follow the official calendar: a workday (including weekend days
 * made workdays, 调休), a rest day (weekend), a public holiday (falls back to rest-day hours).
 */
export const OpeningHours = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('always') }),
  z.object({
    kind: z.literal('schedule'),
    workday: z.array(Interval).max(4),
    restday: z.array(Interval).max(4),
    holiday: z.array(Interval).max(4).optional(),
  }),
]);
export type OpeningHours = z.infer<typeof OpeningHours>;

export const STATION_STATUSES = ['open', 'temporarily_closed'] as const;
export const StationStatus = z.enum(STATION_STATUSES);
export type StationStatus = z.infer<typeof StationStatus>;

export const REPORT_TYPES = [
  'amenity_broken',
  'closed_unexpectedly',
  'no_water',
  'dirty',
  'safety',
  'info_wrong',
  'other',
] as const;
export const ReportType = z.enum(REPORT_TYPES);
export type ReportType = z.infer<typeof ReportType>;

export const REPORT_TYPE_LABELS: Record<ReportType, string> = {
  amenity_broken: '设施故障',
  closed_unexpectedly: '未按时开放',
  no_water: '没有饮水',
  dirty: '卫生问题',
  safety: '安全隐患',
  info_wrong: '信息有误',
  other: '其他',
};

/**
 * An amenity the station's keeper (or its community) marked out of order (暂停使用). Riders see it
 * struck through, and a nearby search for that amenity does not count the station (it has it, but
 * not now); it comes back when marked in order again. Reports (设施故障) do not mark it by themselves:
 * the keeper checks first.
 */
export const AmenityOutage = z.object({
  amenity: Amenity,
  since: Instant,
  note: z.string().max(200).optional(),
});

export const OpenIssue = z.object({
  reportId: Id,
  type: ReportType,
  amenity: Amenity.optional(),
  text: z.string(),
  since: Instant,
});
export type OpenIssue = z.infer<typeof OpenIssue>;

export const Confirmation = z.object({ at: Instant, by: z.enum(['keeper', 'admin', 'checkin']) });

/** A station as the API shows it; coordinates in GCJ-02. */
export const StationDto = z.object({
  id: Id,
  name: z.string(),
  address: z.string(),
  location: LatLng,
  distanceMeters: z.number().int().nonnegative().optional(),
  amenities: z.array(Amenity),
  outOfOrder: z.array(AmenityOutage),
  openNow: z.boolean(),
  hours: OpeningHours,
  status: StationStatus,
  closureNote: z.string().nullable(),
  phone: z.string().nullable(),
  communityId: Id,
  lastConfirmed: Confirmation.nullable(),
  openIssues: z.array(OpenIssue),
});
export type StationDto = z.infer<typeof StationDto>;

export const StationDetailDto = StationDto.extend({
  keeperId: Id.nullable(),
  todayVisitors: z.number().int().nonnegative(),
});
export type StationDetailDto = z.infer<typeof StationDetailDto>;

const boolFromQuery = z
  .enum(['true', 'false', '1', '0'], { message: '只能是 true 或 false' })
  .transform((v) => v === 'true' || v === '1');

const amenityList = z
  .string()
  .trim()
  .transform((s) => (s === '' ? [] : s.split(',').map((a) => a.trim())))
  .pipe(z.array(AmenityInput, { message: '未知的设施类型' }).max(AMENITIES.length));

export const NearbyQuery = z.object({
  lat: numberFromQuery('纬度').pipe(z.number().min(-90).max(90)),
  lng: numberFromQuery('经度').pipe(z.number().min(-180).max(180)),
  radius: numberFromQuery('半径')
    .pipe(z.number().int('半径必须是整数米').min(50, '半径至少 50 米').max(20000, '半径最多 20000 米'))
    .default(3000),
  amenities: amenityList.default([]),
  openNow: boolFromQuery.default(false),
  limit: numberFromQuery('数量').pipe(z.number().int().min(1).max(50, '一次最多 50 个')).default(20),
  /** Datum of lat/lng: the mini-program sends GCJ-02 (default); browsers only know WGS-84. */
  datum: Datum.default('gcj02'),
});
export type NearbyQuery = z.infer<typeof NearbyQuery>;

export const StationListResponse = z.object({ items: z.array(StationDto) });
/** Nearby answer: the stations and the search centre, both in GCJ-02. */
export const NearbyResponse = z.object({ items: z.array(StationDto), center: LatLng });
export type NearbyResponse = z.infer<typeof NearbyResponse>;
export type StationListResponse = z.infer<typeof StationListResponse>;

/** `bbox=minLng,minLat,maxLng,maxLat` (GCJ-02), at most 0.5° on a side. */
export const BboxQuery = z.object({
  bbox: z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/, '格式应为 minLng,minLat,maxLng,maxLat')
    .transform((s) => s.split(',').map(Number) as [number, number, number, number])
    .refine(([w, s, e, n]) => w < e && s < n, '最小值必须小于最大值')
    .refine(([w, s, e, n]) => w >= -180 && e <= 180 && s >= -90 && n <= 90, '坐标超出范围')
    .refine(([w, s, e, n]) => e - w <= 0.5 && n - s <= 0.5, '地图范围过大，请放大地图'),
  limit: numberFromQuery('数量').pipe(z.number().int().min(1).max(500)).default(300),
});
export type BboxQuery = z.infer<typeof BboxQuery>;

export const StationIdParams = z.object({ id: Id });

export const CreateStationBody = z.object({
  name: z.string().trim().min(2, '名称至少 2 个字').max(60, '名称最多 60 个字'),
  address: z.string().trim().min(4, '地址至少 4 个字').max(120, '地址最多 120 个字'),
  location: LatLng.extend({ datum: Datum.default('gcj02') }),
  amenities: z.array(AmenityInput).min(1, '至少选择一项设施').max(AMENITIES.length),
  hours: OpeningHours,
  phone: z
    .string()
    .regex(/^[0-9+\-\s]{5,20}$/, '电话格式不正确')
    .nullable()
    .default(null),
  keeperId: Id.nullable().default(null),
  communityId: Id.optional(),
});
export type CreateStationBody = z.infer<typeof CreateStationBody>;

export const PatchStationBody = z
  .object({
    name: CreateStationBody.shape.name.optional(),
    address: CreateStationBody.shape.address.optional(),
    amenities: CreateStationBody.shape.amenities.optional(),
    hours: OpeningHours.optional(),
    phone: z.string().regex(/^[0-9+\-\s]{5,20}$/, '电话格式不正确').nullable().optional(),
    keeperId: Id.nullable().optional(),
    status: StationStatus.optional(),
    closureNote: z.string().trim().max(200).nullable().optional(),
    /** Every amenity out of order now (the whole list: `[]` puts them all back in order); each must be one the station has. */
    outOfOrder: z
      .array(z.object({ amenity: AmenityInput, note: z.string().trim().max(200).optional() }))
      .max(AMENITIES.length)
      .optional(),
    confirm: z.literal(true).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: '没有要修改的内容' });
export type PatchStationBody = z.infer<typeof PatchStationBody>;

export const CreateReportBody = z
  .object({
    type: ReportType,
    amenity: AmenityInput.optional(),
    text: z.string().trim().min(2, '请描述问题，至少 2 个字').max(300, '描述最多 300 个字'),
  })
  .refine((b) => b.type !== 'amenity_broken' || b.amenity !== undefined, {
    message: '设施故障需要指明是哪项设施',
    path: ['amenity'],
  });
export type CreateReportBody = z.infer<typeof CreateReportBody>;

export const REPORT_STATUSES = ['open', 'closed'] as const;
export const ReportDto = z.object({
  id: Id,
  stationId: Id,
  stationName: z.string(),
  communityId: Id,
  type: ReportType,
  amenity: Amenity.nullable(),
  text: z.string(),
  status: z.enum(REPORT_STATUSES),
  reportedBy: Id,
  createdAt: Instant,
  closedAt: Instant.nullable(),
  closedBy: Id.nullable(),
  resolution: z.string().nullable(),
});
export type ReportDto = z.infer<typeof ReportDto>;
export const ReportResponse = z.object({ report: ReportDto });
export const ReportListResponse = z.object({ items: z.array(ReportDto) });

export const ReportListQuery = z.object({
  status: z.enum(REPORT_STATUSES).default('open'),
});
export const CommunityReportsQuery = z.object({
  communityId: Id.optional(),
});
export const ReportParams = z.object({ id: Id, reportId: Id });

export const CloseReportBody = z.object({
  status: z.literal('closed', { message: '只能把问题标记为已处理 (closed)' }),
  resolution: z.string().trim().min(2, '请填写处理结果').max(300),
});
export type CloseReportBody = z.infer<typeof CloseReportBody>;

export const CheckInResponse = z.object({
  stationId: Id,
  day: z.string(),
  todayVisitors: z.number().int().nonnegative(),
  alreadyCheckedIn: z.boolean(),
});
export type CheckInResponse = z.infer<typeof CheckInResponse>;

export const StationResponse = z.object({ station: StationDetailDto });
export type StationResponse = z.infer<typeof StationResponse>;
