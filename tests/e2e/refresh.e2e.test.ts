/// <reference lib="dom" />
/**
 * End to end (H5, phone viewport): pull-down refresh. A list or a page left open shows what others
 * did since, once the person pulls it down: the grid worker's queue shows a request just filed, the
 * resident's request shows that it was accepted, the community admin's 人员邀请 shows an invitation a colleague made.
 */

import type { Page } from 'playwright-core';
import { InvitationResponse, RequestResponse } from '@linli/shared';
import { browserSuite, describeBrowser, pullDown } from '../support/browser';
import { idemKey, inGrid1, requestBody, submitRequest } from '../support/builders';

const STEP = 60_000; // a test's budget: three browser files share CI's two cores

describeBrowser('pull-down refresh in the browser', () => {
  const suite = browserSuite();

  const phoneAs = (role: string) => suite.phoneAs(role, { agreed: true });
  const file = async (description: string) =>
    RequestResponse.parse((await submitRequest(suite.api, await suite.api.tokenFor('resident'), requestBody({ description, location: inGrid1 }))).body).request;
  const cards = (page: Page) => page.locator('[data-testid="request-card"]:visible');

  it(
    "the grid worker's queue shows a request filed while it was open, once pulled down",
    async () => {
      await file('名山小区5栋楼道灯不亮');
      const page = await phoneAs('grid_worker');
      await page.locator('.weui-tabbar__label', { hasText: '接诉即办' }).tap();
      await cards(page).first().waitFor();
      const before = await cards(page).count();

      const late = '名山小区6栋门口井盖松动，有人差点摔倒';
      await file(late);
      await page.waitForTimeout(800);
      expect(await cards(page).count()).toBe(before); // nothing reloads by itself
      await pullDown(page);
      await cards(page).filter({ hasText: late }).waitFor({ timeout: 10_000 });
      expect(await cards(page).count()).toBe(before + 1);
      await page.context().close();
    },
    STEP * 2,
  );

  it(
    'the resident sees on his open request that the grid worker accepted it, once pulled down',
    async () => {
      const r = await file('名山小区7栋垃圾桶满了没人清');
      const page = await phoneAs('resident');
      await page.goto(`${suite.web.url}/#/packages/request-detail/index?id=${r.id}`);
      const detail = page.locator('[data-testid="request-detail"]');
      await detail.getByText('待受理').first().waitFor();

      const token = await suite.api.tokenFor('grid_worker');
      const res = await suite.api.call('POST', `/requests/${r.id}/actions`, { token, body: { action: 'accept', version: r.version } });
      expect(res.status).toBe(200);
      await page.waitForTimeout(800);
      expect(await detail.innerText()).not.toContain('办理中');
      await pullDown(page);
      await detail.getByText('办理中').first().waitFor({ timeout: 10_000 });
      await page.context().close();
    },
    STEP * 2,
  );

  it(
    "the community admin's invitations list shows one a colleague made, once pulled down",
    async () => {
      const page = await phoneAs('community_admin');
      await page.goto(`${suite.web.url}/#/packages/invitations/index`);
      await page.locator('[data-testid="invitation-list"]').waitFor();
      await page.locator('[data-testid="invitation-list"] [data-testid="loading"]').waitFor({ state: 'detached' }); // listed before the colleague's

      const token = await suite.api.tokenFor('community_admin');
      const res = await suite.api.call('POST', '/invitations', { token, body: { role: 'grid_worker', gridId: 'gd-ms-1', inviteeName: '下拉测试' }, headers: { 'idempotency-key': idemKey('pull') } });
      expect(res.status).toBe(201);
      const { code } = InvitationResponse.parse(res.body).invitation;
      const row = page.locator(`[data-testid="invitation-${code}"]`);
      await page.waitForTimeout(800);
      expect(await row.count()).toBe(0);
      await pullDown(page);
      await row.waitFor({ timeout: 10_000 });
      await page.context().close();
    },
    STEP * 2,
  );
});
