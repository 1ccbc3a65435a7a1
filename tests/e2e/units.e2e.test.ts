/// <reference lib="dom" />
/**
 * End to end (H5, phone viewport): 共建单位 (在职党员双报到). 陈静 (the community admin) opens 共建单位
 * on 我的 and registers 峨眉山市税务局: a name too short is said under its field and nothing is asked;
 * the confirmation names the unit, the community and the contact; the unit's card shows its 报到码
 * large. 张秀英 (the demo resident) opens 共建单位报到 from the points tab: five digits are said under
 * the field; a wrong code, after the confirmation, is refused under the field; the right one makes the
 * card say 已报到 with 1 member. 陈静 publishes the unit's weekly 岗位 through 发布活动 (13 weeks are
 * refused under the field; 4 weeks are confirmed as 每周一次，共 4 周) and lands on its page. 张秀英
 * finds the four weeks in 志愿活动 and signs up; 王桂芳 (the demo volunteer, no member) is told on the
 * card that the post is for the unit's members only. 陈静 opens the quarter's report: the unit with its
 * member, who served, the points and the hours in words; last quarter is empty and says so.
 */

import type { Page } from 'playwright-core';
import { ActivityResponse, UnitResponse } from '@linli/shared';
import { idemKey } from '../support/builders';
import { answerModal, browserSuite, describeBrowser, fill, modal, smallTouchTargets, visible } from '../support/browser';

const STEP = 90_000;
/** Codes of choices and states must never show: labels are Chinese. */
const RAW_CODE = /\b(anyone|volunteers|team|unit|person|hour|signed_up|[a-z]+_[a-z]+|\d{4}Q[1-4])\b/;
const UNIT = '峨眉山市税务局';
const POST = '党群服务中心周值班';
/** This quarter and the last, in China time, as the page writes them (2026年第4季度). */
const quarterWords = (back: number): string => {
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const q = Number(today.slice(0, 4)) * 4 + Math.floor((Number(today.slice(5, 7)) - 1) / 3) - back;
  return `${Math.floor(q / 4)}年第${(q % 4) + 1}季度`;
};

describeBrowser('共建单位: registering a unit, members reporting in, its weekly post and the quarter report in the browser', () => {
  const suite = browserSuite();
  const { shot } = suite;
  let admin: Page;
  let member: Page;
  let unitId = '';
  let joinCode = '';
  let postId = '';

  const noRawCodes = async (p: Page, testid: string) => expect(await visible(p, testid).last().innerText()).not.toMatch(RAW_CODE);
  const toastsGone = (p: Page) => p.waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('.taro__toast')).every((t) => t.style.display === 'none'));
  const openTab = async (p: Page, text: '积分' | '我的') => {
    await p.locator('.weui-tabbar__label', { hasText: text }).tap();
    await visible(p, text === '积分' ? 'points-page' : 'me-card').waitFor();
  };

  /** A phone that agreed to the privacy notice, signed in with a demo login on 我的. */
  const phoneAs = (role: string): Promise<Page> => suite.phoneAs(role, { agreed: true });

  it(
    '陈静 registers a unit on 共建单位: a short name is said under its field, the registration is confirmed first, and its 报到码 shows large',
    async () => {
      admin = await phoneAs('community_admin');
      await visible(admin, 'open-units').tap();
      const page = visible(admin, 'units-page').last();
      await page.waitFor();
      await expect(page.locator('[data-testid="empty"]').innerText()).resolves.toBe('还没有登记共建单位，在上面登记第一个');
      await page.locator('.un-section', { hasText: '名山社区的共建单位' }).waitFor(); // the community's name once read

      // Too short: said under the field, nothing asked or sent.
      await fill(admin, 'aa-name', '税');
      await page.locator('[data-testid="unit-submit"]').tap();
      await expect(page.locator('[data-testid="error-name"]').innerText()).resolves.toBe('请填写单位名称');
      expect(await modal(admin).count()).toBe(0);
      await fill(admin, 'aa-name', UNIT);
      await expect(page.locator('[data-testid="error-name"]').count()).resolves.toBe(0);
      await fill(admin, 'aa-contact', '李书记 13800001111');
      expect(await smallTouchTargets(admin)).toEqual([]);
      await noRawCodes(admin, 'units-page');
      await shot(admin, 'units-1-form');

      // Thinking better of it first: nothing is sent.
      await page.locator('[data-testid="unit-submit"]').tap();
      const words = await modal(admin).innerText();
      for (const w of ['登记共建单位', `把「${UNIT}」登记为名山社区的共建单位，联系人李书记 13800001111`, '6 位报到码']) expect(words).toContain(w);
      await answerModal(admin, 'cancel');
      expect(await page.locator('[data-testid="unit-card"]').count()).toBe(0);

      const sent = admin.waitForResponse((r) => r.url().endsWith('/api/units') && r.request().method() === 'POST');
      await page.locator('[data-testid="unit-submit"]').tap();
      await answerModal(admin, 'confirm');
      const res = await sent;
      expect(res.status()).toBe(201);
      expect(res.request().headers()['idempotency-key']).toMatch(/^k-/);
      const unit = UnitResponse.parse(await res.json()).unit;
      unitId = unit.id;
      joinCode = unit.joinCode!;
      expect(joinCode).toMatch(/^\d{6}$/);

      const card = page.locator('[data-testid="unit-card"]', { hasText: UNIT });
      await card.waitFor();
      await expect(card.locator('[data-testid="unit-code"]').innerText()).resolves.toBe(`${joinCode.slice(0, 3)} ${joinCode.slice(3)}`);
      await expect(card.locator('[data-testid="unit-members"]').innerText()).resolves.toBe('已报到成员：0 人');
      await expect(card.locator('[data-testid="unit-contact"]').innerText()).resolves.toBe('联系人：李书记 13800001111');
      await expect(page.locator('[data-testid="units-note"]').innerText()).resolves.toBe(`已登记「${UNIT}」。报到码 ${joinCode.slice(0, 3)} ${joinCode.slice(3)}，请告诉单位联系人。`);
      // The form is empty again, ready for the next unit.
      await expect(admin.locator('[data-testid="aa-name"] input').inputValue()).resolves.toBe('');
      expect(await card.locator('[data-testid="unit-report-in"]').count()).toBe(0); // staff hand the code out; they do not report in here
      // The code is the community staff's only.
      const seen = await suite.api.call('GET', '/units', { token: await suite.api.tokenFor('resident') });
      expect(seen.body.items).toEqual([expect.objectContaining({ id: unitId, joinCode: null, mine: false })]);
      expect(await smallTouchTargets(admin)).toEqual([]);
      await noRawCodes(admin, 'units-page');
      await shot(admin, 'units-2-registered');
    },
    STEP,
  );

  it(
    '张秀英 reports in from the points tab: too few digits and a wrong code are said under the field, the right one makes the card say 已报到',
    async () => {
      member = await phoneAs('resident');
      await openTab(member, '积分');
      await expect(visible(member, 'points-open-units').innerText()).resolves.toContain('共建单位报到');
      await visible(member, 'points-open-units').tap();
      const page = visible(member, 'units-page').last();
      const card = page.locator('[data-testid="unit-card"]', { hasText: UNIT });
      await card.waitFor();
      expect(await card.locator('[data-testid="unit-code"]').count()).toBe(0);
      expect(await card.locator('[data-testid="unit-status"]').count()).toBe(0);
      expect(await page.locator('[data-testid="unit-form"]').count()).toBe(0);
      await expect(card.locator('[data-testid="unit-members"]').innerText()).resolves.toBe('已报到成员：0 人');

      // Five digits: said before anything is asked.
      const input = card.locator('[data-testid="unit-code-input"] input');
      await input.fill('12345');
      await card.locator('[data-testid="unit-report-in-send"]').tap();
      await expect(card.locator('[data-testid="error-code"]').innerText()).resolves.toBe('请输入 6 位报到码');
      expect(await modal(member).count()).toBe(0);

      // A wrong code: asked first, then refused under the field.
      await input.fill(joinCode === '000000' ? '111111' : '000000');
      await expect(card.locator('[data-testid="error-code"]').count()).resolves.toBe(0);
      await card.locator('[data-testid="unit-report-in-send"]').tap();
      const words = await modal(member).innerText();
      for (const w of [`到「${UNIT}」报到`, '认领单位的岗位', '不能自己取消']) expect(words).toContain(w);
      const wrong = member.waitForResponse((r) => r.url().endsWith(`/api/units/${unitId}/membership`));
      await answerModal(member, 'confirm');
      expect((await wrong).status()).toBe(400);
      await expect(card.locator('[data-testid="error-code"]').innerText()).resolves.toBe('报到码不对，请向单位或社区确认报到码');
      expect(await card.locator('[data-testid="unit-status"]').count()).toBe(0);
      expect(await smallTouchTargets(member)).toEqual([]);
      await noRawCodes(member, 'units-page');
      await shot(member, 'units-3-wrong-code');

      await input.fill(joinCode);
      const right = member.waitForResponse((r) => r.url().endsWith(`/api/units/${unitId}/membership`));
      await card.locator('[data-testid="unit-report-in-send"]').tap();
      await answerModal(member, 'confirm');
      expect((await right).status()).toBe(200);
      await expect(card.locator('[data-testid="unit-status"]').innerText()).resolves.toBe('已报到');
      await expect(card.locator('[data-testid="unit-members"]').innerText()).resolves.toBe('已报到成员：1 人');
      await expect(page.locator('[data-testid="units-note"]').innerText()).resolves.toBe(`已到「${UNIT}」报到`);
      await card.locator('[data-testid="unit-done"]').waitFor();
      expect(await card.locator('[data-testid="unit-report-in"]').count()).toBe(0);
      expect(await smallTouchTargets(member)).toEqual([]);
      await noRawCodes(member, 'units-page');
      await shot(member, 'units-4-reported-in');

      // Service she does in the community counts for her unit too (for the report below).
      const credit = await suite.api.call('POST', '/points/credits', {
        token: await suite.api.tokenFor('community_admin'),
        headers: { 'idempotency-key': idemKey('credit') },
        body: { userId: 'u-demo-resident', points: 5, minutes: 90, reason: '周末小区巡逻' },
      });
      expect(credit.status).toBe(201);
    },
    STEP,
  );

  it(
    '陈静 publishes the unit’s weekly 岗位 for 4 weeks through 发布活动 (13 weeks refused under the field) and its page opens',
    async () => {
      await admin.goBack();
      await visible(admin, 'me-card').waitFor();
      await visible(admin, 'open-activity-admin').tap();
      await visible(admin, 'activity-admin-list').last().locator('[data-testid="aa-new"]').tap();
      const form = visible(admin, 'activity-form').last();
      await form.waitFor();
      await fill(admin, 'aa-title', POST);
      await fill(admin, 'aa-place', '名山社区党群服务中心');
      await fill(admin, 'aa-places', '2');
      // 共建单位成员: the community's only unit is chosen, and the hint names it.
      await form.locator('[data-testid="aa-joiners-unit"]').tap();
      await expect(form.locator('[data-testid="aa-joiners-unit"]').innerText()).resolves.toBe('共建单位成员');
      await form.locator(`[data-testid="aa-unitId-${unitId}"].chip-on`).waitFor();
      await expect(form.locator(`[data-testid="aa-unitId-${unitId}"]`).innerText()).resolves.toBe(`${UNIT}（1 人）`);
      await expect(form.locator('[data-testid="aa-joiners-hint"]').innerText()).resolves.toBe(`只有到社区报到的${UNIT}成员可以认领这个岗位`);
      expect(await form.locator('[data-testid="aa-teamId"]').count()).toBe(0);

      // 13 weeks: said under the field, nothing asked.
      await fill(admin, 'aa-repeatWeeks', '13');
      await form.locator('[data-testid="aa-submit"]').tap();
      await expect(form.locator('[data-testid="error-repeatWeeks"]').innerText()).resolves.toBe('请填写 1 到 12 之间的整数（1 表示只办一次）');
      expect(await modal(admin).count()).toBe(0);
      await fill(admin, 'aa-repeatWeeks', '4');
      await expect(form.locator('[data-testid="error-repeatWeeks"]').count()).resolves.toBe(0);
      await expect(form.locator('[data-testid="aa-when"]').innerText()).resolves.toMatch(
        /^明天 \d+月\d+日 周[一二三四五六日] 09:00–11:00，共 2 小时；每周一次，共 4 周（最后一次 \d+月\d+日）$/,
      );
      expect(await form.locator('.field-error').count()).toBe(0);
      expect(await form.innerText()).not.toMatch(RAW_CODE);
      expect(await smallTouchTargets(admin)).toEqual([]);
      await shot(admin, 'units-5-post-form');

      await form.locator('[data-testid="aa-submit"]').tap();
      const words = await modal(admin).innerText();
      for (const w of ['发布 4 周的活动', `${UNIT}的岗位「${POST}」`, '每周一次，共 4 周', '每次名额 2 人', `${UNIT}的成员可以认领`]) expect(words).toContain(w);
      const created = admin.waitForResponse((r) => r.url().endsWith('/api/activities') && r.request().method() === 'POST');
      await answerModal(admin, 'confirm');
      const res = await created;
      expect(res.status()).toBe(201);
      const body = res.request().postDataJSON();
      expect(body).toMatchObject({ joiners: 'unit', unitId, repeatWeeks: 4, places: 2 });
      expect(body.teamId).toBeUndefined();
      const made = ActivityResponse.parse(await res.json());
      postId = made.activity.id;
      expect(made.series).toHaveLength(3);
      expect(made.activity).toMatchObject({ unitId, unitName: UNIT, joiners: 'unit' });

      const page = visible(admin, 'activity-admin').last();
      await page.locator('[data-testid="aa-title"]', { hasText: POST }).waitFor();
      await expect(page.locator('[data-testid="aa-joiners"]').innerText()).resolves.toBe(`${UNIT}成员可以认领`);
      await page.locator('[data-testid="aa-checkin-code"]').waitFor();
      await toastsGone(admin);
      expect(await page.innerText()).not.toMatch(RAW_CODE);
      expect(await smallTouchTargets(admin)).toEqual([]);
      await shot(admin, 'units-6-post-page');
    },
    STEP,
  );

  it(
    'the member finds the four weeks in 志愿活动 and signs up; 王桂芳, no member, is told the post is for the unit’s members',
    async () => {
      const page = visible(member, 'units-page').last();
      await page.locator('[data-testid="unit-open-activities"]').tap();
      const list = visible(member, 'activities-page').last();
      const mine = list.locator(`[data-testid="activity-${postId}"]`);
      await mine.waitFor();
      expect(await list.locator('.card', { hasText: POST }).count()).toBe(4); // every week its own
      expect(await mine.innerText()).toMatch(new RegExp(`谁可报名\\s*${UNIT}成员`));
      const signed = member.waitForResponse((r) => r.url().endsWith(`/api/activities/${postId}/signup`));
      await mine.locator('[data-testid="activity-signup"]').tap();
      expect((await signed).status()).toBe(200);
      await expect(mine.locator('[data-testid="activity-status"]').innerText()).resolves.toBe('已报名');
      await toastsGone(member);
      expect(await smallTouchTargets(member)).toEqual([]);
      await shot(member, 'units-7-member-signed-up');
      await member.context().close();

      const outsider = await phoneAs('volunteer');
      await openTab(outsider, '积分');
      await visible(outsider, 'points-open-activities').tap();
      const card = visible(outsider, 'activities-page').last().locator(`[data-testid="activity-${postId}"]`);
      await card.waitFor();
      const refused = outsider.waitForResponse((r) => r.url().endsWith(`/api/activities/${postId}/signup`));
      await card.locator('[data-testid="activity-signup"]').tap();
      expect((await refused).status()).toBe(403);
      await expect(card.locator('[data-testid="activity-error"]').innerText()).resolves.toBe(`该岗位仅限${UNIT}成员认领`);
      expect(await card.locator('[data-testid="activity-status"]').count()).toBe(0);
      expect(await smallTouchTargets(outsider)).toEqual([]);
      await shot(outsider, 'units-8-not-a-member');
      await outsider.context().close();
    },
    STEP,
  );

  it(
    '陈静 opens the quarter report: the unit’s member, who served, the points and the hours in words; last quarter says it is empty',
    async () => {
      // One page back at a time (Taro's H5 router loses its place on two quick history steps).
      await admin.goBack();
      await visible(admin, 'activity-admin-list').last().waitFor();
      await admin.goBack();
      await visible(admin, 'me-card').waitFor();
      await visible(admin, 'open-units').tap();
      const units = visible(admin, 'units-page').last();
      await expect(units.locator('[data-testid="unit-card"]', { hasText: UNIT }).locator('[data-testid="unit-members"]').innerText()).resolves.toBe('已报到成员：1 人');
      await units.locator('[data-testid="units-open-report"]').tap();

      const report = visible(admin, 'unit-report').last();
      const row = report.locator('[data-testid="ur-row"]', { hasText: UNIT });
      await row.waitFor();
      await expect(report.locator('[data-testid="ur-quarter"]').innerText()).resolves.toBe(quarterWords(0));
      await expect(row.locator('[data-testid="ur-members"]').innerText()).resolves.toBe('1 人');
      await expect(row.locator('[data-testid="ur-serving"]').innerText()).resolves.toBe('1 人');
      await expect(row.locator('[data-testid="ur-points"]').innerText()).resolves.toBe('5 分');
      await expect(row.locator('[data-testid="ur-minutes"]').innerText()).resolves.toBe('1 小时 30 分钟');
      expect(await report.locator('[data-testid="ur-quiet"]').count()).toBe(0);
      await noRawCodes(admin, 'unit-report');
      expect(await smallTouchTargets(admin)).toEqual([]);
      await shot(admin, 'units-9-report');

      const lastQuarter = admin.waitForResponse((r) => r.url().includes('/unit-report?quarter='));
      await report.locator('[data-testid="ur-quarter-1"]').tap();
      expect((await lastQuarter).status()).toBe(200);
      await report.locator('[data-testid="ur-quarter"]', { hasText: quarterWords(1) }).waitFor();
      await expect(report.locator('[data-testid="ur-quiet"]').innerText()).resolves.toBe('这个季度各单位成员还没有服务记录。');
      await expect(row.locator('[data-testid="ur-points"]').innerText()).resolves.toBe('0 分');
      await expect(row.locator('[data-testid="ur-minutes"]').innerText()).resolves.toBe('0 分钟');
      await noRawCodes(admin, 'unit-report');
      expect(await smallTouchTargets(admin)).toEqual([]);
      await shot(admin, 'units-10-report-last-quarter');
      await admin.context().close();
    },
    STEP,
  );
});
