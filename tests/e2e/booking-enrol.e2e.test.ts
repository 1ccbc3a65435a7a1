/// <reference lib="dom" />
/**
 * End to end (H5, phone viewport): enrolments and meal orders at 名山社区党群服务中心. 张秀英 (the
 * demo resident) finds the centre's offerings grouped (办事预约 / 学期报名 / 每日订餐), orders 老年助餐
 * for the first weekday still open for ordering (tests run at any hour: the slots route says which —
 * orders close at 15:00 the day before), reads the cut-off, sees it in 我的预约 tagged 订餐 and
 * 已订餐, and cancels it after a confirmation. Then she enrols in 四点半课堂: the term
 * from–to, 每周一至五 16:30–18:00 and the seats left, one 报名, and on the booking no 改约. At a test
 * centre with an activity (健康讲座), its coming sessions are listed with seats left (a past one is
 * not), and one tap on 报名 leads to the confirmation.
 */

import type { Page } from 'playwright-core';
import { SlotsResponse } from '@linli/shared';
import { DEMO_TERM } from '../../infra/local/demo-centres';
import { openCentre, tomorrow } from '../support/booking';

/** 3月1日, as the page writes a date. */
const md = (date: string): string => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
import { answerModal, browserSuite, describeBrowser, modal, smallTouchTargets } from '../support/browser';

const STEP = 60_000;
const CENTRE = 'ct-mingshan';

describeBrowser('报名 and 订餐 in the browser', () => {
  const suite = browserSuite();
  const { shot } = suite;
  /** Kind, status and state codes must never show: labels are Chinese. */
  const RAW_CODE = /\b(appointment|session|term|daily|booked|cancelled|open|full|started|closed|zhucan|sidianban|[a-z]+_[a-z]+)\b/;

  let page: Page;

  const phoneAs = (login: string): Promise<Page> => suite.phoneAs(login, { agreed: true });
  const toastsGone = (p: Page) => p.waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('.taro__toast')).every((t) => t.style.display === 'none'));
  const slotsOf = async (offeringId: string, query: string) => {
    const res = await suite.api.call('GET', `/centres/${CENTRE}/slots?offeringId=${offeringId}&${query}`, { token: await suite.api.tokenFor('resident') });
    expect(res.status).toBe(200);
    return SlotsResponse.parse(res.body).days;
  };
  const toCentre = async (p: Page, id = CENTRE) => {
    await p.locator('.weui-tabbar__label', { hasText: '延时服务' }).tap();
    await p.locator(`[data-testid="centre-list"]:visible [data-testid="centre-${id}"]`).tap();
    await p.locator('[data-testid="offering-list"]:visible').waitFor();
  };
  const newPage = () => page.locator('[data-testid="booking-new"]:visible');

  it(
    'the offerings are grouped: 办事预约, then 学期报名 with the term, then 每日订餐 with the serving days and cut-off',
    async () => {
      page = await phoneAs('resident');
      await toCentre(page);
      const list = page.locator('[data-testid="offering-list"]:visible');
      const groups = await list.locator('.bk-group').allInnerTexts();
      expect(groups).toEqual(['办事预约', '学期报名', '每日订餐']);
      await expect(list.locator('[data-testid="offering-sidianban"]').innerText()).resolves.toMatch(new RegExp(`四点半课堂\\s*去报名 ›\\s*学期 ${md(DEMO_TERM.from)}–${md(DEMO_TERM.to)} · 每周一至五 16:30–18:00 · 三楼活动室`));
      await expect(list.locator('[data-testid="offering-zhucan"]').innerText()).resolves.toMatch(/老年助餐\s*去订餐 ›\s*每周一至五 11:30–12:30 · 一楼长者食堂\s*订餐截止：前一天 15:00/);
      expect(await list.innerText()).not.toMatch(RAW_CODE);
      await shot(page, 'enrol-1-offerings');
    },
    STEP,
  );

  it(
    'orders 老年助餐 for the first weekday still open for ordering, reading the cut-off before confirming',
    async () => {
      const days = await slotsOf('zhucan', 'days=15');
      const day = days.find((d) => d.slots[0]?.state === 'open');
      expect(day).toBeDefined();
      const date = day!.date;

      await page.locator('[data-testid="offering-zhucan"]').tap();
      await newPage().locator('[data-testid="day-strip"]').waitFor();
      await expect(newPage().locator('[data-testid="booking-step"]').innerText()).resolves.toContain('选择订餐日期');
      await expect(newPage().locator('[data-testid="daily-rules"]').innerText()).resolves.toMatch(/每周一至五 11:30–12:30 供应 · 一楼长者食堂\s*订餐截止：前一天 15:00/);
      const chip = newPage().locator(`[data-testid="day-${date}"]`);
      await expect(chip.innerText()).resolves.toMatch(/余 40 份/);
      for (const d of days.filter((x) => x.slots.length === 0)) await expect(newPage().locator(`[data-testid="day-${d.date}"]`).innerText()).resolves.toContain('不供应');
      await chip.tap();
      await expect(newPage().locator('[data-testid="daily-chosen"]').innerText()).resolves.toMatch(/11:30–12:30[\s\S]*余 40 份 · \d+月\d+日 15:00 前可以订餐和取消/);
      expect(await smallTouchTargets(page)).toEqual([]);
      expect(await newPage().innerText()).not.toMatch(RAW_CODE);
      await shot(page, 'enrol-2-meal-days');

      await newPage().locator('[data-testid="booking-next"]').tap();
      const confirm = newPage().locator('[data-testid="booking-confirm"]');
      await confirm.waitFor();
      const words = await confirm.innerText();
      for (const w of ['请核对订餐信息', '老年助餐', '11:30–12:30', '一楼长者食堂', '订餐人', '张秀英', '15:00 前可以取消']) expect(words).toContain(w);
      expect(words).not.toContain('分钟）');
      await expect(newPage().locator('[data-testid="booking-submit"]').innerText()).resolves.toBe('确认订餐');
      await shot(page, 'enrol-3-meal-confirm');

      const created = page.waitForResponse((r) => r.url().endsWith('/api/bookings') && r.request().method() === 'POST');
      await newPage().locator('[data-testid="booking-submit"]').tap();
      const res = await created;
      expect(res.status()).toBe(201);
      expect(res.request().postDataJSON()).toMatchObject({ offeringId: 'zhucan', date, start: '11:30' });
      const detail = page.locator('[data-testid="booking-detail"]:visible');
      await detail.locator('[data-testid="booking-kind"]', { hasText: '订餐' }).waitFor();
      await expect(detail.locator('[data-testid="booking-status"]').innerText()).resolves.toBe('已订餐');
      await expect(detail.locator('[data-testid="booking-cutoff"]').innerText()).resolves.toMatch(/^\d+月\d+日 15:00 前可以取消$/);
      await expect(detail.locator('[data-testid="booking-cancel"]').innerText()).resolves.toBe('取消订餐');
      await toastsGone(page);
      await shot(page, 'enrol-4-meal-detail');
    },
    STEP,
  );

  it(
    'sees the order in 我的预约 tagged 订餐, and cancels it after a confirmation',
    async () => {
      await page.goBack();
      const card = page.locator('[data-testid="my-bookings"]:visible [data-testid="booking-card"]', { hasText: '老年助餐' });
      await card.locator('[data-testid="booking-kind"]', { hasText: '订餐' }).waitFor();
      await expect(card.innerText()).resolves.toMatch(/老年助餐[\s\S]*已订餐[\s\S]*订餐[\s\S]*\d+月\d+日 周[一二三四五] 11:30–12:30[\s\S]*一楼长者食堂/);
      expect(await card.getAttribute('data-kind')).toBe('daily');
      expect(await smallTouchTargets(page)).toEqual([]);
      await shot(page, 'enrol-5-meal-listed');

      await card.tap();
      const detail = page.locator('[data-testid="booking-detail"]:visible');
      await detail.locator('[data-testid="booking-cancel"]').tap();
      await expect(modal(page).locator('.taro-modal__text').innerText()).resolves.toContain('如果还要办，需要重新订餐');
      const cancelled = page.waitForResponse((r) => r.url().endsWith('/cancellation'));
      await answerModal(page, 'confirm');
      expect((await cancelled).status()).toBe(200);
      await detail.locator('[data-testid="booking-status"]', { hasText: '已取消' }).waitFor();
      await expect(detail.locator('[data-testid="booking-again"]').innerText()).resolves.toBe('重新订餐');
      await page.goBack();
      await page.locator('[data-testid="my-bookings"]:visible [data-testid="booking-card"]', { hasText: '老年助餐' }).locator('[data-testid="booking-status"]', { hasText: '已取消' }).waitFor();
    },
    STEP,
  );

  it(
    'enrols in 四点半课堂 for the whole term with one 报名, and the enrolment offers no 改约',
    async () => {
      const [first] = await slotsOf('sidianban', `from=${DEMO_TERM.from}&days=1`);
      const left = first!.slots[0]!.left;
      await page.locator(`[data-testid="centre-list"]:visible [data-testid="centre-${CENTRE}"]`).tap();
      await newPage().locator('[data-testid="offering-sidianban"]').tap();
      const term = newPage().locator('[data-testid="term-card"]');
      await term.waitFor();
      await expect(term.locator('[data-testid="term-span"]').innerText()).resolves.toBe(
        `${DEMO_TERM.from.slice(0, 4)}年${md(DEMO_TERM.from)} – ${DEMO_TERM.to.slice(0, 4) === DEMO_TERM.from.slice(0, 4) ? '' : `${DEMO_TERM.to.slice(0, 4)}年`}${md(DEMO_TERM.to)}`,
      );
      await expect(term.locator('[data-testid="term-times"]').innerText()).resolves.toBe('每周一至五 16:30–18:00');
      await expect(term.locator('[data-testid="term-seats"]').innerText()).resolves.toBe(`共 30 个，余 ${left} 个名额`);
      expect(await newPage().locator('[data-testid="booking-next"]').count()).toBe(0); // one 报名, no 下一步
      expect(await smallTouchTargets(page)).toEqual([]);
      expect(await newPage().innerText()).not.toMatch(RAW_CODE);
      await shot(page, 'enrol-6-term');

      await term.locator('[data-testid="term-enrol"]').tap();
      const confirm = newPage().locator('[data-testid="booking-confirm"]');
      await expect(confirm.locator('[data-testid="confirm-when"]').innerText()).resolves.toBe(`学期 ${md(DEMO_TERM.from)}–${md(DEMO_TERM.to)} · 每周一至五 16:30–18:00`);
      await expect(confirm.innerText()).resolves.toContain('学期报名不能改约');
      await expect(newPage().locator('[data-testid="booking-submit"]').innerText()).resolves.toBe('确认报名');
      const created = page.waitForResponse((r) => r.url().endsWith('/api/bookings') && r.request().method() === 'POST');
      await newPage().locator('[data-testid="booking-submit"]').tap();
      expect((await created).status()).toBe(201);

      const detail = page.locator('[data-testid="booking-detail"]:visible');
      await detail.locator('[data-testid="booking-kind"]', { hasText: '学期报名' }).waitFor();
      await expect(detail.locator('[data-testid="booking-status"]').innerText()).resolves.toBe('已报名');
      await expect(detail.locator('[data-testid="booking-when"]').innerText()).resolves.toBe(`学期 ${md(DEMO_TERM.from)}–${md(DEMO_TERM.to)} · 每周一至五 16:30–18:00`);
      await detail.locator('[data-testid="booking-cancel"]', { hasText: '取消报名' }).waitFor();
      expect(await detail.locator('[data-testid="booking-reschedule"]').count()).toBe(0);
      await expect(detail.locator('[data-testid="booking-actions"]').innerText()).resolves.toContain('报名不能改约');
      expect((await slotsOf('sidianban', `from=${DEMO_TERM.from}&days=1`))[0]!.slots[0]!.left).toBe(left - 1);
      await toastsGone(page);
      await shot(page, 'enrol-7-term-detail');

      await page.goBack();
      const card = page.locator('[data-testid="my-bookings"]:visible [data-testid="booking-card"]', { hasText: '四点半课堂' });
      await expect(card.innerText()).resolves.toMatch(new RegExp(`已报名[\\s\\S]*学期报名[\\s\\S]*学期 ${md(DEMO_TERM.from)}–${md(DEMO_TERM.to)}`));
      await shot(page, 'enrol-8-term-listed');
      await page.context().close();
    },
    STEP,
  );

  it(
    'an activity lists its coming sessions with seats left; one tap on 报名 leads to the confirmation',
    async () => {
      const day = (n: number) => new Date(Date.parse(`${tomorrow()}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);
      const sessions = [
        { date: day(-2), start: '09:00', end: '11:00', seats: 20 }, // yesterday: not listed
        { date: day(2), start: '09:00', end: '11:00', seats: 2 },
        { date: day(9), start: '14:00', end: '16:00', seats: 20 },
      ];
      const jiankang = { id: 'jiankang', name: '健康讲座', minutes: 120, bring: [], where: '二楼会议室', kind: 'session', sessions };
      const c = await openCentre(suite.api, { name: '测试活动中心', offerings: [{ id: 'shebao', name: '社保医保办理', minutes: 20 }, jiankang] });
      const p = await phoneAs('resident');
      await toCentre(p, c.id);
      const list = p.locator('[data-testid="offering-list"]:visible');
      expect(await list.locator('.bk-group').allInnerTexts()).toEqual(['办事预约', '活动报名']);
      await expect(list.locator('[data-testid="offering-jiankang"]').innerText()).resolves.toMatch(/健康讲座\s*去报名 ›\s*共 2 场 · 最近：\d+月\d+日 周.* 09:00\s*二楼会议室/);
      await list.locator('[data-testid="offering-jiankang"]').tap();
      const rows = p.locator('[data-testid="booking-new"]:visible [data-testid="session-list"] [data-testid^="session-2"]');
      await rows.first().waitFor();
      expect(await rows.count()).toBe(2);
      await expect(rows.nth(0).innerText()).resolves.toMatch(/09:00–11:00\s*余 2 个名额\s*报名/);
      await expect(rows.nth(1).innerText()).resolves.toMatch(/14:00–16:00\s*余 20 个名额\s*报名/);
      expect(await smallTouchTargets(p)).toEqual([]);
      await shot(p, 'enrol-9-sessions');

      await p.locator(`[data-testid="session-enrol-${day(2)}-09:00"]`).tap();
      const confirm = p.locator('[data-testid="booking-new"]:visible [data-testid="booking-confirm"]');
      await expect(confirm.innerText()).resolves.toMatch(/请核对报名信息[\s\S]*健康讲座[\s\S]*09:00–11:00[\s\S]*报名人\s*张秀英[\s\S]*活动报名不能改约/);
      await expect(p.locator('[data-testid="booking-submit"]:visible').innerText()).resolves.toBe('确认报名');
      await p.context().close();
    },
    STEP,
  );
});
