/** Headless Debian Chromium for the end-to-end tests (playwright-core, no browser download). */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { startStaticServer, type StaticServer } from '../../infra/local/static-server';
import { startTestApi, type TestApi } from './harness';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

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
export function browserSuite(): { api: TestApi; web: StaticServer; browser: Browser; artifacts: string } {
  const suite = { artifacts: path.join(__dirname, '../e2e/artifacts') } as { api: TestApi; web: StaticServer; browser: Browser; artifacts: string };
  beforeAll(async () => {
    mkdirSync(suite.artifacts, { recursive: true });
    suite.api = await startTestApi();
    suite.web = await startStaticServer({ root: path.resolve(__dirname, '../../client/dist/h5'), apiUrl: suite.api.url });
    suite.browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.web?.close();
    await suite.api?.stop();
  });
  return suite;
}
