/// <reference lib="dom" />
/**
 * End to end (H5, phone viewport): the resident answers both questions when rating (是否解决, 是否满意)
 * and cannot send without them; the grid worker rates the department that handled an item (三评)
 * with large buttons; the community's dashboard shows the three rates as percentages and the three
 * evaluations, in both everyday and 关怀模式 sizes.
 */
import type { Page } from 'playwright-core';
import { RequestResponse, type Role } from '@linli/shared';
import { browserSuite, describeBrowser, smallTouchTargets, shownText } from '../support/browser';
import { inGrid1, requestBody, submitRequest } from '../support/builders';

const STEP = 60_000; // a test's budget: three browser files share CI's two cores

describeBrowser('measures in the browser (三率三评)', () => {
  const suite = browserSuite();
  const { shot } = suite;
  const phoneAs = (role: string, width = 390) => suite.phoneAs(role, { agreed: true, width });
  const file = async (description: string) =>
    RequestResponse.parse((await submitRequest(suite.api, await suite.api.tokenFor('resident'), requestBody({ description, location: inGrid1 }))).body).request;
  const actViaApi = async (role: Role, id: string, body: Record<string, unknown>) => {
    const token = await suite.api.tokenFor(role);
    const { version } = RequestResponse.parse((await suite.api.call('GET', `/requests/${id}`, { token })).body).request;
    const res = await suite.api.call('POST', `/requests/${id}/actions`, { token, body: { ...body, version } });
    expect(res.status).toBe(200);
  };
  const careMode = async (page: Page, on: boolean) => {
    await page.evaluate((m) => localStorage.setItem('care-mode', JSON.stringify({ data: m ? 'on' : 'off' })), on);
    await page.reload();
  };

  it(
    'the resident answers 是否解决 and 是否满意 before the rating can go',
    async () => {
      const r = await file('名山小区5栋楼道灯不亮，晚上上下楼看不见');
      await actViaApi('grid_worker', r.id, { action: 'accept' });
      await actViaApi('grid_worker', r.id, { action: 'resolve', result: '已更换楼道灯' });
      const page = await phoneAs('resident');
      await page.goto(`${suite.web.url}/#/packages/request-detail/index?id=${r.id}`);
      await page.locator('[data-testid="rating"]').waitFor();
      await page.locator('[data-testid="star-4"]').tap();
      await page.locator('[data-testid="answer-solved-yes"]').tap();
      // One question left: the page says why, and a tap on 提交评价 sends nothing.
      await expect(page.locator('[data-testid="rating-missing"]').innerText()).resolves.toContain('请回答两个问题');
      const sent: string[] = [];
      page.on('request', (req) => req.url().endsWith('/rating') && sent.push(req.url()));
      await page.locator('[data-testid="submit-rating"]').tap();
      await page.waitForTimeout(500);
      expect(sent).toEqual([]);
      expect(await smallTouchTargets(page)).toEqual([]);
      await page.locator('[data-testid="answer-satisfied-yes"]').tap();
      await expect(page.locator('[data-testid="answer-satisfied-yes"]').innerText()).resolves.toBe('✓ 满意');
      await shot(page, 'measures-1-rating');
      await page.locator('[data-testid="submit-rating"]').tap();
      await shownText(page, '已完结').waitFor();
      await expect(page.locator('[data-testid="rating-answers"]').innerText()).resolves.toBe('已解决 · 满意');
      await page.context().close();
    },
    STEP,
  );

  it(
    'the grid worker rates the department that handled an item, once',
    async () => {
      const r = await file('名山小区北门外人行道塌陷，老人差点摔倒');
      await actViaApi('grid_worker', r.id, { action: 'escalate', reason: '需要社区协调' });
      await actViaApi('community_admin', r.id, { action: 'escalate', reason: '需要街道协调' });
      await actViaApi('street_admin', r.id, { action: 'dispatch', lead: 'cgj' });
      await actViaApi('department_staff', r.id, { action: 'accept' });
      await actViaApi('department_staff', r.id, { action: 'resolve', result: '已修补人行道' });
      const page = await phoneAs('grid_worker');
      await careMode(page, true);
      await page.goto(`${suite.web.url}/#/packages/request-detail/index?id=${r.id}`);
      await page.locator('[data-testid="evaluate-u-cgj"]').waitFor();
      await page.locator('[data-testid="evaluate-u-cgj"]').tap();
      await page.locator('[data-testid="eval-score-4"]').tap();
      expect(await smallTouchTargets(page, 60)).toEqual([]);
      await shot(page, 'measures-2-evaluate');
      await page.locator('[data-testid="submit-evaluation"]').tap();
      await page.locator('[data-testid="evaluation"]').waitFor();
      await expect(page.locator('[data-testid="evaluation"]').innerText()).resolves.toContain('（4 分）');
      expect(await page.locator('[data-testid="evaluate-u-cgj"]').count()).toBe(0);
      await page.context().close();
    },
    STEP,
  );

  it(
    "the community's dashboard shows the three rates and the three evaluations as people read them",
    async () => {
      const page = await phoneAs('community_admin', 375);
      await page.goto(`${suite.web.url}/#/packages/dashboard/index`);
      const card = page.locator('[data-testid="dashboard-measures"]');
      await card.waitFor();
      const text = await card.innerText();
      expect(text).toMatch(/\d+(\.\d)?%\s*办结率/);
      expect(text).toMatch(/解决率（目标 95%）/);
      expect(text).toContain('满意率');
      expect(text).toMatch(/居民评办理：\d(\.\d)? 分（\d+ 次）/);
      expect(text).toContain('网格评部门和物业：4 分（1 次）');
      expect(text).toContain('部门评网格：暂无');
      const all = await page.locator('[data-testid="dashboard"]').innerText();
      expect(all).not.toMatch(/NaN|undefined|null/);
      await expect(page.locator('[data-testid="dashboard-department"]').first().innerText()).resolves.toContain('网格评价 4 分（1 次）');
      await shot(page, 'measures-3-dashboard');
      await careMode(page, true);
      await card.waitFor();
      expect(await smallTouchTargets(page, 60)).toEqual([]);
      await page.context().close();
    },
    STEP,
  );
});
