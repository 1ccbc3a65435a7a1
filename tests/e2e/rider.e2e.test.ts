/// <reference lib="dom" />
/**
 * End to end (H5, phone viewport): 张秀英 (the demo resident, registered in 名山社区第一网格) opens
 * 骑手身份 on 我的, declares herself a rider for 美团 and applies to help her grid as a part-time grid
 * worker (兼职网格员); the page shows the application 待审核. The community admin opens 兼职网格员申请,
 * declines another rider's application with a note and approves hers, each after a confirmation.
 * Her session is renewed on her next sign-in and 我的 shows 兼职网格员; 骑手身份 shows 已通过.
 */

import type { Page } from 'playwright-core';
import { idemKey } from '../support/builders';
import { answerModal, browserSuite, describeBrowser, fill, modal, smallTouchTargets } from '../support/browser';

const STEP = 60_000;

describeBrowser('骑手身份 and 兼职网格员申请 in the browser', () => {
  const suite = browserSuite();
  const { phoneAs, shot } = suite;
  /** Any English code on screen (a platform, role or status code) is a bug: labels are Chinese. */
  const RAW_CODE = /\b(meituan|eleme|sf|jd|rider|pending|approved|rejected|[a-z]+_[a-z]+)\b/;

  let rider: Page;
  let admin: Page;
  let applicationId = '';
  let otherId = '';

  const toastsGone = (page: Page) => page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('.taro__toast')).every((t) => t.style.display === 'none'));

  it(
    '张秀英 declares herself a rider for 美团 and applies to help her grid; the application shows 待审核',
    async () => {
      rider = await phoneAs('resident');
      // The entries on 我的 are large enough to tap.
      for (const id of ['open-family', 'open-rider']) expect((await rider.locator(`[data-testid="${id}"]`).boundingBox())!.height).toBeGreaterThanOrEqual(44);
      await rider.locator('[data-testid="open-rider"]').tap();
      await rider.locator('[data-testid="rider-page"]').waitFor();
      await expect(rider.locator('[data-testid="rider-status"]').innerText()).resolves.toBe('未登记');
      expect(await rider.locator('[data-testid^="platform-"]').allInnerTexts()).toEqual(['美团', '饿了么', '顺丰同城', '京东', '其他平台']);
      expect(await rider.locator('[data-testid="apply-form"]').count()).toBe(0); // riders only

      // No platform chosen: the problem shows by the field, before any request.
      await rider.locator('[data-testid="declare-rider"]').tap();
      await expect(rider.locator('[data-testid="error-platform"]').innerText()).resolves.toBe('请选择配送平台');
      await rider.locator('[data-testid="platform-meituan"]').tap();
      expect(await rider.locator('[data-testid="error-platform"]').count()).toBe(0);
      expect(await smallTouchTargets(rider)).toEqual([]);
      await shot(rider, 'rider-1-declare');
      const declared = rider.waitForResponse((r) => r.url().endsWith('/me/rider') && r.request().method() === 'PUT');
      await rider.locator('[data-testid="declare-rider"]').tap();
      expect((await declared).status()).toBe(200);
      await rider.locator('[data-testid="rider-status"]').getByText('已登记为骑手').waitFor();
      await expect(rider.locator('[data-testid="rider-platform"]').innerText()).resolves.toContain('美团');
      // 更换配送平台 → 不更换 leaves it as it was.
      await rider.locator('[data-testid="change-platform"]').tap();
      await rider.locator('[data-testid="platform-eleme"]').tap();
      await rider.locator('[data-testid="keep-platform"]').tap();
      await expect(rider.locator('[data-testid="rider-platform"]').innerText()).resolves.toContain('美团');

      // The application form: her own grid chosen to start with.
      const form = rider.locator('[data-testid="apply-form"]');
      await form.waitFor();
      await rider.locator('[data-testid="grid-gd-ms-1"].chip-on').waitFor();
      await expect(rider.locator('[data-testid="grid-gd-ms-1"]').innerText()).resolves.toContain('（我的网格）');
      await rider.locator('[data-testid="submit-application"]').tap();
      await expect(rider.locator('[data-testid="error-note"]').innerText()).resolves.toBe('请简单说明（至少 2 个字）');
      await rider.locator('[data-testid="apply-note"] textarea').fill('每天在名山路一带送餐，愿意帮忙巡查');
      await toastsGone(rider);
      expect(await smallTouchTargets(rider)).toEqual([]);
      expect(await rider.locator('[data-testid="rider-page"]').innerText()).not.toMatch(RAW_CODE);
      await shot(rider, 'rider-2-apply');

      const applied = rider.waitForResponse((r) => r.url().endsWith('/applications') && r.request().method() === 'POST');
      await rider.locator('[data-testid="submit-application"]').tap();
      const res = await applied;
      expect(res.status()).toBe(201);
      expect(res.request().headers()['idempotency-key']).toMatch(/^k-/);
      applicationId = ((await res.json()) as { application: { id: string } }).application.id;

      const mine = rider.locator('[data-testid="my-application"]');
      await mine.waitFor();
      await expect(mine.locator('[data-testid="application-status"]').innerText()).resolves.toBe('待审核');
      await expect(mine.locator('[data-testid="application-place"]').innerText()).resolves.toBe('名山社区 名山社区第一网格');
      expect(await rider.locator('[data-testid="apply-form"]').count()).toBe(0);
      expect(await mine.innerText()).not.toMatch(RAW_CODE);
      await shot(rider, 'rider-3-applied');
    },
    STEP,
  );

  it(
    'the community admin declines another rider with a note and approves 张秀英, each after confirming',
    async () => {
      // 李强 (the demo rider) has applied for the second grid too.
      const li = await suite.api.tokenFor('rider');
      const other = await suite.api.call('POST', '/applications', { token: li, body: { gridId: 'gd-ms-2', note: '住在附近，晚上有空' }, headers: { 'idempotency-key': idemKey('apply') } });
      expect(other.status).toBe(201);
      otherId = other.body.application.id as string;

      admin = await phoneAs('community_admin');
      await admin.locator('[data-testid="open-applications"]').tap();
      const list = admin.locator('[data-testid="application-list"]');
      await list.waitFor();
      const hers = admin.locator(`[data-testid="application-${applicationId}"]`);
      const his = admin.locator(`[data-testid="application-${otherId}"]`);
      await hers.waitFor();
      await his.waitFor();
      await expect(hers.locator('[data-testid="applicant-name"]').innerText()).resolves.toBe('张秀英');
      await expect(hers.locator('[data-testid="application-place"]').innerText()).resolves.toBe('名山社区 名山社区第一网格');
      await expect(hers.locator('[data-testid="application-note"]').innerText()).resolves.toContain('愿意帮忙巡查');
      await expect(hers.locator('[data-testid="application-status"]').innerText()).resolves.toBe('待审核');
      expect(await list.innerText()).not.toMatch(RAW_CODE);
      expect(await smallTouchTargets(admin)).toEqual([]);
      await shot(admin, 'rider-4-review');

      // 不通过, with a note: asks first.
      await fill(admin, `decision-note-${otherId}`, '本网格暂不需要');
      await his.locator(`[data-testid="reject-${otherId}"]`).tap();
      await expect(modal(admin).locator('.taro-modal__text').innerText()).resolves.toContain('李强的这份申请将结束');
      const declined = admin.waitForResponse((r) => r.url().endsWith(`/applications/${otherId}/decision`));
      await answerModal(admin, 'confirm');
      const d = await declined;
      expect(d.status()).toBe(200);
      expect(JSON.parse(d.request().postData() ?? '{}')).toEqual({ approve: false, note: '本网格暂不需要' });
      await his.locator('[data-testid="application-status"]').getByText('未通过').waitFor();
      await expect(his.locator('[data-testid="application-decided"]').innerText()).resolves.toContain('本网格暂不需要');

      // 通过: asks first, saying what it does; 再想想 changes nothing.
      await toastsGone(admin);
      await hers.locator(`[data-testid="approve-${applicationId}"]`).tap();
      await expect(modal(admin).locator('.taro-modal__text').innerText()).resolves.toContain('张秀英将立即担任兼职网格员，负责名山社区 名山社区第一网格');
      await shot(admin, 'rider-5-confirm');
      await answerModal(admin, 'cancel');
      await expect(hers.locator('[data-testid="application-status"]').innerText()).resolves.toBe('待审核');
      const approved = admin.waitForResponse((r) => r.url().endsWith(`/applications/${applicationId}/decision`));
      await hers.locator(`[data-testid="approve-${applicationId}"]`).tap();
      await answerModal(admin, 'confirm');
      expect((await approved).status()).toBe(200);
      await hers.locator('[data-testid="application-status"]').getByText('已通过').waitFor();
      expect(await hers.locator(`[data-testid="approve-${applicationId}"]`).count()).toBe(0);
      await toastsGone(admin);
      await shot(admin, 'rider-6-decided');

      // 待审核 no longer lists them; 已通过 does.
      await admin.locator('[data-testid="filter-approved"]').tap();
      await hers.waitFor();
      expect(await his.count()).toBe(0);
      await admin.context().close();
    },
    STEP,
  );

  it(
    '张秀英 signs in again and 我的 shows 兼职网格员; 骑手身份 shows the application 已通过',
    async () => {
      // Her roles changed: her next request answers 401 and the client signs her out; she signs in again.
      await rider.goto(`${suite.web.url}/#/pages/me/index`);
      await rider.reload();
      await rider.locator('[data-testid="demo-logins"]').waitFor();
      await rider.locator('[data-testid="demo-login-resident"]').tap();
      const card = rider.locator('[data-testid="me-card"]');
      await card.getByText('兼职网格员', { exact: true }).waitFor();
      await card.getByText('骑手', { exact: true }).waitFor();
      expect(await card.innerText()).not.toMatch(RAW_CODE);
      await toastsGone(rider);
      await shot(rider, 'rider-7-me');

      await rider.locator('[data-testid="open-rider"]').tap();
      const mine = rider.locator('[data-testid="my-application"]:visible');
      await mine.locator('[data-testid="application-status"]').getByText('已通过').waitFor();
      expect(await rider.locator('[data-testid="apply-form"]:visible').count()).toBe(0);
      await shot(rider, 'rider-8-approved');

      // 取消骑手身份 asks first; the post she holds stays.
      await rider.locator('[data-testid="withdraw-rider"]:visible').tap();
      await expect(modal(rider).locator('.taro-modal__text').innerText()).resolves.toContain('已担任的岗位不受影响');
      const withdrawn = rider.waitForResponse((r) => r.url().endsWith('/me/rider') && r.request().method() === 'PUT');
      await answerModal(rider, 'confirm');
      expect(JSON.parse((await withdrawn).request().postData() ?? '{}')).toEqual({ rider: false });
      await rider.locator('[data-testid="rider-status"]:visible').getByText('未登记').waitFor();
      await mine.locator('[data-testid="application-status"]').getByText('已通过').waitFor();
      await rider.context().close();
    },
    STEP,
  );
});
