/** The weapp build (`npm run build:client`, run by `npm test` before jest) fits WeChat's limits. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const DIST = path.resolve(__dirname, '../../client/dist/weapp');

function size(dir: string, skip: Set<string>): number {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (skip.has(p)) continue;
    total += e.isDirectory() ? size(p, skip) : e.name.endsWith('.LICENSE.txt') ? 0 : statSync(p).size;
  }
  return total;
}

/** Bytes of the main package: everything except subpackage roots. */
export function mainPackageBytes(): number {
  const app = JSON.parse(readFileSync(path.join(DIST, 'app.json'), 'utf8')) as { subPackages?: { root: string }[]; subpackages?: { root: string }[] };
  const subs = [...(app.subPackages ?? []), ...(app.subpackages ?? [])].map((s) => path.join(DIST, s.root.replace(/\/$/, '')));
  return size(DIST, new Set(subs));
}

describe('weapp build', () => {
  it('exists with app.json, project.config.json and the location privacy declarations', () => {
    expect(existsSync(path.join(DIST, 'project.config.json'))).toBe(true);
    const app = JSON.parse(readFileSync(path.join(DIST, 'app.json'), 'utf8'));
    expect(app.requiredPrivateInfos).toContain('getLocation');
    expect(app.permission['scope.userLocation'].desc).toMatch(/驿站/);
    expect(app.tabBar.list.map((t: { text: string }) => t.text)).toEqual(['接诉即办', '延时服务', '积分', '驿站', '我的']);
  });

  it('keeps the main package under WeChat’s 2 MB limit', () => {
    expect(mainPackageBytes()).toBeLessThan(2 * 1024 * 1024);
  });
});
