/**
 * Reading the State Council's yearly holiday arrangement from a file, as JSON
 * (`{ year, holidays: [{ name, from, to }], workdays: [...], source? }`, like 2026.json here) or
 * CSV (`date,type,name` with type 休 or 班; the year from `--year` or the file name), and
 * checking it exactly as the API does.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { CalendarYearBody, calendarYearProblems, parseCalendarCsv } from '@linli/shared';

export interface CalendarFile {
  year: number;
  body: CalendarYearBody;
}

export function readCalendarFile(path: string, yearOption?: number): CalendarFile {
  const text = readFileSync(path, 'utf8');
  const raw: unknown = path.endsWith('.csv') ? parseCalendarCsv(text) : JSON.parse(text);
  const year = yearOption ?? (raw as { year?: unknown }).year ?? Number(/(\d{4})/.exec(basename(path))?.[1]);
  if (typeof year !== 'number' || !Number.isInteger(year)) throw new Error(`${path}: 请用 --year 指明年份`);
  const parsed = CalendarYearBody.safeParse(raw);
  if (!parsed.success) throw new Error(`${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const problems = calendarYearProblems(year, parsed.data);
  if (problems.length) throw new Error(`${path}: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
  return { year, body: parsed.data };
}

/** The arrangements shipped with the product (the years published when it was built). */
export function shippedCalendars(): CalendarFile[] {
  return readdirSync(__dirname)
    .filter((f) => /^\d{4}\.json$/.test(f))
    .sort()
    .map((f) => readCalendarFile(join(__dirname, f)));
}
