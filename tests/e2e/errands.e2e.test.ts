/// <reference lib="dom" />
/**
 * End to end (H5, phone viewport): 张秀英 (the demo resident) asks on 我的 → 申请代办 for 老年人优待证
 * to be done at home (上门办理) by 名山社区党群服务中心, leaving the address empty (her home address is
 * used), confirms what she read in words, and sees 已申请，待受理 with the first step on the timeline.
 * 刘洋 (the demo grid worker of 名山社区第一网格) finds it in 代办工作台 and takes it through 受理 →
 * 已收材料 → 已办理 → 已送回, each after a confirmation, with notes. She then sees every step, and
 * 我的代办 lists it as done.
 */

import type { Page } from 'playwright-core';
import { answerModal, browserSuite, describeBrowser, modal, smallTouchTargets, visible } from '../support/browser';

const STEP = 60_000;

describeBrowser('代办帮办 in the browser', () => {
  const suite = browserSuite();
  const { phoneAs, shot } = suite;
  /** Modes, statuses, steps and offering ids must never show: labels are Chinese. */
  const RAW_CODE = /\b(errand|home|requested|accepted|collected|handled|returned|cancelled|accept|collect|handle|return|cancel|youdai|[a-z]+_[a-z]+)\b/;

  let resident: Page;
  let worker: Page;
  let detailUrl = '';

  const toastsGone = (p: Page) => p.waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('.taro__toast')).every((t) => t.style.display === 'none'));

  it(
    'the resident asks for 上门办理 of 老年人优待证, confirms it in words, and sees it waiting to be accepted',
    async () => {
      resident = await phoneAs('resident');
      await resident.locator('[data-testid="open-errand-new"]').tap();
      await visible(resident, 'errand-form').waitFor();
      expect(await resident.locator('[data-testid="errand-centre-ct-mingshan"]').getAttribute('class')).toContain('chip-on'); // her community's first
      // Nothing chosen: the problems show by their fields before any request.
      await resident.locator('[data-testid="errand-submit"]').tap();
      await expect(resident.locator('[data-testid="error-offeringId"]').innerText()).resolves.toBe('请选择要办的事');
      await expect(resident.locator('[data-testid="error-mode"]').innerText()).resolves.toBe('请选择代办或上门办理');
      await resident.locator('[data-testid="errand-offering-youdai"]').tap();
      await expect(resident.locator('[data-testid="errand-offering-youdai"]').innerText()).resolves.toContain('需要准备：身份证、一寸照片一张');
      await resident.locator('[data-testid="errand-mode-home"]').tap();
      await resident.locator('[data-testid="errand-note"] textarea').fill('办理老年人优待证，腿脚不便，下午在家');
      await expect(resident.locator('[data-testid="errand-address"] input').getAttribute('placeholder')).resolves.toContain('名山小区3栋');
      expect(await visible(resident, 'errand-form').innerText()).not.toMatch(RAW_CODE);
      expect(await smallTouchTargets(resident)).toEqual([]);
      await shot(resident, 'errands-1-form');

      await resident.locator('[data-testid="errand-submit"]').tap();
      const words = await modal(resident).innerText();
      for (const w of ['名山社区党群服务中心：老年人优待证，上门办理', '为我自己办理', '名山小区3栋']) expect(words).toContain(w);
      const created = resident.waitForResponse((r) => r.url().endsWith('/api/errands') && r.request().method() === 'POST');
      await answerModal(resident, 'confirm');
      const res = await created;
      expect(res.status()).toBe(201);
      expect(res.request().headers()['idempotency-key']).toMatch(/^k-/);

      await visible(resident, 'errand-detail').waitFor();
      detailUrl = resident.url();
      await expect(visible(resident, 'errand-status').innerText()).resolves.toBe('已申请，待受理');
      await expect(visible(resident, 'errand-mode').innerText()).resolves.toBe('上门办理');
      await expect(visible(resident, 'errand-bring').innerText()).resolves.toContain('一寸照片一张');
      const events = resident.locator('[data-testid="errand-detail"]:visible [data-testid="errand-event"]');
      expect(await events.count()).toBe(1);
      await expect(events.first().innerText()).resolves.toMatch(/申请上门办理[\s\S]*张秀英 · \d+月\d+日 \d\d:\d\d/);
      // She may still cancel (until it is accepted), never move it along.
      await visible(resident, 'errand-step-cancel').waitFor();
      expect(await resident.locator('[data-testid="errand-step-accept"]').count()).toBe(0);
      await toastsGone(resident);
      expect(await visible(resident, 'errand-detail').innerText()).not.toMatch(RAW_CODE);
      expect(await smallTouchTargets(resident)).toEqual([]);
      await shot(resident, 'errands-2-asked');
    },
    STEP,
  );

  it(
    'the grid worker finds it in 代办工作台 and takes it through 受理 → 已收材料 → 已办理 → 已送回',
    async () => {
      worker = await phoneAs('grid_worker');
      await worker.locator('[data-testid="open-errand-desk"]').tap();
      await visible(worker, 'errand-desk').waitFor();
      await expect(visible(worker, 'errand-queue-title').innerText()).resolves.toBe('本网格居民的代办');
      const card = worker.locator('[data-testid="errand-queue"]:visible [data-testid="errand-card"]');
      await card.first().waitFor();
      expect(await card.count()).toBe(1);
      await expect(card.innerText()).resolves.toMatch(/老年人优待证[\s\S]*已申请，待受理[\s\S]*上门办理 · 名山社区党群服务中心[\s\S]*张秀英[\s\S]*名山小区3栋[\s\S]*去办理/);
      expect(await visible(worker, 'errand-desk').innerText()).not.toMatch(RAW_CODE);
      expect(await smallTouchTargets(worker)).toEqual([]);
      await shot(worker, 'errands-3-desk');

      await card.tap();
      await visible(worker, 'errand-detail').waitFor();
      const steps: [string, string, string][] = [
        ['accept', '明天上午上门', '已受理'],
        ['collect', '已收身份证、照片', '材料已收取'],
        ['handle', '', '已办理'],
        ['return', '优待证已送到家', '结果已送回，办结'],
      ];
      for (const [step, note, status] of steps) {
        if (note) await worker.locator('[data-testid="errand-step-note"]:visible textarea').fill(note);
        if (step === 'accept') {
          expect(await smallTouchTargets(worker)).toEqual([]);
          await shot(worker, 'errands-4-accept');
          // Thinking again changes nothing.
          await visible(worker, `errand-step-${step}`).tap();
          await expect(modal(worker).innerText()).resolves.toContain('确认受理这件代办');
          await answerModal(worker, 'cancel');
          await expect(visible(worker, 'errand-status').innerText()).resolves.toBe('已申请，待受理');
        }
        const moved = worker.waitForResponse((r) => r.url().endsWith('/steps') && r.request().method() === 'POST');
        await visible(worker, `errand-step-${step}`).tap();
        await answerModal(worker, 'confirm');
        expect((await moved).status()).toBe(200);
        await worker.locator('[data-testid="errand-status"]:visible', { hasText: status }).waitFor();
      }
      expect(await worker.locator('[data-testid="errand-steps"]:visible').count()).toBe(0); // nothing left to do
      await toastsGone(worker);
      await shot(worker, 'errands-5-done');
      await worker.context().close();
    },
    STEP,
  );

  it(
    'the resident sees every step on the timeline, and 我的代办 lists it as done',
    async () => {
      await resident.goto(detailUrl);
      await resident.reload();
      const events = resident.locator('[data-testid="errand-detail"]:visible [data-testid="errand-event"]');
      await events.nth(4).waitFor();
      const what = (await events.allInnerTexts()).map((t) => t.split('\n')[0]!.trim());
      expect(what).toEqual(['申请上门办理', '受理：明天上午上门', '收取材料：已收身份证、照片', '办理完成', '结果已送回：优待证已送到家']);
      await expect(events.nth(1).innerText()).resolves.toContain('网格员 刘洋');
      await expect(visible(resident, 'errand-status').innerText()).resolves.toBe('结果已送回，办结');
      expect(await resident.locator('[data-testid="errand-steps"]:visible').count()).toBe(0);
      expect(await visible(resident, 'errand-detail').innerText()).not.toMatch(RAW_CODE);
      expect(await smallTouchTargets(resident)).toEqual([]);
      await shot(resident, 'errands-6-timeline');

      await resident.goto(`${suite.web.url}/#/packages/errands/index`);
      const card = resident.locator('[data-testid="errand-list"]:visible [data-testid="errand-card"]');
      await card.first().waitFor();
      await expect(card.innerText()).resolves.toMatch(/老年人优待证[\s\S]*结果已送回，办结[\s\S]*经办人：刘洋/);
      expect(await smallTouchTargets(resident)).toEqual([]);
      await shot(resident, 'errands-7-mine');
      await resident.context().close();
    },
    STEP,
  );
});
