/**
 * When people use the product: hourly weights of a day (morning and evening peaks), weekday weights
 * (the Monday wave), and holidays (Spring Festival and the rest are quiet). Figures are assumptions
 * (docs/capacity.md), shaped after the seed articles' descriptions of 12345 and 接诉即办 traffic.
 */
import type { SimCalendar } from './oracle';
import type { Random } from './engine/random';

/** Share of a day's filings per China hour (sums to 1 after normalising). */
const HOURLY = [0.2, 0.1, 0.05, 0.05, 0.05, 0.2, 0.6, 1.4, 2.2, 2.4, 2.1, 1.7, 1.2, 1.3, 1.6, 1.7, 1.6, 1.5, 1.5, 1.9, 2.1, 1.7, 1.0, 0.5];
/** Weekday weights, Sunday first: Monday brings what the weekend saved up. */
const WEEKDAY = [0.75, 1.4, 1.1, 1.0, 1.0, 0.95, 0.8];
const HOLIDAY = 0.45;

/** The expected volume of a day relative to an average day. */
export function dayFactor(date: string, cal: SimCalendar): number {
  const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
  return cal.isHoliday(date) ? HOLIDAY : WEEKDAY[wd]!;
}

/** A minute of the day (0..1439, China time) drawn from the hourly profile. */
export function minuteOfDay(r: Random, weights: readonly number[] = HOURLY): number {
  return r.weighted(weights) * 60 + r.int(60);
}

/** Working hours of staff (China time minutes): 08:30–12:00 and 14:00–18:00 on working days. */
export const WORK_BLOCKS: readonly [number, number][] = [
  [8 * 60 + 30, 12 * 60],
  [14 * 60, 18 * 60],
];
