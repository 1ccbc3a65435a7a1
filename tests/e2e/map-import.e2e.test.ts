/// <reference lib="dom" />
/**
 * End to end (H5, phone viewport): the street admin opens 街道地图导入 on 我的 and loads a small map
 * of his street — 新城社区 with two grids, and one building. A file whose first grid overlaps the
 * second (and a building outside every grid) is refused with each problem listed by its place in
 * the file, in Chinese; the corrected files are staged (已暂存 with the counts), then activated
 * after a confirmation. 人员邀请 now offers the new map's grids: he invites 赵新 as 网格员 of
 * 新城社区第二网格; a brand-new user accepts and his 接诉即办 tab shows his grid's queue. The street
 * admin revokes the invitation and the new grid worker's next request signs him out.
 */

import type { Page } from 'playwright-core';
import { answerModal, browserSuite, describeBrowser, fill, modal } from '../support/browser';

const STEP = 60_000;

/** A rectangle as a closed GeoJSON ring ([lng, lat]). */
const rect = (s: number, w: number, n: number, e: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ],
  ],
});
const feature = (properties: Record<string, unknown>, geometry: unknown) => ({ type: 'Feature', properties, geometry });
/** 新城社区 (29.70–29.71, 103.50–103.52) in two grids; `overlap` stretches the first into the second. */
const streetMap = (overlap = false) => ({
  type: 'FeatureCollection',
  features: [
    feature({ kind: 'community', id: 'cm-xincheng', name: '新城社区' }, rect(29.7, 103.5, 29.71, 103.52)),
    feature({ kind: 'grid', id: 'gd-xc-1', name: '新城社区第一网格', communityId: 'cm-xincheng', gridKind: 'ordinary', households: 300 }, rect(29.7, 103.5, 29.71, overlap ? 103.515 : 103.51)),
    feature({ kind: 'grid', id: 'gd-xc-2', name: '新城社区第二网格', communityId: 'cm-xincheng', households: 280 }, rect(29.7, 103.51, 29.71, 103.52)),
  ],
});
const BUILDINGS = '编号,名称,小区,纬度,经度\nbd-xc-5,5栋,新城小区,29.7025,103.5025\n';
const file = (name: string, mimeType: string, text: string) => ({ name, mimeType, buffer: Buffer.from(text, 'utf8') });
const geojsonFile = (name: string, map: unknown) => file(name, 'application/geo+json', JSON.stringify(map, null, 2));

describeBrowser('街道地图导入 in the browser', () => {
  const suite = browserSuite();

  const { phone, phoneAs, shot } = suite;
  const text = (page: Page, testid: string) => page.locator(`[data-testid="${testid}"]`).innerText();
  /** Waits until an element shows exactly this text (a chosen file is read asynchronously, so the old text may show for a moment). */
  const see = (page: Page, testid: string, value: string) =>
    page.waitForFunction(([id, v]) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() === v, [testid, value] as const);
  const toastsGone = (page: Page) => page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('.taro__toast')).every((t) => t.style.display === 'none'));
  /** Any English code on screen (a property, a field path, a status) is a bug: labels are Chinese. */
  const RAW_CODE = /\b(features|geometry|properties|buildingsCsv|staged|active|[a-z]+_[a-z]+)\b/;

  let admin: Page;
  /** Taro's H5 Button is a custom element: disabled shows as its attribute. */
  const uploadDisabled = async () => (await admin.locator('[data-testid="upload-map"]').getAttribute('disabled')) !== null;
  let invitee: Page;
  let code = '';

  it(
    'refuses a map whose grids overlap, listing every problem by its place in the file',
    async () => {
      admin = await phoneAs('street_admin');
      await admin.locator('[data-testid="open-map-import"]').tap();
      await admin.locator('[data-testid="map-import-page"]').waitFor();
      expect(await uploadDisabled()).toBe(true); // nothing chosen yet

      // Not JSON at all: said at once, in Chinese, and nothing to upload.
      await admin.locator('[data-testid="geojson-input"]').setInputFiles(file('新城街道.geojson', 'application/geo+json', '<xml>不是 JSON</xml>'));
      await expect(text(admin, 'geojson-error')).resolves.toBe('「新城街道.geojson」不是有效的 GeoJSON 文件：无法按 JSON 格式读取，请确认选对了文件');
      expect(await uploadDisabled()).toBe(true);

      // The broken map (the first grid reaches into the second) and a building far outside the street.
      await admin.locator('[data-testid="geojson-input"]').setInputFiles(geojsonFile('新城街道-初稿.geojson', streetMap(true)));
      await admin.locator('[data-testid="csv-input"]').setInputFiles(file('楼栋-初稿.csv', 'text/csv', `${BUILDINGS}bd-far,远处,外面,30.5,104.5\n`));
      await see(admin, 'geojson-name', '新城街道-初稿.geojson');
      await see(admin, 'geojson-communities', '1 个（新城社区）');
      await see(admin, 'geojson-grids', '2 个');
      await see(admin, 'csv-name', '楼栋-初稿.csv');
      await see(admin, 'csv-lines', '2 行');
      expect(await admin.locator('[data-testid="geojson-error"]').count()).toBe(0);

      const refused = admin.waitForResponse((r) => r.url().endsWith('/streets/st-suishan/map-imports') && r.request().method() === 'POST');
      await admin.locator('[data-testid="upload-map"]').tap();
      const res = await refused;
      expect(res.status()).toBe(400);
      expect(res.request().headers()['idempotency-key']).toMatch(/^k-/);
      const sent = JSON.parse(res.request().postData() ?? '{}') as { geojson: { type: string }; buildingsCsv: string };
      expect(sent.geojson.type).toBe('FeatureCollection'); // the parsed object, not the text
      expect(sent.buildingsCsv).toContain('bd-far');

      const problems = admin.locator('[data-testid="map-problems"]');
      await problems.waitFor();
      await expect(text(admin, 'problems-title')).resolves.toBe('地图文件有 2 处问题，未导入');
      const rows = await problems.locator('[data-testid="map-problem"]').evaluateAll((els) =>
        els.map((e) => [e.querySelector<HTMLElement>('[data-testid="problem-place"]')!.innerText, e.querySelector<HTMLElement>('[data-testid="problem-message"]')!.innerText]),
      );
      expect(rows).toEqual(
        expect.arrayContaining([
          ['1. 第 3 个要素「新城社区第二网格」 · 边界', '普通网格「新城社区第二网格」与「新城社区第一网格」重叠'],
          [expect.stringMatching(/^\d\. 楼栋文件第 3 行$/), '楼栋「远处」不在任何网格内'],
        ]),
      );
      expect(rows).toHaveLength(2);
      expect(await problems.innerText()).not.toMatch(RAW_CODE);
      expect(await admin.locator('[data-testid="map-staged"]').count()).toBe(0);
      await shot(admin, 'map-1-problems');
    },
    STEP,
  );

  it(
    'stages the corrected files (已暂存 with the counts) and activates them after a confirmation',
    async () => {
      await admin.locator('[data-testid="geojson-input"]').setInputFiles(geojsonFile('新城街道.geojson', streetMap()));
      // A new file starts over: the old problems go.
      await admin.locator('[data-testid="map-problems"]').waitFor({ state: 'detached' });
      await admin.locator('[data-testid="csv-input"]').setInputFiles(file('楼栋.csv', 'text/csv', BUILDINGS));
      await see(admin, 'geojson-name', '新城街道.geojson');
      await see(admin, 'csv-lines', '1 行');

      const uploaded = () => admin.waitForResponse((r) => r.url().endsWith('/streets/st-suishan/map-imports') && r.request().method() === 'POST');
      let staged = uploaded();
      await admin.locator('[data-testid="upload-map"]').tap();
      const first = await staged;
      expect(first.status()).toBe(201);
      await admin.locator('[data-testid="map-staged"]').waitFor();
      await expect(text(admin, 'staged-counts')).resolves.toBe('已暂存：1 个社区、2 个网格、1 栋楼');

      // The same files chosen again are the same upload (one idempotency key per file content): the same import, replayed.
      await admin.locator('[data-testid="geojson-input"]').setInputFiles(geojsonFile('新城街道-副本.geojson', streetMap()));
      await admin.locator('[data-testid="map-staged"]').waitFor({ state: 'detached' });
      await see(admin, 'geojson-name', '新城街道-副本.geojson');
      staged = uploaded();
      await admin.locator('[data-testid="upload-map"]').tap();
      const again = await staged;
      expect(again.status()).toBe(200);
      expect(again.request().headers()['idempotency-key']).toBe(first.request().headers()['idempotency-key']);
      expect(((await again.json()) as { import: { id: string } }).import.id).toBe(((await first.json()) as { import: { id: string } }).import.id);
      await expect(text(admin, 'staged-counts')).resolves.toBe('已暂存：1 个社区、2 个网格、1 栋楼');
      expect(await admin.locator('[data-testid="map-staged"]').innerText()).not.toMatch(RAW_CODE);
      // Staged is invisible: the street still lists its old communities.
      const before = await suite.api.call('GET', '/places/streets/st-suishan/communities', { token: await suite.api.tokenFor('street_admin') });
      expect(before.body.items.map((c: { id: string }) => c.id)).not.toContain('cm-xincheng');
      await shot(admin, 'map-2-staged');

      // 启用新地图 asks first; 再想想 changes nothing.
      await admin.locator('[data-testid="activate-map"]').tap();
      await expect(modal(admin).locator('.taro-modal__text').innerText()).resolves.toBe('启用后全街道的社区和网格将替换为新地图，确定启用？');
      await answerModal(admin, 'cancel');
      await admin.locator('[data-testid="map-staged"]').waitFor();
      const activated = admin.waitForResponse((r) => /\/streets\/st-suishan\/map-imports\/[^/]+\/activation$/.test(r.url()));
      await admin.locator('[data-testid="activate-map"]').tap();
      await answerModal(admin, 'confirm');
      expect((await activated).status()).toBe(200);
      await admin.locator('[data-testid="map-active"]').waitFor();
      await expect(text(admin, 'active-counts')).resolves.toBe('新地图：1 个社区、2 个网格、1 栋楼');
      expect(await admin.locator('[data-testid="map-active"]').innerText()).toContain('已启用');
      expect(await admin.locator('[data-testid="error"]:visible').count()).toBe(0);
      await toastsGone(admin);
      await shot(admin, 'map-3-active');
    },
    STEP,
  );

  it(
    'the street admin invites 赵新 as 网格员 of 新城社区第二网格: 人员邀请 offers the new map’s grids',
    async () => {
      await admin.locator('[data-testid="map-active"] [data-testid="open-invitations"]').tap();
      await admin.locator('[data-testid="invitation-list"]').waitFor();
      await admin.locator('[data-testid="new-invitation"]').tap();
      await admin.locator('[data-testid="invitation-form"]').waitFor();
      const communities = admin.waitForResponse((r) => r.url().endsWith('/communities') && r.request().method() === 'GET');
      await admin.locator('[data-testid="role-grid_worker"]').tap();
      expect((await communities).status()).toBe(200);

      // Only the new map: 新城社区 and its two grids (the old communities are gone).
      await admin.locator('[data-testid="community-cm-xincheng"]').waitFor();
      expect(await admin.locator('[data-testid^="community-"]').allInnerTexts()).toEqual(['新城社区']);
      await admin.locator('[data-testid="community-cm-xincheng"]').tap();
      expect(await admin.locator('[data-testid^="grid-"]').allInnerTexts()).toEqual(['新城社区第一网格', '新城社区第二网格']);
      await admin.locator('[data-testid="grid-gd-xc-2"]').tap();
      await fill(admin, 'invitee-name', '赵新');
      await shot(admin, 'map-4-invite');

      const created = admin.waitForResponse((r) => r.url().endsWith('/invitations') && r.request().method() === 'POST');
      await admin.locator('[data-testid="create-invitation"]').tap();
      expect((await created).status()).toBe(201);
      await admin.locator('[data-testid="invitation-card"]').waitFor();
      code = (await text(admin, 'invitation-code')).replace(/\s+/g, '');
      expect(code).toMatch(/^[A-Z2-9]{8}$/);
      await expect(text(admin, 'card-role')).resolves.toBe('网格员');
      await expect(admin.locator('[data-testid="invitation-card"]').innerText()).resolves.toContain('新城社区第二网格');
    },
    STEP,
  );

  it(
    'a brand-new user accepts and works the queue of his new grid',
    async () => {
      invitee = await phone(`/#/packages/invite/index?code=${code}`);
      await invitee.locator('[data-testid="invite-go-login"]').tap();
      await invitee.locator('[data-testid="demo-login-new"]').tap();
      await invitee.locator('[data-testid="invite-preview"]').waitFor();
      await expect(text(invitee, 'invite-role')).resolves.toBe('网格员');
      await expect(text(invitee, 'invite-place')).resolves.toBe('新城社区 新城社区第二网格');
      const accepted = invitee.waitForResponse((r) => r.url().endsWith(`/invitations/${code}/acceptance`));
      await invitee.locator('[data-testid="accept-invitation"]').tap();
      await answerModal(invitee, 'confirm');
      expect((await accepted).status()).toBe(200);
      await invitee.waitForURL(/pages\/me\/index/);
      await invitee.locator('[data-testid="me-card"]').getByText('网格员', { exact: true }).waitFor();

      // 接诉即办: the staff queue of his grid, loaded without error.
      const queue = invitee.waitForResponse((r) => r.url().includes('/staff/requests'));
      await invitee.goto(`${suite.web.url}/#/pages/requests/index`);
      expect((await queue).status()).toBe(200);
      await invitee.locator('[data-testid="tab-queue"].chip-on').waitFor();
      await invitee.locator('[data-testid="empty"]:visible, [data-testid="request-card"]:visible').first().waitFor();
      expect(await invitee.locator('[data-testid="error"]:visible').count()).toBe(0);
      await shot(invitee, 'map-5-queue');
    },
    STEP,
  );

  it(
    'the street admin revokes the invitation; the new grid worker is signed out on his next request',
    async () => {
      await admin.locator('[data-testid="back-to-list"]').tap();
      const row = admin.locator(`[data-testid="invitation-${code}"]`);
      await row.waitFor();
      await expect(row.locator('[data-testid="invitation-status"]').innerText()).resolves.toBe('已接受');
      expect(await row.innerText()).toContain('新城社区第二网格');
      const revoked = admin.waitForResponse((r) => r.url().endsWith(`/invitations/${code}/revocation`));
      await row.locator(`[data-testid="revoke-${code}"]`).tap();
      await answerModal(admin, 'confirm');
      expect((await revoked).status()).toBe(200);
      await row.locator('[data-testid="invitation-status"]').getByText('已撤销').waitFor();
      await admin.context().close();

      const stale = invitee.waitForResponse((r) => r.url().includes('/staff/requests'));
      await invitee.reload();
      const res = await stale;
      expect(res.status()).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('session_stale');
      await invitee.getByText('登录后反映问题').waitFor();
      await invitee.getByText('去登录', { exact: true }).waitFor();
      expect(await invitee.locator('[data-testid="tab-queue"]').count()).toBe(0);
      await shot(invitee, 'map-6-signed-out');
      await invitee.goto(`${suite.web.url}/#/pages/me/index`);
      await invitee.locator('[data-testid="demo-logins"]').waitFor();
      await invitee.context().close();
    },
    STEP,
  );

  it(
    'is for street admins only: 我的 shows no 街道地图导入 to a community admin, and the page says so',
    async () => {
      const page = await phoneAs('community_admin');
      await page.locator('[data-testid="open-invitations"]').waitFor();
      expect(await page.locator('[data-testid="open-map-import"]').count()).toBe(0);
      await page.goto(`${suite.web.url}/#/packages/map-import/index`);
      await page.locator('[data-testid="map-import-denied"]').getByText('没有导入权限').waitFor();
      expect(await page.locator('[data-testid="geojson-input"]').count()).toBe(0);
      await page.context().close();
    },
    STEP,
  );
});
