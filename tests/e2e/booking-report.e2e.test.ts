/// <reference lib="dom" />
/**
 * End to end (H5, phone viewport): 陈静 (the demo community admin of 名山社区) opens 延时服务周报 on
 * 我的: last week's figures in a sentence and as large numbers (预约、取消、到场、未到场、到场率), when
 * people came (晚间 / 周末 / 白天), 热门项目, 现场办理, 候补, 提醒未送达 and a bar for each of the seven
 * days, all labelled in Chinese; 上一周 / 下一周 move a week at a time, never past this week. A
 * booking and a walk-in show in the weeks they fall in. The street admin picks one of his communities.
 */

import type { Page } from 'playwright-core';
import { booked, openSlots } from '../support/booking';
import { idemKey } from '../support/builders';
import { browserSuite, describeBrowser, smallTouchTargets } from '../support/browser';

const STEP = 60_000;

/** This week's Monday and the one before, in China time. */
function mondays(): { thisWeek: string; lastWeek: string } {
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const back = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
  const day = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) - n * 86400_000).toISOString().slice(0, 10);
  return { thisWeek: day(back), lastWeek: day(back + 7) };
}
/** The Monday of a date's week. */
const mondayOf = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) * 86400_000).toISOString().slice(0, 10);
const monthDay = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

describeBrowser('延时服务周报 in the browser', () => {
  const suite = browserSuite();
  const { phoneAs, shot } = suite;
  /** Field names and offering ids must never show. */
  const RAW_CODE = /\b(bookings|cancelled|checkedIn|noShow|evening|weekend|daytime|walkIns|null|NaN|undefined|[a-z]+_[a-z]+)\b/;

  let page: Page;
  const week = () => page.locator('[data-testid="report-week"]').innerText();
  const asked = (from?: string) =>
    page.waitForResponse((r) => r.url().includes('/booking-report') && (from ? r.url().includes(`from=${from}`) : !r.url().includes('from=')));

  it(
    'the community admin sees last week’s figures in words, with a bar a day',
    async () => {
      page = await phoneAs('community_admin');
      const first = asked();
      await page.locator('[data-testid="open-booking-report"]').tap();
      expect((await first).status()).toBe(200);
      await page.locator('[data-testid="report-summary"]').waitFor();
      const { lastWeek } = mondays();
      await expect(page.locator('[data-testid="report-community"]').innerText()).resolves.toBe('名山社区 · 延时服务周报');
      expect(await week()).toBe(`上周（${monthDay(lastWeek)}–${monthDay(new Date(Date.parse(`${lastWeek}T00:00:00Z`) + 6 * 86400_000).toISOString().slice(0, 10))}）`);
      await expect(page.locator('[data-testid="report-sentence"]').innerText()).resolves.toMatch(
        /^上周（.+）预约 0 人次、取消 0、到场 0、未到场 0、到场率 暂无（还没有到时段的预约）。$/,
      );
      for (const [k, label, n] of [['bookings', '预约', '0'], ['cancelled', '取消', '0'], ['checkedIn', '到场', '0'], ['noShow', '未到场', '0'], ['attendance', '到场率', '—']]) {
        await expect(page.locator(`[data-testid="figure-${k}"]`).innerText()).resolves.toMatch(new RegExp(`^${n}\\s*${label}$`));
      }
      await expect(page.locator('[data-testid="use-evening"]').innerText()).resolves.toBe('工作日晚间（17:00 以后）：0 人次，占 0%');
      await expect(page.locator('[data-testid="use-weekend"]').innerText()).resolves.toBe('周末和节假日：0 人次，占 0%');
      await expect(page.locator('[data-testid="use-daytime"]').innerText()).resolves.toBe('工作日白天：0 人次，占 0%');
      await expect(page.locator('[data-testid="report-walkins"]').innerText()).resolves.toBe('现场办理（没有预约）：0 人');
      await expect(page.locator('[data-testid="report-waitlist"]').innerText()).resolves.toBe('排队候补：0 人');
      await expect(page.locator('[data-testid="report-unsent"]').innerText()).resolves.toBe('提醒未送达：0 条');
      await expect(page.locator('[data-testid="report-busiest"]').innerText()).resolves.toContain('这一周没有预约');
      const days = page.locator('[data-testid="report-day"]');
      expect(await days.count()).toBe(7);
      await expect(days.first().innerText()).resolves.toMatch(new RegExp(`^${monthDay(lastWeek)} 周一 · (工作日|法定节假日|调休上班|周末)\\s*预约 0 · 到场 0 · 现场办理 0$`));
      expect(await page.locator('[data-testid="booking-report"]').innerText()).not.toMatch(RAW_CODE);
      expect(await smallTouchTargets(page)).toEqual([]);
      await shot(page, 'booking-report-1-last-week');
    },
    STEP,
  );

  it(
    'moves a week back and forward with 上一周 / 下一周, but not past this week',
    async () => {
      const { thisWeek, lastWeek } = mondays();
      const before = new Date(Date.parse(`${lastWeek}T00:00:00Z`) - 7 * 86400_000).toISOString().slice(0, 10);
      let next = asked(before);
      await page.locator('[data-testid="report-prev"]').tap();
      expect((await next).status()).toBe(200);
      await page.locator('[data-testid="report-week"]', { hasText: monthDay(before) }).waitFor();
      expect(await week()).not.toMatch(/上周|本周/);
      expect(await page.locator('[data-testid="report-day"]').count()).toBe(7);

      next = asked(lastWeek);
      await page.locator('[data-testid="report-next"]').tap();
      await next;
      await page.locator('[data-testid="report-week"]', { hasText: '上周' }).waitFor();
      next = asked(thisWeek);
      await page.locator('[data-testid="report-next"]').tap();
      await next;
      await page.locator('[data-testid="report-week"]', { hasText: '本周' }).waitFor();
      await page.locator('[data-testid="report-sentence"]', { hasText: '本周' }).waitFor();
      expect(await page.locator('[data-testid="report-next"]').evaluate((e) => e.hasAttribute('disabled'))).toBe(true);
      expect(await smallTouchTargets(page)).toEqual([]);
      await shot(page, 'booking-report-2-this-week');
      await page.context().close();
    },
    STEP,
  );

  it(
    'counts a booking (and its offering, time of day and day) and a walk-in in the weeks they fall in',
    async () => {
      const token = await suite.api.tokenFor('resident');
      const [slot] = await openSlots(suite.api, token, 'ct-mingshan');
      await booked(suite.api, token, { centreId: 'ct-mingshan', offeringId: 'shebao', date: slot!.date, start: slot!.start });
      const walkIn = await suite.api.call('POST', '/centres/ct-mingshan/walk-ins', {
        token: await suite.api.tokenFor('service_staff'), body: { offeringId: 'youdai', name: '现场居民' }, headers: { 'idempotency-key': idemKey('walk-in') },
      });
      expect(walkIn.status).toBe(201);

      page = await phoneAs('community_admin');
      const shown = asked(mondayOf(slot!.date));
      await page.goto(`${suite.web.url}/#/packages/booking-report/index?from=${mondayOf(slot!.date)}`);
      await shown;
      await page.locator('[data-testid="figure-bookings"]', { hasText: '1' }).waitFor();
      await expect(page.locator('[data-testid="report-sentence"]').innerText()).resolves.toContain('预约 1 人次、取消 0、到场 0、未到场 0');
      await expect(page.locator('[data-testid="busiest-item"]').innerText()).resolves.toBe('1. 社保医保办理：1 人次');
      const uses = await page.locator('[data-testid="report-uses"]').innerText();
      expect(uses).toMatch(/：1 人次，占 100%/);
      const day = page.locator('[data-testid="report-day"]', { hasText: monthDay(slot!.date) });
      await expect(day.innerText()).resolves.toContain('预约 1 · 到场 0');
      expect(await page.locator('[data-testid="booking-report"]').innerText()).not.toMatch(RAW_CODE);
      await shot(page, 'booking-report-3-a-booking');

      const { thisWeek } = mondays();
      const now = asked(thisWeek);
      await page.goto(`${suite.web.url}/#/packages/booking-report/index?from=${thisWeek}`);
      await now;
      await page.locator('[data-testid="report-walkins"]', { hasText: '现场办理（没有预约）：1 人' }).waitFor();
      await page.context().close();
    },
    STEP,
  );

  it(
    'the street admin picks one of his communities',
    async () => {
      const p = await phoneAs('street_admin');
      await p.locator('[data-testid="open-booking-report"]').tap();
      await p.locator('[data-testid="report-communities"]').waitFor();
      await p.locator('[data-testid="report-summary"]').waitFor();
      // Whichever community opened first, he switches to the other.
      const chips = p.locator('[data-testid="report-communities"] [data-testid^="report-community-"]');
      expect(await chips.count()).toBe(2);
      const other = (await chips.evaluateAll((els) => els.filter((e) => !e.className.includes('chip-on')).map((e) => e.getAttribute('data-testid')!)))[0]!;
      const id = other.slice('report-community-'.length);
      const name = id === 'cm-foguang' ? '佛光社区' : '名山社区';
      const report = p.waitForResponse((r) => r.url().includes(`/communities/${id}/booking-report`));
      await p.locator(`[data-testid="${other}"]`).tap();
      expect((await report).status()).toBe(200);
      await p.locator('[data-testid="report-community"]', { hasText: `${name} · 延时服务周报` }).waitFor();
      await p.locator('[data-testid="report-summary"]').waitFor();
      expect(await smallTouchTargets(p)).toEqual([]);
      await shot(p, 'booking-report-4-street');
      await p.context().close();
    },
    STEP,
  );
});
