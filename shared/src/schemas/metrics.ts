import { z } from 'zod';
import { Id } from './common';

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
  /** The "three rates": response (accepted / filed), resolution (resolved / filed), satisfaction (3–5 stars / rated). */
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
  /** Set when this year's (or, in December, next year's) holiday arrangement is not loaded: deadlines count Monday–Friday. */
  calendarWarning: z.string().nullable(),
});
export type MetricsResponse = z.infer<typeof MetricsResponse>;
