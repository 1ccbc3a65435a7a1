/// <reference lib="dom" />
/**
 * End to end (H5, phone viewport): the staff pages. The grid worker's irreversible steps (退单,
 * 上报) go only after a confirmation that says what will happen, and cancelling sends nothing; a
 * page left open while the item moved on says so and shows it afresh instead of a 403/409 toast;
 * the station keeper marks 手机充电 out of order and a rider sees it struck through; department
 * staff see what their empty queue means; the street admin's dashboard shows both communities
 * and durations in words, nothing wider than the screen; a community admin's 我的 asks for no grid.
 */

import type { Page } from 'playwright-core';
import { RequestResponse, type Role } from '@linli/shared';
import { answerModal, browserSuite, describeBrowser, modal, shownText } from '../support/browser';
import { inGrid1, requestBody, submitRequest } from '../support/builders';
import { elderProblems, NORMAL } from '../support/elder';

const STEP = 60_000; // a test's budget: three browser files share CI's two cores

describeBrowser('the staff pages in the browser', () => {
  const suite = browserSuite();
  const { shot } = suite;

  /** A phone signed in as a demo role; `watch` sees every API call from the first page on. */
  const phoneAs = (role: string, watch?: (path: string, method: string) => void, width = 390) => suite.phoneAs(role, { agreed: true, watch, width });
  const file = async (description: string) =>
    RequestResponse.parse((await submitRequest(suite.api, await suite.api.tokenFor('resident'), requestBody({ description, location: inGrid1 }))).body).request;
  const actViaApi = async (role: Role, id: string, body: Record<string, unknown>) => {
    const token = await suite.api.tokenFor(role);
    const { version } = RequestResponse.parse((await suite.api.call('GET', `/requests/${id}`, { token })).body).request;
    const res = await suite.api.call('POST', `/requests/${id}/actions`, { token, body: { ...body, version } });
    expect(res.status).toBe(200);
  };
  const summaryText = (page: Page) => page.locator('[data-testid="request-detail"] .card').first().innerText();

  it(
    'the grid worker refuses or escalates only after a confirmation; cancelling sends nothing',
    async () => {
      const r = await file('名山小区3栋单元门禁坏了，外人随便进出');
      const actions: string[] = [];
      const page = await phoneAs('grid_worker', (path, method) => method === 'POST' && path.endsWith(`/requests/${r.id}/actions`) && actions.push(path));
      await page.goto(`${suite.web.url}/#/packages/request-detail/index?id=${r.id}`);
      await page.locator('[data-testid="action-refuse"]').waitFor();

      // 上报 without a reason: asked for by the form, no dialog, nothing sent.
      await page.locator('[data-testid="action-escalate"]').tap();
      await expect(page.locator('[data-testid="action-error"]').innerText()).resolves.toContain('上报原因');
      expect(await modal(page).count()).toBe(0);

      // 退单, then 取消: the dialog says what would happen; nothing is sent.
      await page.locator('[data-testid="action-text"] textarea').fill('门禁属物业维护范围');
      await page.locator('[data-testid="action-refuse"]').tap();
      await modal(page).waitFor();
      await expect(modal(page).innerText()).resolves.toContain('退回派给您的上一环节重新分派');
      await expect(modal(page).innerText()).resolves.toContain('门禁属物业维护范围');
      await shot(page, 'staff-1-confirm-refuse');
      await answerModal(page, 'cancel');
      await page.waitForTimeout(500);
      expect(actions).toEqual([]);
      await expect(page.locator('[data-testid="request-status"]').innerText()).resolves.toBe('待受理');

      // 上报, then 上报 (confirmed): sent once; the item is with the community.
      await page.locator('[data-testid="action-text"] textarea').fill('需社区协调物业');
      await page.locator('[data-testid="action-escalate"]').tap();
      await modal(page).waitFor();
      await expect(modal(page).innerText()).resolves.toContain('上报到社区办理');
      await answerModal(page, 'confirm');
      await shownText(page, '当前在社区办理').waitFor();
      expect(actions).toHaveLength(1);
      expect(await page.locator('[data-testid="action-refuse"]').count()).toBe(0); // no longer the grid's to refuse
      await shot(page, 'staff-2-escalated');
      await page.context().close();
    },
    STEP,
  );

  it(
    'a page left open while the item moved on says so and shows it afresh',
    async () => {
      const r = await file('名山小区5栋楼顶漏水，雨天滴到楼道');
      const page = await phoneAs('grid_worker');
      await page.goto(`${suite.web.url}/#/packages/request-detail/index?id=${r.id}`);
      await page.locator('[data-testid="action-refuse"]').waitFor();
      // Meanwhile, from another phone, the worker escalated it: it is the community's now.
      await actViaApi('grid_worker', r.id, { action: 'escalate', reason: '需社区协调维修资金' });
      await page.locator('[data-testid="action-text"] textarea').fill('属物业维修范围');
      await page.locator('[data-testid="action-refuse"]').tap();
      await modal(page).waitFor();
      await answerModal(page, 'confirm');
      const notice = page.locator('[data-testid="changed-notice"]');
      await notice.waitFor();
      await expect(notice.innerText()).resolves.toBe('该事项已有变化，已为您刷新');
      await expect(summaryText(page)).resolves.toContain('当前在社区办理');
      expect(await page.locator('.taro__toast:visible').count()).toBe(0); // no 403/409 toast
      expect(await page.locator('[data-testid="action-refuse"]').count()).toBe(0);
      await shot(page, 'staff-3-changed');
      await page.context().close();
    },
    STEP,
  );

  it(
    'the station keeper marks 手机充电 out of order, and a rider sees it struck through',
    async () => {
      const keeper = await phoneAs('station_keeper');
      await keeper.goto(`${suite.web.url}/#/packages/station-detail/index?id=sn-001`);
      await keeper.locator('[data-testid="keeper-panel"]').waitFor();
      await keeper.locator('[data-testid="toggle-outage-phone_charging"]').tap();
      await keeper.locator('[data-testid="toggle-outage-phone_charging"]').getByText('恢复使用').waitFor();
      await expect(keeper.locator('[data-testid="open-issues"]').innerText()).resolves.toContain('手机充电暂停使用');
      await shot(keeper, 'staff-4-keeper');
      await keeper.context().close();

      const rider = await phoneAs('rider');
      await rider.goto(`${suite.web.url}/#/packages/station-detail/index?id=sn-001`);
      const phone = rider.locator('[data-testid="station-amenity-phone_charging"]');
      await phone.waitFor();
      const struck = (testid: string) => rider.locator(`[data-testid="${testid}"]`).evaluate((e) => getComputedStyle(e).textDecorationLine);
      await expect(struck('station-amenity-phone_charging')).resolves.toBe('line-through');
      await expect(struck('station-amenity-ebike_charging')).resolves.toBe('none'); // a separate amenity, still working
      await expect(phone.innerText()).resolves.toContain('手机充电');
      expect(await rider.locator('[data-testid="keeper-panel"]').count()).toBe(0);
      await shot(rider, 'staff-5-rider-struck');
      // On the list, a paused amenity says 暂停 in words (an emoji struck through is hard to see).
      await rider.goto(`${suite.web.url}/#/pages/stations/index`);
      const paused = rider.locator('[data-testid="station-card"]:visible [data-testid="amenity-paused"]');
      await paused.first().waitFor();
      await expect(paused.first().innerText()).resolves.toBe('📱 暂停');
      await rider.context().close();
    },
    STEP,
  );

  it(
    "department staff see their department's queue, and what it means when it is empty",
    async () => {
      const page = await phoneAs('department_staff');
      await page.goto(`${suite.web.url}/#/pages/requests/index`);
      await page.locator('[data-testid="tab-dept"]').waitFor();
      await expect(page.locator('[data-testid="tab-dept"]').innerText()).resolves.toBe('本部门在办');
      await page.getByText('本部门暂无在办事项，街道派单后会出现在这里').waitFor();
      expect(await page.getByText('您还没有反映过问题').count()).toBe(0);
      await shot(page, 'staff-6-dept-empty');
      await page.context().close();
    },
    STEP,
  );

  it(
    "the street admin's dashboard: both communities side by side, durations in words, nothing wider than the screen",
    async () => {
      // Something resolved, so there is a time to say.
      const r = await file('名山小区2栋垃圾桶满了没人清');
      await actViaApi('grid_worker', r.id, { action: 'accept' });
      await actViaApi('grid_worker', r.id, { action: 'resolve', result: '已清运' });
      const page = await phoneAs('street_admin', undefined, 375);
      await page.goto(`${suite.web.url}/#/packages/dashboard/index`);
      await page.locator('[data-testid="dashboard-street"]').waitFor();
      const rows = page.locator('[data-testid="dashboard-community"]');
      expect(await rows.count()).toBe(2);
      const text = (await rows.allInnerTexts()).join('\n');
      expect(text).toContain('名山社区');
      expect(text).toContain('佛光社区');
      await expect(page.locator('[data-testid="dashboard-street-total"]').innerText()).resolves.toContain('全街道');
      const all = await page.locator('[data-testid="dashboard"]').innerText();
      expect(all).toMatch(/平均办结用时/);
      expect(all).toMatch(/(不到 1 分钟|\d+ 分钟)\s*平均办结用时/); // just resolved: minutes, never "0.01 小时"
      expect(all).not.toMatch(/0\.\d+ 小时/);
      const wide = (await elderProblems(page, NORMAL)).filter((p) => p.startsWith('wide'));
      expect(wide).toEqual([]);
      await shot(page, 'staff-7-street-dashboard');
      // One community from the street view.
      await page.locator('[data-testid="scope-cm-mingshan"]').tap();
      await page.locator('[data-testid="dashboard-grid"]').first().waitFor();
      await page.context().close();
    },
    STEP,
  );

  it(
    "a community admin's 我的 asks for no grid (he is placed in none)",
    async () => {
      const calls: string[] = [];
      const page = await phoneAs('community_admin', (path) => calls.push(path));
      const me = page.waitForRequest((r) => new URL(r.url()).pathname === '/api/me');
      await page.reload(); // 我的 shown signed in: it reads the user again (and, for someone in a grid, the grid)
      await page.locator('[data-testid="me-card"]').waitFor();
      await me;
      await page.waitForTimeout(1000); // time for a grid read, were one made
      expect(calls).toContain('/api/me');
      expect(calls).not.toContain('/api/me/grid');
      expect(await page.locator('[data-testid="my-grid"]').count()).toBe(0);
      await page.context().close();
    },
    STEP,
  );

  it(
    'a grid worker finds the item a resident quotes by its request number, typed as heard',
    async () => {
      const r = await file('名山小区9栋电梯按钮失灵');
      expect(r.number).toMatch(/^\d{8}-\d{4,}$/);
      const page = await phoneAs('grid_worker');
      await page.locator('.weui-tabbar__label', { hasText: '接诉即办' }).tap();
      const input = page.locator('[data-testid="number-lookup"]:visible input');
      await input.waitFor();

      // Not a number: said under the box, nothing opens.
      await input.fill('昨天那个');
      await page.locator('[data-testid="number-find"]:visible').tap();
      await expect(page.locator('[data-testid="number-error"]:visible').innerText()).resolves.toContain('8 位日期加 4 位序号');
      // A number no item holds.
      await input.fill(`${r.number!.slice(0, 8)}-9998`);
      await page.locator('[data-testid="number-find"]:visible').tap();
      await page.locator('[data-testid="number-error"]:visible', { hasText: '没有受理编号为' }).waitFor(); // the look-up's answer replaces the first error

      // As read out on the phone: groups of digits with spaces, no dash.
      await input.fill(`${r.number!.slice(0, 8)} ${r.number!.slice(9)}`);
      await page.locator('[data-testid="number-find"]:visible').tap();
      const detail = page.locator('[data-testid="request-detail"]');
      await detail.waitFor();
      await expect(detail.locator('[data-testid="request-number"]').innerText()).resolves.toBe(`受理编号：${r.number}`);
      await expect(detail.innerText()).resolves.toContain('名山小区9栋电梯按钮失灵');
      await page.context().close();
    },
    STEP,
  );
});
