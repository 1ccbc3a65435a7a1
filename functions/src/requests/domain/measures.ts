/**
 * 办结率, 解决率, 满意率 as moving counters. Each item counts, as it stands now, for the units it
 * belongs to, on the day it was filed (Asia/Shanghai): a change stores the difference between what
 * the item counts for after it and before it, so the counters always equal a recount of the items
 * (`contribution` summed over them) whatever happened in between — a reopening takes a closure
 * back, a revisit with another answer moves the answer, a hand-over moves the item to its new grid.
 */
import type { Answers, Level, Measures } from '@linli/shared';
import { shanghaiDate } from '../../platform/domain/opening-hours';
import { propertyUnit, type ServiceRequest } from './model';

/** A unit measured: community, grid, property unit (compound) or department. The street sums its communities. */
export type MeasuredLevel = Exclude<Level, 'street'>;

/** One counter item: a unit's counters for the items of one community filed on one day. */
export interface UnitCounters {
  level: MeasuredLevel;
  unitId: string;
  /** Every counter item is scoped to one community (a department's counters are kept per community it serves). */
  communityId: string;
  day: string;
  counters: Record<string, number>;
}

/** Every unit's counters of one community summed over a period (one read of the community's counters). */
export class CommunitySums {
  constructor(private readonly byUnit: ReadonlyMap<string, Record<string, number>> = new Map()) {}
  /** Adds one counter item of a unit. */
  static from(items: readonly { level: string; unitId: string; counters: Record<string, number> }[]): CommunitySums {
    const byUnit = new Map<string, Record<string, number>>();
    for (const { level, unitId, counters } of items) {
      const key = `${level}\u0000${unitId}`;
      const sum = byUnit.get(key) ?? {};
      for (const [k, v] of Object.entries(counters)) sum[k] = (sum[k] ?? 0) + v;
      byUnit.set(key, sum);
    }
    return new CommunitySums(byUnit);
  }
  /** A unit's summed counters (none: an empty record). */
  of(level: MeasuredLevel, unitId: string): Record<string, number> {
    return { ...(this.byUnit.get(`${level}\u0000${unitId}`) ?? {}) };
  }
}

/** Counter names in the day items (beside the flows of `metrics.ts`). */
export const MEASURE_KEYS = {
  due: 'm_due',
  closed: 'm_closed',
  solvedAnswered: 'm_solvedAnswered',
  solved: 'm_solved',
  satisfiedAnswered: 'm_satisfiedAnswered',
  satisfied: 'm_satisfied',
  rated: 'm_rated',
  ratingSum: 'm_ratingSum',
  /** Scores a department or company received from grids (三评: the grid rates the units). */
  unitsCount: 'e_unitsCount',
  unitsSum: 'e_unitsSum',
  /** Scores a grid received from departments (三评: departments rate the grid). */
  gridCount: 'e_gridCount',
  gridSum: 'e_gridSum',
} as const;

type Dated = Partial<Answers> & { at: string };

/**
 * The latest answer to each question: of the rating and the return visits, the newest that answered it
 * (a visit that reached nobody leaves the earlier answer standing). A rating from before the questions
 * were asked answers 是否满意 by its stars (3–5) and 是否解决 not at all.
 */
export function latestAnswers(r: Pick<ServiceRequest, 'rating' | 'revisits'>): Answers {
  const said: Dated[] = [
    ...(r.rating ? [{ at: r.rating.at, solved: r.rating.solved ?? null, satisfied: r.rating.satisfied ?? r.rating.score >= 3 }] : []),
    ...r.revisits,
  ].sort((a, b) => a.at.localeCompare(b.at));
  const last = (k: keyof Answers): boolean | null => {
    for (let i = said.length - 1; i >= 0; i--) {
      const v = said[i]![k];
      if (v !== null && v !== undefined) return v;
    }
    return null;
  };
  return { solved: last('solved'), satisfied: last('satisfied') };
}

/** The units an item counts for: its community, its grid, its property unit, the lead department it was dispatched to. */
export function measuredUnits(r: ServiceRequest): { level: MeasuredLevel; unitId: string }[] {
  const lead = r.departments.find((d) => d.lead);
  return [
    { level: 'community' as const, unitId: r.communityId },
    ...(r.gridId ? [{ level: 'grid' as const, unitId: r.gridId }] : []),
    // The property unit: the company serving the compound, else the compound's own property staff.
    ...(r.compound ? [{ level: 'property' as const, unitId: r.companyId ?? propertyUnit(r.communityId, r.compound) }] : []),
    ...(lead ? [{ level: 'department' as const, unitId: lead.id }] : []),
  ];
}

/** What one item counts for now (nothing for items filed before the counters existed). */
export function contribution(r: ServiceRequest | null): UnitCounters[] {
  if (!r || !r.countsInRates) return [];
  const a = latestAnswers(r);
  const k = MEASURE_KEYS;
  const due = r.status !== 'withdrawn' && r.status !== 'merged';
  const counters: Record<string, number> = {
    [k.due]: due ? 1 : 0,
    [k.closed]: due && (r.status === 'resolved' || r.status === 'closed') ? 1 : 0,
    [k.solvedAnswered]: a.solved === null ? 0 : 1,
    [k.solved]: a.solved === true ? 1 : 0,
    [k.satisfiedAnswered]: a.satisfied === null ? 0 : 1,
    [k.satisfied]: a.satisfied === true ? 1 : 0,
    [k.rated]: r.rating ? 1 : 0,
    [k.ratingSum]: r.rating?.score ?? 0,
  };
  const day = shanghaiDate(new Date(r.createdAt));
  return measuredUnits(r).map((u) => ({ ...u, communityId: r.communityId, day, counters: { ...counters } }));
}

const addressOf = (u: Pick<UnitCounters, 'level' | 'unitId' | 'communityId' | 'day'>): string => `${u.level}|${u.unitId}|${u.communityId}|${u.day}`;

/** Adds counter sets that address the same item (a transaction may write each item once). */
export function mergeCounters(all: readonly UnitCounters[]): UnitCounters[] {
  const by = new Map<string, UnitCounters>();
  for (const u of all) {
    const key = addressOf(u);
    const into = by.get(key) ?? { ...u, counters: {} };
    for (const [name, v] of Object.entries(u.counters)) into.counters[name] = (into.counters[name] ?? 0) + v;
    by.set(key, into);
  }
  return [...by.values()]
    .map((u) => ({ ...u, counters: Object.fromEntries(Object.entries(u.counters).filter(([, v]) => v !== 0)) }))
    .filter((u) => Object.keys(u.counters).length > 0);
}

/** What a change moves: the item's contribution after it, less its contribution before (zeros left out). */
export function measureDeltas(prev: ServiceRequest | null, next: ServiceRequest): UnitCounters[] {
  const negate = (u: UnitCounters): UnitCounters => ({ ...u, counters: Object.fromEntries(Object.entries(u.counters).map(([k, v]) => [k, -v])) });
  return mergeCounters([...contribution(next), ...contribution(prev).map(negate)]);
}

const ratio = (a: number, b: number): number | null => (b <= 0 ? null : Math.round((a / b) * 10000) / 10000);
const average = (sum: number, n: number) => ({ average: n <= 0 ? null : Math.round((sum / n) * 100) / 100, count: Math.max(0, n) });

/** The rates and evaluations of summed counters. */
export function measuresOf(sum: Record<string, number>): Measures {
  const v = (key: string) => sum[key] ?? 0;
  const k = MEASURE_KEYS;
  const counts = {
    due: v(k.due),
    closed: v(k.closed),
    solvedAnswered: v(k.solvedAnswered),
    solved: v(k.solved),
    satisfiedAnswered: v(k.satisfiedAnswered),
    satisfied: v(k.satisfied),
  };
  return {
    counts,
    rates: {
      closure: ratio(counts.closed, counts.due),
      resolution: ratio(counts.solved, counts.solvedAnswered),
      satisfaction: ratio(counts.satisfied, counts.satisfiedAnswered),
    },
    evaluations: {
      residents: average(v(k.ratingSum), v(k.rated)),
      units: average(v(k.unitsSum), v(k.unitsCount)),
      grid: average(v(k.gridSum), v(k.gridCount)),
    },
  };
}

/** The evaluation counters of a unit, to add to its community's (the community's figure is its units' sum). */
export function evaluationCounters(sum: Record<string, number>): Record<string, number> {
  const k = MEASURE_KEYS;
  return Object.fromEntries([k.unitsCount, k.unitsSum, k.gridCount, k.gridSum].map((name) => [name, sum[name] ?? 0]));
}
