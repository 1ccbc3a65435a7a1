/**
 * The holiday calendar through the API on the real local store: seeded years, loading a year as a
 * platform administrator (and nobody else), field-level errors, the dashboard warning, and the
 * tick task that recomputes stored deadlines — bounded per tick, continuing, once per item.
 */
import { CalendarResponse, calendarWarning, MetricsResponse, missingYears, daysBetween } from '@linli/shared';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readCalendarFile } from '../../infra/calendar/files';
import { fileRequest } from '../support/builders';
import { startTestApi, type TestApi } from '../support/harness';


describe('holiday calendar', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.stop());

  it('lists the shipped years and names the missing ones around today', async () => {
    const res = await api.call('GET', '/calendar', { token: await api.tokenFor('grid_worker') });
    expect(res.status).toBe(200);
    const body = CalendarResponse.parse(res.body);
    expect(body.years.map((y) => y.year)).toEqual([2025, 2026]);
    expect(body.years[1]).toMatchObject({ loadedBy: 'seed', holidays: expect.arrayContaining([{ name: '春节', from: '2026-02-15', to: '2026-02-23' }]) });
    const missing = missingYears({ years: new Set([2025, 2026]) }, new Date());
    expect(body.missing).toEqual(missing);
    expect(body.warning).toBe(calendarWarning(missing));
  });

  it('shows the same warning on the staff dashboard', async () => {
    const res = await api.call('GET', '/communities/cm-mingshan/metrics?from=2026-11-01&to=2026-11-30', { token: await api.tokenFor('community_admin') });
    expect(res.status).toBe(200);
    expect(MetricsResponse.parse(res.body).calendarWarning).toBe(calendarWarning(missingYears({ years: new Set([2025, 2026]) }, new Date())));
  });

  it('lets only a platform administrator load a year, with field-level errors for a wrong arrangement', async () => {
    const body = { holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }], workdays: ['2027-01-09'], source: '测试' };
    expect((await api.call('PUT', '/calendar/2027', { token: await api.tokenFor('street_admin'), body })).status).toBe(403);
    expect((await api.call('PUT', '/calendar/2027', { body })).status).toBe(401);
    const admin = await api.tokenFor('platform_admin');
    const wrong = await api.call('PUT', '/calendar/2027', { token: admin, body: { holidays: [{ name: '国庆节', from: '2026-10-01', to: '2026-10-07' }], workdays: ['2027-1-9'] } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields).toEqual([{ field: 'workdays.0', message: '日期格式应为 YYYY-MM-DD' }]);
    const outside = await api.call('PUT', '/calendar/2027', { token: admin, body: { holidays: [{ name: '国庆节', from: '2026-10-01', to: '2026-10-07' }], workdays: [] } });
    expect(outside.status).toBe(400);
    expect(outside.body.error.fields).toEqual([{ field: 'holidays.0.from', message: '国庆节不在 2027 年' }]);
    expect((await api.call('PUT', '/calendar/20x7', { token: admin, body })).body.error.fields).toEqual([{ field: 'year', message: '年份应为四位数字' }]);
    const ok = await api.call('PUT', '/calendar/2027', { token: admin, body });
    expect(ok.status).toBe(200);
    expect(CalendarResponse.parse(ok.body).years.map((y) => [y.year, y.loadedBy])).toEqual([[2025, 'seed'], [2026, 'seed'], [2027, 'u-demo-platform-admin']]);
  });

  it('loads a year from a CSV file on the command line, checked as the API checks it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'linli-cal-'));
    writeFileSync(join(dir, '2031.csv'), '日期,类型,名称\n2031-01-01,休,元旦\n2031-01-02,休,元旦\n2031-01-04,班\n');
    writeFileSync(join(dir, 'bad-2031.csv'), '2031-01-01,休,元旦\n2031-01-01,班\n');
    const env = { ...process.env, TABLE_NAME: api.stack.table, DYNAMODB_ENDPOINT: process.env.LINLI_TEST_DB, AWS_REGION: 'local', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' };
    const run = (...args: string[]) => promisify(execFile)('npx', ['tsx', 'infra/calendar/cli.ts', ...args], { env });
    expect((await run('load', join(dir, '2031.csv'))).stdout).toContain('loaded 2031: 1 holidays, 1 adjusted workdays');
    await expect(run('load', join(dir, 'bad-2031.csv'))).rejects.toMatchObject({ stderr: expect.stringContaining('既是放假日又是调休上班日') });
    const listed = CalendarResponse.parse((await api.call('GET', '/calendar', { token: await api.tokenFor('resident') })).body);
    expect(listed.years.find((y) => y.year === 2031)).toMatchObject({ holidays: [{ name: '元旦', from: '2031-01-01', to: '2031-01-02' }], workdays: ['2031-01-04'] });
  }, 60_000);

  it('recomputes the deadlines of open items when a year is corrected: a bounded page per tick, each item once', async () => {
    const { getDeps } = await import('../../functions/src/composition');
    const { recomputeStep } = await import('../../functions/src/requests/domain/recompute');
    const deps = getDeps();
    const resident = await api.tokenFor('resident');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await fileRequest(api, { description: `日历测试：路面坑洼 ${i}` })).id);
    // Catch up with the seeded and 2027 loads first, so that only the correction is pending.
    for (let i = 0; i < 10 && (await recomputeStep(deps, new Date(), 50)).more; i++);
    const before = await Promise.all(ids.map((id) => deps.requests.get(id)));

    // The administrator corrects this year's arrangement: the next ten days (China time) become days off.
    const now = new Date();
    const today = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const year = Number(today.slice(0, 4));
    const end = daysBetween(today, `${year + 1}-01-07`)[10]!;
    const shipped = year === 2025 || year === 2026 ? readCalendarFile(`infra/calendar/${year}.json`).body : { holidays: [], workdays: [] };
    const off = new Set(daysBetween(today, end));
    const correction = {
      holidays: [...shipped.holidays.filter((h) => !daysBetween(h.from, h.to).some((d) => off.has(d))), { name: '测试停工', from: today, to: end }],
      workdays: shipped.workdays.filter((d) => !off.has(d)),
    };
    const put = await api.call('PUT', `/calendar/${year}`, { token: await api.tokenFor('platform_admin'), body: correction });
    expect(put.status).toBe(200);

    const first = await recomputeStep(deps, now, 2);
    expect(first).toMatchObject({ examined: 2, more: true, year });
    const [a, b] = await Promise.all([recomputeStep(deps, now, 2), recomputeStep(deps, now, 2)]);
    expect(a.examined + b.examined).toBeGreaterThanOrEqual(1);
    for (let i = 0; i < 5 && (await recomputeStep(deps, now, 2)).more; i++);
    expect(await recomputeStep(deps, now, 2)).toMatchObject({ examined: 0, more: false });

    for (const [i, id] of ids.entries()) {
      const after = (await deps.requests.getWithTimeline(id))!;
      expect(Date.parse(after.request.resolveBy!)).toBeGreaterThan(Date.parse(before[i]!.resolveBy!));
      expect(after.request.resolveBy! > `${end}T`).toBe(true);
      expect(after.events.filter((e) => e.type === 'deadline_recomputed')).toHaveLength(1);
    }
    // The resident sees the new deadline and why it moved.
    const detail = await api.call('GET', `/requests/${ids[0]}`, { token: resident });
    expect(detail.body.request.resolveBy).toBe((await deps.requests.get(ids[0]!))!.resolveBy);
    expect(detail.body.request.timeline.map((e: { type: string }) => e.type)).toContain('deadline_recomputed');
  });
});
