/** Headless Debian Chromium for the end-to-end tests (playwright-core, no browser download). */
import { existsSync } from 'node:fs';
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
