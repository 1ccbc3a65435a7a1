/// <reference lib="dom" />
/**
 * End to end (H5, phone viewport), 扫码 as the mini-program offers it. Taro's H5 build has no
 * scanner, so the scan module (client/src/services/scan.ts) reads what the test puts in
 * `window.__linliScan` — one entry per scan, `null` for a scanner closed without reading.
 * 王桂芳 checks in and out of an activity by scanning the organiser's QR code (closing the scanner
 * says nothing; a QR code that is not a check-in code is said in words); 冯志强 at the redemption
 * desk scans a resident's pickup code (a stray QR code is refused in words first); on 我的 an
 * invitation's QR code opens 接受邀请, and a stray one says it is not ours.
 */

import type { Page } from 'playwright-core';
import { ActivityResponse, InvitationResponse } from '@linli/shared';
import { browserSuite, describeBrowser, smallTouchTargets, visible } from '../support/browser';
import { idemKey } from '../support/builders';
import { personWithPoints, redeemAt, redemptionOf } from '../support/points';

const STEP = 60_000;
type Scan = { result: string; path?: string } | null;

describeBrowser('扫码 (check-in, pickup, invitations) in the browser', () => {
  const suite = browserSuite();
  const { phoneAs, shot } = suite;
  /** What the next scans read. */
  const willScan = (p: Page, scans: Scan[]) => p.evaluate((s) => ((window as { __linliScan?: unknown }).__linliScan = s), scans);

  it(
    'the volunteer checks in and out of an activity by scanning the organiser’s QR code',
    async () => {
      const start = new Date(Date.now() + 10 * 60_000);
      const made = await suite.api.call('POST', '/activities', {
        token: await suite.api.tokenFor('community_admin'),
        headers: { 'idempotency-key': idemKey('activity') },
        body: {
          communityId: 'cm-mingshan', title: '扫码签到的清洁活动', place: '名山小区 3 栋楼下',
          start: start.toISOString(), end: new Date(start.getTime() + 3600_000).toISOString(), places: 5, reward: { per: 'person', points: 10 },
        },
      });
      expect(made.status).toBe(201);
      const code = ActivityResponse.parse(made.body).activity.checkInCode!;
      const page = await phoneAs('volunteer');
      await willScan(page, [null, { result: 'https://example.com/not-ours' }, { result: code }, { result: code }]);
      await page.locator('.weui-tabbar__label', { hasText: '积分' }).tap();
      await visible(page, 'points-open-activities').tap();
      const card = visible(page, `activity-${ActivityResponse.parse(made.body).activity.id}`);
      await card.locator('[data-testid="activity-signup"]').tap();
      const scanIn = card.locator('[data-testid="activity-checkin-scan"]');
      await expect(scanIn.innerText()).resolves.toBe('扫码签到');
      await expect(card.locator('[data-testid="activity-checkin-box"]').innerText()).resolves.toContain('也可以输入组织者公布的 6 位签到码');

      await scanIn.tap(); // closed the scanner: nothing said, nothing sent
      await page.waitForTimeout(300);
      expect(await card.locator('[data-testid="activity-code-error"]').count()).toBe(0);
      await scanIn.tap();
      await expect(card.locator('[data-testid="activity-code-error"]').innerText()).resolves.toBe('没有识别到签到码，请扫组织者出示的签到二维码，或输入 6 位签到码');
      await scanIn.tap();
      await card.locator('[data-testid="activity-status"]', { hasText: '已签到' }).waitFor();
      expect(await smallTouchTargets(page)).toEqual([]);
      await shot(page, 'scan-1-checked-in');

      await card.locator('[data-testid="activity-checkout-scan"]').tap();
      await card.locator('[data-testid="activity-status"]', { hasText: '已签退' }).waitFor();
      await page.context().close();
    },
    STEP,
  );

  it(
    'the redemption desk scans a pickup code: a stray QR code is refused in words, the resident’s shows the reward',
    async () => {
      const person = await personWithPoints(suite.api, 100);
      const res = await redeemAt(suite.api, person.token, { siteId: 'ps-mingshan', rewardId: 'rw-tissue' });
      expect(res.status).toBe(201);
      const { code } = redemptionOf(res.body);
      const staff = await phoneAs('redemption_staff');
      await willScan(staff, [{ result: '这是别的二维码' }, { result: code }]);
      await staff.locator('[data-testid="open-redemption-desk"]').tap();
      const desk = visible(staff, 'redemption-desk');
      await desk.locator('[data-testid="rd-site"]', { hasText: '名山社区道德超市' }).waitFor();
      await expect(desk.innerText()).resolves.toContain('或输入居民出示的 6 位领取码');
      await desk.locator('[data-testid="rd-scan"]').tap();
      await expect(desk.locator('[data-testid="rd-refusal"]').innerText()).resolves.toContain('没有识别到领取码');
      await desk.locator('[data-testid="rd-scan"]').tap();
      await desk.locator('[data-testid="rd-found"]').locator('[data-testid="rd-reward"]', { hasText: '抽纸一提' }).waitFor();
      await expect(staff.locator('[data-testid="rd-code"]:visible input').inputValue()).resolves.toBe(code);
      expect(await smallTouchTargets(staff)).toEqual([]);
      await shot(staff, 'scan-2-desk-found');
      await staff.context().close();
    },
    STEP,
  );

  it(
    'on 我的 an invitation’s QR code opens 接受邀请; a stray one is said not to be ours',
    async () => {
      const made = await suite.api.call('POST', '/invitations', {
        token: await suite.api.tokenFor('community_admin'),
        headers: { 'idempotency-key': idemKey('invite') },
        body: { role: 'redemption_staff', communityId: 'cm-mingshan', inviteeName: '扫码测试' },
      });
      expect(made.status).toBe(201);
      const { invitation } = InvitationResponse.parse(made.body);
      const page = await phoneAs('resident');
      // 我的 was drawn before the scanner was given: open it afresh with one.
      await page.context().addInitScript((s) => ((window as { __linliScan?: unknown }).__linliScan = s), [{ result: '别的二维码' }, { result: '', path: `packages/invite/index?scene=${invitation.code}` }]);
      await page.reload();
      const scan = visible(page, 'invite-scan');
      await scan.tap();
      await expect(visible(page, 'error-invite-code').innerText()).resolves.toBe('这不是邻里的邀请二维码');
      await scan.tap();
      await visible(page, 'invite-preview').waitFor();
      await expect(visible(page, 'invite-role').innerText()).resolves.toContain('兑换点');
      await page.context().close();
    },
    STEP,
  );
});
