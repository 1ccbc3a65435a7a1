/// <reference lib="dom" />
/**
 * End to end (H5, phone viewport): the demo resident files a request, the demo grid worker accepts
 * and resolves it, the resident rates it, and the timeline shows each step.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describeBrowser, launchChromium } from '../support/browser';
import { startStaticServer, type StaticServer } from '../../infra/local/static-server';
import { startTestApi, type TestApi } from '../support/harness';

const ARTIFACTS = path.join(__dirname, 'artifacts');
const H5 = path.resolve(__dirname, '../../client/dist/h5');
const PHOTO = path.resolve(__dirname, '../../client/src/assets/tab/stations-on.png');

describeBrowser('the request loop in the browser', () => {
  let api: TestApi;
  let web: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    api = await startTestApi();
    web = await startStaticServer({ root: H5, apiUrl: api.url });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await api?.stop();
  });

  async function phoneAs(role: string): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      geolocation: { latitude: 29.605, longitude: 103.474 }, // inside 名山社区第一网格
      permissions: ['geolocation'],
    });
    const page = await context.newPage();
    await page.goto(`${web.url}/#/pages/me/index`);
    await page.locator(`[data-testid="demo-login-${role}"]`).tap();
    await page.locator('[data-testid="me-card"]').waitFor();
    return page;
  }
  const shot = async (page: Page, name: string) => {
    await page.waitForTimeout(600);
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  };

  let requestId = '';

  it('the resident files a request from the phone', async () => {
    const page = await phoneAs('resident');
    await page.goto(`${web.url}/#/pages/requests/index`);
    await page.locator('[data-testid="new-request"]').tap();
    await page.locator('[data-testid="request-form"]').waitFor();
    await page.locator('[data-testid="group-设施维修"]').tap();
    await page.locator('[data-testid="category-fix-streetlight"]').tap();
    await page.locator('[data-testid="request-text"] textarea').fill('名山小区3栋门口路灯坏了一周，晚上很黑');
    await page.locator('[data-testid="request-address"] input').fill('名山小区3栋');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('[data-testid="add-photo"]').tap()]);
    await chooser.setFiles(PHOTO);
    await page.locator('[data-testid="photo-thumb"]').waitFor();
    await shot(page, 'r1-form');
    await page.locator('[data-testid="submit-request"]').tap();
    await page.locator('[data-testid="request-detail"]').waitFor();
    await page.getByText('待受理').first().waitFor();
    await page.locator('[data-testid="request-photo"]').first().waitFor();
    expect(await page.locator('[data-testid="request-photo"]').count()).toBe(2); // on the item and on its first step
    requestId = new URL(page.url().replace('#', '')).searchParams.get('id') ?? '';
    expect(requestId).not.toBe('');
    await shot(page, 'r2-filed');
    await page.context().close();
  });

  it('the grid worker finds it in his queue, accepts and resolves it', async () => {
    const page = await phoneAs('grid_worker');
    const apiCalls: string[] = [];
    page.on('request', (req) => {
      if (req.url().includes('/api/')) apiCalls.push(new URL(req.url()).pathname);
    });
    await page.goto(`${web.url}/#/pages/requests/index`);
    await page.locator('[data-testid="request-card"]').first().waitFor();
    await page.getByText('名山小区3栋门口路灯坏了一周').first().tap();
    await page.locator('[data-testid="request-detail"]').waitFor();
    // The detail page loads what it needs once; it must not poll the API while open.
    await page.waitForTimeout(1500);
    expect(apiCalls.filter((p) => p === '/api/communities').length).toBeLessThanOrEqual(1);
    expect(apiCalls.filter((p) => p === '/api/requests/nearby').length).toBeLessThanOrEqual(1);
    await page.locator('[data-testid="action-accept"]').tap();
    await page.getByText('办理中').first().waitFor();
    await page.locator('[data-testid="action-text"] textarea').fill('已更换灯头，恢复照明');
    await page.locator('[data-testid="action-resolve"]').tap();
    await page.getByText('已办结待评价').first().waitFor();
    await shot(page, 'r3-resolved');
    await page.context().close();
  });

  it('the resident rates it and sees every step on the timeline', async () => {
    const page = await phoneAs('resident');
    await page.goto(`${web.url}/#/packages/request-detail/index?id=${requestId}`);
    await page.locator('[data-testid="rating"]').waitFor();
    await page.locator('[data-testid="star-5"]').tap();
    await page.locator('[data-testid="action-text"] textarea').fill('修得很快，谢谢');
    await page.locator('[data-testid="submit-rating"]').tap();
    await page.getByText('已完结').first().waitFor();
    const steps = await page.locator('[data-testid="timeline-event"]').allInnerTexts();
    expect(steps.map((s) => s.split(' · ')[0]!.trim())).toEqual(['提交反映', '受理', '办结', '评价']);
    await shot(page, 'r4-closed');
    await page.context().close();
  });
});
