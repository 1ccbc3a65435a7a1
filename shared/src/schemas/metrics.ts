import * as z from 'zod';
import { Id } from './common';
import { Measures } from './measures';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const MetricsQuery = z
  .object({ from: day, to: day })
  .refine((q) => q.from <= q.to, { message: '开始日期不能晚于结束日期', path: ['from'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * 86400_000, { message: '最多查询一年', path: ['to'] });
export const MetricsParams = z.object({ id: Id });

/** Flows over the period (Asia/Shanghai days), counted when they happened. */
export const MetricTotals = z.object({
  filed: z.number().int(),
  accepted: z.number().int(),
  acceptedOnTime: z.number().int(),
  resolved: z.number().int(),
  resolvedOnTime: z.number().int(),
  closed: z.number().int(),
  withdrawn: z.number().int(),
  merged: z.number().int(),
  escalated: z.number().int(),
  reopened: z.number().int(),
  refused: z.number().int(),
  rated: z.number().int(),
  satisfied: z.number().int(),
});
export type MetricTotals = z.infer<typeof MetricTotals>;

export const MetricSummary = z.object({
  totals: MetricTotals,
  /**
   * Flows of the period: response (accepted / filed), resolved (resolved / filed), satisfied ratings / ratings
   * given. The cities' 办结率, 解决率 and 满意率 are `measures.rates`.
   */
  rates: z.object({
    response: z.number().nullable(),
    resolution: z.number().nullable(),
    satisfaction: z.number().nullable(),
    onTimeAccept: z.number().nullable(),
    onTimeResolve: z.number().nullable(),
  }),
  averages: z.object({ hoursToAccept: z.number().nullable(), hoursToResolve: z.number().nullable(), rating: z.number().nullable() }),
  /** Open items now, wherever they are. */
  openNow: z.object({
    total: z.number().int(),
    overdue: z.number().int(),
    byStatus: z.object({ submitted: z.number().int(), accepted: z.number().int() }),
    byLevel: z.object({ property: z.number().int(), grid: z.number().int(), community: z.number().int(), street: z.number().int(), department: z.number().int() }),
  }),
  /** 办结率, 解决率, 满意率 and the three evaluations, of the items filed in the period (each counted once, as it stands). */
  measures: Measures,
});
export type MetricSummary = z.infer<typeof MetricSummary>;

export const MetricsResponse = MetricSummary.extend({
  communityId: Id,
  communityName: z.string(),
  from: day,
  to: day,
  /** Goal in the articles: resolution above 95%. */
  resolutionGoal: z.number(),
  topCategories: z.array(z.object({ categoryId: Id, name: z.string(), count: z.number().int() })),
  grids: z.array(MetricSummary.extend({ gridId: Id, name: z.string() })),
  /** The compounds whose property staff take property matters first, with their own figures (红黑榜). */
  properties: z.array(MetricSummary.extend({ compound: z.string() })),
  /** The departments' figures for this community's items (the lead department of each dispatched item). */
  departments: z.array(MetricSummary.extend({ departmentId: Id, name: z.string() })),
  /** Set when this year's (or, in December, next year's) holiday arrangement is not loaded: deadlines count Monday–Friday. */
  calendarWarning: z.string().nullable(),
});
export type MetricsResponse = z.infer<typeof MetricsResponse>;

/**
 * A street's measures over a period: each community's figures side by side, and the street's own
 * (the sums of its communities' counters and open items, rates and averages derived from those sums).
 */
export const StreetMetricsResponse = MetricSummary.extend({
  streetId: Id,
  streetName: z.string(),
  from: day,
  to: day,
  resolutionGoal: z.number(),
  topCategories: z.array(z.object({ categoryId: Id, name: z.string(), count: z.number().int() })),
  communities: z.array(MetricSummary.extend({ communityId: Id, name: z.string() })),
  /** Each department's figures over the street's communities. */
  departments: z.array(MetricSummary.extend({ departmentId: Id, name: z.string() })),
  calendarWarning: z.string().nullable(),
});
export type StreetMetricsResponse = z.infer<typeof StreetMetricsResponse>;

const trimmed = (x: number): string => String(Math.round(x * 10) / 10);

/**
 * A duration as a person says it: minutes under an hour ("45 分钟"), hours under a day ("3.5 小时"),
 * days after that ("2 天"), one decimal at most and none when whole; under a minute "不到 1 分钟";
 * unknown (no items) "—". Never "0.01 小时".
 */
export function durationWords(hours: number | null | undefined): string {
  if (hours === null || hours === undefined || !Number.isFinite(hours) || hours < 0) return '—';
  const minutes = Math.round(hours * 60);
  if (minutes < 1) return '不到 1 分钟';
  if (minutes < 60) return `${minutes} 分钟`;
  const h = Math.round(hours * 10) / 10;
  if (h < 24) return `${trimmed(h)} 小时`;
  return `${trimmed(hours / 24)} 天`;
}

/** A rate as a percentage with one decimal ("95.5%", "100.0%"); unknown (nothing to count yet) "—". */
export function rateWords(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  return `${(rate * 100).toFixed(1)}%`;
}
