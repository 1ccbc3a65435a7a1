/// <reference lib="dom" />
/**
 * End to end (H5, phone viewport): the staff side of volunteer points. A fresh resident of 名山社区
 * redeems 抽纸一提 at 名山社区道德超市 (ps-mingshan) through the API; 冯志强 (demo-redemption-staff)
 * opens 核销领取码 on 我的: a code that is not this site's is looked up as it is typed and said not to
 * be here; the resident's code shows 抽纸一提, the person and 待领取 before anything is collected; the
 * confirmation names the reward and the person; after it, ✓ 已核销; the same code looked up again says
 * when and by whom it was collected, and nothing is sent to collect it. 陈静 (demo-community-admin)
 * opens 志愿活动管理, sends the empty 发布活动 form (each problem under its field), fills it in for an
 * activity starting within two minutes (today, per hour) — which nothing refuses — confirms, and lands
 * on its page with the check-in code large and as a QR code. An activity created through the API
 * starting in about three seconds, with one resident who checked in by its code and one who only
 * signed up, is opened once it has started: the first is ticked as came, the second is marked 没来, the
 * list is confirmed after a modal, and the page says how many were credited (and the ledger agrees).
 * At another, nobody came: one tap marks everyone 没来 and the confirmation credits no one. An activity
 * three hours away is cancelled with 取消活动 after a confirmation and leaves the list.
 */

import type { Locator, Page } from 'playwright-core';
import { ActivityResponse } from '@linli/shared';
import { resident } from '../support/booking';
import { idemKey } from '../support/builders';
import { answerModal, browserSuite, describeBrowser, fill, modal, smallTouchTargets } from '../support/browser';
import { accountOf, personWithPoints, redeemAt, redemptionOf } from '../support/points';

const STEP = 90_000;
/** Codes of statuses and choices must never show: labels are Chinese. */
const RAW_CODE = /\b(reserved|collected|cancelled|lapsed|already_collected|not_reserved|code_not_found|signed_up|checked_in|checked_out|confirmed|absent|withdrawn|anyone|volunteers|person|hour|not_started|activity_started)\b/;

/** China clock (HH:MM) and date of an instant. */
const chinaClock = (t: number): string => new Date(t + 8 * 3600_000).toISOString().slice(11, 16);
const chinaDate = (t: number): string => new Date(t + 8 * 3600_000).toISOString().slice(0, 10);
const laterClock = (hhmm: string, minutes: number): string => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const t = Math.min(23 * 60 + 59, h * 60 + m + minutes);
  return `${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
};

describeBrowser('积分 staff pages in the browser', () => {
  const suite = browserSuite();
  const { shot } = suite;
  let admin: Page;

  /** A phone that agreed to the privacy notice, signed in with a demo login. */
  const phoneAs = (login: string): Promise<Page> => suite.phoneAs(login, { agreed: true });
  const toastsGone = (p: Page) => p.waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('.taro__toast')).every((t) => t.style.display === 'none'));

  /** Turns a column of Taro's H5 time picker by `steps` rows (34 px each; up is later), at most five a drag. */
  async function turn(p: Page, column: Locator, steps: number): Promise<void> {
    const box = (await column.boundingBox())!;
    const x = box.x + box.width / 2;
    for (let left = steps; left !== 0; ) {
      const k = Math.max(-5, Math.min(5, left));
      const from = box.y + box.height / 2 + (k > 0 ? 85 : -85);
      await p.mouse.move(x, from);
      await p.mouse.down();
      await p.mouse.move(x, from - k * 34, { steps: 10 });
      await p.mouse.up();
      await p.waitForTimeout(350); // the column settles
      left -= k;
    }
  }
  /** Sets a time field through its picker, as a finger would: open, turn the hour and minute wheels, 确定. */
  async function pickTime(p: Page, testid: string, hhmm: string): Promise<void> {
    const field = p.locator(`[data-testid="${testid}"]:visible`);
    const [ch, cm] = (await field.innerText()).trim().split(':').map(Number) as [number, number];
    const [th, tm] = hhmm.split(':').map(Number) as [number, number];
    const shortest = (d: number, n: number) => {
      const x = ((d % n) + n) % n;
      return x > n / 2 ? x - n : x;
    };
    await field.tap();
    const sheet = p.locator('.weui-picker:visible'); // the overlay itself has no box: its mask and sheet are fixed
    await sheet.waitFor();
    await p.waitForTimeout(400); // slides up
    await sheet.evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished))); // and has stopped: the wheels are measured once
    await turn(p, sheet.locator('taro-picker-group').nth(0), shortest(th - ch, 24));
    await turn(p, sheet.locator('taro-picker-group').nth(1), shortest(tm - cm, 60));
    await sheet.locator('.weui-picker__action', { hasText: '确定' }).click();
    await sheet.waitFor({ state: 'hidden' });
    await expect(field.innerText()).resolves.toBe(hhmm);
  }

  it(
    '冯志强 looks a resident’s pickup code up at 名山社区道德超市 (reward, person, state), hands it over after a confirmation naming both: ✓ 已核销; looked up again it says when and by whom',
    async () => {
      const person = await personWithPoints(suite.api, 100); // 积分居民
      const res = await redeemAt(suite.api, person.token, { siteId: 'ps-mingshan', rewardId: 'rw-tissue' });
      expect(res.status).toBe(201);
      const { code } = redemptionOf(res.body);
      const spaced = `${code.slice(0, 3)} ${code.slice(3)}`;

      const staff = await phoneAs('redemption_staff');
      const collections: string[] = [];
      staff.on('request', (r) => {
        if (r.url().includes('/collections')) collections.push(r.url());
      });
      const entry = await staff.locator('[data-testid="open-redemption-desk"]').boundingBox();
      expect(entry!.height).toBeGreaterThanOrEqual(44);
      expect(await staff.locator('[data-testid="open-activity-admin"]').count()).toBe(0); // activities are the community's admins'
      await staff.locator('[data-testid="open-redemption-desk"]').tap();
      const desk = staff.locator('[data-testid="redemption-desk"]:visible');
      await desk.locator('[data-testid="rd-site"]', { hasText: '名山社区道德超市' }).waitFor();
      await expect(desk.innerText()).resolves.toContain('名山社区党群服务中心一楼 · 周一至周六 9:00–17:00');
      expect(await smallTouchTargets(staff)).toEqual([]);
      await shot(staff, 'points-staff-1-desk');

      // A code that is not this site's: looked up as it is typed, refused in words, nothing to collect.
      const other = code === '000000' ? '000001' : '000000';
      const missed = staff.waitForResponse((r) => r.url().endsWith(`/redemption-sites/ps-mingshan/codes/${other}`));
      await fill(staff, 'rd-code', other);
      expect((await missed).status()).toBe(404);
      await expect(desk.locator('[data-testid="rd-refusal"]').innerText()).resolves.toMatch(/^✗ 没有这个领取码\s*请核对这 6 位数字。其他兑换点的领取码不能在「名山社区道德超市」核销。$/);
      expect(await modal(staff).count()).toBe(0);

      // The resident's code: the reward, the person and the state first (the 查询 button looks it up too).
      await fill(staff, 'rd-code', '');
      await fill(staff, 'rd-code', code);
      const found = desk.locator('[data-testid="rd-found"]');
      await expect(found.innerText()).resolves.toMatch(new RegExp(`^待领取\\s*\\d+月\\d+日 \\d\\d:\\d\\d 前可领\\s*抽纸一提\\s*领取人：积分居民\\s*20 积分 · 领取码 ${spaced}\\s*交给居民，核销\\s*不是这个，重新输入$`));
      expect(await desk.locator('[data-testid="rd-refusal"]').count()).toBe(0);
      const looked = staff.waitForResponse((r) => r.url().endsWith(`/codes/${code}`));
      await desk.locator('[data-testid="rd-submit"]').tap();
      expect((await looked).status()).toBe(200);
      await found.locator('[data-testid="rd-reward"]', { hasText: '抽纸一提' }).waitFor();
      expect(await desk.innerText()).not.toMatch(RAW_CODE);
      expect(await smallTouchTargets(staff)).toEqual([]);
      await shot(staff, 'points-staff-2-found');

      // Cancelled at the confirmation, which names the reward and the person: nothing collected.
      await found.locator('[data-testid="rd-collect"]').tap();
      await expect(modal(staff).locator('.taro-modal__text').innerText()).resolves.toBe('确认把「抽纸一提」交给 积分居民？核销后即算居民已领取，不能撤销。');
      await expect(modal(staff).innerText()).resolves.toContain(`核销领取码 ${spaced}`);
      await answerModal(staff, 'cancel');
      await found.waitFor();
      expect(collections).toEqual([]);

      await found.locator('[data-testid="rd-collect"]').tap();
      const collected = staff.waitForResponse((r) => r.url().endsWith('/redemption-sites/ps-mingshan/collections'));
      await answerModal(staff, 'confirm');
      expect((await collected).status()).toBe(200);
      const result = desk.locator('[data-testid="rd-result"]');
      await expect(result.innerText()).resolves.toMatch(new RegExp(`^✓ 已核销\\s*抽纸一提\\s*领取人：积分居民\\s*20 积分 · 领取码 ${spaced}\\s*请把物品交给居民$`));
      await expect(staff.locator('[data-testid="rd-code"]:visible input').inputValue()).resolves.toBe(''); // ready for the next one
      expect(await desk.locator('[data-testid="rd-found"]').count()).toBe(0);
      await expect(desk.locator('[data-testid="rd-history"]').innerText()).resolves.toMatch(/本次已核销（1）\s*\d\d:\d\d 抽纸一提 · 积分居民/);
      expect(await desk.innerText()).not.toMatch(RAW_CODE);
      expect(await smallTouchTargets(staff)).toEqual([]);
      await shot(staff, 'points-staff-3-collected');

      // The same code again: the look-up says when and by whom it was collected; nothing is sent to collect it.
      const again = staff.waitForResponse((r) => r.url().endsWith(`/codes/${code}`));
      await fill(staff, 'rd-code', code);
      expect((await again).status()).toBe(200);
      await expect(desk.locator('[data-testid="rd-refusal"]').innerText()).resolves.toMatch(
        new RegExp(`^✗ 已经领取过了\\s*抽纸一提\\s*领取人：积分居民\\s*20 积分 · 领取码 ${spaced}\\s*该领取码已于 \\d+月\\d+日 \\d\\d:\\d\\d 由冯志强核销$`),
      );
      expect(await desk.locator('[data-testid="rd-collect"]').count()).toBe(0);
      expect(await desk.locator('[data-testid="rd-result"]').count()).toBe(0);
      expect(collections).toHaveLength(1);
      expect(await desk.innerText()).not.toMatch(RAW_CODE);
      expect(await smallTouchTargets(staff)).toEqual([]);
      await shot(staff, 'points-staff-3b-already-collected');
      await staff.context().close();
    },
    STEP,
  );

  it(
    '陈静 publishes an activity starting within two minutes through the form and sees its check-in code',
    async () => {
      admin = await phoneAs('community_admin');
      for (const id of ['open-activity-admin', 'open-reward-admin', 'open-redemption-desk']) expect((await admin.locator(`[data-testid="${id}"]`).boundingBox())!.height).toBeGreaterThanOrEqual(44);
      await admin.locator('[data-testid="open-activity-admin"]').tap();
      const list = admin.locator('[data-testid="activity-admin-list"]:visible');
      await expect(list.locator('[data-testid="aa-item"]', { hasText: '银龄互助：探访独居老人' }).innerText()).resolves.toMatch(
        /银龄互助：探访独居老人\s*管理 ›\s*明天 \d+月\d+日 周[一二三四五六日] 09:00–11:00\s*名山社区党群服务中心集合\s*已报名 0\/10 · 每人 20 积分 · 所有居民/,
      );
      expect(await smallTouchTargets(admin)).toEqual([]);
      await shot(admin, 'points-staff-4-activities');

      await list.locator('[data-testid="aa-new"]').tap();
      const form = admin.locator('[data-testid="activity-form"]:visible');
      await form.waitFor();
      // Sent empty: every problem under its field, nothing sent.
      await fill(admin, 'aa-places', '');
      await form.locator('[data-testid="aa-submit"]').tap();
      await expect(form.locator('[data-testid="error-title"]').innerText()).resolves.toBe('请填写活动名称');
      await expect(form.locator('[data-testid="error-place"]').innerText()).resolves.toBe('请填写活动地点');
      await expect(form.locator('[data-testid="error-places"]').innerText()).resolves.toBe('请填写名额（整数）');
      expect(await modal(admin).count()).toBe(0);
      await shot(admin, 'points-staff-5-form-errors');

      // Starting within two minutes, today: the form refuses nothing. (An activity ends the day it starts:
      // at 23:58 China time there is no later minute left that day, so wait for the next.)
      if (chinaClock(Date.now() + 120_000) === '23:59') await new Promise((r) => setTimeout(r, 61_000));
      const at = Date.now() + 120_000;
      const start = chinaClock(at);
      const end = laterClock(start, 90);
      const minutes = (Number(end.slice(0, 2)) - Number(start.slice(0, 2))) * 60 + Number(end.slice(3)) - Number(start.slice(3));
      const length = minutes >= 60 ? `${Math.floor(minutes / 60)} 小时${minutes % 60 ? ` ${minutes % 60} 分钟` : ''}` : `${minutes} 分钟`;
      const title = `测试：社区花园浇水 ${start}`;
      await fill(admin, 'aa-title', title);
      await fill(admin, 'aa-place', '名山社区小花园');
      await admin.locator('[data-testid="aa-description"] textarea').fill('给花园浇水、除草，工具社区提供。');
      await form.locator(`[data-testid="aa-date-${chinaDate(at) === chinaDate(Date.now()) ? 0 : 1}"]`).tap();
      await pickTime(admin, 'aa-start', start);
      await pickTime(admin, 'aa-end', end);
      await fill(admin, 'aa-places', '6');
      await form.locator('[data-testid="aa-per-hour"]').tap();
      await fill(admin, 'aa-points', '10');
      await expect(form.locator('[data-testid="aa-when"]').innerText()).resolves.toMatch(new RegExp(`^(今天|明天) \\d+月\\d+日 周[一二三四五六日] ${start}–${end}，共 ${length}$`));
      expect(await form.locator('.field-error').count()).toBe(0);
      expect(await form.innerText()).not.toMatch(RAW_CODE);
      expect(await smallTouchTargets(admin)).toEqual([]);
      await shot(admin, 'points-staff-6-form');

      await form.locator('[data-testid="aa-submit"]').tap();
      const words = await modal(admin).locator('.taro-modal__text').innerText();
      expect(words).toContain(`「${title}」`);
      expect(words).toContain(`${start}–${end}，名山社区小花园。名额 6 人，每小时 10 积分，所有居民可以报名。`);
      const created = admin.waitForResponse((r) => r.url().endsWith('/api/activities') && r.request().method() === 'POST');
      await answerModal(admin, 'confirm');
      const res = await created;
      expect(res.status()).toBe(201);
      expect(res.request().headers()['idempotency-key']).toMatch(/^k-/);
      const activity = ActivityResponse.parse(await res.json()).activity;
      expect(activity.reward).toEqual({ per: 'hour', points: 10 });
      expect(Date.parse(activity.start) - Date.now()).toBeGreaterThan(0);

      const page = admin.locator('[data-testid="activity-admin"]:visible');
      await page.locator('[data-testid="aa-title"]', { hasText: title }).waitFor();
      await expect(page.locator('[data-testid="aa-checkin-code"]').innerText()).resolves.toBe(`${activity.checkInCode!.slice(0, 3)} ${activity.checkInCode!.slice(3)}`);
      await page.locator('[data-testid="aa-checkin-qr"]').waitFor();
      await expect(page.locator('[data-testid="aa-time"]').innerText()).resolves.toMatch(new RegExp(`${start}–${end}$`));
      await expect(page.locator('[data-testid="aa-signups"]').innerText()).resolves.toContain('还没有人报名');
      await toastsGone(admin);
      expect(await page.innerText()).not.toMatch(RAW_CODE);
      expect(await smallTouchTargets(admin)).toEqual([]);
      await shot(admin, 'points-staff-7-activity');
    },
    STEP + 60_000, // may wait a minute just before midnight
  );

  it(
    'confirms who came once the activity has started: the one who checked in is ticked, the other marked 没来, and the number credited shows',
    async () => {
      const token = await suite.api.tokenFor('community_admin');
      const start = Date.now() + 3_000;
      const made = await suite.api.call('POST', '/activities', {
        token,
        headers: { 'idempotency-key': idemKey('activity') },
        body: {
          communityId: 'cm-mingshan', title: '测试：楼道清洁', description: '', place: '名山小区3栋', places: 5, joiners: 'anyone',
          start: new Date(start).toISOString(), end: new Date(start + 2 * 3600_000).toISOString(), reward: { per: 'person', points: 15 },
        },
      });
      expect(made.status).toBe(201);
      const activity = ActivityResponse.parse(made.body).activity;
      const came = await resident(suite.api, '刘阿姨');
      const away = await resident(suite.api, '陈大爷');
      for (const who of [came, away]) expect((await suite.api.call('POST', `/activities/${activity.id}/signup`, { token: who.token })).status).toBe(200);
      const checkedIn = await suite.api.call('POST', `/activities/${activity.id}/check-ins`, { token: came.token, body: { code: activity.checkInCode } });
      expect(checkedIn.status).toBe(200);
      while (Date.now() < start + 500) await new Promise((r) => setTimeout(r, 200));

      // Back on 志愿活动管理 (read again on showing): the new activity, then its page.
      await admin.goBack();
      const list = admin.locator('[data-testid="activity-admin-list"]:visible');
      await list.locator('[data-testid="aa-item"]', { hasText: '测试：楼道清洁' }).tap();
      const page = admin.locator('[data-testid="activity-admin"]:visible');
      await page.locator('[data-testid="aa-title"]', { hasText: '测试：楼道清洁' }).waitFor();
      await page.locator('[data-testid="aa-confirm-box"]').waitFor();
      const her = page.locator('[data-testid="aa-signup"]', { hasText: '刘阿姨' });
      const him = page.locator('[data-testid="aa-signup"]', { hasText: '陈大爷' });
      await expect(her.innerText()).resolves.toMatch(/刘阿姨\s*已签到\s*签到 \d\d:\d\d\s*✓ 来了\s*没来\s*将记 15 积分/);
      await expect(him.innerText()).resolves.toMatch(/陈大爷\s*已报名\s*来了\s*没来$/);
      await him.locator('[data-testid="aa-absent"]').tap();
      await expect(him.locator('[data-testid="aa-absent"]').innerText()).resolves.toBe('✓ 没来');
      expect(await page.innerText()).not.toMatch(RAW_CODE);
      expect(await smallTouchTargets(admin)).toEqual([]);
      await shot(admin, 'points-staff-8-attendance');

      await page.locator('[data-testid="aa-confirm"]').tap();
      await expect(modal(admin).locator('.taro-modal__text').innerText()).resolves.toBe('来了 1 人：刘阿姨，共记 15 积分；记为未到 1 人：陈大爷。积分确认后立即记入，不能撤销。');
      const confirmed = admin.waitForResponse((r) => r.url().endsWith(`/activities/${activity.id}/attendance`));
      await answerModal(admin, 'confirm');
      const res = await confirmed;
      expect(res.status()).toBe(200);
      expect(res.request().postDataJSON()).toEqual({ attendees: [{ userId: came.userId }], absent: [away.userId] });
      await expect(page.locator('[data-testid="aa-credited"]').innerText()).resolves.toBe('✓ 已为 1 人记入积分');
      await expect(her.innerText()).resolves.toMatch(/刘阿姨\s*已确认\s*签到 \d\d:\d\d\s*已记 15 积分 · 服务 2 小时$/);
      await expect(him.innerText()).resolves.toMatch(/陈大爷\s*未到\s*来了\s*✓ 没来$/);
      expect(await page.locator('[data-testid="aa-confirm"]').count()).toBe(0); // nothing left to confirm
      expect((await accountOf(suite.api, came.token)).balance).toBe(15);
      expect((await accountOf(suite.api, away.token)).balance).toBe(0);
      expect(await page.innerText()).not.toMatch(RAW_CODE);
      expect(await smallTouchTargets(admin)).toEqual([]);
      await shot(admin, 'points-staff-9-credited');
    },
    STEP,
  );

  it(
    'nobody came: 陈静 marks everyone 没来 with one tap and confirms; nothing is credited and the page says so',
    async () => {
      const token = await suite.api.tokenFor('community_admin');
      const start = Date.now() + 3_000;
      const made = await suite.api.call('POST', '/activities', {
        token,
        headers: { 'idempotency-key': idemKey('activity') },
        body: {
          communityId: 'cm-mingshan', title: '测试：雨天读书会', description: '', place: '名山社区图书室', places: 5,
          start: new Date(start).toISOString(), end: new Date(start + 3600_000).toISOString(), reward: { per: 'person', points: 10 },
        },
      });
      expect(made.status).toBe(201);
      const activity = ActivityResponse.parse(made.body).activity;
      const first = await resident(suite.api, '赵阿姨');
      const second = await resident(suite.api, '孙大爷');
      for (const who of [first, second]) expect((await suite.api.call('POST', `/activities/${activity.id}/signup`, { token: who.token })).status).toBe(200);
      while (Date.now() < start + 500) await new Promise((r) => setTimeout(r, 200));

      await admin.goBack();
      const list = admin.locator('[data-testid="activity-admin-list"]:visible');
      await list.locator('[data-testid="aa-item"]', { hasText: '测试：雨天读书会' }).tap();
      const page = admin.locator('[data-testid="activity-admin"]:visible');
      await page.locator('[data-testid="aa-title"]', { hasText: '测试：雨天读书会' }).waitFor();
      const box = page.locator('[data-testid="aa-confirm-box"]');
      await box.waitFor();
      expect(await page.locator('[data-testid="aa-cancel"]').count()).toBe(0); // started: no cancelling now

      // Confirming with nobody chosen asks for a choice first.
      await expect(box.locator('[data-testid="aa-confirm"]').innerText()).resolves.toBe('确认参加名单');
      await box.locator('[data-testid="aa-confirm"]').tap();
      await expect(box.locator('[data-testid="aa-problem"]').innerText()).resolves.toBe('请为报名的人选择“来了”或“没来”');
      expect(await modal(admin).count()).toBe(0);

      await expect(box.locator('[data-testid="aa-all-absent"]').innerText()).resolves.toBe('都没有来：全部记为没来');
      expect(await smallTouchTargets(admin)).toEqual([]);
      await shot(admin, 'points-staff-9b-nobody-came');
      await box.locator('[data-testid="aa-all-absent"]').tap();
      for (const name of ['赵阿姨', '孙大爷']) await expect(page.locator('[data-testid="aa-signup"]', { hasText: name }).locator('[data-testid="aa-absent"]').innerText()).resolves.toBe('✓ 没来');
      expect(await box.locator('[data-testid="aa-all-absent"]').count()).toBe(0);
      expect(await box.locator('[data-testid="aa-problem"]').count()).toBe(0);
      expect(await page.innerText()).not.toMatch(RAW_CODE);

      await box.locator('[data-testid="aa-confirm"]').tap();
      await expect(modal(admin).locator('.taro-modal__text').innerText()).resolves.toBe('都没有来：记为未到 2 人：赵阿姨、孙大爷，不记积分。之后如有人其实来了，仍可改为“来了”为他记入积分。');
      const confirmed = admin.waitForResponse((r) => r.url().endsWith(`/activities/${activity.id}/attendance`));
      await answerModal(admin, 'confirm');
      const res = await confirmed;
      expect(res.status()).toBe(200);
      const sent = res.request().postDataJSON() as { attendees: unknown[]; absent: string[] };
      expect(sent.attendees).toEqual([]);
      expect([...sent.absent].sort()).toEqual([first.userId, second.userId].sort());
      await expect(page.locator('[data-testid="aa-credited"]').innerText()).resolves.toBe('✓ 已记录：2 人都没来，不记积分');
      for (const name of ['赵阿姨', '孙大爷']) {
        await expect(page.locator('[data-testid="aa-signup"]', { hasText: name }).innerText()).resolves.toMatch(new RegExp(`^${name}\\s*未到\\s*来了\\s*✓ 没来$`));
      }
      expect(await page.locator('[data-testid="aa-confirm"]').count()).toBe(0);
      expect((await accountOf(suite.api, first.token)).balance).toBe(0);
      expect(await page.innerText()).not.toMatch(RAW_CODE);
      await toastsGone(admin);
      await shot(admin, 'points-staff-9c-nobody-came-confirmed');
    },
    STEP,
  );

  it(
    '陈静 cancels an activity that has not started, after a confirmation that says who signed up; it leaves the list',
    async () => {
      const token = await suite.api.tokenFor('community_admin');
      const start = Date.now() + 3 * 3600_000;
      const made = await suite.api.call('POST', '/activities', {
        token,
        headers: { 'idempotency-key': idemKey('activity') },
        body: {
          communityId: 'cm-mingshan', title: '测试：广场舞培训', description: '', place: '名山社区广场', places: 20,
          start: new Date(start).toISOString(), end: new Date(start + 3600_000).toISOString(), reward: { per: 'person', points: 10 },
        },
      });
      expect(made.status).toBe(201);
      const activity = ActivityResponse.parse(made.body).activity;
      const joined = await resident(suite.api, '周阿姨');
      expect((await suite.api.call('POST', `/activities/${activity.id}/signup`, { token: joined.token })).status).toBe(200);

      await admin.goBack();
      const list = admin.locator('[data-testid="activity-admin-list"]:visible');
      await list.locator('[data-testid="aa-item"]', { hasText: '测试：广场舞培训' }).tap();
      const page = admin.locator('[data-testid="activity-admin"]:visible');
      await page.locator('[data-testid="aa-title"]', { hasText: '测试：广场舞培训' }).waitFor();
      const cancel = page.locator('[data-testid="aa-cancel"]');
      await expect(page.locator('[data-testid="aa-cancel-box"]').innerText()).resolves.toMatch(/^活动开始前可以取消。开始后不能取消，只能确认谁来了。\s*取消活动$/);
      expect(await smallTouchTargets(admin)).toEqual([]);
      await shot(admin, 'points-staff-9d-before-cancel');

      // Thinking better of it: nothing sent.
      await cancel.tap();
      await expect(modal(admin).locator('.taro-modal__text').innerText()).resolves.toBe(
        '取消「测试：广场舞培训」后，居民不能再报名，活动不再出现在活动列表里。已报名的 1 人不会自动收到通知，请另行告知。取消不能撤销。',
      );
      await answerModal(admin, 'cancel');
      expect(await page.locator('[data-testid="aa-cancelled"]').count()).toBe(0);

      await cancel.tap();
      const cancelled = admin.waitForResponse((r) => r.url().endsWith(`/activities/${activity.id}/cancellation`));
      await answerModal(admin, 'confirm');
      expect((await cancelled).status()).toBe(200);
      await expect(page.locator('[data-testid="aa-cancelled"]').innerText()).resolves.toBe('活动已取消，居民不能再报名。');
      expect(await page.locator('[data-testid="aa-cancel"]').count()).toBe(0);
      expect(await page.locator('[data-testid="aa-checkin"]').count()).toBe(0); // no check-in code for an activity that will not happen
      await expect(page.locator('[data-testid="aa-signup"]').innerText()).resolves.toMatch(/^周阿姨\s*已报名$/);
      await expect(page.locator('[data-testid="aa-cancelled-note"]').innerText()).resolves.toBe('活动已取消，请告知下面报名的人。');
      await toastsGone(admin);
      expect(await page.innerText()).not.toMatch(RAW_CODE);
      expect(await smallTouchTargets(admin)).toEqual([]);
      await shot(admin, 'points-staff-9e-cancelled');

      // Gone from 志愿活动管理 (read again on coming back), and from the residents' list.
      await admin.goBack();
      await list.locator('[data-testid="aa-item"]', { hasText: '测试：广场舞培训' }).waitFor({ state: 'detached' });
      await list.locator('[data-testid="aa-item"]', { hasText: '测试：雨天读书会' }).waitFor();
      const theirs = await suite.api.call('GET', '/activities', { token: joined.token });
      expect(theirs.body.items.map((a: { id: string }) => a.id)).not.toContain(activity.id);
      await admin.context().close();
    },
    STEP,
  );

  it(
    '陈静 keeps the shelf at 兑换点管理: a reward sold out, a new one put on the shelf (problems under the fields first), one taken off after a confirmation',
    async () => {
      const p = await phoneAs('community_admin');
      await p.locator('[data-testid="open-reward-admin"]').tap();
      const shelf = p.locator('[data-testid="reward-admin"]:visible');
      await shelf.locator('[data-testid="ra-site"]', { hasText: '名山社区道德超市' }).waitFor();
      const tissue = shelf.locator('[data-testid="ra-reward"]', { hasText: '抽纸一提' });
      await expect(tissue.innerText()).resolves.toMatch(/抽纸一提\s*修改 ›\s*在架\s*20 积分\s*库存 99\s*三层抽纸 6 包/); // one was redeemed above
      await expect(shelf.locator('[data-testid="ra-reward"]', { hasText: '土鸡蛋一盒' }).innerText()).resolves.toMatch(/每人每月限 1 次\s*明天 \d+月\d+日 周[一二三四五六日] 09:00 开兑/);
      expect(await shelf.innerText()).not.toMatch(RAW_CODE);
      expect(await smallTouchTargets(p)).toEqual([]);
      await shot(p, 'points-staff-10-shelf');

      // Sold out: stock 0.
      await tissue.tap();
      const form = p.locator('[data-testid="reward-form"]:visible');
      await expect(form.locator('[data-testid="aa-name"] input').inputValue()).resolves.toBe('抽纸一提');
      await fill(p, 'aa-stock', '0');
      const saved = p.waitForResponse((r) => r.url().endsWith('/redemption-sites/ps-mingshan/rewards/rw-tissue') && r.request().method() === 'PUT');
      await form.locator('[data-testid="ra-save"]').tap();
      expect((await saved).status()).toBe(200);
      await shelf.locator('[data-testid="ra-reward"]', { hasText: '抽纸一提' }).locator('[data-testid="ra-reward-stock"]', { hasText: '无库存' }).waitFor();

      // A new reward: sent empty first, then filled in, with a monthly limit.
      await shelf.locator('[data-testid="ra-new"]').tap();
      await form.waitFor();
      await form.locator('[data-testid="ra-save"]').tap();
      await expect(form.locator('[data-testid="error-name"]').innerText()).resolves.toBe('请填写物品名称');
      await expect(form.locator('[data-testid="error-cost"]').innerText()).resolves.toBe('请填写所需积分（整数）');
      await expect(form.locator('[data-testid="error-stock"]').innerText()).resolves.toBe('请填写库存（整数，可以是 0）');
      expect(await smallTouchTargets(p)).toEqual([]);
      await shot(p, 'points-staff-11-reward-errors');
      await fill(p, 'aa-name', '测试：环保购物袋');
      await fill(p, 'aa-cost', '15');
      await fill(p, 'aa-stock', '40');
      await fill(p, 'aa-monthlyLimit', '2');
      expect(await form.locator('.field-error').count()).toBe(0);
      const created = p.waitForResponse((r) => r.url().endsWith('/redemption-sites/ps-mingshan/rewards') && r.request().method() === 'POST');
      await form.locator('[data-testid="ra-save"]').tap();
      const res = await created;
      expect(res.status()).toBe(201);
      expect(res.request().postDataJSON()).toMatchObject({ name: '测试：环保购物袋', cost: 15, stock: 40, monthlyLimit: 2, releaseAt: null, active: true });
      const bag = shelf.locator('[data-testid="ra-reward"]', { hasText: '测试：环保购物袋' });
      await expect(bag.innerText()).resolves.toMatch(/在架\s*15 积分\s*库存 40\s*每人每月限 2 次/);

      // Off the shelf, after saying what that means.
      await bag.tap();
      await form.locator('[data-testid="aa-name"] input').waitFor();
      await form.locator('[data-testid="aa-active-off"]').tap();
      await form.locator('[data-testid="ra-save"]').tap();
      await expect(modal(p).locator('.taro-modal__text').innerText()).resolves.toContain('下架后居民看不到「测试：环保购物袋」，也不能再兑换');
      const off = p.waitForResponse((r) => r.request().method() === 'PUT');
      await answerModal(p, 'confirm');
      expect((await off).status()).toBe(200);
      await shelf.locator('[data-testid="ra-off-shelf"] [data-testid="ra-reward"]', { hasText: '测试：环保购物袋' }).waitFor();
      await toastsGone(p);
      expect(await smallTouchTargets(p)).toEqual([]);
      await shot(p, 'points-staff-12-off-shelf');
      await p.context().close();
    },
    STEP,
  );
});
