/// <reference lib="dom" />
/**
 * End to end (H5, phone viewport): 张秀英 (the demo resident) opens 我的家人 on 我的 and invites her
 * mother (父母, "女儿 张秀英"): the code shows large and spaced with its QR code and what to do. Her
 * mother, a brand-new WeChat user, opens the code before signing in, signs in, sees who asks and what
 * it allows, thinks again once, then 同意: her 我的家人 shows 张秀英 under 照看我的家人. A third person
 * who types the same code in on 我的 is told it is used. 张秀英 sees her mother under 我照看的家人; the
 * mother ends the link after a confirmation and it is gone on both sides.
 */

import type { Page } from 'playwright-core';
import { answerModal, browserSuite, describeBrowser, fill, modal, smallTouchTargets } from '../support/browser';

const STEP = 60_000;

describeBrowser('我的家人 in the browser', () => {
  const suite = browserSuite();
  const { phone, phoneAs, shot } = suite;
  /** Any English code on screen (a relation or status code) is a bug: labels are Chinese. */
  const RAW_CODE = /\b(parent|child|spouse|sibling|other|carer|cared|open|used|expired|[a-z]+_[a-z]+)\b/;

  let daughter: Page;
  let mother: Page;
  let code = '';

  const openFamily = async (page: Page) => {
    await page.locator('[data-testid="open-family"]').tap();
    await page.locator('[data-testid="family-list"]:visible').waitFor();
  };
  const group = (page: Page, direction: 'carer' | 'cared') => page.locator(`[data-testid="family-${direction}"]:visible`);

  it(
    '张秀英 invites her mother and gets a code to read out, with its QR code and plain instructions',
    async () => {
      daughter = await phoneAs('resident');
      await daughter.locator('[data-testid="my-more"]').getByText('我的家人').waitFor();
      await openFamily(daughter);
      await group(daughter, 'carer').getByText('还没有您照看的家人').waitFor();
      await group(daughter, 'cared').getByText('还没有照看您的家人').waitFor();
      await shot(daughter, 'family-1-empty');

      await daughter.locator('[data-testid="new-family-link"]').tap();
      await daughter.locator('[data-testid="family-form"]').waitFor();
      expect(await daughter.locator('[data-testid^="relation-"]').allInnerTexts()).toEqual(['父母', '子女', '配偶', '兄弟姐妹', '其他亲属']);
      // Nothing chosen: the problem shows by the field, before any request.
      await daughter.locator('[data-testid="create-family-link"]').tap();
      await expect(daughter.locator('[data-testid="error-relation"]').innerText()).resolves.toBe('请选择亲属关系');
      await daughter.locator('[data-testid="relation-parent"]').tap();
      expect(await daughter.locator('[data-testid="error-relation"]').count()).toBe(0);
      await fill(daughter, 'family-note', '女儿 张秀英');
      expect(await smallTouchTargets(daughter)).toEqual([]);
      await shot(daughter, 'family-2-form');

      const created = daughter.waitForResponse((r) => r.url().endsWith('/family-links') && r.request().method() === 'POST');
      await daughter.locator('[data-testid="create-family-link"]').tap();
      const res = await created;
      expect(res.status()).toBe(201);
      expect(res.request().headers()['idempotency-key']).toMatch(/^k-/);

      const card = daughter.locator('[data-testid="family-code-card"]');
      await card.waitFor();
      const shown = await daughter.locator('[data-testid="family-code"]').innerText();
      expect(shown).toMatch(/^[A-Z2-9]{4} [A-Z2-9]{4}$/); // spaced, to read aloud
      code = shown.replace(/\s+/g, '');
      await expect(daughter.locator('[data-testid="card-relation"]').innerText()).resolves.toBe('父母');
      await expect(daughter.locator('[data-testid="card-expiry"]').innerText()).resolves.toMatch(/^有效期至 \d+月\d+日 \d\d:\d\d$/);
      await expect(daughter.locator('[data-testid="family-how"]').innerText()).resolves.toContain('点“同意”');
      await expect(daughter.locator('[data-testid="family-qr"] img').getAttribute('src')).resolves.toMatch(/^data:image\/gif;base64,/);
      await daughter.waitForFunction(() => (document.querySelector<HTMLImageElement>('[data-testid="family-qr"] img')?.naturalWidth ?? 0) > 100);
      expect(await card.innerText()).not.toMatch(RAW_CODE);
      expect(await smallTouchTargets(daughter)).toEqual([]);
      await shot(daughter, 'family-3-code');
    },
    STEP,
  );

  it(
    'her mother opens the code, signs in, sees who asks and what it allows, and consents after confirming',
    async () => {
      // Not signed in: 请先登录 → 我的 → 新用户 → back to the request.
      mother = await phone(`/#/packages/family/index?code=${code.toLowerCase()}`);
      await mother.locator('[data-testid="family-login"]').waitFor();
      await mother.locator('[data-testid="family-go-login"]').tap();
      await mother.locator('[data-testid="demo-login-new"]').tap();
      const consent = mother.locator('[data-testid="family-consent"]');
      await consent.waitFor();
      expect(mother.url()).toContain(`/packages/family/index?code=${code}`);
      await expect(mother.locator('[data-testid="consent-requester"]').innerText()).resolves.toBe('张秀英');
      await expect(mother.locator('[data-testid="consent-note"]').innerText()).resolves.toContain('女儿 张秀英');
      await expect(mother.locator('[data-testid="consent-relation"]').innerText()).resolves.toBe('父母');
      const allows = await mother.locator('[data-testid="consent-allows"]').innerText();
      expect(allows).toContain('代您预约社区服务');
      expect(allows).toContain('查看您的积分');
      expect(allows).toContain('随时可以');
      expect(await consent.innerText()).not.toMatch(RAW_CODE);
      await mother.locator('[data-testid="consent-no"]').waitFor();
      expect(await smallTouchTargets(mother)).toEqual([]);
      await shot(mother, 'family-4-consent');

      // 同意 asks first; 再想想 changes nothing.
      await mother.locator('[data-testid="consent-yes"]').tap();
      await expect(modal(mother).locator('.taro-modal__text').innerText()).resolves.toContain('张秀英可以代您预约服务、查看您的积分');
      await answerModal(mother, 'cancel');
      await consent.waitFor();
      const agreed = mother.waitForResponse((r) => r.url().endsWith(`/family-links/${code}/consent`));
      await mother.locator('[data-testid="consent-yes"]').tap();
      await answerModal(mother, 'confirm');
      expect((await agreed).status()).toBe(200);

      await mother.locator('[data-testid="family-answered"]').getByText('您已同意').waitFor();
      const row = group(mother, 'cared').locator('.invite-row');
      await row.getByText('张秀英').waitFor();
      await expect(row.locator('[data-testid="family-relation"]').innerText()).resolves.toBe('您的子女');
      await group(mother, 'carer').getByText('还没有您照看的家人').waitFor();
      await mother.waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('.taro__toast')).every((t) => t.style.display === 'none'));
      expect(await smallTouchTargets(mother)).toEqual([]);
      await shot(mother, 'family-5-consented');

      // Someone else types the same code in on 我的: it opens the request, which is used now.
      const late = await phone();
      await late.locator('[data-testid="demo-login-new"]').tap();
      await late.locator('[data-testid="invite-entry"]').waitFor();
      await fill(late, 'invite-code-input', code);
      await late.locator('[data-testid="open-invite"]').tap();
      await late.locator('[data-testid="consent-closed"]').getByText('该关联码已被使用').waitFor();
      expect(await late.locator('[data-testid="consent-yes"]').count()).toBe(0);
      await late.context().close();
    },
    STEP,
  );

  it(
    'both see the link from their side; the mother ends it after confirming and it is gone for both',
    async () => {
      await daughter.locator('[data-testid="back-to-family"]').tap();
      const mine = group(daughter, 'carer').locator('.invite-row');
      await mine.first().waitFor();
      expect(await mine.count()).toBe(1);
      await expect(mine.locator('[data-testid="family-name"]').innerText()).resolves.toBe('微信用户'); // she has given no name yet
      await expect(mine.locator('[data-testid="family-relation"]').innerText()).resolves.toBe('您的父母');
      expect(await daughter.locator('[data-testid="family-list"]:visible').innerText()).not.toMatch(RAW_CODE);
      await shot(daughter, 'family-6-daughter-sees');

      // 解除 asks first (it cannot be undone); 不解除 changes nothing.
      const row = group(mother, 'cared').locator('.invite-row');
      await row.locator('[data-testid^="end-"]').tap();
      await expect(modal(mother).locator('.taro-modal__text').innerText()).resolves.toContain('张秀英将不能再代您预约服务、查看您的积分');
      await shot(mother, 'family-7-confirm-end');
      await answerModal(mother, 'cancel');
      expect(await row.count()).toBe(1);
      const ended = mother.waitForResponse((r) => /\/me\/family\/[^/]+\/revocation$/.test(r.url()));
      await row.locator('[data-testid^="end-"]').tap();
      await answerModal(mother, 'confirm');
      expect((await ended).status()).toBe(200);
      await group(mother, 'cared').getByText('还没有照看您的家人').waitFor();
      expect(await row.count()).toBe(0);

      // 张秀英 opens 我的家人 again: her mother is no longer there.
      // A fresh page of her phone (same storage, so still signed in): no earlier page left in the DOM.
      const context = daughter.context();
      await daughter.close();
      daughter = await context.newPage();
      await daughter.goto(`${suite.web.url}/#/pages/me/index`);
      await daughter.locator('[data-testid="me-card"]').waitFor();
      await openFamily(daughter);
      await group(daughter, 'carer').getByText('还没有您照看的家人').waitFor();
      expect(await group(daughter, 'carer').locator('.invite-row').count()).toBe(0);
      await daughter.context().close();
      await mother.context().close();
    },
    STEP,
  );
});
