/**
 * The measures of the loop, kept as daily counters per community, per grid and per property unit (Asia/Shanghai
 * days), updated in the same transaction as each change, so a dashboard is a handful of reads.
 */
import type { MetricSummary, MetricTotals } from '@linli/shared';
import { shanghaiDate } from '../../platform/domain/opening-hours';
import { propertyUnit, type ServiceRequest, type Transition } from './request';
import { measureDeltas, measuresOf, type UnitCounters } from './measures';

/** Counter increments of one change, for the item's community and grid on one day. */
export interface MetricDelta {
  day: string;
  communityId: string;
  gridId: string | null;
  /** The property unit (compound) of an item routed to property staff: its figures count there too. */
  propertyUnit: string | null;
  counters: Record<string, number>;
  /** The item's counted state moved (closure, answers, rating) per unit and filing day (see measures.ts). */
  units: UnitCounters[];
}

export const CATEGORY_COUNTER_PREFIX = 'cat_';
const minutesBetween = (from: string, to: Date): number => Math.max(0, Math.round((to.getTime() - Date.parse(from)) / 60000));

/**
 * What a change adds to the counters: the day's flows (acceptance and resolution count once per item,
 * the first) and the moves of the item's counted state (`measures.ts`).
 */
export function metricDeltas(prev: ServiceRequest | null, t: Transition, now: Date): MetricDelta | null {
  const c: Record<string, number> = {};
  const add = (k: string, v = 1) => {
    c[k] = (c[k] ?? 0) + v;
  };
  const next = t.next;
  if (!prev) {
    add('filed');
    add(`${CATEGORY_COUNTER_PREFIX}${next.categoryId}`);
  } else {
    if (!prev.firstAcceptedAt && next.firstAcceptedAt) {
      add('accepted');
      if (prev.acceptBy && now.getTime() <= Date.parse(prev.acceptBy)) add('acceptedOnTime');
      add('acceptMinutes', minutesBetween(next.createdAt, now));
    }
    if (!prev.firstResolvedAt && next.firstResolvedAt) {
      add('resolved');
      if (prev.resolveBy && now.getTime() <= Date.parse(prev.resolveBy)) add('resolvedOnTime');
      add('resolveMinutes', minutesBetween(next.createdAt, now));
    }
    if (prev.status !== 'closed' && next.status === 'closed') add('closed');
    if (prev.status !== 'withdrawn' && next.status === 'withdrawn') add('withdrawn');
    if (prev.status !== 'merged' && next.status === 'merged') add('merged');
  }
  for (const e of t.events) {
    if (e.type === 'escalated') add('escalated');
    if (e.type === 'reopened') add('reopened');
    if (e.type === 'refused') add('refused');
    if (e.type === 'rated' && next.rating) {
      add('rated');
      add('ratingSum', next.rating.score);
      if (next.rating.satisfied ?? next.rating.score >= 3) add('satisfied');
    }
  }
  const units = measureDeltas(prev, next);
  if (Object.keys(c).length === 0 && units.length === 0) return null;
  return {
    day: shanghaiDate(now),
    communityId: next.communityId,
    gridId: next.gridId ?? prev?.gridId ?? null,
    // A company's figures are kept per company (its unit), whatever community the compound is in.
    propertyUnit: next.compound ? (next.companyId ?? propertyUnit(next.communityId, next.compound)) : null,
    counters: c,
    units,
  };
}

export const TOTAL_KEYS = [
  'filed', 'accepted', 'acceptedOnTime', 'resolved', 'resolvedOnTime', 'closed', 'withdrawn', 'merged',
  'escalated', 'reopened', 'refused', 'rated', 'satisfied',
] as const satisfies readonly (keyof MetricTotals)[];

const ratio = (a: number, b: number): number | null => (b === 0 ? null : Math.round((a / b) * 10000) / 10000);
const avg = (sum: number, n: number, scale = 1): number | null => (n === 0 ? null : Math.round((sum / n / scale) * 100) / 100);

/** Rates and averages from summed counters (and the open items counted now). */
export function summarize(sum: Record<string, number>, openNow: MetricSummary['openNow']): MetricSummary {
  const v = (k: string) => sum[k] ?? 0;
  const totals = Object.fromEntries(TOTAL_KEYS.map((k) => [k, v(k)])) as MetricTotals;
  return {
    totals,
    rates: {
      response: ratio(v('accepted'), v('filed')),
      resolution: ratio(v('resolved'), v('filed')),
      satisfaction: ratio(v('satisfied'), v('rated')),
      onTimeAccept: ratio(v('acceptedOnTime'), v('accepted')),
      onTimeResolve: ratio(v('resolvedOnTime'), v('resolved')),
    },
    averages: {
      hoursToAccept: avg(v('acceptMinutes'), v('accepted'), 60),
      hoursToResolve: avg(v('resolveMinutes'), v('resolved'), 60),
      rating: avg(v('ratingSum'), v('rated')),
    },
    openNow,
    measures: measuresOf(sum),
  };
}
