/**
 * WeChat's code-quality check on the weapp build (`npm run build:client`, run by `npm test` before jest):
 * the items the upload review shows (minified JS/WXML/WXSS, lazy code loading, package sizes, unused
 * files…) and the module-graph analysis, both from `miniprogram-ci`, offline (no AppID, no network).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as ci from 'miniprogram-ci';
import { mainPackageBytes, WEAPP_DIST } from '../support/weapp-size';

/**
 * Our own ceiling for the main package (WeChat's item allows 1.5 MB): it holds only the five tabs, and
 * 400 KB is the budget of issue 13 (598,410 → 542,134 → 392,246 bytes: zod, the schemas and the locale
 * left it for `@linli/shared/plain`, and the weapp build targets ES2020 engines; docs/decisions.md).
 */
const MAIN_PACKAGE_BUDGET = 400 * 1024;

/**
 * The checks watch the build folder (chokidar) and never stop: record the watchers they start and close
 * them after the run, or jest would not exit.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const chokidar = require(require.resolve('chokidar', { paths: [require.resolve('miniprogram-ci')] })) as { watch: (...a: unknown[]) => { close(): Promise<void> } };
const watchers: { close(): Promise<void> }[] = [];
const watch = chokidar.watch;
chokidar.watch = (...a: unknown[]) => {
  const w = watch(...a);
  watchers.push(w);
  return w;
};

type QualityItem = Awaited<ReturnType<typeof ci.checkCodeQuality>>[number];

function project(): ci.Project {
  const p = new ci.Project({ appid: 'wx0000000000000000', type: 'miniProgram', projectPath: WEAPP_DIST, privateKey: 'dummy' });
  const { setting } = JSON.parse(readFileSync(path.join(WEAPP_DIST, 'project.config.json'), 'utf8')) as { setting: Record<string, unknown> };
  // What the WeChat servers would answer about the AppID; the checks themselves run locally.
  p.attr = async () => ({ platform: true, appType: 0, setting });
  return p;
}

describe('weapp build: WeChat code quality', () => {
  let items: QualityItem[];
  let analysis: Awaited<ReturnType<typeof ci.analyseCode>>;

  beforeAll(async () => {
    items = await ci.checkCodeQuality(project());
    analysis = await ci.analyseCode(project(), { silent: true });
  }, 120_000);

  afterAll(() => Promise.all(watchers.map((w) => w.close())));

  it('passes every item of checkCodeQuality', () => {
    expect(items.length).toBeGreaterThanOrEqual(11);
    const failed = items.filter((i) => !i.success).map((i) => `${i.name}: ${i.text}`);
    expect(failed).toEqual([]);
  });

  it('checks minified JS, WXML and WXSS and lazy code loading', () => {
    const names = items.map((i) => i.name);
    expect(names).toEqual(expect.arrayContaining(['JS_COMPRESS_OPEN', 'WXML_COMPRESS_OPEN', 'WXSS_COMPRESS_OPEN', 'LAZYCODE_LOADING_OPEN']));
  });

  it('keeps the main package (all five tabs) under its ceiling, by our count and by the check’s', () => {
    const app = JSON.parse(readFileSync(path.join(WEAPP_DIST, 'app.json'), 'utf8')) as { tabBar: { list: { pagePath: string }[] } };
    expect(app.tabBar.list).toHaveLength(5);
    expect(mainPackageBytes()).toBeLessThan(MAIN_PACKAGE_BUDGET);
    const sizes = items.find((i) => i.name === 'PACKAGE_SIZE_LIMIT')?.detail as Record<string, number>;
    expect(sizes.__APP__).toBeLessThan(MAIN_PACKAGE_BUDGET);
  });

  it('preloads subpackages from the tab pages', () => {
    const app = JSON.parse(readFileSync(path.join(WEAPP_DIST, 'app.json'), 'utf8')) as {
      lazyCodeLoading?: string;
      preloadRule?: Record<string, { packages: string[] }>;
      subPackages: { root: string; name?: string }[];
      tabBar: { list: { pagePath: string }[] };
    };
    expect(app.lazyCodeLoading).toBe('requiredComponents');
    const known = new Set(app.subPackages.flatMap((s) => [s.root, s.root.replace(/\/$/, ''), s.name]));
    for (const tab of app.tabBar.list) {
      const rule = app.preloadRule?.[tab.pagePath];
      expect(rule?.packages.length).toBeGreaterThan(0);
      for (const p of rule!.packages) expect(known.has(p)).toBe(true);
    }
  });

  it('analyseCode finds no module errors', () => {
    expect(analysis).toBeDefined();
    const errors = analysis!.modules.filter((m) => m.buildError || m.errors?.length).map((m) => `${m.path}: ${m.buildError ?? m.errors!.join('; ')}`);
    expect(errors).toEqual([]);
    expect(analysis!.files.length).toBeGreaterThan(0);
  });
});
