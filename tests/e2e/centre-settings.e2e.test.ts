/// <reference lib="dom" />
/**
 * End to end (H5, phone viewport): 郑晓红 (the demo service staff of 名山社区) opens 服务中心设置 on
 * 我的 and sees the roster check (no warning for 名山社区党群服务中心). Two residents hold the two
 * places of a weekday 19:00 slot. She staffs one window instead of two on weekday evenings and
 * saves after a confirmation that says it takes effect at once: a weekday 19:30 slot then has 1
 * place left, and the later of the two 19:00 bookings is listed to move or cancel — she opens it,
 * cancels it, and the list is empty. A block of 40-minute slots over 17:30–20:00 is named by its
 * field before anything is sent; two exceptions on one date come back from the server as a problem
 * by that date; a save over someone else's says so and reloads. The street admin sees the roster
 * warning of 佛光社区党群服务中心.
 */

import type { Page } from 'playwright-core';
import { SlotsResponse } from '@linli/shared';
import { booked, resident, tomorrow } from '../support/booking';
import { answerModal, browserSuite, describeBrowser, fill, modal, smallTouchTargets } from '../support/browser';

const STEP = 60_000;
const CENTRE = 'ct-mingshan';

describeBrowser('服务中心设置 in the browser', () => {
  const suite = browserSuite();
  const { phoneAs, shot } = suite;
  /** Kinds, day kinds and field names must never show: labels are Chinese. */
  const RAW_CODE = /\b(appointment|session|term|daily|workday|restday|holiday|windows|slotMinutes|closed|hours|walkInShare|null|NaN|undefined|[a-z]+_[a-z]+)\b/;

  let page: Page;
  let weekday = '';

  const settings = () => page.locator('[data-testid="centre-settings"]:visible');
  const slotsOn = async (date: string) => {
    const res = await suite.api.call('GET', `/centres/${CENTRE}/slots?offeringId=shebao&from=${date}&days=1`, { token: await suite.api.tokenFor('resident') });
    return SlotsResponse.parse(res.body).days[0]!.slots;
  };
  const save = () => page.locator('[data-testid="settings-save"]').tap();

  beforeAll(async () => {
    // The first working day after today (tests run at any hour), and both its 19:00 places taken.
    const res = await suite.api.call('GET', `/centres/${CENTRE}/slots?offeringId=shebao&from=${tomorrow()}&days=10`, { token: await suite.api.tokenFor('resident') });
    weekday = SlotsResponse.parse(res.body).days.find((d) => d.dayLabel === '工作日')!.date;
    for (const name of ['先约的居民', '后约的居民']) {
      const r = await resident(suite.api, name);
      await booked(suite.api, r.token, { centreId: CENTRE, offeringId: 'shebao', date: weekday, start: '19:00' });
    }
  }, 60_000);

  it(
    'the service staff opens 服务中心设置 from 我的 and sees the roster check first',
    async () => {
      page = await phoneAs('service_staff');
      await page.locator('[data-testid="open-centre-settings"]').tap();
      await settings().waitFor();
      await expect(page.locator('[data-testid="settings-centre"]').innerText()).resolves.toBe('名山社区党群服务中心');
      await expect(page.locator('[data-testid="centre-warnings-none"]').innerText()).resolves.toContain('排班符合要求');
      expect(await page.locator('[data-testid="settings-centres"]').count()).toBe(0); // one centre: nothing to pick
      expect(await page.locator('[data-testid="settings-save"]').evaluate((e) => e.hasAttribute('disabled'))).toBe(true); // nothing changed yet
      for (const s of ['basic', 'rules', 'exceptions', 'rooms', 'offerings', 'policy']) {
        await page.locator(`[data-testid="section-${s}"]`).tap();
        await page.locator(`[data-testid="section-${s}-body"]`).waitFor();
        expect(await settings().innerText()).not.toMatch(RAW_CODE);
        expect(await smallTouchTargets(page)).toEqual([]);
      }
      await page.locator('[data-testid="section-offerings"]').tap();
      await page.locator('[data-testid="toggle-offerings.6"]').tap(); // 老年助餐, a daily order
      await expect(page.locator('[data-testid="offering-6"]').innerText()).resolves.toMatch(/每日订餐[\s\S]*每周供应[\s\S]*前一天截止/);
      expect(await settings().innerText()).not.toMatch(RAW_CODE);
      expect(await smallTouchTargets(page)).toEqual([]);
      await shot(page, 'centre-settings-1-offerings');
      await page.locator('[data-testid="section-rules"]').tap();
      await expect(page.locator('[data-testid="block-rules.workday.0"]').innerText()).resolves.toContain('17:30–20:00，每 30 分钟一个时段，共 5 个，2 个综合窗口');
      await shot(page, 'centre-settings-2-rules');
    },
    STEP,
  );

  it(
    'staffs one weekday-evening window instead of two, saves after confirming: 余 1 at 19:30, the extra 19:00 booking listed',
    async () => {
      await fill(page, 'field-rules.workday.0.windows', '1');
      await expect(page.locator('[data-testid="block-rules.workday.0"]').innerText()).resolves.toContain('1 个综合窗口');
      await expect(page.locator('[data-testid="settings-dirty"]').innerText()).resolves.toBe('有修改还没有保存');
      await save();
      await expect(modal(page).innerText()).resolves.toContain('保存后立即生效；不再符合的预约会列出来，需要逐个处理');
      await answerModal(page, 'cancel');
      expect(await slotsOn(weekday).then((s) => s.find((x) => x.start === '19:30')!.left)).toBe(2); // not saved

      const put = page.waitForResponse((r) => r.url().endsWith(`/api/centres/${CENTRE}`) && r.request().method() === 'PUT');
      await save();
      await answerModal(page, 'confirm');
      expect((await put).status()).toBe(200);
      const slots = await slotsOn(weekday);
      expect(slots.find((x) => x.start === '19:30')).toMatchObject({ capacity: 1, left: 1 });

      const list = page.locator('[data-testid="displaced"]');
      await list.waitFor();
      const items = list.locator('[data-testid="displaced-item"]');
      expect(await items.count()).toBe(1);
      await expect(items.innerText()).resolves.toMatch(/后约的居民[\s\S]*19:00–19:30[\s\S]*社保医保办理[\s\S]*原因：名额减少为 1 个，超出名额/);
      await expect(page.locator('[data-testid="settings-dirty"]').innerText()).resolves.toBe('没有未保存的修改');
      await page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('.taro__toast')).every((t) => t.style.display === 'none'));
      expect(await settings().innerText()).not.toMatch(RAW_CODE);
      expect(await smallTouchTargets(page)).toEqual([]);
      await shot(page, 'centre-settings-3-saved');

      // She cancels it on the booking's page (staff are not bound by the cut-off); back here the list is empty.
      await items.locator('[data-testid="displaced-open"]').tap();
      await page.locator('[data-testid="booking-detail"]:visible [data-testid="booking-cancel"]').tap();
      await answerModal(page, 'confirm');
      await page.locator('[data-testid="booking-status"]:visible', { hasText: '已取消' }).waitFor();
      await page.goBack();
      await page.locator('[data-testid="displaced-none"]:visible').waitFor();
    },
    STEP,
  );

  it('names a 40-minute slot over 17:30–20:00 by its field before sending anything', async () => {
    let sent = false;
    page.on('request', (r) => void (r.method() === 'PUT' && (sent = true)));
    await fill(page, 'field-rules.workday.0.slotMinutes', '40');
    await save();
    await expect(page.locator('[data-testid="error-rules.workday.0.slotMinutes"]').innerText()).resolves.toBe('开放时长应能被每段时长整除');
    await expect(page.locator('[data-testid="settings-errors"]').innerText()).resolves.toContain('工作日 第 1 段 每段分钟数：开放时长应能被每段时长整除');
    await expect(page.locator('[data-testid="section-rules"]').innerText()).resolves.toContain('（1 处）');
    expect(await modal(page).count()).toBe(0);
    expect(sent).toBe(false);
    expect(await settings().innerText()).not.toMatch(RAW_CODE);
    await shot(page, 'centre-settings-4-local-error');
    await fill(page, 'field-rules.workday.0.slotMinutes', '30');
    expect(await page.locator('[data-testid="settings-errors"]').count()).toBe(0);
  });

  it('shows the server’s problem by its field: two exceptions on one date', async () => {
    await page.locator('[data-testid="section-exceptions"]').tap();
    await page.locator('[data-testid="add-exception"]').tap();
    await page.locator('[data-testid="add-exception"]').tap();
    await expect(page.locator('[data-testid="exception-1"]').innerText()).resolves.toMatch(/日期[\s\S]*\d{4}年\d+月\d+日[\s\S]*闭馆/);
    const put = page.waitForResponse((r) => r.url().endsWith(`/api/centres/${CENTRE}`) && r.request().method() === 'PUT');
    await save();
    await answerModal(page, 'confirm');
    expect((await put).status()).toBe(400);
    await expect(page.locator('[data-testid="error-exceptions.1.date"]').innerText()).resolves.toBe('同一天只能有一条例外');
    await expect(page.locator('[data-testid="settings-errors"]').innerText()).resolves.toMatch(/特殊日期 \d{4}-\d\d-\d\d 日期：同一天只能有一条例外/);
    expect(await smallTouchTargets(page)).toEqual([]);
    await shot(page, 'centre-settings-5-server-error');
    await page.locator('[data-testid="remove-exceptions.1"]').tap();
    await page.locator('[data-testid="remove-exceptions.0"]').tap();
    expect(await page.locator('[data-testid="settings-errors"]').count()).toBe(0);
    await expect(page.locator('[data-testid="settings-dirty"]').innerText()).resolves.toBe('没有未保存的修改');
  });

  it('says so and reloads when someone else saved in between', async () => {
    const token = await suite.api.tokenFor('service_staff');
    const { centre } = (await suite.api.call('GET', `/centres/${CENTRE}`, { token })).body;
    const { id: _i, communityId: _c, communityName: _n, streetId: _s, distanceM: _d, mine: _m, openNote: _o, warnings: _w, ...settingsNow } = centre;
    expect((await suite.api.call('PUT', `/centres/${CENTRE}`, { token, body: { ...settingsNow, phone: '0833-5520099' } })).status).toBe(200);

    await page.locator('[data-testid="section-basic"]').tap();
    await fill(page, 'field-name', '名山社区党群服务中心（新）');
    await save();
    await answerModal(page, 'confirm');
    await expect(page.locator('[data-testid="settings-notice"]').innerText()).resolves.toContain('其他人刚刚修改并保存了');
    await expect(page.locator('[data-testid="field-phone"] input').inputValue()).resolves.toBe('0833-5520099');
    await expect(page.locator('[data-testid="field-name"] input').inputValue()).resolves.toBe('名山社区党群服务中心');
    await shot(page, 'centre-settings-6-stale');
    await page.context().close();
  }, STEP);

  it(
    'the street admin picks 佛光社区党群服务中心 and sees its roster warning',
    async () => {
      const p = await phoneAs('street_admin');
      await p.locator('[data-testid="open-centre-settings"]').tap();
      await p.locator('[data-testid="settings-centres"]').waitFor();
      await p.locator('[data-testid="settings-centre-ct-foguang"]').tap();
      await p.locator('[data-testid="settings-centre"]', { hasText: '佛光社区党群服务中心' }).waitFor();
      const warnings = p.locator('[data-testid="centre-warnings"]');
      await warnings.waitFor();
      const items = await warnings.locator('[data-testid="centre-warning"]').allInnerTexts();
      expect(items.length).toBeGreaterThan(0);
      expect(items[0]).toMatch(/^周末 09:00–12:00 在岗 3 人，少于全部 12 人的三分之一（4 人）$/);
      expect(await smallTouchTargets(p)).toEqual([]);
      await shot(p, 'centre-settings-7-warning');
      await p.context().close();
    },
    STEP,
  );
});
