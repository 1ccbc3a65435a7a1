/** The weapp build (`npm run build:client`, run by `npm test` before jest) fits WeChat's limits. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { mainPackageBytes, subPackageBytes, WEAPP_DIST } from '../support/weapp-size';

describe('weapp build', () => {
  it('exists with app.json, project.config.json and the location privacy declarations', () => {
    expect(existsSync(path.join(WEAPP_DIST, 'project.config.json'))).toBe(true);
    const app = JSON.parse(readFileSync(path.join(WEAPP_DIST, 'app.json'), 'utf8'));
    expect(app.requiredPrivateInfos).toContain('getLocation');
    expect(app.permission['scope.userLocation'].desc).toMatch(/驿站/);
    expect(app.tabBar.list.map((t: { text: string }) => t.text)).toEqual(['接诉即办', '延时服务', '积分', '驿站', '我的']);
  });

  it('keeps the main package and every subpackage under WeChat’s 2 MB limit', () => {
    expect(mainPackageBytes()).toBeLessThan(2 * 1024 * 1024);
    const subs = subPackageBytes();
    expect(Object.keys(subs)).toEqual(['packages']);
    for (const bytes of Object.values(subs)) expect(bytes).toBeLessThan(2 * 1024 * 1024);
  });
});
