/// <reference lib="dom" />
/**
 * End to end (H5, phone viewport): the grid is a team. A resident's noise complaint in grid 2 is in
 * the team queue of 罗志刚 (社区民警, covering grids 1 and 2 for disputes); he taps 认领 (no
 * confirmation), the card says 我已认领, the item's timeline reads 认领, and he is offered 受理. The
 * community admin sees the team of grid 1 with team roles in words and the 物业红黑榜 with both
 * companies serving 名山社区. No raw code shows; every target is at least 44 px.
 */

import type { Page } from 'playwright-core';
import { EVENT_TYPES, TEAM_ROLES } from '@linli/shared';
import { browserSuite, describeBrowser, smallTouchTargets } from '../support/browser';
import { fileRequest, inGrid2 } from '../support/builders';

const STEP = 60_000; // a test's budget: three browser files share CI's two cores
const DESCRIPTION = '楼上每晚十二点后还在装修敲打，影响老人休息';
/** No event, level or team-role code may show. */
const RAW_CODE = new RegExp(`\\b(${[...EVENT_TYPES, ...TEAM_ROLES].join('|')}|grid|property)\\b|[a-z]+_[a-z]+`, 'i');
const textOf = (page: Page, testid: string) => page.locator(`[data-testid="${testid}"]`).innerText();

describeBrowser('the grid team (网格团队) in the browser', () => {
  const suite = browserSuite();
  const { shot } = suite;
  let requestId = '';

  it(
    'the police officer finds the item in the team queue and claims it with one tap',
    async () => {
      requestId = (await fileRequest(suite.api, { categoryId: 'dispute-noise', location: inGrid2, description: DESCRIPTION })).id;
      const page = await suite.phoneAs('team_member', { agreed: true });
      await page.goto(`${suite.web.url}/#/packages/team-queue/index`);
      await page.locator('[data-testid="team-queue-page"]').waitFor();
      const item = page.locator('[data-testid="team-item"]', { hasText: DESCRIPTION });
      await item.waitFor();
      await expect(textOf(page, 'team-queue-page')).resolves.toMatch(/负责网格：名山社区第一网格、名山社区第二网格/);
      await expect(textOf(page, 'team-queue-page')).resolves.toMatch(/专长：安全隐患、矛盾纠纷/);
      expect(await smallTouchTargets(page)).toEqual([]);
      await shot(page, 'team-1-queue');

      await item.locator('[data-testid="claim"]').tap();
      await item.locator('[data-testid="claim-note"]').getByText('已认领，请尽快受理办理').waitFor();
      await item.locator('[data-testid="claimed-tag"]').getByText('我已认领').waitFor();
      expect(await page.locator('[data-testid="team-queue-page"]').innerText()).not.toMatch(RAW_CODE);

      await item.locator('[data-testid="request-card"]').tap();
      await page.locator('[data-testid="request-detail"]').waitFor();
      await page.locator('[data-testid="action-accept"]').waitFor();
      const steps = await page.locator('[data-testid="timeline-event"]').allInnerTexts();
      expect(steps.map((s) => s.split(' · ')[0]!.trim())).toEqual(['提交反映', '认领']);
      for (const s of steps) expect(s).not.toMatch(RAW_CODE);
      await shot(page, 'team-2-claimed');
      // What was stored: the item is his.
      const stored = await suite.api.call('GET', `/requests/${requestId}`, { token: await suite.api.tokenFor('community_admin') });
      expect(stored.body.request).toMatchObject({ assigneeId: 'u-demo-team-member', status: 'submitted' });
    },
    STEP * 2,
  );

  it(
    'the community admin sees the team of grid 1 and the 物业红黑榜',
    async () => {
      const page = await suite.phoneAs('community_admin', { agreed: true });
      await page.goto(`${suite.web.url}/#/packages/grid-team/index`);
      await page.locator('[data-testid="grid-team-list"]').waitFor();
      const list = await textOf(page, 'grid-team-list');
      expect(list).toMatch(/罗志刚\s*社区民警/);
      expect(list).toMatch(/负责：名山社区第一网格、名山社区第二网格/);
      expect(list).toMatch(/唐桂兰\s*环卫/);
      expect(list).not.toMatch(RAW_CODE);
      expect(await smallTouchTargets(page)).toEqual([]);
      await shot(page, 'team-3-admin');

      await page.goto(`${suite.web.url}/#/packages/property-board/index`);
      await page.locator('[data-testid="board-company"]').first().waitFor();
      const names = await page.locator('[data-testid="board-company"] .gt-rank').allInnerTexts();
      expect(names.map((n) => n.replace(/^第 \d 名 · /, '')).sort()).toEqual(['报国物业管理有限公司', '金顶物业服务有限公司'].sort());
      await expect(textOf(page, 'property-board-page')).resolves.toMatch(/按时办结率[\s\S]*办结率[\s\S]*满意率/);
      expect(await smallTouchTargets(page)).toEqual([]);
      await shot(page, 'team-4-board');
    },
    STEP * 2,
  );
});
