/**
 * The kinds of offering in residents' words: an appointment is 预约, an activity or a term is 报名,
 * a daily order (老年助餐) is 订餐 — with the times of a term or a daily order said in full.
 */
import type { BookingDto, CentreDto, Offering } from '@linli/shared';
import { monthDay, shiftDay } from './booking-time';

export type OfferingKind = Offering['kind'];

/** What one does: 预约 an appointment, 报名 an activity or a term, 订餐 a daily order. */
export const KIND_VERB: Record<OfferingKind, string> = { appointment: '预约', session: '报名', term: '报名', daily: '订餐' };

/** The short tag a booking of this kind carries in lists (appointments carry none). */
export const KIND_TAG: Record<OfferingKind, string | null> = { appointment: null, session: '活动报名', term: '学期报名', daily: '每日订餐' };

/** Whether a booking of this kind can be moved (terms and activities: cancel and enrol again). */
export const movable = (kind: OfferingKind): boolean => kind === 'appointment' || kind === 'daily';

const DAY_NAMES = ['日', '一', '二', '三', '四', '五', '六'];

/** 每周一至五, 每周六、日, 每周一、三、五, 每天 — Monday first, a run of three or more as 至. */
export function weekdaysText(days: readonly number[]): string {
  const set = [...new Set(days)].map((d) => (d === 0 ? 7 : d)).sort((a, b) => a - b);
  if (set.length === 7) return '每天';
  const runs: number[][] = [];
  for (const d of set) {
    const last = runs[runs.length - 1];
    if (last && last[last.length - 1] === d - 1) last.push(d);
    else runs.push([d]);
  }
  const name = (d: number) => DAY_NAMES[d % 7]!;
  const parts = runs.flatMap((r) => (r.length >= 3 ? [`${name(r[0]!)}至${name(r[r.length - 1]!)}`] : r.map(name)));
  return `每周${parts.join('、')}`;
}

/** 学期 3月1日–6月30日 · 每周一至五 16:30–18:00. */
export const termText = (t: NonNullable<Offering['term']>): string => `学期 ${monthDay(t.from)}–${monthDay(t.to)} · ${weekdaysText(t.weekdays)} ${t.start}–${t.end}`;

/** 每周一至五 11:30–12:30. */
export const dailyText = (d: NonNullable<Offering['daily']>): string => `${weekdaysText(d.weekdays)} ${d.start}–${d.end}`;

/** 订餐截止：前一天 15:00. */
export const dailyCutoffText = (d: NonNullable<Offering['daily']>): string => `订餐截止：前一天 ${d.cutoff}`;

/** Until when the meal of `date` may be ordered or cancelled: 12月7日 15:00. */
export const dailyCutoffOf = (d: NonNullable<Offering['daily']>, date: string): string => `${monthDay(shiftDay(date, -1))} ${d.cutoff}`;

/** The offering a booking is of, from the centres at hand (null when it is not among them). */
export function offeringOf(b: Pick<BookingDto, 'centreId' | 'offeringId'>, centres: readonly CentreDto[] | null | undefined): Offering | null {
  return centres?.find((c) => c.id === b.centreId)?.offerings.find((o) => o.id === b.offeringId) ?? null;
}

/** A booking's status in its kind's words: 已订餐 / 已报名 while live, the server's label otherwise. */
export const statusWords = (b: Pick<BookingDto, 'status' | 'statusLabel'>, kind: OfferingKind): string =>
  b.status === 'booked' && kind !== 'appointment' ? `已${KIND_VERB[kind]}` : b.statusLabel;
