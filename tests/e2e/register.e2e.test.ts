/// <reference lib="dom" />
/**
 * End to end (H5, phone viewport): a brand-new WeChat user wants to file a request, is sent to 居民登记
 * first, registers by location (confirming 名山社区第一网格 on the outline), comes back to the form
 * and files the request; his 我的 page shows the address 待网格员核实; the grid worker finds him
 * under 新登记居民 and taps 核实; his 我的 page then shows 已核实. A second new user, outside every
 * community served, chooses street → community → grid by hand, sees the field errors in Chinese and,
 * having left his name out, is asked for it when he goes to file a request.
 */

import path from 'node:path';
import type { Page } from 'playwright-core';
import { browserSuite, describeBrowser, IN_GRID_1, shownText } from '../support/browser';

const ARTIFACTS = path.join(__dirname, 'artifacts');

const BEIJING = { latitude: 39.9087, longitude: 116.3975 }; // no community served there

describeBrowser('居民登记 in the browser', () => {
  const suite = browserSuite();

  const phone = (geolocation = IN_GRID_1): Promise<Page> => suite.phone(undefined, { geolocation, agreed: true });
  const phoneAs = (role: string, geolocation = IN_GRID_1): Promise<Page> => suite.phoneAs(role, { geolocation, agreed: true });
  /** A brand-new WeChat user (the stand-in's `newuser-<name>` code), not registered anywhere. */
  async function newUser(geolocation = IN_GRID_1): Promise<Page> {
    const page = await phone(geolocation);
    await page.locator('[data-testid="demo-login-new"]').tap();
    await page.locator('[data-testid="me-card"]').waitFor();
    await page.locator('[data-testid="my-address"]').getByText('尚未登记住址').waitFor();
    return page;
  }
  /** The whole page: Taro's H5 pages scroll inside the page element, so the viewport grows to fit it for the picture. */
  const shot = async (page: Page, name: string) => {
    await page.waitForTimeout(600);
    const viewport = page.viewportSize()!;
    const height = await page.evaluate(() =>
      Math.max(...Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).filter((e) => e.offsetParent !== null || e.style.display !== 'none').map((e) => e.scrollHeight), 0),
    );
    if (height > viewport.height) await page.setViewportSize({ width: viewport.width, height: Math.min(height, 4000) });
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
    await page.setViewportSize(viewport);
  };
  const fill = (page: Page, testid: string, value: string) => page.locator(`[data-testid="${testid}"] input`).fill(value);

  let resident: Page;

  it('a new user is sent to register first, registers by location and files his request', async () => {
    resident = await newUser();
    await expect(resident.locator('[data-testid="open-register"]').innerText()).resolves.toContain('登记住址');

    // 反映问题 before registering: one clear way forward, not a dead end.
    await resident.goto(`${suite.web.url}/#/pages/requests/index`);
    await resident.locator('[data-testid="new-request"]').tap();
    await resident.locator('[data-testid="need-register"]').waitFor();
    await shot(resident, 'register-0-need');
    await resident.locator('[data-testid="go-register"]').tap();

    // (a) 用当前位置 → the grid on the outline → 确认.
    await resident.locator('[data-testid="register-form"]').waitFor();
    await resident.locator('[data-testid="locate-me"]').tap();
    await resident.locator('[data-testid="place-located"]').waitFor();
    await expect(resident.locator('[data-testid="located-grid"]').innerText()).resolves.toBe('名山社区第一网格');
    await expect(resident.locator('[data-testid="place-located"]').innerText()).resolves.toMatch(/绥山镇[\s\S]*名山社区/);
    await resident.locator('[data-testid="place-outline"] img').waitFor();
    await shot(resident, 'register-1-location');
    await resident.locator('[data-testid="place-confirm"]').tap();
    await expect(resident.locator('[data-testid="place-chosen"]').innerText()).resolves.toContain('绥山镇 · 名山社区 · 名山社区第一网格');

    // (b)(c) the address, name and phone.
    await fill(resident, 'address-building', '名山小区3栋');
    await fill(resident, 'address-unit', '2单元');
    await fill(resident, 'address-room', '301');
    await fill(resident, 'name', '王建华');
    await fill(resident, 'phone', '13912345678');
    await shot(resident, 'register-2-form');

    // (d) 提交登记 → back to the request form (the redirect), now open to him.
    const registered = resident.waitForResponse((r) => r.url().endsWith('/me/registration') && r.request().method() === 'PUT');
    await resident.locator('[data-testid="submit-registration"]').tap();
    expect((await registered).status()).toBe(200);
    await resident.locator('[data-testid="request-form"]').waitFor();
    expect(resident.url()).toContain('/packages/request-new/index');
    expect(await resident.locator('[data-testid="need-register"]').count()).toBe(0);

    await resident.locator('[data-testid="group-设施维修"]').tap();
    await resident.locator('[data-testid="category-fix-streetlight"]').tap();
    await resident.locator('[data-testid="request-text"] textarea').fill('名山小区3栋2单元楼道灯坏了，晚上上下楼看不见');
    await resident.locator('[data-testid="submit-request"]').tap();
    await resident.locator('[data-testid="receipt-view"]').tap(); // the receipt (受理编号), then its progress
    await resident.locator('[data-testid="request-detail"]').waitFor();
    await shownText(resident, '待受理').waitFor();
    await shot(resident, 'register-4-request');

    // 我的: the address, waiting for the grid worker.
    await resident.goto(`${suite.web.url}/#/pages/me/index`);
    await expect(resident.locator('[data-testid="my-address-text"]').innerText()).resolves.toBe('名山小区3栋 2单元 301');
    await expect(resident.locator('[data-testid="my-address-status"]').innerText()).resolves.toBe('待网格员核实');
    await expect(resident.locator('[data-testid="me-card"]').innerText()).resolves.toContain('王建华');
    await resident.locator('[data-testid="my-grid"]').getByText('名山社区第一网格').waitFor();
    await shot(resident, 'register-3-done');
  });

  it('the grid worker finds him under 新登记居民 and confirms him; his 我的 page then shows 已核实', async () => {
    const worker = await phoneAs('grid_worker');
    const list = worker.locator('[data-testid="new-residents"]');
    await list.getByText('王建华').waitFor();
    const row = list.locator('[data-testid^="resident-"]').filter({ hasText: '王建华' });
    await expect(row.innerText()).resolves.toContain('名山小区3栋 2单元 301');
    await expect(row.innerText()).resolves.toContain('139****5678');
    await shot(worker, 'register-5-worker');
    await row.locator('[data-testid^="verify-"]').tap();
    await row.locator('[data-testid="resident-verified"]').waitFor();
    await expect(row.locator('[data-testid="resident-verified"]').innerText()).resolves.toBe('已核实');
    await shot(worker, 'register-6-verified-by-worker');
    await worker.context().close();

    // The resident opens 我的 again: the stored user is refreshed from GET /me.
    await resident.goto(`${suite.web.url}/#/pages/requests/index`);
    await resident.locator('[data-testid="new-request"]').waitFor();
    await resident.goto(`${suite.web.url}/#/pages/me/index`);
    await resident.locator('[data-testid="my-address-status"]').getByText('已核实').waitFor();
    await shot(resident, 'register-7-verified');
    await resident.context().close();
  });

  it('outside every community served: chooses street → community → grid by hand, with field errors in Chinese; is asked for his name to file', async () => {
    const page = await newUser(BEIJING);
    await page.locator('[data-testid="open-register"]').tap();
    await page.locator('[data-testid="register-form"]').waitFor();

    // Nothing filled: the errors show by the fields, before any request.
    await page.locator('[data-testid="submit-registration"]').tap();
    await expect(page.locator('[data-testid="error-place"]').innerText()).resolves.toBe('请先找到您住的地方');
    await expect(page.locator('[data-testid="error-address.building"]').innerText()).resolves.toBe('请填写小区和楼栋');

    await page.locator('[data-testid="locate-me"]').tap();
    await page.locator('[data-testid="place-note"]').getByText('不在我们服务的社区内').waitFor();
    await page.locator('[data-testid="place-picker"]').waitFor();
    await page.locator('[data-testid="community-cm-foguang"]').tap();
    await shot(page, 'register-8-manual');
    await page.locator('[data-testid="grid-gd-fg-2"]').tap();
    await expect(page.locator('[data-testid="place-chosen"]').innerText()).resolves.toContain('绥山镇 · 佛光社区 · 佛光社区第二网格');
    expect(await page.locator('[data-testid="error-place"]').count()).toBe(0);

    await fill(page, 'address-building', '佛光花园8栋');
    await fill(page, 'name', '李');
    await fill(page, 'phone', '1391234');
    await page.locator('[data-testid="submit-registration"]').tap();
    await expect(page.locator('[data-testid="error-name"]').innerText()).resolves.toBe('请填写真实姓名（至少 2 个字）');
    await expect(page.locator('[data-testid="error-phone"]').innerText()).resolves.toBe('请填写 11 位手机号');
    await shot(page, 'register-9-errors');

    // The server's field errors (dotted paths) show by their fields too.
    await fill(page, 'name', '李秀英');
    await fill(page, 'phone', '13912345679');
    await page.route('**/me/registration', (route) =>
      route.fulfill({
        status: 400,
        contentType: 'application/json',
        body: JSON.stringify({
          error: {
            code: 'validation_failed',
            message: '请求参数不正确',
            fields: [
              { field: 'address.building', message: '请写明小区和楼栋号' },
              { field: 'place.gridId', message: '请选择本社区的网格' },
            ],
          },
        }),
      }),
    );
    await page.locator('[data-testid="submit-registration"]').tap();
    await expect(page.locator('[data-testid="error-address.building"]').innerText()).resolves.toBe('请写明小区和楼栋号');
    await expect(page.locator('[data-testid="error-place"]').innerText()).resolves.toBe('请选择本社区的网格');
    expect(await page.locator('[data-testid="error-name"]').count()).toBe(0);
    await page.unroute('**/me/registration');

    // Name and phone are optional: leave them out and register.
    await fill(page, 'name', '');
    await fill(page, 'phone', '');
    await page.locator('[data-testid="submit-registration"]').tap();
    await page.locator('[data-testid="my-address"]').getByText('佛光花园8栋').waitFor();
    await expect(page.locator('[data-testid="my-address-status"]').innerText()).resolves.toBe('待网格员核实');
    await page.locator('[data-testid="my-grid"]').getByText('佛光社区第二网格').waitFor();

    // Filing needs a real name: 反映问题 sends him to add it, his grid already chosen.
    await page.goto(`${suite.web.url}/#/packages/request-new/index`);
    await page.locator('[data-testid="need-register"]').getByText('请补填真实姓名').waitFor();
    await page.locator('[data-testid="go-register"]').tap();
    await page.locator('[data-testid="need-name"]').waitFor();
    await page.locator('[data-testid="place-chosen"]:visible').getByText('佛光社区第二网格').first().waitFor();
    await shot(page, 'register-10-need-name');
    await expect(page.locator('[data-testid="place-chosen"]:visible').first().innerText()).resolves.toContain('佛光社区第二网格');
    await fill(page, 'address-building', '佛光花园8栋');
    await page.locator('[data-testid="submit-registration"]').tap();
    await expect(page.locator('[data-testid="error-name"]').innerText()).resolves.toBe('请填写真实姓名');
    await fill(page, 'name', '李秀英');
    await page.locator('[data-testid="submit-registration"]').tap();
    await page.locator('[data-testid="request-form"]').waitFor();
    await page.context().close();
  });
});
