/// <reference lib="dom" />
/**
 * End to end (H5, phone viewport): 隐私授权 before location, photos (and, in the mini-program, the
 * WeChat phone number) are used. A new user opens 驿站: our popup explains why the location is
 * needed; 查看《邻里隐私保护指引》 opens the notice; back; 不同意 → the city-centre fallback. Reloaded,
 * 同意并继续 → nearby stations, and the next page that needs location (居民登记 by location) does not
 * ask again; a newer notice version asks again. A resident who declines cannot add photos and is
 * told why. On the notice page, 注销账号 (confirmed twice) erases the account and signs out.
 *
 * No context here pre-agrees (tests/support/browser.ts preAgreePrivacy): these tests are about asking.
 */

import path from 'node:path';
import type { Page } from 'playwright-core';
import { browserSuite, describeBrowser, IN_GRID_1, visible } from '../support/browser';

const ARTIFACTS = path.join(__dirname, 'artifacts');

const LOCATION_WHY = '查找附近驿站、确认您所在网格、标注反映问题的地点';

describeBrowser('隐私授权 in the browser', () => {
  const suite = browserSuite();

  const phone = (): Promise<Page> => suite.phone(undefined, { geolocation: IN_GRID_1 });
  async function login(page: Page, testid: string) {
    await page.locator(`[data-testid="${testid}"]`).tap();
    await page.locator('[data-testid="me-card"]').waitFor();
  }
  /** The popup on the page in front (pages kept in the stack are hidden, not removed). */
  const popup = (page: Page) => page.locator('[data-testid="privacy-popup"]:visible');
  const storage = (page: Page, key: string) => page.evaluate((k) => localStorage.getItem(k), key);
  /** The whole page: Taro's H5 pages scroll inside the page element, so the viewport grows to fit it for the picture. */
  const shot = async (page: Page, name: string, full = true) => {
    await page.waitForTimeout(600);
    const viewport = page.viewportSize()!;
    const height = full
      ? await page.evaluate(() =>
          Math.max(...Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).filter((e) => e.offsetParent !== null || e.style.display !== 'none').map((e) => e.scrollHeight), 0),
        )
      : 0;
    if (height > viewport.height) await page.setViewportSize({ width: viewport.width, height: Math.min(height, 5000) });
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
    await page.setViewportSize(viewport);
  };

  let user: Page;

  it('a new user opens 驿站: the popup explains the location; the notice opens; 不同意 shows the city-centre fallback', async () => {
    user = await phone();
    await login(user, 'demo-login-new');
    await user.goto(`${suite.web.url}/#/pages/stations/index`);

    await popup(user).waitFor();
    await expect(popup(user).innerText()).resolves.toContain('使用您的位置');
    await expect(visible(user, 'privacy-purpose').innerText()).resolves.toContain(LOCATION_WHY);
    expect(await user.locator('[data-testid="station-card"]:visible').count()).toBe(0); // nothing located before an answer
    await shot(user, 'privacy-1-popup', false);

    // 查看《邻里隐私保护指引》 → our notice, then back to the same question.
    await visible(user, 'privacy-view-notice').tap();
    await user.locator('[data-testid="privacy-notice"]').waitFor();
    const notice = await user.locator('[data-testid="privacy-notice"]').innerText();
    for (const words of ['一、我们收集哪些信息', 'openid', '手机号', '住址', '照片', '反映的问题内容', '三、谁能看到', '看不到您的姓名和手机号', '打码', '四、保存多久', '注销账号', '七、联系我们', '街道办']) {
      expect(notice).toContain(words);
    }
    await expect(user.locator('[data-testid="privacy-choice"]').innerText()).resolves.toContain('您还没有同意本指引');
    await shot(user, 'privacy-2-notice');
    // 返回 (in-app): Taro's H5 router leaves a tab page blank after the browser's own back button.
    await user.locator('[data-testid="notice-back"]').tap();
    await popup(user).waitFor();

    // 不同意: the page still works, from the city centre, and says why.
    await visible(user, 'privacy-disagree').tap();
    await visible(user, 'location-fallback').waitFor();
    const banner = await visible(user, 'location-fallback').innerText();
    expect(banner).toContain('您未同意隐私保护指引');
    expect(banner).toContain('峨眉山市中心');
    await user.locator('[data-testid="station-card"]:visible').first().waitFor();
    expect(await popup(user).count()).toBe(0);
    expect(await storage(user, 'privacy-agreed-v1')).toBeNull();
    await shot(user, 'privacy-3-declined', false);
  });

  it('reloaded, 同意并继续: location is used, and the next page that needs it does not ask again', async () => {
    await user.reload();
    await popup(user).waitFor();
    await visible(user, 'privacy-agree').tap();
    await user.locator('[data-testid="station-card"]:visible').first().waitFor();
    expect(await popup(user).count()).toBe(0);
    expect(await visible(user, 'location-fallback').count()).toBe(0);
    expect(JSON.parse((await storage(user, 'privacy-agreed-v1'))!)).toMatchObject({ data: { version: 1 } });
    await shot(user, 'privacy-4-agreed', false);

    // 反映问题 (it locates too): no popup now.
    await user.goto(`${suite.web.url}/#/packages/request-new/index`);
    await visible(user, 'need-register').waitFor();
    await user.waitForTimeout(800);
    expect(await popup(user).count()).toBe(0);
  });

  it('居民登记 by location works after agreement, without asking again', async () => {
    await user.goto(`${suite.web.url}/#/pages/me/index`);
    await visible(user, 'open-register').tap();
    await visible(user, 'register-form').waitFor();
    await visible(user, 'locate-me').tap();
    await visible(user, 'place-located').waitFor();
    expect(await popup(user).count()).toBe(0);
    await expect(visible(user, 'located-grid').innerText()).resolves.toBe('名山社区第一网格');
    await visible(user, 'place-confirm').tap();
    await expect(visible(user, 'place-chosen').innerText()).resolves.toContain('名山社区第一网格');
    await user.locator('[data-testid="address-building"]:visible input').fill('名山小区5栋');
    await user.locator('[data-testid="name"]:visible input').fill('赵秀兰');
    await user.locator('[data-testid="phone"]:visible input').fill('13912345670');
    await visible(user, 'submit-registration').tap();
    await visible(user, 'my-address-text').waitFor();
    await expect(visible(user, 'my-address-text').innerText()).resolves.toBe('名山小区5栋');
  });

  it('a newer version of the notice asks again', async () => {
    await user.evaluate(() => localStorage.setItem('privacy-agreed-v1', JSON.stringify({ data: { version: 0, at: '2026-01-01T00:00:00.000Z' } })));
    await user.goto(`${suite.web.url}/#/pages/stations/index`);
    await user.reload();
    await popup(user).waitFor();
    await visible(user, 'privacy-agree').tap();
    await user.locator('[data-testid="station-card"]:visible').first().waitFor();
    expect(JSON.parse((await storage(user, 'privacy-agreed-v1'))!)).toMatchObject({ data: { version: 1 } });
  });

  it('on the notice page, 注销账号 confirmed twice erases the account and signs out', async () => {
    const token = (JSON.parse((await storage(user, 'linli.session'))!) as { data: { token: string } }).data.token;
    await user.goto(`${suite.web.url}/#/packages/privacy/index`);
    await visible(user, 'privacy-notice').waitFor();
    await expect(visible(user, 'privacy-choice').innerText()).resolves.toContain('同意本指引（第 1 版）');

    await visible(user, 'delete-account-start').tap();
    await visible(user, 'delete-confirm-1').waitFor();
    // 不注销了 goes back without a request; the second try goes through.
    await visible(user, 'delete-account-cancel').tap();
    await visible(user, 'delete-account-start').tap();
    await visible(user, 'delete-account-continue').tap();
    await visible(user, 'delete-confirm-2').waitFor();
    const deleted = user.waitForResponse((r) => r.url().endsWith('/me/deletion') && r.request().method() === 'POST');
    await visible(user, 'delete-account-confirm').tap();
    const res = await deleted;
    expect(res.status()).toBe(200);
    expect(res.request().postDataJSON()).toEqual({ confirm: true });

    await visible(user, 'account-deleted').waitFor();
    expect(await storage(user, 'linli.session')).toBeNull();
    await shot(user, 'privacy-5-deleted', false);

    // Signed out: 我的 offers the logins again; the old token no longer works.
    await visible(user, 'deleted-home').tap();
    await visible(user, 'demo-logins').waitFor();
    expect(await visible(user, 'me-card').count()).toBe(0);
    const me = await fetch(`${suite.api.url}/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(401);
    await user.context().close();
  });

  it('a resident who declines cannot add photos and is told why; the problem place can be typed instead', async () => {
    const page = await phone();
    await login(page, 'demo-login-resident');
    await page.goto(`${suite.web.url}/#/packages/request-new/index`);
    await popup(page).waitFor(); // the form locates the problem
    await visible(page, 'privacy-disagree').tap();
    await visible(page, 'location-manual').waitFor();

    await visible(page, 'add-photo').tap();
    await popup(page).waitFor();
    await expect(visible(page, 'privacy-purpose').innerText()).resolves.toContain('反映问题时拍下现场');
    await visible(page, 'privacy-disagree').tap();
    await expect(visible(page, 'photo-error').innerText()).resolves.toBe('未同意隐私保护指引，无法添加照片');
    expect(await visible(page, 'photo-thumb').count()).toBe(0);
    await shot(page, 'privacy-6-photos-declined');
    await page.context().close();
  });
});
