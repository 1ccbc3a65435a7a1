/// <reference lib="dom" />
/**
 * End to end (H5, phone viewport), the volunteer points journey with the demo users, every step in
 * the browser but the clock: an activity of 名山社区 starting in about three seconds is published
 * through the API by 陈静 (demo-community-admin; the form cannot start one that soon, and waiting two
 * minutes is too long). 王桂芳 (demo-volunteer) signs up for it on 志愿活动; once it has started, 陈静
 * ticks her 来了 on the organiser's page and confirms; 王桂芳 sees her 积分 and 服务时长 grow by exactly
 * the activity's points and length (read from the API before), redeems 洗衣液 and gets its QR code and
 * six-digit pickup code; 冯志强 (demo-redemption-staff) looks the code up at 核销领取码 — 洗衣液 for 王桂芳,
 * 待领取 — and hands it over after a confirmation naming both: ✓ 已核销; her redemption now reads 已领取.
 */

import type { Page } from 'playwright-core';
import { type AccountDto, type ActivityDto, ActivityResponse } from '@linli/shared';
import { idemKey } from '../support/builders';
import { answerModal, browserSuite, describeBrowser, fill, modal, smallTouchTargets, visible } from '../support/browser';
import { accountOf } from '../support/points';

const STEP = 60_000;
/** Statuses, kinds and choices must never show as codes: labels are Chinese. */
const RAW_CODE = /\b(earn|spend|reserved|collected|cancelled|lapsed|signed_up|checked_in|checked_out|confirmed|absent|withdrawn|anyone|volunteers|person|hour|[a-z]+_[a-z]+)\b/;

const TITLE = '测试：社区义诊引导';
const POINTS = 30;
const MINUTES = 90;

/** 9 小时 30 分钟 / 8 小时 / 45 分钟, as the client says a length of service. */
const hoursText = (minutes: number): string => {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h === 0 ? `${m} 分钟` : m === 0 ? `${h} 小时` : `${h} 小时 ${m} 分钟`;
};

describeBrowser('志愿积分, the whole journey in the browser: an activity, points and hours, a reward collected at the counter', () => {
  const suite = browserSuite();
  const { shot } = suite;
  let volunteer: Page;
  let activity: ActivityDto;
  let before: AccountDto;
  let code = '';

  /** A phone that agreed to the privacy notice, signed in with a demo login on 我的. */
  const phoneAs = (login: string): Promise<Page> => suite.phoneAs(login, { agreed: true });
  /**
   * Back to the page below. Taro's H5 router loses the page below (it stays shaded, nothing shows)
   * when history goes back while the page on top is still sliding in: let it settle first.
   */
  const back = async (p: Page) => {
    await p.waitForTimeout(600);
    await p.goBack();
  };
  const toastsGone = (p: Page) => p.waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('.taro__toast')).every((t) => t.style.display === 'none'));

  it(
    '陈静 publishes an activity starting in a few seconds; 王桂芳 (200 points, 8 hours) signs up for it on 志愿活动',
    async () => {
      before = await accountOf(suite.api, await suite.api.tokenFor('volunteer'));
      const start = Date.now() + 3_000;
      const made = await suite.api.call('POST', '/activities', {
        token: await suite.api.tokenFor('community_admin'),
        headers: { 'idempotency-key': idemKey('activity') },
        body: {
          communityId: 'cm-mingshan', title: TITLE, description: '在党群服务中心门口引导居民排队、量血压', place: '名山社区党群服务中心门口', places: 8,
          start: new Date(start).toISOString(), end: new Date(start + MINUTES * 60_000).toISOString(), reward: { per: 'person', points: POINTS }, joiners: 'anyone',
        },
      });
      expect(made.status).toBe(201);
      activity = ActivityResponse.parse(made.body).activity;

      volunteer = await phoneAs('volunteer');
      await volunteer.locator('.weui-tabbar__label', { hasText: '积分' }).tap();
      await visible(volunteer, 'points-page').waitFor();
      await expect(visible(volunteer, 'points-balance').innerText()).resolves.toBe(String(before.balance));
      await expect(visible(volunteer, 'points-served').innerText()).resolves.toBe(hoursText(before.servedMinutes));
      expect(await smallTouchTargets(volunteer)).toEqual([]);
      await shot(volunteer, 'journey-1-points-before');

      await visible(volunteer, 'points-open-activities').tap();
      const card = visible(volunteer, `activity-${activity.id}`);
      await card.waitFor();
      const text = await card.innerText();
      for (const w of [TITLE, '名山社区党群服务中心门口', `每人 ${POINTS} 分`, '还剩 8 个（共 8 个）', '陈静']) expect(text).toContain(w);
      const signedUp = volunteer.waitForResponse((r) => r.url().endsWith(`/activities/${activity.id}/signup`));
      await card.locator('[data-testid="activity-signup"]').tap();
      expect((await signedUp).status()).toBe(200);
      await card.locator('[data-testid="activity-status"]', { hasText: '已报名' }).waitFor();
      await expect(card.locator('[data-testid="activity-left"]').innerText()).resolves.toBe('还剩 7 个（共 8 个）');
      await toastsGone(volunteer);
      expect(await visible(volunteer, 'activities-page').innerText()).not.toMatch(RAW_CODE);
      expect(await smallTouchTargets(volunteer)).toEqual([]);
      await shot(volunteer, 'journey-2-signed-up');
    },
    STEP,
  );

  it(
    'once it has started, 陈静 ticks 王桂芳 as came on the organiser page and confirms: credited once',
    async () => {
      while (Date.now() < Date.parse(activity.start) + 500) await new Promise((r) => setTimeout(r, 200));
      const admin = await phoneAs('community_admin');
      await admin.locator('[data-testid="open-activity-admin"]').tap();
      const list = admin.locator('[data-testid="activity-admin-list"]:visible');
      await list.locator('[data-testid="aa-item"]', { hasText: TITLE }).tap();
      const page = admin.locator('[data-testid="activity-admin"]:visible');
      await page.locator('[data-testid="aa-title"]', { hasText: TITLE }).waitFor();
      await page.locator('[data-testid="aa-confirm-box"]').waitFor();
      expect(await page.locator('[data-testid="aa-cancel"]').count()).toBe(0); // started: too late to cancel
      const her = page.locator('[data-testid="aa-signup"]', { hasText: '王桂芳' });
      await expect(her.innerText()).resolves.toMatch(/^王桂芳\s*已报名\s*来了\s*没来$/);
      await her.locator('[data-testid="aa-came"]').tap();
      await expect(her.innerText()).resolves.toMatch(new RegExp(`^王桂芳\\s*已报名\\s*✓ 来了\\s*没来\\s*将记 ${POINTS} 积分$`));
      expect(await page.innerText()).not.toMatch(RAW_CODE);
      expect(await smallTouchTargets(admin)).toEqual([]);
      await shot(admin, 'journey-3-attendance');

      await page.locator('[data-testid="aa-confirm"]').tap();
      await expect(modal(admin).locator('.taro-modal__text').innerText()).resolves.toBe(`来了 1 人：王桂芳，共记 ${POINTS} 积分。积分确认后立即记入，不能撤销。`);
      const confirmed = admin.waitForResponse((r) => r.url().endsWith(`/activities/${activity.id}/attendance`));
      await answerModal(admin, 'confirm');
      expect((await confirmed).status()).toBe(200);
      await expect(page.locator('[data-testid="aa-credited"]').innerText()).resolves.toBe('✓ 已为 1 人记入积分');
      await expect(her.innerText()).resolves.toMatch(new RegExp(`^王桂芳\\s*已确认\\s*已记 ${POINTS} 积分 · 服务 ${hoursText(MINUTES)}$`));
      expect(await page.locator('[data-testid="aa-confirm"]').count()).toBe(0);
      expect(await page.innerText()).not.toMatch(RAW_CODE);
      expect(await smallTouchTargets(admin)).toEqual([]);
      await shot(admin, 'journey-4-credited');
      await admin.context().close();
    },
    STEP,
  );

  it(
    '王桂芳 sees the points and the hours arrive: 积分 and 服务时长 grow by exactly the activity’s, and the ledger says why',
    async () => {
      const balance = before.balance + POINTS;
      const served = hoursText(before.servedMinutes + MINUTES);
      await back(volunteer);
      await visible(volunteer, 'points-balance').filter({ hasText: new RegExp(`^${balance}$`) }).waitFor(); // read again on showing
      await expect(visible(volunteer, 'points-served').innerText()).resolves.toBe(served);
      await expect(visible(volunteer, 'points-pending').innerText()).resolves.toBe('0 分');
      expect(await visible(volunteer, 'points-page').innerText()).not.toMatch(RAW_CODE);
      await shot(volunteer, 'journey-5-points-after');

      await visible(volunteer, 'points-open-activities').tap();
      const card = visible(volunteer, `activity-${activity.id}`);
      await card.locator('[data-testid="activity-status"]', { hasText: '已确认' }).waitFor();
      await expect(card.locator('[data-testid="activity-note"]').innerText()).resolves.toBe(`组织者已确认，记入 ${POINTS} 分。`);
      await back(volunteer);
      await visible(volunteer, 'points-open-ledger').tap();
      const entry = visible(volunteer, 'ledger-entry').first();
      await entry.waitFor();
      await expect(entry.innerText()).resolves.toMatch(new RegExp(`^获得\\s*服务已核实\\s*参加活动「${TITLE}」[\\s\\S]*\\+${POINTS}\\s*\\+${hoursText(MINUTES)}$`));
      await back(volunteer);
      await visible(volunteer, 'points-page').waitFor();
    },
    STEP,
  );

  it(
    '王桂芳 redeems 洗衣液 and gets its QR code and six-digit pickup code',
    async () => {
      const left = before.balance + POINTS - 50;
      await visible(volunteer, 'points-open-rewards').tap();
      const detergent = visible(volunteer, 'site-ps-mingshan').locator('[data-testid="reward-rw-detergent"]');
      await expect(detergent.innerText()).resolves.toMatch(/洗衣液\s*50 分/);
      await detergent.locator('[data-testid="reward-redeem"]').tap();
      const words = await modal(volunteer).innerText();
      for (const w of ['兑换「洗衣液」', '将用去 50 分', `兑换后剩 ${left} 分`]) expect(words).toContain(w);
      const created = volunteer.waitForResponse((r) => r.url().endsWith('/api/redemptions') && r.request().method() === 'POST');
      await answerModal(volunteer, 'confirm');
      expect((await created).status()).toBe(201);

      await visible(volunteer, 'redemption-done').waitFor();
      await expect(visible(volunteer, 'redemption-reward').innerText()).resolves.toBe('洗衣液');
      await expect(visible(volunteer, 'redemption-status').innerText()).resolves.toBe('待领取');
      const spaced = (await visible(volunteer, 'redemption-code').innerText()).trim();
      expect(spaced).toMatch(/^\d{3} \d{3}$/);
      code = spaced.replace(' ', '');
      await volunteer.waitForFunction(() => Array.from(document.querySelectorAll<HTMLImageElement>('[data-testid="redemption-qr"] img')).some((i) => i.naturalWidth > 100));
      await expect(visible(volunteer, 'redemption-balance').innerText()).resolves.toMatch(new RegExp(`我的可用积分\\s*${left}\\s*分`));
      await toastsGone(volunteer);
      expect(await visible(volunteer, 'redemption-detail').innerText()).not.toMatch(RAW_CODE);
      expect(await smallTouchTargets(volunteer)).toEqual([]);
      await shot(volunteer, 'journey-6-redeemed');
    },
    STEP,
  );

  it(
    '冯志强 looks the code up at 核销领取码 (洗衣液 for 王桂芳, 待领取) and hands it over after a confirmation naming both: ✓ 已核销',
    async () => {
      const spaced = `${code.slice(0, 3)} ${code.slice(3)}`;
      const staff = await phoneAs('redemption_staff');
      await staff.locator('[data-testid="open-redemption-desk"]').tap();
      const desk = staff.locator('[data-testid="redemption-desk"]:visible');
      await desk.locator('[data-testid="rd-site"]', { hasText: '名山社区道德超市' }).waitFor();
      const looked = staff.waitForResponse((r) => r.url().endsWith(`/redemption-sites/ps-mingshan/codes/${code}`));
      await fill(staff, 'rd-code', code);
      expect((await looked).status()).toBe(200);
      const found = desk.locator('[data-testid="rd-found"]');
      await expect(found.locator('[data-testid="rd-status"]').innerText()).resolves.toBe('待领取');
      await expect(found.locator('[data-testid="rd-reward"]').innerText()).resolves.toBe('洗衣液');
      await expect(found.locator('[data-testid="rd-person"]').innerText()).resolves.toBe('领取人：王桂芳');
      await expect(found.innerText()).resolves.toContain(`50 积分 · 领取码 ${spaced}`);
      expect(await desk.innerText()).not.toMatch(RAW_CODE);
      expect(await smallTouchTargets(staff)).toEqual([]);
      await shot(staff, 'journey-7-desk-found');

      await found.locator('[data-testid="rd-collect"]').tap();
      await expect(modal(staff).locator('.taro-modal__text').innerText()).resolves.toBe('确认把「洗衣液」交给 王桂芳？核销后即算居民已领取，不能撤销。');
      const collected = staff.waitForResponse((r) => r.url().endsWith('/redemption-sites/ps-mingshan/collections'));
      await answerModal(staff, 'confirm');
      expect((await collected).status()).toBe(200);
      const result = desk.locator('[data-testid="rd-result"]');
      await expect(result.innerText()).resolves.toMatch(new RegExp(`^✓ 已核销\\s*洗衣液\\s*领取人：王桂芳\\s*50 积分 · 领取码 ${spaced}\\s*请把物品交给居民$`));
      await expect(desk.locator('[data-testid="rd-history"]').innerText()).resolves.toMatch(/本次已核销（1）\s*\d\d:\d\d 洗衣液 · 王桂芳/);
      expect(await desk.innerText()).not.toMatch(RAW_CODE);
      expect(await smallTouchTargets(staff)).toEqual([]);
      await shot(staff, 'journey-8-desk-collected');
      await staff.context().close();
    },
    STEP,
  );

  it(
    '王桂芳’s redemption now reads 已领取, with when and by whom',
    async () => {
      await back(volunteer);
      await visible(volunteer, 'rewards-page').waitFor();
      await back(volunteer);
      await visible(volunteer, 'points-page').waitFor();
      await visible(volunteer, 'points-open-redemptions').tap();
      const card = visible(volunteer, 'redemption-card').filter({ hasText: '洗衣液' });
      await card.locator('[data-testid="redemption-status"]', { hasText: '已领取' }).waitFor();
      expect(await visible(volunteer, 'my-redemptions').innerText()).not.toMatch(RAW_CODE);
      await shot(volunteer, 'journey-9-mine-collected');

      await card.tap();
      await visible(volunteer, 'redemption-detail').waitFor();
      await expect(visible(volunteer, 'redemption-status').innerText()).resolves.toBe('已领取');
      await expect(visible(volunteer, 'redemption-code-void').innerText()).resolves.toMatch(/^已于 \d+月\d+日 \d\d:\d\d 领取（经办：冯志强）$/);
      expect(await visible(volunteer, 'redemption-code').count()).toBe(0);
      expect(await visible(volunteer, 'redemption-cancel').count()).toBe(0);
      expect(await visible(volunteer, 'redemption-detail').innerText()).not.toMatch(RAW_CODE);
      expect(await smallTouchTargets(volunteer)).toEqual([]);
      await shot(volunteer, 'journey-10-detail-collected');
      await volunteer.context().close();
    },
    STEP,
  );
});
