/**
 * The holiday calendar as data: parsing and checking a year's arrangement, the Monday–Friday
 * fallback (reported, never silent), the per-container cache, and deadlines across 2026/2027.
 */
import {
  buildCalendar,
  calendarWarning,
  calendarYearProblems,
  CalendarYearBody,
  missingYears,
  parseCalendarCsv,
  type CalendarYear,
} from '@linli/shared';
import { CalendarCache, CALENDAR_STALE_MS } from '../../functions/src/platform/domain/calendar';
import type { CalendarStore } from '../../functions/src/platform/ports/calendar';
import { deadlineFrom } from '../../functions/src/requests/domain/deadlines';
import { newRequest } from '../../functions/src/requests/domain/request';
import { recomputeDeadlines } from '../../functions/src/requests/domain/recompute';
import { demoCategories } from '../../infra/local/demo-categories';
import { shippedCalendars } from '../../infra/calendar/files';

const cst = (local: string): Date => new Date(`${local}+08:00`);
const iso = (local: string): string => cst(local).toISOString();

/** A made-up 2027 arrangement for tests (not the official one): New Year 1–3 January, a make-up Saturday on 9 January. */
const FIXTURE_2027: CalendarYear = {
  year: 2027,
  holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }],
  workdays: ['2027-01-09'],
  source: 'test fixture',
  loadedAt: '2026-12-10T00:00:00.000Z',
  loadedBy: 'u-admin',
};
const shipped: CalendarYear[] = shippedCalendars().map((f) => ({ year: f.year, ...f.body, source: f.body.source ?? null, loadedAt: '2026-01-01T00:00:00.000Z', loadedBy: 'seed' }));

describe('a year arrangement as data', () => {
  it('ships 2025 and 2026 with the same days off and make-up days as the State Council published', () => {
    const c = buildCalendar(shipped);
    expect([...c.years].sort()).toEqual([2025, 2026]);
    expect(c.holidays.has('2026-02-15') && c.holidays.has('2026-02-23') && c.holidays.has('2025-10-08')).toBe(true);
    expect(c.holidays.has('2026-02-24')).toBe(false);
    expect(c.adjustedWorkdays.has('2026-10-10') && c.adjustedWorkdays.has('2025-01-26')).toBe(true);
    expect(c.holidays.size).toBe(28 + 33);
  });

  it('reads CSV (休/班 per day), joining consecutive days off of one holiday', () => {
    const body = parseCalendarCsv('date,type,name\n2027-01-01,休,元旦\n2027-01-02,休,元旦\n2027-01-03,休,元旦\n\n2027-01-09,班\n2027-02-06,holiday,春节\n');
    expect(body).toEqual({
      holidays: [
        { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
        { name: '春节', from: '2027-02-06', to: '2027-02-06' },
      ],
      workdays: ['2027-01-09'],
    });
    expect(() => parseCalendarCsv('2027-01-01,放假')).toThrow('第 1 行：类型 "放假" 应为 休 或 班');
    expect(() => parseCalendarCsv('2027-13-01,休')).toThrow('第 1 行');
  });

  it('rejects an arrangement that does not fit its year, field by field', () => {
    const bad = CalendarYearBody.safeParse({ holidays: [{ name: '春节', from: '2027-02-10', to: '2027-02-06' }], workdays: ['2027-02-30'] });
    expect(bad.success).toBe(false);
    const fields = bad.error!.issues.map((i) => i.path.join('.'));
    expect(fields).toEqual(expect.arrayContaining(['holidays.0.to', 'workdays.0']));
    expect(calendarYearProblems(2027, { holidays: [{ name: '国庆节', from: '2026-10-01', to: '2026-10-07' }], workdays: ['2027-01-02'] })).toEqual([
      { field: 'holidays.0.from', message: '国庆节不在 2027 年' },
    ]);
    expect(calendarYearProblems(2027, { holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }], workdays: ['2027-01-02'] })).toEqual([
      { field: 'workdays.0', message: '2027-01-02 既是放假日又是调休上班日' },
    ]);
    // 元旦 may begin in the last days of the year before.
    expect(calendarYearProblems(2023, { holidays: [{ name: '元旦', from: '2022-12-31', to: '2023-01-02' }], workdays: [] })).toEqual([]);
  });
});

describe('years with no arrangement are counted Monday–Friday, and said so', () => {
  it('names the missing years around now: this year, and next year from December (China time)', () => {
    const c = buildCalendar(shipped);
    expect(missingYears(c, cst('2026-11-30T23:59:00'))).toEqual([]);
    expect(missingYears(c, new Date('2026-11-30T16:00:00Z'))).toEqual([2027]); // already 1 December in Shanghai
    expect(missingYears(c, cst('2027-03-01T10:00:00'))).toEqual([2027]);
    expect(missingYears(buildCalendar([...shipped, FIXTURE_2027]), cst('2026-12-03T10:00:00'))).toEqual([]);
    expect(calendarWarning([2027])).toContain('2027 年的节假日安排尚未载入');
    expect(calendarWarning([])).toBeNull();
  });

  it('across the 2026/2027 boundary: Monday–Friday without 2027, the loaded arrangement with it', () => {
    const without = buildCalendar(shipped);
    const withIt = buildCalendar([...shipped, FIXTURE_2027]);
    // Thursday 31 December 2026 + 1 working day.
    expect(deadlineFrom(cst('2026-12-31T10:00:00'), { workdays: 1 }, without).toISOString()).toBe(iso('2027-01-01T18:00:00'));
    expect(deadlineFrom(cst('2026-12-31T10:00:00'), { workdays: 1 }, withIt).toISOString()).toBe(iso('2027-01-04T18:00:00'));
    // Friday 8 January 2027 + 1: Saturday the 9th is worked by adjustment.
    expect(deadlineFrom(cst('2027-01-08T10:00:00'), { workdays: 1 }, without).toISOString()).toBe(iso('2027-01-11T18:00:00'));
    expect(deadlineFrom(cst('2027-01-08T10:00:00'), { workdays: 1 }, withIt).toISOString()).toBe(iso('2027-01-09T18:00:00'));
    // 2026's own holidays still count: 30 September 2026 + 1 → 8 October.
    expect(deadlineFrom(cst('2026-09-30T10:00:00'), { workdays: 1 }, without).toISOString()).toBe(iso('2026-10-08T18:00:00'));
  });
});

describe('the per-container calendar cache', () => {
  function fakeStore(years: CalendarYear[]) {
    const store = { calls: 0, fail: false, years, list: async () => {
      store.calls++;
      if (store.fail) throw new Error('throttled');
      return store.years;
    }, put: async () => {} };
    return store satisfies CalendarStore & { calls: number };
  }
  const log = () => ({ warn: jest.fn(), error: jest.fn() });

  it('reads the store once per staleness window, one read at a time', async () => {
    const store = fakeStore(shipped);
    const cache = new CalendarCache(store, log());
    const t = cst('2026-11-02T10:00:00');
    await Promise.all([cache.refresh(t), cache.refresh(t)]);
    await cache.refresh(new Date(t.getTime() + CALENDAR_STALE_MS - 1));
    expect(store.calls).toBe(1);
    expect(cache.years.has(2026)).toBe(true);
    store.years = [...shipped, FIXTURE_2027];
    await cache.refresh(new Date(t.getTime() + CALENDAR_STALE_MS));
    expect(store.calls).toBe(2);
    expect(cache.holidays.has('2027-01-01')).toBe(true);
  });

  it('logs a warning while a needed year is missing', async () => {
    const l = log();
    await new CalendarCache(fakeStore(shipped), l).refresh(cst('2026-12-03T10:00:00'));
    expect(l.warn).toHaveBeenCalledWith(expect.stringContaining('Monday–Friday'), { missingYears: [2027] });
    const quiet = log();
    await new CalendarCache(fakeStore(shipped), quiet).refresh(cst('2026-11-03T10:00:00'));
    expect(quiet.warn).not.toHaveBeenCalled();
  });

  it('keeps the last calendar (and says so) when the store cannot be read, and tries again next time', async () => {
    const store = fakeStore(shipped);
    const l = log();
    const cache = new CalendarCache(store, l);
    const t = cst('2026-11-02T10:00:00');
    await cache.refresh(t);
    store.fail = true;
    await cache.refresh(new Date(t.getTime() + CALENDAR_STALE_MS));
    expect(l.error).toHaveBeenCalledWith('holiday calendar could not be read', { error: 'throttled' });
    expect(cache.holidays.has('2026-10-01')).toBe(true);
    store.fail = false;
    await cache.refresh(new Date(t.getTime() + CALENDAR_STALE_MS + 1));
    expect(store.calls).toBe(3);
  });
});

describe('recomputing stored deadlines when a year is loaded', () => {
  const category = demoCategories.find((c) => c.id === 'fix-streetlight')!;
  const fileAt = (now: Date) =>
    newRequest({
      id: 'r-1', source: 'resident', category, description: '路灯不亮了', photos: [], location: { lat: 29.6, lng: 103.48 }, sourceDatum: 'gcj02',
      address: null, anonymous: false, reporter: { id: 'u-res', name: '张秀英', phone: null }, streetId: 'st', communityId: 'cm', gridId: 'gd-1',
      now, calendar: buildCalendar(shipped), actor: null,
    }).next;

  it('counts the current stage again from its start, with a timeline note of what moved', () => {
    const r = fileAt(cst('2026-12-30T10:00:00')); // resolve: 3 working days, counted Monday–Friday into 2027
    expect(r.resolveBy).toBe(iso('2027-01-04T18:00:00'));
    const t = recomputeDeadlines(r, buildCalendar([...shipped, FIXTURE_2027]), cst('2026-12-10T08:00:00'))!;
    expect(t.next).toMatchObject({ resolveBy: iso('2027-01-05T18:00:00'), acceptBy: r.acceptBy, version: r.version + 1, stageStartedAt: r.stageStartedAt });
    expect(t.events).toEqual([expect.objectContaining({ type: 'deadline_recomputed', actorRole: 'system', note: '按最新节假日安排重新计算：应办结时间 1月4日 18:00 → 1月5日 18:00' })]);
  });

  it('leaves alone items whose deadlines do not change, and items no longer open', () => {
    const calendar = buildCalendar([...shipped, FIXTURE_2027]);
    expect(recomputeDeadlines(fileAt(cst('2026-11-24T10:00:00')), calendar, cst('2026-12-10T08:00:00'))).toBeNull();
    const done = { ...fileAt(cst('2026-12-30T10:00:00')), status: 'closed' as const };
    expect(recomputeDeadlines(done, calendar, cst('2026-12-10T08:00:00'))).toBeNull();
  });
});
