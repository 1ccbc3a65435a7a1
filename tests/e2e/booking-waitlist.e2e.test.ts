/// <reference lib="dom" />
/**
 * End to end (H5, phone viewport): waitlists (候补) and booking for someone else (代约). A test centre
 * with one window, open all day, is opened through the API; 张秀英 (the demo resident) holds
 * tomorrow's 10:00. 李建华, a new WeChat user registered with his real name, finds 10:00 已约满,
 * reads what 排队候补 means (the place is held for him for a while, he must confirm in time) and joins:
 * 第 1 位, listed under 我的候补. 张秀英 cancels in the UI; 李建华 sees 有空位，请在 HH:MM 前确认 and
 * confirms: the place is his booking. Then 刘洋, the demo grid worker of 第一网格, books for 张秀英
 * (a resident of his grid) through 为谁预约: the booking names her and says 网格员 刘洋代约.
 */

import type { BrowserContext, Page } from 'playwright-core';
import { type BookingDto, LoginResponse, MyBookingsResponse } from '@linli/shared';
import { booked, openCentre, tomorrow } from '../support/booking';
import { answerModal, browserSuite, describeBrowser, modal, preAgreePrivacy, smallTouchTargets } from '../support/browser';

const STEP = 60_000;
const ALL_DAY = [{ start: '00:00', end: '24:00', slotMinutes: 30, windows: 1 }];

describeBrowser('候补 and 代约 in the browser', () => {
  const suite = browserSuite();
  const { shot } = suite;
  /** Status and state codes must never show: labels are Chinese. */
  const RAW_CODE = /\b(waiting|offered|booked|cancelled|open|full|shebao|[a-z]+_[a-z]+)\b/;

  let centreId = '';
  let held: BookingDto;
  let waiter: Page;
  const date = tomorrow();

  beforeAll(async () => {
    const c = await openCentre(suite.api, { name: '候补测试服务中心', rules: { workday: ALL_DAY, restday: ALL_DAY, holiday: ALL_DAY }, policy: { holdMinutes: 30 } });
    centreId = c.id;
    held = await booked(suite.api, await suite.api.tokenFor('resident'), { centreId, offeringId: 'shebao', date, start: '10:00' });
  });

  const newPhone = async (): Promise<Page> => {
    const context: BrowserContext = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    await preAgreePrivacy(context);
    const p = await context.newPage();
    await p.goto(`${suite.web.url}/#/pages/me/index`);
    return p;
  };
  /** A phone signed in with a demo login. */
  async function phoneAs(login: string): Promise<Page> {
    const p = await newPhone();
    await p.locator(`[data-testid="demo-login-${login}"]`).tap();
    await p.locator('[data-testid="me-card"]').waitFor();
    return p;
  }
  /** A brand-new WeChat user (the stand-in's newuser-<name>) registered in 第一网格 with his real name, signed in on a phone. */
  async function newResidentPhone(name: string): Promise<Page> {
    const { token } = await suite.api.newUser();
    const res = await suite.api.call('PUT', '/me/registration', {
      token, body: { place: { by: 'search', communityId: 'cm-mingshan', gridId: 'gd-ms-1' }, address: { building: '5栋', room: '502' }, name },
    });
    expect(res.status).toBe(200);
    const login = LoginResponse.parse(res.body);
    const p = await newPhone();
    await p.evaluate((s) => localStorage.setItem('linli.session', JSON.stringify({ data: s })), { token: login.token, expiresAt: login.expiresAt, user: login.user });
    await p.reload();
    await p.locator('[data-testid="me-card"]').waitFor();
    return p;
  }
  const openTab = async (p: Page) => {
    await p.locator('.weui-tabbar__label', { hasText: '延时服务' }).tap();
    await p.locator('[data-testid="booking-page"]:visible').waitFor();
  };
  const toSlots = async (p: Page) => {
    await p.locator(`[data-testid="centre-list"]:visible [data-testid="centre-${centreId}"]`).tap();
    await p.locator('[data-testid="booking-new"]:visible [data-testid="offering-shebao"]').tap();
    await p.locator(`[data-testid="booking-new"]:visible [data-testid="day-${date}"]`).tap();
  };
  const toastsGone = (p: Page) => p.waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('.taro__toast')).every((t) => t.style.display === 'none'));

  it(
    'a new resident finds 10:00 已约满, reads what 排队候补 means and joins: 第 1 位, listed under 我的候补',
    async () => {
      waiter = await newResidentPhone('李建华');
      await openTab(waiter);
      await toSlots(waiter);
      const slot = waiter.locator('[data-testid="booking-new"]:visible [data-testid="slot-10:00"]');
      await expect(slot.getAttribute('data-state')).resolves.toBe('full');
      await expect(slot.innerText()).resolves.toMatch(/10:00–10:30\s*已约满 可候补/);
      await shot(waiter, 'waitlist-1-full');

      await slot.tap();
      const text = await modal(waiter).locator('.taro-modal__text').innerText();
      for (const w of ['已约满', '保留 30 分钟', '确认预约', '让给下一位']) expect(text).toContain(w);
      await answerModal(waiter, 'cancel'); // thinks again: nothing is sent
      const joined = waiter.waitForResponse((r) => r.url().endsWith(`/centres/${centreId}/waitlist`) && r.request().method() === 'POST');
      await slot.tap();
      await answerModal(waiter, 'confirm');
      const res = await joined;
      expect(res.status()).toBe(201);
      expect(res.request().headers()['idempotency-key']).toMatch(/^k-/);
      expect(res.request().postDataJSON()).toMatchObject({ offeringId: 'shebao', date, start: '10:00', notify: [] });
      const card = waiter.locator('[data-testid="wait-joined"]');
      await expect(card.locator('[data-testid="wait-position"]').innerText()).resolves.toBe('您排在第 1 位');
      await expect(card.innerText()).resolves.toContain('保留 30 分钟');
      expect(await card.innerText()).not.toMatch(RAW_CODE);
      expect(await smallTouchTargets(waiter)).toEqual([]);
      await shot(waiter, 'waitlist-2-joined');

      await waiter.locator('[data-testid="wait-go-list"]').tap();
      const mine = waiter.locator('[data-testid="my-waits"]:visible [data-testid="wait-card"]');
      await expect(mine.locator('[data-testid="wait-position"]').innerText()).resolves.toBe('排在第 1 位');
      await expect(mine.innerText()).resolves.toMatch(/社保医保办理[\s\S]*候补中[\s\S]*\d+月\d+日 周. 10:00 起[\s\S]*候补测试服务中心/);
      // 退出候补 asks first; he stays in line.
      await mine.locator('[data-testid="wait-leave"]').tap();
      await expect(modal(waiter).locator('.taro-modal__text').innerText()).resolves.toContain('不再为您排队');
      await answerModal(waiter, 'cancel');
      expect(await mine.count()).toBe(1);
      expect(await smallTouchTargets(waiter)).toEqual([]);
      await shot(waiter, 'waitlist-3-mine');
    },
    STEP,
  );

  it(
    '张秀英 cancels; the place is held for him: 有空位，请在 HH:MM 前确认 → 确认预约 makes it his booking',
    async () => {
      const holder = await phoneAs('resident');
      await openTab(holder);
      await holder.locator('[data-testid="my-bookings"]:visible [data-testid="booking-card"]', { hasText: '10:00–10:30' }).tap();
      await holder.locator('[data-testid="booking-detail"]:visible [data-testid="booking-cancel"]').tap();
      await answerModal(holder, 'confirm');
      await holder.locator('[data-testid="booking-status"]:visible', { hasText: '已取消' }).waitFor();
      await holder.context().close();

      // Back on 延时服务 (shown again), his line has become a held place.
      await waiter.locator('.weui-tabbar__label', { hasText: '我的' }).tap();
      await openTab(waiter);
      const card = waiter.locator('[data-testid="my-waits"]:visible [data-testid="wait-card"][data-status="offered"]');
      await card.waitFor();
      const offer = await card.locator('[data-testid="wait-offer"]').innerText();
      const [, hh, mm] = /^有空位，请在 (\d\d):(\d\d) 前确认$/.exec(offer) ?? [];
      expect(hh).toBeDefined();
      const until = new Date(Date.now() + 8 * 3600_000 + 30 * 60_000).toISOString().slice(11, 16);
      expect(Math.abs(Number(hh) * 60 + Number(mm) - (Number(until.slice(0, 2)) * 60 + Number(until.slice(3))))).toBeLessThanOrEqual(2);
      await expect(card.locator('[data-testid="wait-leave"]').innerText()).resolves.toBe('放弃');
      expect(await card.innerText()).not.toMatch(RAW_CODE);
      expect(await smallTouchTargets(waiter)).toEqual([]);
      await shot(waiter, 'waitlist-4-offered');

      const accepted = waiter.waitForResponse((r) => r.url().endsWith('/waitlist/acceptance'));
      await card.locator('[data-testid="wait-accept"]').tap();
      expect((await accepted).status()).toBe(201);
      const detail = waiter.locator('[data-testid="booking-detail"]:visible');
      await expect(detail.locator('[data-testid="booking-status"]').innerText()).resolves.toBe('已预约');
      await expect(detail.locator('[data-testid="booking-when"]').innerText()).resolves.toContain('10:00–10:30');
      await expect(detail.locator('[data-testid="booking-info"]').innerText()).resolves.toContain('李建华');
      await detail.locator('[data-testid="booking-event"]', { hasText: '候补到号，转为预约' }).waitFor();
      await toastsGone(waiter);
      await shot(waiter, 'waitlist-5-booked');
      await waiter.goBack();
      await waiter.locator('[data-testid="my-bookings"]:visible [data-testid="booking-card"]', { hasText: '10:00–10:30' }).waitFor();
      // The list of waits refreshes after the bookings: wait for it to go rather than read it at once.
      await waiter.locator('[data-testid="my-waits"]').first().waitFor({ state: 'hidden', timeout: 10_000 });
      expect(await waiter.locator('[data-testid="my-waits"]:visible').count()).toBe(0);
      expect((await suite.api.call('GET', `/bookings/${held.id}`, { token: await suite.api.tokenFor('resident') })).body.booking.status).toBe('cancelled');
      await waiter.context().close();
    },
    STEP,
  );

  it(
    'the grid worker books for 张秀英 of his grid: 为谁预约 first, her name on the confirmation, 网格员 刘洋代约 on the booking',
    async () => {
      const worker = await phoneAs('grid_worker');
      await openTab(worker);
      await worker.locator(`[data-testid="centre-list"]:visible [data-testid="centre-${centreId}"]`).tap();
      const step = worker.locator('[data-testid="booking-new"]:visible [data-testid="booking-step"]');
      await expect(step.innerText()).resolves.toBe('第 1 步（共 4 步）：为谁预约');
      const people = worker.locator('[data-testid="person-list"]');
      await expect(people.locator('[data-testid="person-self"]').innerText()).resolves.toContain('本人（刘洋）');
      const her = people.locator('[data-testid="person-u-demo-resident"]');
      await expect(her.innerText()).resolves.toMatch(/张秀英[\s\S]*名山小区3栋/);
      expect(await smallTouchTargets(worker)).toEqual([]);
      await shot(worker, 'proxy-1-for-whom');

      await her.tap();
      await worker.locator('[data-testid="chosen-person"]', { hasText: '代约：张秀英' }).waitFor();
      await worker.locator('[data-testid="booking-new"]:visible [data-testid="offering-youdai"]').tap();
      await worker.locator(`[data-testid="booking-new"]:visible [data-testid="day-${date}"]`).tap();
      await worker.locator('[data-testid="booking-new"]:visible [data-testid="slot-11:00"]').tap();
      await worker.locator('[data-testid="booking-next"]:visible').tap();
      const confirm = worker.locator('[data-testid="booking-confirm"]:visible');
      await expect(confirm.locator('[data-testid="confirm-person"]').innerText()).resolves.toBe('张秀英');
      await expect(confirm.locator('[data-testid="confirm-for-other"]').innerText()).resolves.toContain('您在为 张秀英 代约');
      await expect(worker.locator('[data-testid="booking-submit"]:visible').innerText()).resolves.toBe('确认代约');
      expect(await smallTouchTargets(worker)).toEqual([]);
      await shot(worker, 'proxy-2-confirm');

      const created = worker.waitForResponse((r) => r.url().endsWith('/api/bookings') && r.request().method() === 'POST');
      await worker.locator('[data-testid="booking-submit"]:visible').tap();
      const res = await created;
      expect(res.status()).toBe(201);
      expect(res.request().postDataJSON()).toMatchObject({ forUserId: 'u-demo-resident', offeringId: 'youdai', date, start: '11:00' });
      const detail = worker.locator('[data-testid="booking-detail"]:visible');
      await expect(detail.locator('[data-testid="booked-by"]').innerText()).resolves.toMatch(/^网格员\s?刘洋代约$/);
      await expect(detail.locator('[data-testid="booking-info"]').innerText()).resolves.toContain('张秀英');
      await toastsGone(worker);
      await shot(worker, 'proxy-3-booked');

      // She sees it among her own bookings, with who booked it for her.
      const hers = MyBookingsResponse.parse((await suite.api.call('GET', '/bookings/mine', { token: await suite.api.tokenFor('resident') })).body).items;
      expect(hers.find((b) => b.start === '11:00' && b.date === date)).toMatchObject({ personName: '张秀英', bookedByNote: expect.stringMatching(/^网格员\s?刘洋代约$/), status: 'booked' });
      await worker.context().close();
    },
    STEP,
  );
});
