/// <reference lib="dom" />
/**
 * End to end (H5, phone viewport): 张秀英 (the demo resident) opens 延时服务, sees her community's
 * centre first, picks 名山社区党群服务中心 → 社保医保办理 → 19:30 on the first weekday after today,
 * confirms what she read in words, and gets the six-digit code (spaced) with its QR code and what to
 * bring. She moves it to 19:00 the same evening (same code), then cancels after a confirmation that
 * says it frees the place: 已取消, and the place is free again. Someone not registered is offered
 * 去登记住址 or 使用我的位置, and finds the centres nearby by distance.
 */

import type { Page } from 'playwright-core';
import { SlotsResponse } from '@linli/shared';
import { answerModal, browserSuite, describeBrowser, modal, smallTouchTargets } from '../support/browser';

const STEP = 60_000;
const CENTRE = 'ct-mingshan';

describeBrowser('延时服务 booking in the browser', () => {
  const suite = browserSuite();
  const { shot } = suite;
  /** Status and slot-state codes must never show: labels are Chinese. */
  const RAW_CODE = /\b(booked|cancelled|checked_in|no_show|open|full|started|closed|shebao|[a-z]+_[a-z]+)\b/;

  let page: Page;
  let date = '';
  let code = '';

  /** A phone near 名山社区 that agreed to the privacy notice, signed in with a demo login. */
  const phoneAs = (login: string): Promise<Page> => suite.phoneAs(login, { located: true, agreed: true });
  const openTab = async (p: Page) => {
    await p.locator('.weui-tabbar__label', { hasText: '延时服务' }).tap();
    await p.locator('[data-testid="booking-page"]:visible').waitFor();
  };
  /** Every day chip and slot button is at least 44×44 CSS px too (they are not buttons or chips). */
  const smallBookingTargets = (p: Page) =>
    p.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('.bk-day, .bk-slot, .bk-offering'))
        .filter((e) => e.offsetParent !== null)
        .map((e) => ({ t: e.dataset.testid, r: e.getBoundingClientRect() }))
        .filter(({ r }) => r.width < 44 || r.height < 44)
        .map(({ t, r }) => `${t} ${Math.round(r.width)}×${Math.round(r.height)}`),
    );
  const placesLeft = async (start: string): Promise<number> => {
    const res = await suite.api.call('GET', `/centres/${CENTRE}/slots?offeringId=shebao&from=${date}&days=1`, { token: await suite.api.tokenFor('resident') });
    return SlotsResponse.parse(res.body).days[0]!.slots.find((s) => s.start === start)!.left;
  };

  it(
    'the resident opens 延时服务: no bookings yet, her community’s centre first, then by distance from where she is',
    async () => {
      page = await phoneAs('resident');
      await openTab(page);
      await page.getByText('您还没有预约').waitFor();
      const list = page.locator('[data-testid="centre-list"]:visible');
      await list.locator(`[data-testid="centre-${CENTRE}"]`).waitFor();
      const cards = list.locator('[data-testid^="centre-ct-"]');
      expect(await cards.first().getAttribute('data-testid')).toBe(`centre-${CENTRE}`);
      await expect(cards.first().innerText()).resolves.toContain('本社区');
      await expect(cards.first().locator('[data-testid="centre-open-note"]').innerText()).resolves.toMatch(/开放|没有延时开放/);
      expect(await page.locator('[data-testid="centre-distance"]:visible').count()).toBe(0);

      await page.locator('[data-testid="booking-near-me"]').tap();
      await list.locator('[data-testid="centre-distance"]').first().waitFor();
      for (const d of await list.locator('[data-testid="centre-distance"]').allInnerTexts()) expect(d).toMatch(/^\d+ 米$|^\d+\.\d 公里$/);
      expect(await list.innerText()).not.toMatch(RAW_CODE);
      expect(await smallTouchTargets(page)).toEqual([]);
      await shot(page, 'booking-1-centres');
    },
    STEP,
  );

  it(
    'picks 社保医保办理 and 19:30 on the first weekday after today, reads it all in words and confirms',
    async () => {
      await page.locator(`[data-testid="centre-list"]:visible [data-testid="centre-${CENTRE}"]`).tap();
      await page.locator('[data-testid="offering-list"]').waitFor();
      await expect(page.locator('[data-testid="offering-shebao"]').innerText()).resolves.toContain('请带：身份证、社保卡');
      expect(await smallBookingTargets(page)).toEqual([]);
      await shot(page, 'booking-2-offerings');

      await page.locator('[data-testid="offering-shebao"]').tap();
      await page.locator('[data-testid="slot-list"]').waitFor();
      await expect(page.locator('[data-testid="booking-step"]').innerText()).resolves.toContain('第 2 步');
      // Tests run at any hour: never today, the first 工作日 after it.
      const days = await page.locator('[data-testid^="day-2"]').evaluateAll((els) => els.map((e) => ({ id: e.getAttribute('data-testid')!, label: e.getAttribute('data-label') })));
      const weekday = days.slice(1).find((d) => d.label === '工作日');
      expect(weekday).toBeDefined();
      date = weekday!.id.slice('day-'.length);
      await page.locator(`[data-testid="day-${date}"]`).tap();
      const slot = page.locator('[data-testid="slot-19:30"]');
      await expect(slot.getAttribute('data-state')).resolves.toBe('open');
      await expect(slot.innerText()).resolves.toMatch(/19:30–20:00\s*余 2 个/);
      expect(await page.locator('[data-testid="slot-list"] [data-testid^="slot-"]').count()).toBe(5); // 17:30–20:00 in halves
      await slot.tap();
      expect(await slot.getAttribute('class')).toContain('bk-slot-on');
      await page.locator('[data-testid="booking-note"] textarea').fill('需要帮忙填表');
      expect(await page.locator('[data-testid="booking-new"]').innerText()).not.toMatch(RAW_CODE);
      expect(await smallTouchTargets(page)).toEqual([]);
      expect(await smallBookingTargets(page)).toEqual([]);
      await shot(page, 'booking-3-slots');

      await page.locator('[data-testid="booking-next"]').tap();
      const confirm = page.locator('[data-testid="booking-confirm"]');
      await confirm.waitFor();
      const words = await confirm.innerText();
      for (const w of ['社保医保办理（约 20 分钟）', '19:30–20:00', '名山社区党群服务中心 一楼综合窗口', '绥山镇名山路 88 号', '身份证、社保卡', '张秀英', '需要帮忙填表']) expect(words).toContain(w);
      expect(words).toMatch(/\d+月\d+日 周[一二三四五]/);
      expect(await smallTouchTargets(page)).toEqual([]);
      await shot(page, 'booking-4-confirm');

      const created = page.waitForResponse((r) => r.url().endsWith('/api/bookings') && r.request().method() === 'POST');
      await page.locator('[data-testid="booking-submit"]').tap();
      const res = await created;
      expect(res.status()).toBe(201);
      expect(res.request().headers()['idempotency-key']).toMatch(/^k-/);

      await page.locator('[data-testid="booking-detail"]').waitFor();
      code = await page.locator('[data-testid="booking-code"]').innerText();
      expect(code).toMatch(/^\d{3} \d{3}$/); // spaced, to read out
      await expect(page.locator('[data-testid="booking-qr"] img').getAttribute('src')).resolves.toMatch(/^data:image\/gif;base64,/);
      await page.waitForFunction(() => (document.querySelector<HTMLImageElement>('[data-testid="booking-qr"] img')?.naturalWidth ?? 0) > 100);
      await expect(page.locator('[data-testid="booking-status"]').innerText()).resolves.toBe('已预约');
      await expect(page.locator('[data-testid="booking-when"]').innerText()).resolves.toContain('19:30–20:00');
      const bring = await page.locator('[data-testid="booking-bring"]').innerText();
      expect(bring).toContain('身份证');
      expect(bring).toContain('社保卡');
      await expect(page.locator('[data-testid="booking-info"]').innerText()).resolves.toContain('0833-5520088');
      expect(await page.locator('[data-testid="booking-detail"]').innerText()).not.toMatch(RAW_CODE);
      expect(await placesLeft('19:30')).toBe(1);
      await page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('.taro__toast')).every((t) => t.style.display === 'none'));
      expect(await smallTouchTargets(page)).toEqual([]);
      await shot(page, 'booking-5-detail');
    },
    STEP,
  );

  it(
    'moves it to 19:00 the same evening after confirming, and sees the new time with the same code',
    async () => {
      await page.locator('[data-testid="booking-reschedule"]').tap();
      await page.locator('[data-testid="booking-new"]:visible [data-testid="slot-list"]').waitFor();
      await expect(page.locator('[data-testid="chosen-offering"]:visible').innerText()).resolves.toBe('改约：社保医保办理');
      await page.locator(`[data-testid="day-${date}"]:visible`).tap();
      await expect(page.locator('[data-testid="slot-19:30"]:visible').innerText()).resolves.toContain('现在的时段');
      await page.locator('[data-testid="slot-19:00"]:visible').tap();
      expect(await page.locator('[data-testid="booking-note"]:visible').count()).toBe(0);
      await page.locator('[data-testid="booking-next"]:visible').tap();
      const confirm = page.locator('[data-testid="booking-confirm"]:visible');
      await confirm.waitFor();
      await expect(confirm.innerText()).resolves.toMatch(/原来时间[\s\S]*19:30–20:00[\s\S]*改到[\s\S]*19:00–19:30/);
      await expect(page.locator('[data-testid="booking-submit"]:visible').innerText()).resolves.toBe('确认改约');
      expect(await smallTouchTargets(page)).toEqual([]);
      await shot(page, 'booking-6-reschedule');

      await page.locator('[data-testid="booking-submit"]:visible').tap();
      await page.locator('[data-testid="booking-detail"]:visible [data-testid="booking-when"]', { hasText: '19:00–19:30' }).waitFor();
      await expect(page.locator('[data-testid="booking-code"]:visible').innerText()).resolves.toBe(code); // the same day keeps the code
      await page.locator('[data-testid="booking-event"]:visible', { hasText: '改约' }).waitFor();
      expect([await placesLeft('19:30'), await placesLeft('19:00')]).toEqual([2, 1]);
      await page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('.taro__toast')).every((t) => t.style.display === 'none'));
      await shot(page, 'booking-7-moved');

      // Back on 延时服务 the booking is listed under 我的预约 with its new time; a tap opens it again.
      await page.goBack();
      const card = page.locator('[data-testid="my-bookings"]:visible [data-testid="booking-card"]');
      await card.filter({ hasText: '19:00–19:30' }).waitFor();
      expect(await card.count()).toBe(1);
      await expect(card.innerText()).resolves.toMatch(/社保医保办理[\s\S]*已预约[\s\S]*\d+月\d+日 周[一二三四五] 19:00–19:30[\s\S]*名山社区党群服务中心/);
      expect(await smallTouchTargets(page)).toEqual([]);
      await shot(page, 'booking-7b-listed');
      await card.tap();
      await page.locator('[data-testid="booking-detail"]:visible [data-testid="booking-cancel"]').waitFor();
    },
    STEP,
  );

  it(
    'cancels only after a confirmation that says it frees the place; sees 已取消, and the place is free again',
    async () => {
      await page.locator('[data-testid="booking-cancel"]:visible').tap();
      const text = await modal(page).locator('.taro-modal__text').innerText();
      expect(text).toContain('让给其他居民');
      expect(text).toContain('不能撤销');
      await answerModal(page, 'cancel');
      await expect(page.locator('[data-testid="booking-status"]:visible').innerText()).resolves.toBe('已预约');

      const cancelled = page.waitForResponse((r) => r.url().endsWith('/cancellation'));
      await page.locator('[data-testid="booking-cancel"]:visible').tap();
      await answerModal(page, 'confirm');
      expect((await cancelled).status()).toBe(200);
      await page.locator('[data-testid="booking-status"]:visible', { hasText: '已取消' }).waitFor();
      await page.locator('[data-testid="booking-code-void"]:visible').waitFor();
      expect(await page.locator('[data-testid="booking-actions"]:visible').count()).toBe(0);
      await page.locator('[data-testid="booking-again"]:visible').waitFor(); // 重新预约 at the same centre
      expect(await placesLeft('19:00')).toBe(2);
      await page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('.taro__toast')).every((t) => t.style.display === 'none'));
      await shot(page, 'booking-8-cancelled');
      await page.context().close();
    },
    STEP,
  );

  it(
    'someone not registered is offered 去登记住址 or 使用我的位置, and finds the centres near him',
    async () => {
      const p = await phoneAs('new');
      await openTab(p);
      const need = p.locator('[data-testid="booking-need-place"]:visible');
      await need.waitFor();
      await need.locator('[data-testid="booking-go-register"]').waitFor();
      expect(await smallTouchTargets(p)).toEqual([]);
      await shot(p, 'booking-9-need-place');
      await need.locator('[data-testid="booking-locate"]').tap();
      const list = p.locator('[data-testid="centre-list"]:visible');
      await list.locator(`[data-testid="centre-${CENTRE}"]`).waitFor();
      expect(await list.locator('[data-testid="centre-distance"]').count()).toBeGreaterThanOrEqual(2);
      expect(await list.innerText()).not.toContain('本社区');
      await p.context().close();
    },
    STEP,
  );
});
