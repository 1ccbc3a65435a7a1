/** Headless Debian Chromium for the end-to-end tests (playwright-core, no browser download). */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { startStaticServer, type StaticServer } from '../../infra/local/static-server';
import { startTestApi, type TestApi } from './harness';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * CI (CI=true, set by .ci/run) always runs the browser tests; on a developer machine without
 * Chromium they are skipped with a notice instead of failing the whole run.
 */
const required = process.env.CI === 'true' || process.env.CI === '1';
if (!existsSync(CHROMIUM) && !required) {
  process.stderr.write(`\n  Browser tests skipped: no Chromium at ${CHROMIUM} (sudo apt-get install -y chromium).\n\n`);
}
export const describeBrowser = existsSync(CHROMIUM) || required ? describe : describe.skip;

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });

/**
 * The H5 client asks for 隐私授权 (client/src/services/privacy.ts) before location, the phone number
 * or photos are used. Tests that are not about that agree up front: every page of the context starts
 * with `window.__linliPrivacy = 'agreed'`, which the client reads in H5 only.
 */
export async function preAgreePrivacy(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    (globalThis as { __linliPrivacy?: string }).__linliPrivacy = 'agreed';
  });
}

/**
 * The set-up every browser suite shares: the API on the test store, the H5 build served with an
 * /api proxy, and Chromium; stopped after the suite. Read the fields inside tests (they are set in
 * beforeAll).
 */
export interface BrowserSuite {
  api: TestApi;
  web: StaticServer;
  browser: Browser;
  artifacts: string;
  /** A phone of its own (a separate browser context: its own storage, so its own session), opened at `at`. */
  phone(at?: string, options?: PhoneOptions): Promise<Page>;
  /** A phone signed in with a demo login on 我的. */
  phoneAs(role: string, options?: PhoneOptions): Promise<Page>;
  /** The whole page: Taro's H5 pages scroll inside the page element, so the viewport grows to fit it for the picture. */
  shot(page: Page, name: string): Promise<void>;
}

/** A position inside 名山社区第一网格 (the demo resident's grid). */
export const IN_GRID_1 = { latitude: 29.605, longitude: 103.474 };

/** How a test phone is set up: its width, a position inside 名山社区第一网格, the privacy notice agreed, API calls watched. */
export interface PhoneOptions {
  width?: number;
  located?: boolean;
  /** A position of the test's own (implies location allowed); wins over `located`. */
  geolocation?: { latitude: number; longitude: number };
  agreed?: boolean;
  /** Sees every API call (path and method) from the first page on. */
  watch?: (path: string, method: string) => void;
}

export function browserSuite(): BrowserSuite {
  const suite: BrowserSuite = {
    artifacts: path.join(__dirname, '../e2e/artifacts'),
    async phone(at = '/#/pages/me/index', options = {}) {
      const context = await suite.browser.newContext({
        viewport: { width: options.width ?? 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        locale: 'zh-CN',
        ...(options.geolocation || options.located ? { geolocation: options.geolocation ?? IN_GRID_1, permissions: ['geolocation'] } : {}),
      });
      if (options.agreed) await preAgreePrivacy(context);
      const page = await context.newPage();
      const { watch } = options;
      if (watch) page.on('request', (r) => r.url().includes('/api/') && watch(new URL(r.url()).pathname, r.method()));
      await page.goto(`${suite.web.url}${at}`);
      return page;
    },
    async phoneAs(role, options) {
      const page = await suite.phone(undefined, options);
      await page.locator(`[data-testid="demo-login-${role}"]`).tap();
      await page.locator('[data-testid="me-card"]').waitFor();
      return page;
    },
    async shot(page, name) {
      await page.waitForTimeout(600);
      const viewport = page.viewportSize()!;
      const height = await page.evaluate(() =>
        Math.max(...Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).filter((e) => e.offsetParent !== null || e.style.display !== 'none').map((e) => e.scrollHeight), 0),
      );
      if (height > viewport.height) await page.setViewportSize({ width: viewport.width, height: Math.min(height, 4000) });
      await page.screenshot({ path: path.join(suite.artifacts, `${name}.png`), fullPage: true });
      await page.setViewportSize(viewport);
    },
  } as BrowserSuite;
  beforeAll(async () => {
    mkdirSync(suite.artifacts, { recursive: true });
    suite.api = await startTestApi();
    suite.web = await startStaticServer({ root: process.env.LINLI_H5_DIR ? path.resolve(process.env.LINLI_H5_DIR) : path.resolve(__dirname, '../../client/dist/h5'), apiUrl: suite.api.url });
    suite.browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.web?.close();
    await suite.api?.stop();
  });
  return suite;
}

/** Types into the input inside the element with this test id. */
export const fill = (page: Page, testid: string, value: string) => page.locator(`[data-testid="${testid}"] input`).fill(value);
/**
 * Taro H5 keeps the earlier pages of the stack in the DOM, hidden and before the current one: a test looks for what
 * is shown (a hidden match first in the page would make a wait pass on a fast machine and time out on a slow one).
 */
export const visible = (page: Page, testid: string) => page.locator(`[data-testid="${testid}"]:visible`);
/** The first shown element with this text (see `visible`). */
export const shownText = (page: Page, text: string) => page.getByText(text).filter({ visible: true }).first();

/** Taro.showModal in H5 is a DOM dialog: its text, then 确定 (or the cancel button). */
export const modal = (page: Page) => page.locator('.taro__modal .taro-modal__content:visible');
export async function answerModal(page: Page, answer: 'confirm' | 'cancel'): Promise<void> {
  await modal(page).locator(answer === 'confirm' ? '.taro-model__confirm' : '.taro-model__cancel').click();
  await modal(page).waitFor({ state: 'hidden' });
}

/**
 * Touch targets (buttons, chips) of the page on top smaller than `min` CSS pixels either way,
 * described for the failure message: elder-friendly pages keep every one at least 44×44.
 */
export async function smallTouchTargets(page: Page, min = 44): Promise<string[]> {
  return page.evaluate((m) => {
    // Taro H5 keeps the pages below (and the tab pages) in the DOM: the one on top is the last shown.
    const shown = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).filter((e) => e.offsetParent !== null);
    const top = shown[shown.length - 1];
    if (!top) return ['no page shown'];
    const found: string[] = [];
    for (const e of Array.from(top.querySelectorAll<HTMLElement>('taro-button-core, button, .chip'))) {
      const r = e.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || e.offsetParent === null) continue; // not shown
      if (r.width < m || r.height < m) found.push(`${(e.innerText || e.dataset.testid || '?').trim()} ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return found;
  }, min);
}

/**
 * Pulls the page on top down with a finger (touch events through the DevTools protocol), as a user
 * refreshes a list: Taro's H5 pull-down refresh then calls the page's onPullDownRefresh.
 */
export async function pullDown(page: Page): Promise<void> {
  // A toast on screen (登录成功, 已保存) takes the touches: wait for it to go first.
  await page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('.taro__toast')).every((t) => t.style.display === 'none'));
  const cdp = await page.context().newCDPSession(page);
  const x = 195;
  const at = (y: number) => [{ x, y, id: 1 }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(160) });
  for (let y = 180; y <= 460; y += 20) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(y) });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}
