/// <reference lib="dom" />
/**
 * End to end in headless Chromium at a phone viewport against the H5 build (built by `npm test`
 * before jest), served with its API proxy over the real handlers and DynamoDB Local.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describeBrowser, launchChromium, preAgreePrivacy, shownText } from '../support/browser';
import { startStaticServer, type StaticServer } from '../../infra/local/static-server';
import { startTestApi, type TestApi } from '../support/harness';

const ARTIFACTS = path.join(__dirname, 'artifacts');
const H5 = process.env.LINLI_H5_DIR ? path.resolve(process.env.LINLI_H5_DIR) : path.resolve(__dirname, '../../client/dist/h5');
describeBrowser('rider finds a station, opens it and reports a problem (H5, phone)', () => {
  let api: TestApi;
  let web: StaticServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** Screenshot after the page-switch animation has settled. */
  const shot = async (name: string) => {
    await page.waitForTimeout(600);
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    api = await startTestApi();
    web = await startStaticServer({ root: H5, apiUrl: api.url });
    browser = await launchChromium();
    context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      geolocation: { latitude: 29.6008, longitude: 103.4791 },
      permissions: ['geolocation'],
    });
    await preAgreePrivacy(context);
    page = await context.newPage();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await api?.stop();
  });

  it('logs in as the demo rider', async () => {
    await page.goto(`${web.url}/#/pages/me/index`);
    await page.locator('[data-testid="demo-login-rider"]').tap();
    await page.locator('[data-testid="me-card"]').waitFor();
    await shownText(page, '李强').waitFor();
    await shownText(page, '名山社区第一网格').waitFor();
    await shot('01-me');
  });

  it('lists nearby stations by distance and filters by an amenity', async () => {
    await page.goto(`${web.url}/#/pages/stations/index`);
    const cards = page.locator('[data-testid="station-card"]');
    await cards.first().waitFor();
    const before = await cards.count();
    expect(before).toBeGreaterThan(5);
    await page.locator('[data-testid="filter-food_heating"]').tap();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="station-card"]').length !== n, before);
    const after = await cards.count();
    expect(after).toBeGreaterThan(0);
    expect(after).toBeLessThan(before);
    for (const text of await cards.allInnerTexts()) expect(text).toContain('🍱');
    await shot('02-nearby-filtered');
  });

  it('opens a station with hours, amenities and freshness', async () => {
    const first = page.locator('[data-testid="station-card"]').first();
    const name = (await first.locator('.title').innerText()).trim();
    await first.tap();
    await page.locator('[data-testid="station-detail"]').waitFor();
    await shownText(page, name).waitFor();
    await page.getByText('开放时间').waitFor();
    await page.locator('[data-testid="freshness"]').waitFor();
    await shot('03-detail');
  });

  it('reports a problem that then shows on the station', async () => {
    await page.locator('[data-testid="report-problem"]').tap();
    await page.locator('[data-testid="report-form"]').waitFor();
    await page.locator('[data-testid="amenity-food_heating"]').tap();
    await page.locator('[data-testid="report-text"] textarea').fill('微波炉不加热，按钮没反应');
    await shot('04-report-form');
    await page.locator('[data-testid="submit-report"]').tap();
    await page.locator('[data-testid="open-issues"]').waitFor({ timeout: 10_000 });
    await shownText(page, '微波炉不加热，按钮没反应').waitFor();
    await shot('05-detail-with-issue');
  });

  it('shows the self-drawn plan of stations around the rider in H5', async () => {
    await page.goto(`${web.url}/#/pages/stations/index`);
    await page.locator('[data-testid="station-card"]').first().waitFor();
    await page.locator('[data-testid="open-map"]').tap();
    await page.locator('[data-testid="station-plan"]').waitFor();
    expect(await page.locator('[data-testid="plan-pin"]').count()).toBeGreaterThan(3);
    await shot('06-plan');
  });

  it('on a slow network the list shows the filter last chosen, not an older answer that came late', async () => {
    const nearby = (url: string) => url.includes('/api/stations/nearby');
    const pending = new Set<unknown>();
    const asked = (r: { url(): string }) => nearby(r.url()) && pending.add(r);
    const answered = (r: { url(): string }) => nearby(r.url()) && pending.delete(r);
    const settled = async () => {
      while (pending.size) await page.waitForTimeout(100);
      await page.waitForTimeout(300);
    };
    page.on('request', asked);
    page.on('requestfinished', answered);
    page.on('requestfailed', answered);
    await page.goto(`${web.url}/#/pages/stations/index`);
    const cards = page.locator('[data-testid="station-card"]');
    await cards.first().waitFor();
    await settled();
    // The list is a tab page: it kept the filter chosen earlier. Start from no filter.
    const chip = page.locator('[data-testid="filter-food_heating"]');
    const chosen = async () => /\bchip-on\b/.test((await chip.getAttribute('class')) ?? '');
    if (await chosen()) {
      await chip.tap();
      await settled();
    }
    expect(await chosen()).toBe(false);
    const all = await cards.count();
    // From now on an answer without a filter is held until a filtered one asked after it has come back.
    let slow = 0;
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const order: string[] = [];
    const filtered = (url: string) => new URL(url).searchParams.has('amenities');
    const finished = (r: { url(): string }) => {
      if (!nearby(r.url())) return;
      order.push(filtered(r.url()) ? 'filtered' : 'unfiltered');
      if (slow > 0 && filtered(r.url())) release();
    };
    page.on('requestfinished', finished);
    await page.route('**/api/stations/nearby?*', async (route) => {
      if (!filtered(route.request().url())) {
        slow++;
        await Promise.race([gate, new Promise((r) => setTimeout(r, 15_000))]);
      }
      await route.continue();
    });
    await chip.tap(); // food heating
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="station-card"]').length !== n, all);
    await chip.tap(); // off again: held
    await chip.tap(); // on again: the last thing the rider asked for, answered first
    // The held answer to the tap in between arrives last and must not replace the list.
    await settled();
    expect(await chosen()).toBe(true);
    expect(slow).toBeGreaterThan(0);
    expect(order.slice(-2)).toEqual(['filtered', 'unfiltered']);
    const texts = await cards.allInnerTexts();
    expect(texts.length).toBeLessThan(all);
    for (const text of texts) expect(text).toContain('🍱');
    page.off('request', asked);
    page.off('requestfinished', answered);
    page.off('requestfailed', answered);
    page.off('requestfinished', finished);
    await page.unroute('**/api/stations/nearby?*');
    await chip.tap(); // off: the whole list again
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="station-card"]').length === n, all);
  });

  it('falls back to the city centre, and says so, when location is refused', async () => {
    const denied = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    await preAgreePrivacy(denied);
    const p = await denied.newPage();
    const state = await context.storageState();
    await p.goto(`${web.url}/#/pages/me/index`);
    await p.evaluate((items) => {
      for (const { name, value } of items) localStorage.setItem(name, value);
    }, state.origins.find((o) => o.origin === web.url)?.localStorage ?? []);
    await p.goto(`${web.url}/#/pages/stations/index`);
    await p.locator('[data-testid="location-fallback"]').waitFor();
    expect(await p.locator('[data-testid="location-fallback"]').innerText()).toMatch(/峨眉山市中心/);
    await p.locator('[data-testid="station-card"]').first().waitFor();
    await p.waitForTimeout(600);
    await p.screenshot({ path: path.join(ARTIFACTS, '07-location-refused.png'), fullPage: true });
    await denied.close();
  });
});
