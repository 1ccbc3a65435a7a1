import * as z from 'zod';

/**
 * The official calendar of public holidays and adjusted working days (调休) that the State Council
 * General Office publishes each year (usually in November). It is data a platform administrator
 * loads (API `PUT /calendar/{year}` or `npm run calendar -- load <file>`), one year at a time.
 * Dates are Asia/Shanghai calendar days.
 */
const CalendarDate = z.string().superRefine((d, ctx) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) ctx.addIssue({ code: 'custom', message: '日期格式应为 YYYY-MM-DD' });
  else {
    const t = new Date(`${d}T00:00:00Z`);
    if (Number.isNaN(t.getTime()) || t.toISOString().slice(0, 10) !== d) ctx.addIssue({ code: 'custom', message: '不是有效的日期' });
  }
});

export const CalendarYearParam = z.object({
  year: z
    .string()
    .regex(/^\d{4}$/, '年份应为四位数字')
    .transform(Number)
    .pipe(z.number().int().min(2000, '年份应在 2000 到 2100 之间').max(2100, '年份应在 2000 到 2100 之间')),
});

/** One holiday of the arrangement: its name and the days off, first to last (inclusive). */
export const HolidaySpan = z
  .object({
    name: z.string().trim().min(1, '请填写节日名称').max(20, '节日名称最多 20 个字'),
    from: CalendarDate,
    to: CalendarDate,
  })
  .refine((h) => h.from <= h.to, { message: '放假结束日期不能早于开始日期', path: ['to'] })
  .refine((h) => Date.parse(h.to) - Date.parse(h.from) <= 15 * 86400_000, { message: '一次放假不超过 16 天', path: ['to'] });
export type HolidaySpan = z.infer<typeof HolidaySpan>;

/** A year's arrangement as published: holidays (days off) and weekend days worked by adjustment. */
export const CalendarYearBody = z.object({
  holidays: z.array(HolidaySpan).min(1, '至少一个节假日').max(20, '节假日最多 20 个'),
  workdays: z.array(CalendarDate).max(20, '调休上班日最多 20 天'),
  /** Where it was published (e.g. 国办发明电〔2025〕7号). */
  source: z.string().trim().max(100, '来源最多 100 个字').optional(),
});
export type CalendarYearBody = z.infer<typeof CalendarYearBody>;

/** Checks that a year's arrangement belongs to that year; the problems, field by field. */
export function calendarYearProblems(year: number, body: CalendarYearBody): { field: string; message: string }[] {
  // An arrangement may reach a few days into the neighbouring years (元旦 spans the new year).
  const first = `${year - 1}-12-25`;
  const last = `${year + 1}-01-07`;
  const out: { field: string; message: string }[] = [];
  const off = new Set<string>();
  body.holidays.forEach((h, i) => {
    if (h.from < first || h.to > last) out.push({ field: `holidays.${i}.from`, message: `${h.name}不在 ${year} 年` });
    for (const d of daysBetween(h.from, h.to)) off.add(d);
  });
  body.workdays.forEach((d, i) => {
    if (d < first || d > last) out.push({ field: `workdays.${i}`, message: `调休上班日 ${d} 不在 ${year} 年` });
    if (off.has(d)) out.push({ field: `workdays.${i}`, message: `${d} 既是放假日又是调休上班日` });
  });
  return out;
}

/** A loaded year, as stored and listed. */
export const CalendarYear = CalendarYearBody.extend({
  year: z.number().int(),
  source: z.string().nullable(),
  loadedAt: z.string(),
  loadedBy: z.string(),
});
export type CalendarYear = z.infer<typeof CalendarYear>;

export const CalendarResponse = z.object({
  years: z.array(CalendarYear),
  /** Years around today with no arrangement loaded: their working days are counted Monday–Friday. */
  missing: z.array(z.number().int()),
  warning: z.string().nullable(),
});
export type CalendarResponse = z.infer<typeof CalendarResponse>;

/** The working-day calendar the domain computes with. */
export interface HolidayCalendar {
  /** Public holidays (days off). */
  holidays: ReadonlySet<string>;
  /** Weekend days that are working days by adjustment. */
  adjustedWorkdays: ReadonlySet<string>;
  /** Years whose arrangement is loaded; in other years working days are Monday–Friday. */
  years: ReadonlySet<number>;
}

/** Every calendar day from `from` to `to`, inclusive. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  const d = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${to}T00:00:00Z`);
  while (d <= end) {
    out.push(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return out;
}

/** The calendar of some loaded years. */
export function buildCalendar(years: readonly Pick<CalendarYear, 'year' | 'holidays' | 'workdays'>[]): HolidayCalendar {
  return {
    years: new Set(years.map((y) => y.year)),
    holidays: new Set(years.flatMap((y) => y.holidays.flatMap((h) => daysBetween(h.from, h.to)))),
    adjustedWorkdays: new Set(years.flatMap((y) => y.workdays)),
  };
}

/**
 * Years a working-day count starting `now` may reach that have no arrangement loaded: this year,
 * and from December on also the next (deadlines run up to a few weeks ahead).
 */
export function missingYears(calendar: Pick<HolidayCalendar, 'years'>, now: Date): number[] {
  const local = new Date(now.getTime() + 8 * 3600_000);
  const year = local.getUTCFullYear();
  const needed = local.getUTCMonth() === 11 ? [year, year + 1] : [year];
  return needed.filter((y) => !calendar.years.has(y));
}

/** What staff are told when a needed year is missing. */
export function calendarWarning(missing: readonly number[]): string | null {
  if (missing.length === 0) return null;
  return `${missing.join('、')} 年的节假日安排尚未载入：这些年份的工作日暂按周一至周五计算，办理时限可能不准。请平台管理员载入国务院办公厅公布的放假安排。`;
}

/**
 * Reads the arrangement from CSV, one day per line: `date,type[,name]` where type is 休 (day off)
 * or 班 (working day by adjustment); a header line and blank lines are skipped. Consecutive days
 * off with the same name become one holiday.
 */
export function parseCalendarCsv(text: string): CalendarYearBody {
  const holidays: HolidaySpan[] = [];
  const workdays: string[] = [];
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !/^date\b|^日期/i.test(l));
  for (const [i, line] of lines.entries()) {
    const [date = '', type = '', name = '节假日'] = line.split(',').map((c) => c.trim());
    if (!CalendarDate.safeParse(date).success) throw new Error(`第 ${i + 1} 行：日期 "${date}" 格式应为 YYYY-MM-DD`);
    if (type === '班' || type === 'workday') workdays.push(date);
    else if (type === '休' || type === 'holiday') {
      const last = holidays[holidays.length - 1];
      if (last && last.name === name && daysBetween(last.to, date).length === 2) last.to = date;
      else holidays.push({ name, from: date, to: date });
    } else throw new Error(`第 ${i + 1} 行：类型 "${type}" 应为 休 或 班`);
  }
  return { holidays, workdays };
}
