/** Dates and times of bookings as residents read them: 明天 12月8日 周二 19:30–20:00. */

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** Today's date in China (YYYY-MM-DD), whatever the phone's time zone. */
export const chinaToday = (now = Date.now()): string => new Date(now + 8 * 3600_000).toISOString().slice(0, 10);

const dayNumber = (date: string): number => Math.round(Date.parse(`${date}T00:00:00Z`) / 86400_000);

/** 周二 for 2026-12-08. */
export const weekdayOf = (date: string): string => WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]!;

/** 12月8日 for 2026-12-08. */
export const monthDay = (date: string): string => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

/** 今天 / 明天 / 后天 for the next three days, else nothing. */
export function relativeDay(date: string, now = Date.now()): string {
  const diff = dayNumber(date) - dayNumber(chinaToday(now));
  return diff === 0 ? '今天' : diff === 1 ? '明天' : diff === 2 ? '后天' : '';
}

/** 明天 12月8日 周二 (今天/明天/后天 only when it applies). */
export function formatDay(date: string, now = Date.now()): string {
  const rel = relativeDay(date, now);
  return `${rel ? `${rel} ` : ''}${monthDay(date)} ${weekdayOf(date)}`;
}

/** 明天 12月8日 周二 19:30–20:00. */
export const formatSlotTime = (s: { date: string; start: string; end: string }, now = Date.now()): string => `${formatDay(s.date, now)} ${s.start}–${s.end}`;

/** 482 913: the six-digit booking code in two groups of three, to read out at the desk. */
export const spacedBookingCode = (code: string): string => code.replace(/^(\d{3})(?=\d)/, '$1 ');

/** 19:45 for an instant, in China time. */
export const chinaClock = (iso: string): string => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(11, 16);

/** Until when a held place waits: 19:45 today, else 明天 19:45 / 12月9日 19:45. */
export function holdUntilText(iso: string, now = Date.now()): string {
  const date = chinaToday(Date.parse(iso));
  if (date === chinaToday(now)) return chinaClock(iso);
  return `${relativeDay(date, now) || monthDay(date)} ${chinaClock(iso)}`;
}

/** The day before or after (YYYY-MM-DD). */
export const shiftDay = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86400_000).toISOString().slice(0, 10);
