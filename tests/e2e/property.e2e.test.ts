/// <reference lib="dom" />
/**
 * End to end (H5, phone viewport): property matters (物业). 张秀英 (the demo resident, 名山小区3栋)
 * files 物业服务质量: the card 问题所在小区 shows with 名山小区 chosen for her (a fee dispute, which
 * stays with the grid, shows no such card), and the filed item is with 物业. 吴建军 (the demo
 * property staff of 名山小区) finds it in his 待办队列, accepts and resolves it; every step on the
 * timeline reads 物业. The community admin's dashboard shows 在办·物业 and the 名山小区物业 line.
 */

import type { Page } from 'playwright-core';
import { EVENT_TYPES, RequestResponse } from '@linli/shared';
import { answerModal, browserSuite, describeBrowser, shownText } from '../support/browser';

const STEP = 60_000; // a test's budget: three browser files share CI's two cores
const DESCRIPTION = '3栋楼道的灯坏了半个月，物业一直没人来修';
const RESULT = '已更换3栋楼道灯泡，恢复照明';

describeBrowser('property matters (物业) in the browser', () => {
  const suite = browserSuite();
  const { shot } = suite;

  const phoneAs = (role: string) => suite.phoneAs(role, { agreed: true, located: true });

  /** Timeline steps must read in Chinese: no event or level code may show. */
  const RAW_CODE = new RegExp(`\\b(${EVENT_TYPES.join('|')}|property|grid)\\b|[a-z]+_[a-z]+`, 'i');
  const timeline = async (page: Page) => {
    const steps = await page.locator('[data-testid="timeline-event"]').allInnerTexts();
    for (const step of steps) expect(step).not.toMatch(RAW_CODE);
    // "受理 · 物业 · 12月3日 22:01\n吴建军（物业人员）" → [受理, 物业]
    return steps.map((s) => s.split(' · ').slice(0, 2).map((x) => x.trim()));
  };
  const chipOn = (page: Page, testid: string) => page.locator(`[data-testid="${testid}"]`).evaluate((e) => e.classList.contains('chip-on'));

  let requestId = '';

  it(
    'the resident files 物业服务质量 for 名山小区, preselected from her address, and it is with 物业',
    async () => {
      const page = await phoneAs('resident');
      await page.goto(`${suite.web.url}/#/pages/requests/index`);
      await page.locator('[data-testid="new-request"]').tap();
      await page.locator('[data-testid="request-form"]').waitFor();
      await page.locator('[data-testid="group-物业管理"]').tap();

      // A fee dispute is with the property company: it stays with the grid, so no compound card.
      await page.locator('[data-testid="category-prop-fee"]').tap();
      await page.waitForTimeout(300);
      expect(await page.locator('[data-testid="compound-picker"]').count()).toBe(0);

      await page.locator('[data-testid="category-prop-service"]').tap();
      const picker = page.locator('[data-testid="compound-picker"]');
      await picker.waitFor();
      await expect(picker.innerText()).resolves.toMatch(/问题所在小区\s*物业问题先由小区物业办理，物业办不了再由网格员跟进\s*名山小区\s*名山新村\s*不在这些小区/);
      expect(await chipOn(page, 'compound-名山小区')).toBe(true);
      expect(await chipOn(page, 'compound-none')).toBe(false);
      expect(await chipOn(page, 'category-prop-service')).toBe(true);
      // The resident can say it is not in the compound, and change her mind back.
      await page.locator('[data-testid="compound-none"]').tap();
      expect(await chipOn(page, 'compound-none')).toBe(true);
      expect(await chipOn(page, 'compound-名山小区')).toBe(false);
      await page.locator('[data-testid="compound-名山小区"]').tap();
      expect(await chipOn(page, 'compound-名山小区')).toBe(true);

      await page.locator('[data-testid="request-text"] textarea').fill(DESCRIPTION);
      await page.getByText('已获取您当前的位置').waitFor();
      await shot(page, 'property-1-form');

      await page.locator('[data-testid="submit-request"]').tap();
      await page.locator('[data-testid="receipt-view"]').tap(); // the receipt (受理编号), then its progress
      await page.locator('[data-testid="request-detail"]').waitFor();
      const detail = page.locator('[data-testid="request-detail"]');
      await shownText(page, '待受理').waitFor();
      await expect(detail.innerText()).resolves.toContain(DESCRIPTION);
      await expect(detail.innerText()).resolves.toMatch(/当前在物业办理 · 受理时限/);
      expect(await timeline(page)).toEqual([['提交反映', '物业']]);
      requestId = new URL(page.url().replace('#', '')).searchParams.get('id') ?? '';
      expect(requestId).not.toBe('');
      // What was stored: the compound she chose, at the property level.
      const stored = await suite.api.call('GET', `/requests/${requestId}`, { token: await suite.api.tokenFor('resident') });
      expect(RequestResponse.parse(stored.body).request).toMatchObject({ compound: '名山小区', level: 'property', status: 'submitted' });
      await shot(page, 'property-2-filed');
      await page.context().close();
    },
    STEP,
  );

  it(
    'the property staff finds it in his 待办队列, accepts and resolves it; the timeline shows each step at 物业',
    async () => {
      expect(requestId).not.toBe('');
      const page = await phoneAs('property_staff');
      await expect(page.locator('[data-testid="me-card"]').innerText()).resolves.toContain('吴建军');
      await page.goto(`${suite.web.url}/#/pages/requests/index`);
      await page.locator('[data-testid="tab-queue"]').waitFor();
      expect(await chipOn(page, 'tab-queue')).toBe(true);
      const card = page.locator('[data-testid="request-card"]', { hasText: DESCRIPTION });
      await card.waitFor();
      await expect(card.innerText()).resolves.toMatch(/物业服务质量\s*待受理[\s\S]*物业 · /);
      await shot(page, 'property-3-queue');

      await card.tap();
      const detail = page.locator('[data-testid="request-detail"]');
      await detail.waitFor();
      await expect(detail.innerText()).resolves.toMatch(/物业服务质量\s*待受理[\s\S]*当前在物业办理 · 受理时限/);
      // Property staff accept, or refuse it back to the grid.
      await page.locator('[data-testid="action-refuse"]').waitFor();
      await page.locator('[data-testid="action-accept"]').tap();
      await shownText(page, '办理中').waitFor();
      await expect(detail.innerText()).resolves.toMatch(/当前在物业办理 · 办结时限/);

      await page.locator('[data-testid="action-text"] textarea').fill(RESULT);
      await page.locator('[data-testid="action-resolve"]').tap();
      await answerModal(page, 'confirm'); // 确认办结？
      await shownText(page, '已办结待评价').waitFor();
      await expect(detail.innerText()).resolves.toContain(`办理结果：${RESULT}`);
      const steps = await timeline(page);
      expect(steps).toEqual([
        ['提交反映', '物业'],
        ['受理', '物业'],
        ['办结', '物业'],
      ]);
      const events = await page.locator('[data-testid="timeline-event"]').allInnerTexts();
      expect(events[1]).toContain('吴建军');
      expect(events[2]).toContain(RESULT);
      await shot(page, 'property-4-resolved');
      await page.context().close();
    },
    STEP,
  );

  it(
    "the community admin's dashboard shows the 名山小区物业 line",
    async () => {
      const page = await phoneAs('community_admin');
      await page.locator('[data-testid="open-dashboard"]').tap();
      const dashboard = page.locator('[data-testid="dashboard"]');
      await dashboard.waitFor();
      // 在办·物业: nothing is open at the property company any more.
      await expect(dashboard.innerText()).resolves.toMatch(/\n0\s*在办·物业\s*\n/);
      await expect(dashboard.innerText()).resolves.toContain('各小区物业');
      // Two compounds have property companies (名山小区: 金顶物业, 名山新村: 报国物业), one line each.
      expect(await page.locator('[data-testid="dashboard-property"]').count()).toBe(2);
      const line = page.locator('[data-testid="dashboard-property"]', { hasText: '名山小区物业' });
      expect(await line.count()).toBe(1);
      await expect(line.innerText()).resolves.toMatch(/^名山小区物业\s*1 件 · 按时办结 100\.0% · 满意 —\s*在办 0 件，超期 0 件，退单 0 次$/);
      await shot(page, 'property-5-dashboard');
      await page.context().close();
    },
    STEP,
  );
});
