/// <reference lib="dom" />
/**
 * End to end (H5, phone viewport): 王桂芳 (the demo volunteer, 200 points and 8 hours of service)
 * opens 积分 and sees her balance and hours, reads 积分明细, opens 兑换物品 at 名山社区道德超市 (土鸡蛋
 * opens tomorrow 09:00 and cannot be taken yet), redeems 洗衣液 for 50 points after a confirmation
 * that says what is left (150), and gets the six-digit pickup code with its QR code; the tab now
 * shows 150 and 我的兑换 lists it. On 志愿活动 she signs up for 银龄互助：探访独居老人 (a place fewer),
 * keeps it when she thinks better of withdrawing, and, at an activity starting soon, checks in and
 * out with the organiser's code (a wrong code is said in words): 待确认 on the tab. Someone not
 * signed in is asked to log in.
 */

import type { Page } from 'playwright-core';
import { ActivityResponse } from '@linli/shared';
import { answerModal, browserSuite, describeBrowser, modal, smallTouchTargets, visible } from '../support/browser';
import { idemKey } from '../support/builders';

const STEP = 60_000;

describeBrowser('志愿积分 (resident and volunteer) in the browser', () => {
  const suite = browserSuite();
  const { phoneAs, shot } = suite;
  /** Statuses, kinds and scopes must never show as codes: labels are Chinese. */
  const RAW_CODE = /\b(earn|spend|refund|reversal|reserved|collected|cancelled|lapsed|signed_up|checked_in|checked_out|confirmed|withdrawn|absent|anyone|volunteers|community|person|hour|[a-z]+_[a-z]+)\b/;

  let page: Page;
  const toastsGone = (p: Page) => p.waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('.taro__toast')).every((t) => t.style.display === 'none'));
  const openTab = async (p: Page) => {
    await p.locator('.weui-tabbar__label', { hasText: '积分' }).tap();
    await visible(p, 'points-page').waitFor();
  };

  it(
    'someone not signed in is asked to log in on the points tab',
    async () => {
      const p = await suite.phone('/#/pages/points/index');
      await visible(p, 'points-go-login').waitFor();
      await p.getByText('登录后查看我的积分').waitFor();
      expect(await smallTouchTargets(p)).toEqual([]);
      await shot(p, 'points-0-login');
      await p.context().close();
    },
    STEP,
  );

  it(
    'the volunteer opens 积分: 200 points, nothing pending, 8 hours of service; the ledger shows the verified credit',
    async () => {
      page = await phoneAs('volunteer');
      await openTab(page);
      await expect(visible(page, 'points-balance').innerText()).resolves.toBe('200');
      await expect(visible(page, 'points-pending').innerText()).resolves.toBe('0 分');
      await expect(visible(page, 'points-served').innerText()).resolves.toBe('8 小时');
      const tab = await visible(page, 'points-page').innerText();
      for (const w of ['可用积分', '积分明细', '兑换物品', '我的兑换', '志愿活动']) expect(tab).toContain(w);
      expect(tab).not.toMatch(RAW_CODE);
      expect(await smallTouchTargets(page)).toEqual([]);
      await shot(page, 'points-1-tab');

      await visible(page, 'points-open-ledger').tap();
      const entry = visible(page, 'ledger-entry').first();
      await entry.waitFor();
      const text = await entry.innerText();
      for (const w of ['获得', '服务已核实', '上月志愿服务（垃圾分类督导 4 次）', '+200', '+8 小时']) expect(text).toContain(w);
      expect(await visible(page, 'points-ledger').innerText()).not.toMatch(RAW_CODE);
      expect(await smallTouchTargets(page)).toEqual([]);
      await shot(page, 'points-2-ledger');
      await page.goBack();
      await visible(page, 'points-page').waitFor();
    },
    STEP,
  );

  it(
    'opens 兑换物品 and redeems 洗衣液 after a confirmation saying what is left; gets the code and its QR code',
    async () => {
      await visible(page, 'points-open-rewards').tap();
      const site = visible(page, 'site-ps-mingshan');
      await site.waitFor();
      await expect(visible(page, 'rewards-balance-num').innerText()).resolves.toBe('200');
      const siteText = await site.innerText();
      for (const w of ['名山社区道德超市', '名山社区党群服务中心一楼', '周一至周六 9:00–17:00', '服务本社区居民', '7 天内凭领取码领取']) expect(siteText).toContain(w);
      const detergent = site.locator('[data-testid="reward-rw-detergent"]');
      await expect(detergent.innerText()).resolves.toMatch(/洗衣液\s*50 分[\s\S]*2 公斤装[\s\S]*还剩 30 件/);
      await expect(site.locator('[data-testid="reward-rw-rice"]').innerText()).resolves.toContain('每人每月限兑 1 次');
      // 土鸡蛋 opens tomorrow at 09:00: said so, and its button cannot be tapped yet.
      const eggs = site.locator('[data-testid="reward-rw-eggs"]');
      await expect(eggs.locator('[data-testid="reward-release"]').innerText()).resolves.toBe('热门物品，明天 09:00 开始兑换');
      await expect(eggs.locator('[data-testid="reward-redeem"]').innerText()).resolves.toBe('明天 09:00 开兑');
      expect(await eggs.locator('[data-testid="reward-redeem"]').evaluate((e) => e.hasAttribute('disabled'))).toBe(true);
      expect(siteText).not.toMatch(RAW_CODE);
      expect(await smallTouchTargets(page)).toEqual([]);
      await shot(page, 'points-3-rewards');

      // Thinking better of it first: nothing is spent.
      await detergent.locator('[data-testid="reward-redeem"]').tap();
      const words = await modal(page).innerText();
      for (const w of ['兑换「洗衣液」', '将用去 50 分', '兑换后剩 150 分', '7 天内', '名山社区道德超市']) expect(words).toContain(w);
      await answerModal(page, 'cancel');
      await expect(visible(page, 'rewards-balance-num').innerText()).resolves.toBe('200');

      // Sold out while she was looking: the refusal is said on the page, nothing is spent.
      const admin = await suite.api.tokenFor('community_admin');
      const gone = await suite.api.call('PUT', '/redemption-sites/ps-mingshan/rewards/rw-haircut', {
        token: admin,
        body: { name: '义剪理发券', description: '社区志愿理发，每周六上午', cost: 30, stock: 0, monthlyLimit: 2 },
      });
      expect(gone.status).toBe(200);
      await site.locator('[data-testid="reward-rw-haircut"] [data-testid="reward-redeem"]').tap();
      await modal(page).waitFor();
      await answerModal(page, 'confirm');
      const refusal = visible(page, 'rewards-refusal');
      await refusal.waitFor();
      await expect(refusal.innerText()).resolves.toMatch(/「义剪理发券」没有兑换成功[\s\S]*该物品已兑完/);
      await expect(visible(page, 'rewards-balance-num').innerText()).resolves.toBe('200');
      await visible(page, 'rewards-refusal-ok').tap();
      await refusal.waitFor({ state: 'hidden' });

      await detergent.locator('[data-testid="reward-redeem"]').tap();
      await modal(page).waitFor();
      const created = page.waitForResponse((r) => r.url().endsWith('/api/redemptions') && r.request().method() === 'POST');
      await answerModal(page, 'confirm');
      const res = await created;
      expect(res.status()).toBe(201);
      expect(res.request().headers()['idempotency-key']).toMatch(/^k-/);

      await visible(page, 'redemption-detail').waitFor();
      await visible(page, 'redemption-done').waitFor();
      await expect(visible(page, 'redemption-reward').innerText()).resolves.toBe('洗衣液');
      await expect(visible(page, 'redemption-status').innerText()).resolves.toBe('待领取');
      await expect(visible(page, 'redemption-code').innerText()).resolves.toMatch(/^\d{3} \d{3}$/);
      await expect(page.locator('[data-testid="redemption-qr"]:visible img').getAttribute('src')).resolves.toMatch(/^data:image\/gif;base64,/);
      await page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLImageElement>('[data-testid="redemption-qr"] img')).some((i) => i.naturalWidth > 100));
      await expect(visible(page, 'redemption-collect-by').innerText()).resolves.toMatch(/^请在 \d+月\d+日 \d{2}:\d{2} 前领取$/);
      // The site's hours come with a second read (the site), after the redemption's own.
      await visible(page, 'redemption-info').filter({ hasText: '周一至周六 9:00–17:00' }).waitFor();
      const info = await visible(page, 'redemption-info').innerText();
      for (const w of ['名山社区道德超市', '名山社区党群服务中心一楼', '周一至周六 9:00–17:00']) expect(info).toContain(w);
      await expect(visible(page, 'redemption-balance').innerText()).resolves.toMatch(/我的可用积分\s*150\s*分/);
      expect(await visible(page, 'redemption-detail').innerText()).not.toMatch(RAW_CODE);
      expect(await smallTouchTargets(page)).toEqual([]);
      await shot(page, 'points-4-redeemed');
    },
    STEP,
  );

  it(
    'back on the tab the balance is 150, and 我的兑换 lists 洗衣液 waiting for pickup with its code',
    async () => {
      const code = (await visible(page, 'redemption-code').innerText()).trim();
      await page.goBack();
      await visible(page, 'rewards-page').waitFor();
      await visible(page, 'rewards-balance-num').filter({ hasText: '150' }).waitFor();
      await page.locator('[data-testid="rewards-page"]:visible [data-testid="reward-rw-detergent"]', { hasText: '还剩 29 件' }).waitFor(); // read again on coming back
      await page.goBack();
      await visible(page, 'points-balance').filter({ hasText: '150' }).waitFor();

      await visible(page, 'points-open-redemptions').tap();
      const card = visible(page, 'redemption-card');
      await card.first().waitFor();
      expect(await card.count()).toBe(1);
      await expect(card.innerText()).resolves.toMatch(new RegExp(`洗衣液\\s*待领取[\\s\\S]*50 分 · 名山社区道德超市[\\s\\S]*领取码 ${code}[\\s\\S]*前领取`));
      expect(await visible(page, 'my-redemptions').innerText()).not.toMatch(RAW_CODE);
      expect(await smallTouchTargets(page)).toEqual([]);
      await shot(page, 'points-5-mine');
      await page.goBack();
      await visible(page, 'points-page').waitFor();
    },
    STEP,
  );

  it(
    'opens 志愿活动 and signs up for 银龄互助: a place fewer; withdrawing asks first, and she keeps her place',
    async () => {
      await visible(page, 'points-open-activities').tap();
      const card = visible(page, 'activity-act-demo-visit');
      await card.waitFor();
      const text = await card.innerText();
      for (const w of ['银龄互助：探访独居老人', '名山社区党群服务中心集合', '每人 20 分', '还剩 10 个（共 10 个）', '所有居民', '陈静']) expect(text).toContain(w);
      await expect(card.locator('[data-testid="activity-when"]').innerText()).resolves.toMatch(/^明天 \d+月\d+日 周[一二三四五六日] 09:00–11:00$/);
      expect(await card.locator('[data-testid="activity-status"]').count()).toBe(0);

      await card.locator('[data-testid="activity-signup"]').tap();
      await card.locator('[data-testid="activity-status"]', { hasText: '已报名' }).waitFor();
      await expect(card.locator('[data-testid="activity-left"]').innerText()).resolves.toBe('还剩 9 个（共 10 个）');
      await expect(card.locator('[data-testid="activity-note"]').innerText()).resolves.toContain('活动开始前 30 分钟起可以签到');

      await card.locator('[data-testid="activity-withdraw"]').tap();
      await expect(modal(page).innerText()).resolves.toContain('名额会让给其他人');
      await answerModal(page, 'cancel');
      await expect(card.locator('[data-testid="activity-status"]').innerText()).resolves.toBe('已报名');
      await toastsGone(page);
      expect(await visible(page, 'activities-page').innerText()).not.toMatch(RAW_CODE);
      expect(await smallTouchTargets(page)).toEqual([]);
      await shot(page, 'points-6-activities');
    },
    STEP,
  );

  it(
    'at an activity starting soon she signs up, checks in with the organiser’s code (a wrong one is said in words) and out; the tab shows it pending',
    async () => {
      const admin = await suite.api.tokenFor('community_admin');
      const start = new Date(Date.now() + 10 * 60_000);
      const made = await suite.api.call('POST', '/activities', {
        token: admin,
        headers: { 'idempotency-key': idemKey('activity') },
        body: {
          communityId: 'cm-mingshan', title: '社区环境清洁', description: '清理楼道小广告', place: '名山小区 3 栋楼下',
          start: start.toISOString(), end: new Date(start.getTime() + 3600_000).toISOString(), places: 5, reward: { per: 'person', points: 30 },
        },
      });
      expect(made.status).toBe(201);
      const { activity } = ActivityResponse.parse(made.body);
      await page.goBack();
      await visible(page, 'points-open-activities').tap();
      const card = visible(page, `activity-${activity.id}`);
      await card.waitFor();
      await card.locator('[data-testid="activity-signup"]').tap();
      await card.locator('[data-testid="activity-checkin-box"]').waitFor();

      await card.locator('[data-testid="activity-code"] input').fill('000000');
      await card.locator('[data-testid="activity-checkin"]').tap();
      await expect(card.locator('[data-testid="activity-code-error"]').innerText()).resolves.toBe('请核对现场公布的签到码');
      await card.locator('[data-testid="activity-code"] input').fill(activity.checkInCode!);
      await card.locator('[data-testid="activity-checkin"]').tap();
      await card.locator('[data-testid="activity-status"]', { hasText: '已签到' }).waitFor();
      await toastsGone(page);
      expect(await smallTouchTargets(page)).toEqual([]);
      await shot(page, 'points-7-checked-in');

      await card.locator('[data-testid="activity-checkout-box"] [data-testid="activity-code"] input').fill(activity.checkInCode!);
      await card.locator('[data-testid="activity-checkout"]').tap();
      await card.locator('[data-testid="activity-status"]', { hasText: '已签退' }).waitFor();
      await expect(card.locator('[data-testid="activity-note"]').innerText()).resolves.toContain('等组织者确认后记入积分');
      expect(await visible(page, 'activities-page').innerText()).not.toMatch(RAW_CODE);

      await page.goBack();
      await visible(page, 'points-pending').filter({ hasText: '30 分' }).waitFor();
      await expect(visible(page, 'points-balance').innerText()).resolves.toBe('150');
    },
    STEP,
  );

  it(
    'cancels a redemption only after a confirmation: 已取消, the points back; the ledger shows the spends and the refund signed',
    async () => {
      const volunteer = await suite.api.tokenFor('volunteer');
      const res = await suite.api.call('POST', '/redemptions', { token: volunteer, body: { siteId: 'ps-mingshan', rewardId: 'rw-tissue' }, headers: { 'idempotency-key': idemKey('redeem') } });
      expect(res.status).toBe(201);
      await visible(page, 'points-open-redemptions').tap();
      const card = visible(page, 'redemption-card').filter({ hasText: '抽纸一提' });
      await card.waitFor();
      await card.tap();
      await visible(page, 'redemption-detail').waitFor();
      await expect(visible(page, 'redemption-balance').innerText()).resolves.toMatch(/130/);
      expect(await visible(page, 'redemption-done').count()).toBe(0); // not just redeemed here

      await visible(page, 'redemption-cancel').tap();
      const words = await modal(page).innerText();
      for (const w of ['取消「抽纸一提」的兑换后', '20 分退回', '不能撤销']) expect(words).toContain(w);
      await answerModal(page, 'cancel');
      await expect(visible(page, 'redemption-status').innerText()).resolves.toBe('待领取');

      const cancelled = page.waitForResponse((r) => r.url().endsWith('/cancellation'));
      await visible(page, 'redemption-cancel').tap();
      await answerModal(page, 'confirm');
      expect((await cancelled).status()).toBe(200);
      await visible(page, 'redemption-status').filter({ hasText: '已取消' }).waitFor();
      await expect(visible(page, 'redemption-code-void').innerText()).resolves.toBe('已取消，20 分已退回您的账户');
      await visible(page, 'redemption-balance').filter({ hasText: '150' }).waitFor();
      expect(await visible(page, 'redemption-cancel').count()).toBe(0);
      expect(await visible(page, 'redemption-detail').innerText()).not.toMatch(RAW_CODE);
      await toastsGone(page);
      await shot(page, 'points-8-cancelled');

      await page.goBack();
      await visible(page, 'redemption-card').filter({ hasText: '抽纸一提' }).locator('[data-testid="redemption-status"]', { hasText: '已取消' }).waitFor(); // read again on coming back
      await page.goBack();
      await visible(page, 'points-open-ledger').tap();
      const entries = visible(page, 'ledger-entry');
      await entries.nth(3).waitFor();
      const rows = (await entries.allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
      // Newest first, each signed and labelled in words.
      expect(rows[0]).toMatch(/^退回 取消兑换「抽纸一提」，积分退回 .* \+20$/);
      expect(rows[1]).toMatch(/^兑换 兑换「抽纸一提」 .* −20$/);
      expect(rows[2]).toMatch(/^兑换 兑换「洗衣液」 .* −50$/);
      expect(rows[3]).toMatch(/^获得 ?服务已核实 上月志愿服务（垃圾分类督导 4 次） .* \+200 \+8 小时$/);
      expect(await visible(page, 'points-ledger').innerText()).not.toMatch(RAW_CODE);
      expect(await smallTouchTargets(page)).toEqual([]);
      await shot(page, 'points-9-ledger');
      await page.context().close();
    },
    STEP,
  );
});
