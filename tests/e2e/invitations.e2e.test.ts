/// <reference lib="dom" />
/**
 * End to end (H5, phone viewport): the street admin opens 人员邀请 on 我的 and invites 陈国强 as 网格员
 * of 名山社区第二网格; a brand-new WeChat user opens the code, signs in, sees the role and the place,
 * accepts after a confirmation and lands on 我的 as 网格员, and his 接诉即办 tab shows his grid's
 * queue; someone else who had the same code open is told it is used. The street admin then revokes
 * the invitation (after a confirmation) and the new grid worker's next request signs him out.
 * A community admin may invite only to his community and its grids (a 楼长 needs his building); a
 * platform administrator invites street admins.
 */

import type { Page } from 'playwright-core';
import { answerModal, browserSuite, describeBrowser, fill, modal } from '../support/browser';

const STEP = 60_000;

describeBrowser('人员邀请 in the browser', () => {
  const suite = browserSuite();

  const { phone, phoneAs, shot } = suite;
  /** Any English code on screen (a role or status code) is a bug: labels are Chinese. */
  const RAW_CODE = /\b(grid_worker|street_admin|open|accepted|revoked|expired|[a-z]+_[a-z]+)\b/;

  let admin: Page;
  let invitee: Page;
  let code = '';

  it(
    'the street admin invites 陈国强 as 网格员 of 名山社区第二网格 and gets a code to read out',
    async () => {
      admin = await phoneAs('street_admin');
      await admin.locator('[data-testid="open-invitations"]').tap();
      await admin.locator('[data-testid="invitation-list"]').waitFor();
      await admin.locator('[data-testid="new-invitation"]').tap();
      await admin.locator('[data-testid="invitation-form"]').waitFor();

      // A street admin may invite to every invited role, all in Chinese.
      const roles = await admin.locator('[data-testid^="role-"]').allInnerTexts();
      expect(roles).toEqual(['网格员', '兼职网格员', '楼长', '社区工作人员', '驿站站长', '物业工作人员', '服务中心工作人员', '兑换点工作人员', '街道工作人员', '部门工作人员']);

      // Nothing chosen: the problems show by the fields, before any request.
      await admin.locator('[data-testid="create-invitation"]').tap();
      await expect(admin.locator('[data-testid="error-role"]').innerText()).resolves.toBe('请选择要邀请的角色');
      await expect(admin.locator('[data-testid="error-invitee"]').innerText()).resolves.toBe('请填写被邀请人姓名');
      await admin.locator('[data-testid="role-grid_worker"]').tap();
      await admin.locator('[data-testid="create-invitation"]').tap();
      await expect(admin.locator('[data-testid="error-place"]').innerText()).resolves.toBe('请选择社区和网格');

      await admin.locator('[data-testid="community-cm-mingshan"]').tap();
      await admin.locator('[data-testid="grid-gd-ms-2"]').tap();
      await fill(admin, 'invitee-name', '陈国强');
      // Each error goes once its field is put right.
      expect(await admin.locator('[data-testid="error-place"]').count()).toBe(0);
      expect(await admin.locator('[data-testid="error-invitee"]').count()).toBe(0);
      expect(await admin.locator('[data-testid="error"]:visible').count()).toBe(0);
      await shot(admin, 'invite-1-form');

      const created = admin.waitForResponse((r) => r.url().endsWith('/invitations') && r.request().method() === 'POST');
      await admin.locator('[data-testid="create-invitation"]').tap();
      const res = await created;
      expect(res.status()).toBe(201);
      expect(res.request().headers()['idempotency-key']).toMatch(/^k-/);

      const card = admin.locator('[data-testid="invitation-card"]');
      await card.waitFor();
      const shown = await admin.locator('[data-testid="invitation-code"]').innerText();
      expect(shown).toMatch(/^[A-Z2-9]{4} [A-Z2-9]{4}$/); // spaced, to read aloud
      code = shown.replace(/\s+/g, '');
      await expect(admin.locator('[data-testid="card-role"]').innerText()).resolves.toBe('网格员');
      await expect(card.innerText()).resolves.toContain('名山社区第二网格');
      await expect(admin.locator('[data-testid="card-expiry"]').innerText()).resolves.toMatch(/^有效期至 \d+月\d+日 \d\d:\d\d$/);
      // The QR code is drawn in the page (a GIF data URL) and shows.
      const qr = admin.locator('[data-testid="invitation-qr"] img');
      await expect(qr.getAttribute('src')).resolves.toMatch(/^data:image\/gif;base64,/);
      await admin.waitForFunction(() => (document.querySelector<HTMLImageElement>('[data-testid="invitation-qr"] img')?.naturalWidth ?? 0) > 100);
      expect(await card.innerText()).not.toMatch(RAW_CODE);
      await shot(admin, 'invite-2-code');
    },
    STEP,
  );

  it(
    'a brand-new user opens the code, signs in, sees 网格员 and the place, accepts and works his grid’s queue',
    async () => {
      // Not signed in: 请先登录 → 我的 → 新用户 → back to the invitation.
      invitee = await phone(`/#/packages/invite/index?code=${code.toLowerCase()}`);
      await invitee.locator('[data-testid="invite-login"]').waitFor();
      await invitee.locator('[data-testid="invite-go-login"]').tap();
      await invitee.locator('[data-testid="demo-login-new"]').tap();
      await invitee.locator('[data-testid="invite-preview"]').waitFor();
      expect(invitee.url()).toContain(`/packages/invite/index?code=${code}`);
      await expect(invitee.locator('[data-testid="invite-role"]').innerText()).resolves.toBe('网格员');
      await expect(invitee.locator('[data-testid="invite-place"]').innerText()).resolves.toBe('名山社区 名山社区第二网格');
      await expect(invitee.locator('[data-testid="invite-status"]').innerText()).resolves.toBe('待接受');
      const preview = await invitee.locator('[data-testid="invite-preview"]').innerText();
      expect(preview).toContain('周建国'); // the demo street admin invites
      expect(preview).toContain('陈国强');
      expect(preview).toMatch(/有效期至\s*\d+月\d+日/);
      expect(preview).not.toMatch(RAW_CODE);
      await shot(invitee, 'invite-3-preview');

      // Someone else has the same code open (through 输入邀请码 on 我的).
      const late = await phone();
      await late.locator('[data-testid="demo-login-new"]').tap();
      await late.locator('[data-testid="invite-entry"]').waitFor();
      await fill(late, 'invite-code-input', 'ABC');
      await late.locator('[data-testid="open-invite"]').tap();
      await expect(late.locator('[data-testid="error-invite-code"]').innerText()).resolves.toBe('邀请码为 8 位字母或数字');
      await fill(late, 'invite-code-input', code);
      await late.locator('[data-testid="open-invite"]').tap();
      await late.locator('[data-testid="accept-invitation"]').waitFor();

      // 接受邀请 asks first; 再想想 leaves everything as it was.
      await invitee.locator('[data-testid="accept-invitation"]').tap();
      await expect(modal(invitee).locator('.taro-modal__text').innerText()).resolves.toBe('接受后您将担任网格员，负责名山社区 名山社区第二网格。');
      await answerModal(invitee, 'cancel');
      await expect(invitee.locator('[data-testid="invite-status"]').innerText()).resolves.toBe('待接受');
      const accepted = invitee.waitForResponse((r) => r.url().endsWith(`/invitations/${code}/acceptance`));
      await invitee.locator('[data-testid="accept-invitation"]').tap();
      await answerModal(invitee, 'confirm');
      expect((await accepted).status()).toBe(200);

      // 我的 shows the role.
      await invitee.waitForURL(/pages\/me\/index/);
      await invitee.locator('[data-testid="me-card"]').getByText('网格员', { exact: true }).waitFor();
      await shot(invitee, 'invite-4-accepted');

      // 接诉即办: the staff queue of his grid, loaded without error.
      const queue = invitee.waitForResponse((r) => r.url().includes('/staff/requests'));
      await invitee.goto(`${suite.web.url}/#/pages/requests/index`);
      expect((await queue).status()).toBe(200);
      await invitee.locator('[data-testid="tab-queue"].chip-on').waitFor();
      await invitee.locator('[data-testid="empty"]:visible, [data-testid="request-card"]:visible').first().waitFor();
      expect(await invitee.locator('[data-testid="error"]:visible').count()).toBe(0);
      await shot(invitee, 'invite-4b-queue');

      // The other one, too late: the server's reason, in Chinese, and the status as it is now.
      await late.locator('[data-testid="accept-invitation"]').tap();
      await answerModal(late, 'confirm');
      await expect(late.locator('[data-testid="error"]').innerText()).resolves.toContain('该邀请码已被使用');
      await late.locator('[data-testid="invite-status"]').getByText('已接受').waitFor();
      expect(await late.locator('[data-testid="accept-invitation"]').count()).toBe(0);
      await late.context().close();
    },
    STEP,
  );

  it(
    'the street admin revokes it after confirming; the new grid worker is signed out on his next request',
    async () => {
      await admin.locator('[data-testid="back-to-list"]').tap();
      const row = admin.locator(`[data-testid="invitation-${code}"]`);
      await row.waitFor();
      await expect(row.locator('[data-testid="invitation-status"]').innerText()).resolves.toBe('已接受');
      const text = await row.innerText();
      expect(text).toContain('陈国强');
      expect(text).toContain('网格员');
      expect(text).toContain('名山社区第二网格');
      expect(text).not.toMatch(RAW_CODE);

      // 撤销 asks first (it takes the role away); 不撤销 changes nothing.
      await row.locator(`[data-testid="revoke-${code}"]`).tap();
      await expect(modal(admin).locator('.taro-modal__text').innerText()).resolves.toContain('陈国强将不再担任网格员');
      await shot(admin, 'invite-5a-confirm');
      await answerModal(admin, 'cancel');
      await expect(row.locator('[data-testid="invitation-status"]').innerText()).resolves.toBe('已接受');
      const revoked = admin.waitForResponse((r) => r.url().endsWith(`/invitations/${code}/revocation`));
      await row.locator(`[data-testid="revoke-${code}"]`).tap();
      await answerModal(admin, 'confirm');
      expect((await revoked).status()).toBe(200);
      await row.locator('[data-testid="invitation-status"]').getByText('已撤销').waitFor();
      expect(await row.locator(`[data-testid="revoke-${code}"]`).count()).toBe(0);

      // The status chips filter the list.
      const openOnes = admin.waitForResponse((r) => r.url().includes('/invitations?status=open'));
      await admin.locator('[data-testid="filter-open"]').tap();
      expect((await openOnes).status()).toBe(200);
      await admin.locator('[data-testid="invitation-list"] [data-testid="loading"]').waitFor({ state: 'detached' });
      expect(await row.count()).toBe(0);
      await admin.locator('[data-testid="filter-revoked"]').tap();
      await row.waitFor();
      // 已撤销 fades before the picture.
      await admin.waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('.taro__toast')).every((t) => t.style.display === 'none'));
      await shot(admin, 'invite-5-revoked');
      await admin.context().close();

      // The new grid worker's next request answers 401 (session_stale): the client signs him out.
      const stale = invitee.waitForResponse((r) => r.url().includes('/staff/requests'));
      await invitee.reload();
      const res = await stale;
      expect(res.status()).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('session_stale');
      await invitee.getByText('登录后反映问题').waitFor();
      await invitee.getByText('去登录', { exact: true }).waitFor();
      expect(await invitee.locator('[data-testid="tab-queue"]').count()).toBe(0);
      await shot(invitee, 'invite-6-signed-out');
      await invitee.goto(`${suite.web.url}/#/pages/me/index`);
      await invitee.locator('[data-testid="demo-logins"]').waitFor();
      await invitee.context().close();
    },
    STEP,
  );

  it(
    'a community admin invites only to his community and its grids; a 楼长 needs the building, and server field errors show by their fields',
    async () => {
      const page = await phoneAs('community_admin');
      await page.locator('[data-testid="open-invitations"]').tap();
      await page.locator('[data-testid="new-invitation"]').tap();
      await page.locator('[data-testid="invitation-form"]').waitFor();
      const roles = await page.locator('[data-testid^="role-"]').allInnerTexts();
      expect(roles).toEqual(['网格员', '兼职网格员', '楼长', '社区工作人员', '驿站站长', '物业工作人员', '服务中心工作人员', '兑换点工作人员']);

      await page.locator('[data-testid="role-building_leader"]').tap();
      await page.locator('[data-testid="community-cm-mingshan"].chip-on').waitFor(); // his one community, chosen for him
      expect(await page.locator('[data-testid="community-cm-foguang"]').count()).toBe(0);
      await page.locator('[data-testid="grid-gd-ms-1"]').tap();
      await fill(page, 'invitee-name', '黄淑珍');
      await page.locator('[data-testid="create-invitation"]').tap();
      await expect(page.locator('[data-testid="error-label"]').innerText()).resolves.toBe('请填写负责的楼栋');
      await fill(page, 'invite-label', '名山小区3栋');

      // The server's field errors show by their fields (the grid by the place).
      await page.route('**/invitations', (route) =>
        route.fulfill({
          status: 400,
          contentType: 'application/json',
          body: JSON.stringify({ error: { code: 'validation_failed', message: '邀请信息有误', fields: [{ field: 'gridId', message: '网格不存在' }] } }),
        }),
      );
      await page.locator('[data-testid="create-invitation"]').tap();
      await expect(page.locator('[data-testid="error-place"]').innerText()).resolves.toBe('网格不存在');
      await page.unroute('**/invitations');

      await page.locator('[data-testid="grid-gd-ms-1"]').tap();
      await page.locator('[data-testid="create-invitation"]').tap();
      await page.locator('[data-testid="invitation-card"]').waitFor();
      await expect(page.locator('[data-testid="card-role"]').innerText()).resolves.toBe('楼长');
      await expect(page.locator('[data-testid="invitation-card"]').innerText()).resolves.toContain('名山社区 名山社区第一网格 名山小区3栋');
      await page.locator('[data-testid="back-to-list"]').tap();
      await page.locator('[data-testid="invitation-list"]').getByText('黄淑珍').waitFor();
      await page.context().close();
    },
    STEP,
  );

  it(
    'a platform administrator invites street admins: the form straight away, the street to choose',
    async () => {
      const page = await phoneAs('platform_admin');
      await page.locator('[data-testid="open-invitations"]').tap();
      await page.locator('[data-testid="invitation-form"]').waitFor();
      expect(await page.locator('[data-testid="invitation-list"]').count()).toBe(0); // the API lists for community and street admins only
      expect(await page.locator('[data-testid^="role-"]').allInnerTexts()).toEqual(['街道工作人员']);
      await page.locator('[data-testid="role-street_admin"].chip-on').waitFor();
      await fill(page, 'invitee-name', '罗文斌');
      await page.locator('[data-testid="create-invitation"]').tap();
      await expect(page.locator('[data-testid="error-place"]').innerText()).resolves.toBe('请选择街道');
      await page.locator('[data-testid="street-st-suishan"]').tap();
      await page.locator('[data-testid="create-invitation"]').tap();
      await page.locator('[data-testid="invitation-card"]').waitFor();
      await expect(page.locator('[data-testid="card-role"]').innerText()).resolves.toBe('街道工作人员');
      await expect(page.locator('[data-testid="invitation-card"]').innerText()).resolves.toContain('绥山镇');
      await page.context().close();
    },
    STEP,
  );
});
