/**
 * The official calendar of public holidays and adjusted working days (调休) published each year
 * by the State Council General Office. Maintained as data: add the next year when it is announced
 * (usually in November). Dates are Asia/Shanghai calendar days.
 */
export interface HolidayCalendar {
  /** Public holidays (days off). */
  holidays: ReadonlySet<string>;
  /** Weekend days that are working days by adjustment. */
  adjustedWorkdays: ReadonlySet<string>;
  /** Years the calendar knows; outside them only weekends count as rest days. */
  years: ReadonlySet<number>;
}

function range(from: string, to: string): string[] {
  const out: string[] = [];
  const d = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${to}T00:00:00Z`);
  while (d <= end) {
    out.push(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return out;
}

export const CN_HOLIDAYS: HolidayCalendar = {
  years: new Set([2025, 2026]),
  holidays: new Set([
    // 2025
    '2025-01-01',
    ...range('2025-01-28', '2025-02-04'),
    ...range('2025-04-04', '2025-04-06'),
    ...range('2025-05-01', '2025-05-05'),
    ...range('2025-05-31', '2025-06-02'),
    ...range('2025-10-01', '2025-10-08'),
    // 2026
    ...range('2026-01-01', '2026-01-03'),
    ...range('2026-02-15', '2026-02-23'),
    ...range('2026-04-04', '2026-04-06'),
    ...range('2026-05-01', '2026-05-05'),
    ...range('2026-06-19', '2026-06-21'),
    ...range('2026-09-25', '2026-09-27'),
    ...range('2026-10-01', '2026-10-07'),
  ]),
  adjustedWorkdays: new Set([
    '2025-01-26',
    '2025-02-08',
    '2025-04-27',
    '2025-09-28',
    '2025-10-11',
    '2026-01-04',
    '2026-02-14',
    '2026-02-28',
    '2026-05-09',
    '2026-09-20',
    '2026-10-10',
  ]),
};
