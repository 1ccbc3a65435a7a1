/// <reference lib="dom" />
/**
 * End to end (H5, phone viewport): finding one's way. 关怀模式 switched on 我的 reopens the app with
 * every page drawn large (and off again); a request's link opened signed out asks to sign in and,
 * after 登录 on 我的, opens that request; the title bar has a back button on a sub-page; the grid
 * worker prints his grid's notice-board code, and the board it opens (signed out) shows whom to
 * call and 我要反映问题.
 */

import type { Page } from 'playwright-core';
import { browserSuite, describeBrowser, smallTouchTargets, visible } from '../support/browser';
import { fileRequest } from '../support/builders';
import { CARE, elderProblems } from '../support/elder';

const STEP = 60_000;

describeBrowser('finding one’s way: 关怀模式, links opened signed out, the title bar, the grid’s board', () => {
  const suite = browserSuite();
  const { phoneAs, shot } = suite;
  /** Whether the page on top is drawn in care mode. */
  const drawnLarge = (p: Page) =>
    p.evaluate(() => {
      const shown = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).filter((e) => e.offsetParent !== null);
      return !!shown[shown.length - 1]?.querySelector('.page.care');
    });

  it(
    '关怀模式 on 我的: switched on, the app reopens with every page large (body ≥ 18 px, targets ≥ 60 px); switched off, back to normal',
    async () => {
      const page = await phoneAs('resident');
      const toggle = visible(page, 'care-switch');
      await expect(toggle.getAttribute('data-on')).resolves.toBe('no');
      await expect(visible(page, 'care-card').innerText()).resolves.toContain('字和按钮放大');
      await toggle.tap();
      await visible(page, 'care-switch').and(page.locator('[data-on="yes"]')).waitFor();
      expect(await drawnLarge(page)).toBe(true);
      await expect(visible(page, 'care-card').innerText()).resolves.toContain('字和按钮已放大');
      expect(await elderProblems(page, CARE)).toEqual([]);
      await shot(page, 'following-1-care-me');
      // Another tab is drawn large too; the choice survives a reload.
      await page.locator('.weui-tabbar__label', { hasText: '接诉即办' }).tap();
      await visible(page, 'new-request').waitFor(); // the requests tab drawn (not a pause: a slow machine draws it later)
      expect(await drawnLarge(page)).toBe(true);
      await page.reload();
      await page.locator('.taro_page .page').first().waitFor();
      expect(await drawnLarge(page)).toBe(true);
      await page.goto(`${suite.web.url}/#/pages/me/index`);
      await visible(page, 'care-switch').tap();
      await visible(page, 'care-switch').and(page.locator('[data-on="no"]')).waitFor();
      expect(await drawnLarge(page)).toBe(false);
      await page.context().close();
    },
    STEP,
  );

  it(
    'a request’s link opened signed out asks to sign in; after 登录 on 我的 the request itself opens',
    async () => {
      const filed = await fileRequest(suite.api, { description: '深链接测试：小区路灯坏了' });
      const page = await suite.phone(`/#/packages/request-detail/index?id=${filed.id}`);
      await visible(page, 'error-go-login').tap();
      await page.locator('[data-testid="demo-login-resident"]').tap();
      await page.getByText('深链接测试：小区路灯坏了').waitFor();
      expect(page.url()).toContain(`request-detail/index?id=${filed.id}`);
      await page.context().close();
    },
    STEP,
  );

  it(
    'a sub-page has a title bar with its name and a back button; tab pages have no back',
    async () => {
      const page = await phoneAs('resident');
      const bar = page.locator('#taro-navigation-bar');
      await expect(bar.locator('.taro-navigation-bar-title').innerText()).resolves.toBe('我的');
      expect(await bar.locator('.taro-navigation-bar-back').isVisible()).toBe(false);
      await visible(page, 'open-family').tap();
      await bar.locator('.taro-navigation-bar-title', { hasText: /^我的家人$/ }).waitFor();
      const back = bar.locator('.taro-navigation-bar-back');
      const box = (await back.boundingBox())!;
      expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(44);
      await back.tap();
      await page.waitForURL(/pages\/me\/index/);
      await bar.locator('.taro-navigation-bar-title', { hasText: /^我的$/ }).waitFor();
      await page.context().close();
    },
    STEP,
  );

  it(
    'the grid worker prints his grid’s board code; the board it opens, signed out, shows whom to call and 我要反映问题',
    async () => {
      const worker = await phoneAs('grid_worker');
      await visible(worker, 'open-grid-boards').tap();
      const sheet = visible(worker, 'grid-boards-sheet');
      await expect(sheet.innerText()).resolves.toMatch(/名山社区.*网格[\s\S]*微信扫一扫：联系网格员、反映问题/);
      await visible(worker, 'grid-boards-qr').waitFor();
      await visible(worker, 'grid-boards-print').waitFor();
      expect(await smallTouchTargets(worker)).toEqual([]);
      await shot(worker, 'following-2-board-code');
      await worker.context().close();

      const resident = await suite.phone('/#/packages/grid/index?scene=gd-ms-1');
      const board = visible(resident, 'grid-board');
      await expect(visible(resident, 'grid-board-name').innerText()).resolves.toContain('网格');
      expect(await visible(resident, 'grid-board-contact').count()).toBeGreaterThan(0);
      await expect(visible(resident, 'grid-board-call').first().innerText()).resolves.toMatch(/^拨打 1\d{10}$/);
      await expect(board.innerText()).resolves.toContain('119、120、110');
      expect(await smallTouchTargets(resident)).toEqual([]);
      await shot(resident, 'following-3-board');
      await visible(resident, 'grid-board-file').tap();
      await resident.waitForURL(/request-new/);
      await resident.context().close();
    },
    STEP,
  );

  test(
    'a community admin switching grids before the first board came sees the board of the grid he chose last',
    async () => {
      const admin = await phoneAs('community_admin');
      // The first board asked for is held until another grid's board has come back.
      let first: string | null = null;
      let release = () => {};
      const gate = new Promise<void>((r) => (release = r));
      const order: string[] = [];
      const boardOf = (url: string) => /\/api\/grids\/([^/]+)\/board$/.exec(new URL(url).pathname)?.[1] ?? null;
      admin.on('requestfinished', (r) => {
        const id = boardOf(r.url());
        if (!id) return;
        order.push(id);
        if (id !== first) release();
      });
      await admin.route('**/api/grids/*/board', async (route) => {
        const id = boardOf(route.request().url())!;
        first ??= id;
        if (id === first) await Promise.race([gate, new Promise((r) => setTimeout(r, 15_000))]);
        await route.continue();
      });
      await visible(admin, 'open-grid-boards').tap();
      const chips = visible(admin, 'grid-boards-grid');
      await chips.nth(1).waitFor();
      const chosen = (await chips.nth(1).innerText()).trim();
      await chips.nth(1).tap();
      await expect(visible(admin, 'grid-boards-sheet').innerText()).resolves.toContain(chosen);
      // The first grid's board arrives after the second's, and must not replace it.
      while (order.length < 2) await admin.waitForTimeout(100);
      await admin.waitForTimeout(300);
      expect(order[order.length - 1]).toBe(first);
      await expect(visible(admin, 'grid-boards-sheet').innerText()).resolves.toContain(chosen);
      expect(first).not.toBeNull();
      await admin.context().close();
    },
    STEP,
  );
});
