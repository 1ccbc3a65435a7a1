/// <reference lib="dom" />
/**
 * End to end (H5, phone viewport): recognition, reported service, teams and the service record.
 * 王桂芳 (the demo volunteer, 200 points this quarter) opens 积分榜 from the points tab: she is first,
 * her row marked 我; she hides her name and her row says 志愿者 (to others too). 李强 (the demo rider)
 * reports a 文明劝导 — an empty description is said under its field, the report is confirmed first —
 * and a good deed of 张秀英; both wait as 待审核. 陈静 (the community admin) opens 审核志愿服务 on 我的,
 * approves the 文明劝导 after a confirmation, and for the good deed finds 张秀英 by name among the
 * community's registered residents and approves it for her. 李强 sees 已通过 and +5 in his ledger. A
 * team set up through the API (银龄互助队, captain 王桂芳) is joined by 张秀英 after a confirmation; the
 * captain finds 志愿活动管理 on 我的, her team in the 发布活动 form with 本队队员, and 张秀英 in her
 * member list. A daughter who gave her mother 1 小时 30 分钟 of banked time sees it in 积分明细 as time.
 * 陈静 exports 名山社区's service record for this month: the rows, the total, and a CSV downloaded.
 */

import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { LoginResponse, TeamResponse } from '@linli/shared';
import { answerModal, browserSuite, describeBrowser, modal, preAgreePrivacy, smallTouchTargets, visible } from '../support/browser';
import { idemKey } from '../support/builders';

const STEP = 90_000;
/** Statuses, kinds and choices must never show as codes: labels are Chinese. */
const RAW_CODE = /\b(pending|approved|rejected|civility|station_duty|good_deed|anyone|volunteers|team|transfer_in|transfer_out|payment|[a-z]+_[a-z]+)\b/;
/** Today in China, YYYY-MM-DD. */
const chinaToday = (): string => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

describeBrowser('积分榜, 报告志愿服务, 志愿服务队 and 服务记录导出 in the browser', () => {
  const suite = browserSuite();
  const { shot } = suite;
  let volunteer: Page;
  let rider: Page;
  let admin: Page;
  let teamId = '';

  const toastsGone = (p: Page) => p.waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('.taro__toast')).every((t) => t.style.display === 'none'));
  // The page on top (H5 may still be removing the one left before, as when a list is opened afresh).
  const noRawCodes = async (p: Page, testid: string) => expect(await visible(p, testid).last().innerText()).not.toMatch(RAW_CODE);
  const openTab = async (p: Page, text: '积分' | '我的') => {
    await p.locator('.weui-tabbar__label', { hasText: text }).tap();
    await visible(p, text === '积分' ? 'points-page' : 'me-card').waitFor();
  };

  async function newPhone(): Promise<Page> {
    const context: BrowserContext = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    await preAgreePrivacy(context);
    const p = await context.newPage();
    await p.goto(`${suite.web.url}/#/pages/me/index`);
    return p;
  }
  /** A phone that agreed to the privacy notice, signed in with a demo login on 我的. */
  async function phoneAs(role: string): Promise<Page> {
    const p = await newPhone();
    await p.locator(`[data-testid="demo-login-${role}"]`).tap();
    await p.locator('[data-testid="me-card"]').waitFor();
    return p;
  }
  /** A phone signed in with this session (as 我的 keeps it). */
  async function phoneOf(login: LoginResponse): Promise<Page> {
    const p = await newPhone();
    await p.evaluate((s) => localStorage.setItem('linli.session', JSON.stringify({ data: s })), { token: login.token, expiresAt: login.expiresAt, user: login.user });
    await p.reload();
    await p.locator('[data-testid="me-card"]').waitFor();
    return p;
  }

  it(
    '积分榜: the volunteer is first with 200 points and 8 hours, her row marked; hiding her name makes it 志愿者',
    async () => {
      volunteer = await phoneAs('volunteer');
      await openTab(volunteer, '积分');
      const tab = await visible(volunteer, 'points-page').innerText();
      for (const w of ['积分榜', '报告服务', '志愿服务队']) expect(tab).toContain(w);
      await visible(volunteer, 'points-balance').filter({ hasText: '200' }).waitFor();
      expect(await smallTouchTargets(volunteer)).toEqual([]);
      await shot(volunteer, 'more-0-points-tab');
      await visible(volunteer, 'points-open-leaderboard').tap();
      const rows = visible(volunteer, 'lb-row');
      await rows.first().waitFor();
      await expect(visible(volunteer, 'lb-quarter').innerText()).resolves.toMatch(/^\d{4}年第[1-4]季度 · 本社区$/);
      const first = rows.first();
      await expect(first.locator('[data-testid="lb-rank"]').innerText()).resolves.toBe('1');
      await expect(first.locator('[data-testid="lb-name"]').innerText()).resolves.toBe('王桂芳');
      await expect(first.locator('[data-testid="lb-points"]').innerText()).resolves.toMatch(/^200\s*分$/);
      await expect(first.locator('[data-testid="lb-hours"]').innerText()).resolves.toBe('服务 8 小时');
      await expect(first.getAttribute('data-me')).resolves.toBe('yes');
      expect(await first.innerText()).toContain('我');
      await expect(rows.nth(1).innerText()).resolves.toMatch(/2\s*张秀英[\s\S]*服务 2 小时\s*80\s*分/);
      await expect(visible(volunteer, 'lb-hide').getAttribute('data-on')).resolves.toBe('no');
      await noRawCodes(volunteer, 'leaderboard-page');
      expect(await smallTouchTargets(volunteer)).toEqual([]);
      await shot(volunteer, 'more-1-leaderboard');

      const saved = volunteer.waitForResponse((r) => r.url().endsWith('/points/me/board-preference') && r.request().method() === 'PUT');
      await visible(volunteer, 'lb-hide').tap();
      expect((await saved).status()).toBe(200);
      await visible(volunteer, 'lb-hide').and(volunteer.locator('[data-on="yes"]')).waitFor();
      await rows.first().locator('[data-testid="lb-name"]', { hasText: '志愿者' }).waitFor();
      await expect(rows.first().locator('[data-testid="lb-points"]').innerText()).resolves.toMatch(/^200\s*分$/);
      await expect(visible(volunteer, 'lb-hide').innerText()).resolves.toContain('已隐藏：其他人看到的是“志愿者”');
      // Others see it too.
      const board = await suite.api.call('GET', '/points/leaderboard', { token: await suite.api.tokenFor('resident') });
      expect(board.body.items[0]).toMatchObject({ rank: 1, name: '志愿者', points: 200, me: false });
      expect(await smallTouchTargets(volunteer)).toEqual([]);
      await shot(volunteer, 'more-2-hidden');
    },
    STEP,
  );

  it(
    'the rider reports a 文明劝导 (an empty description said under its field; confirmed first) and a neighbour’s good deed: both 待审核',
    async () => {
      rider = await phoneAs('rider');
      await openTab(rider, '积分');
      await visible(rider, 'points-open-reports').tap();
      await visible(rider, 'my-reports').waitFor();
      await visible(rider, 'empty').waitFor();
      await visible(rider, 'sr-new').tap();
      await visible(rider, 'report-form').waitFor();
      await expect(visible(rider, 'sr-kind-civility').getAttribute('class')).resolves.toContain('chip-on');
      await expect(visible(rider, 'sr-date-0').getAttribute('class')).resolves.toContain('chip-on');
      await visible(rider, 'sr-submit').tap();
      await expect(visible(rider, 'error-description').innerText()).resolves.toBe('请写清楚做了什么，至少 5 个字');
      expect(await modal(rider).count()).toBe(0);
      await visible(rider, 'sr-description').locator('textarea').fill('在名山路口劝导 5 辆电动车不逆行');
      await expect(visible(rider, 'error-description').count()).resolves.toBe(0);
      expect(await smallTouchTargets(rider)).toEqual([]);
      await noRawCodes(rider, 'report-form');
      await shot(rider, 'more-3-report-form');

      // Thinking better of it first: nothing is sent.
      await visible(rider, 'sr-submit').tap();
      const words = await modal(rider).innerText();
      for (const w of ['提交报告', '今天', '我的文明劝导', '提交后不能修改']) expect(words).toContain(w);
      await answerModal(rider, 'cancel');
      const sent = rider.waitForResponse((r) => r.url().endsWith('/api/points/service-reports') && r.request().method() === 'POST');
      await visible(rider, 'sr-submit').tap();
      await answerModal(rider, 'confirm');
      const res = await sent;
      expect(res.status()).toBe(201);
      expect(res.request().headers()['idempotency-key']).toMatch(/^k-/);
      await visible(rider, 'my-reports').waitFor();
      await visible(rider, 'sr-card').first().waitFor();

      // A neighbour's good deed: her name is asked for.
      await toastsGone(rider);
      await visible(rider, 'sr-new').tap();
      await visible(rider, 'report-form').waitFor();
      await visible(rider, 'sr-kind-good_deed').tap();
      await visible(rider, 'sr-description').locator('textarea').fill('帮迷路的老人找到家');
      await visible(rider, 'sr-submit').tap();
      await expect(visible(rider, 'error-doerName').innerText()).resolves.toBe('请写明做好事的人');
      await visible(rider, 'sr-doer').locator('input').fill('张秀英');
      await visible(rider, 'sr-submit').tap();
      await expect(modal(rider).innerText()).resolves.toContain('张秀英的好人好事');
      await answerModal(rider, 'confirm');
      await visible(rider, 'sr-card').nth(1).waitFor();
      const cards = (await visible(rider, 'sr-card').allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
      expect(cards[0]).toMatch(/^好人好事 待审核 日期：今天.* 做好事的人：张秀英 帮迷路的老人找到家$/);
      expect(cards[1]).toMatch(/^文明劝导 待审核 日期：今天.* 在名山路口劝导 5 辆电动车不逆行$/);
      await toastsGone(rider);
      await noRawCodes(rider, 'my-reports');
      expect(await smallTouchTargets(rider)).toEqual([]);
      await shot(rider, 'more-4-reports-pending');
    },
    STEP,
  );

  it(
    'the community admin approves the 文明劝导, and the good deed for 张秀英 found by name among the residents',
    async () => {
      admin = await phoneAs('community_admin');
      await visible(admin, 'open-service-review').tap();
      await visible(admin, 'review-reports').waitFor();
      const civility = visible(admin, 'sr-card').filter({ hasText: '文明劝导' });
      const deed = visible(admin, 'sr-card').filter({ hasText: '好人好事' });
      await civility.waitFor();
      await expect(civility.locator('[data-testid="sr-card-reporter"]').innerText()).resolves.toBe('报告人：李强');
      await expect(deed.locator('[data-testid="sr-card-doer"]').innerText()).resolves.toBe('做好事的人：张秀英');
      // The good deed's person is looked up by the name the rider wrote.
      await expect(deed.locator('[data-testid="sr-person-search"] input').inputValue()).resolves.toBe('张秀英');
      const match = deed.locator('[data-testid="sr-person"]', { hasText: '张秀英' });
      await match.waitFor();
      await expect(match.innerText()).resolves.toMatch(/张秀英[\s\S]*名山小区3栋/);
      // Approving without choosing says so, before anything is asked or sent.
      await deed.locator('[data-testid="sr-approve"]').tap();
      await deed.getByText('请先选择做好事的居民').waitFor();
      expect(await modal(admin).count()).toBe(0);
      await match.tap();
      await expect(deed.locator('[data-testid="sr-person-chosen"]').innerText()).resolves.toBe('记积分给：张秀英');
      // A name nobody has is said in words.
      await deed.locator('[data-testid="sr-person-search"] input').fill('王五');
      await expect(deed.locator('[data-testid="sr-person-none"]').innerText()).resolves.toContain('没有找到“王五”');
      await deed.locator('[data-testid="sr-person-search"] input').fill('张秀');
      await match.waitFor();
      // Rejecting needs a reason.
      await civility.locator('[data-testid="sr-reject"]').tap();
      await expect(civility.locator('[data-testid="error-note"]').innerText()).resolves.toBe('请写明不通过的原因，报告人会看到');
      await noRawCodes(admin, 'review-reports');
      expect(await smallTouchTargets(admin)).toEqual([]);
      await shot(admin, 'more-5-review');

      await civility.locator('[data-testid="sr-approve"]').tap();
      await expect(modal(admin).innerText()).resolves.toContain('通过李强报告的「文明劝导」，给李强记积分。通过后不能撤销。');
      await answerModal(admin, 'confirm');
      await expect(civility.locator('[data-testid="sr-decided"]').innerText()).resolves.toBe('已通过，李强 +5 分');
      await expect(civility.locator('[data-testid="sr-card-status"]').innerText()).resolves.toBe('已通过');

      await deed.locator('[data-testid="sr-approve"]').tap();
      await expect(modal(admin).innerText()).resolves.toContain('给张秀英记积分');
      await answerModal(admin, 'confirm');
      await expect(deed.locator('[data-testid="sr-decided"]').innerText()).resolves.toBe('已通过，张秀英 +5 分');
      await noRawCodes(admin, 'review-reports');
      expect(await smallTouchTargets(admin)).toEqual([]);
      await shot(admin, 'more-6-reviewed');
    },
    STEP,
  );

  it(
    'the rider sees 已通过 with +5 on his reports, and +5 for the 文明劝导 in his ledger',
    async () => {
      await rider.goBack();
      await visible(rider, 'points-page').waitFor();
      await visible(rider, 'points-balance').filter({ hasText: '5' }).waitFor();
      await visible(rider, 'points-open-reports').tap();
      // The list opened afresh (the last one in the page stack: H5 may still be removing the one left before).
      const reports = visible(rider, 'my-reports').last();
      const card = reports.locator('[data-testid="sr-card"]');
      const civility = card.filter({ hasText: '文明劝导' });
      await civility.locator('[data-testid="sr-card-status"]', { hasText: '已通过' }).waitFor();
      await expect(civility.locator('[data-testid="sr-card-points"]').innerText()).resolves.toBe('+5 分，已记入您的积分');
      const deed = card.filter({ hasText: '好人好事' });
      await expect(deed.locator('[data-testid="sr-card-status"]').innerText()).resolves.toBe('已通过');
      await expect(deed.locator('[data-testid="sr-card-points"]').innerText()).resolves.toBe('+5 分，已记入张秀英的积分');
      await noRawCodes(rider, 'my-reports');
      await shot(rider, 'more-7-rider-approved');

      await rider.goBack();
      await visible(rider, 'points-open-ledger').tap();
      const entry = visible(rider, 'ledger-entry').first();
      await entry.waitFor();
      await expect(entry.innerText().then((t) => t.replace(/\s+/g, ' '))).resolves.toMatch(/^获得 ?服务已核实 文明劝导：在名山路口劝导 5 辆电动车不逆行 .* \+5$/);
      expect(await visible(rider, 'ledger-entry').count()).toBe(1);
      expect(await smallTouchTargets(rider)).toEqual([]);
      await rider.context().close();
    },
    STEP,
  );

  it(
    '志愿服务队: a team set up through the API is joined by the resident after a confirmation',
    async () => {
      const made = await suite.api.call('POST', '/teams', {
        token: await suite.api.tokenFor('community_admin'),
        headers: { 'idempotency-key': idemKey('team') },
        body: { communityId: 'cm-mingshan', name: '银龄互助队', description: '陪伴独居老人，代买代办', captainId: 'u-demo-volunteer' },
      });
      expect(made.status).toBe(201);
      teamId = TeamResponse.parse(made.body).team.id;

      const resident = await phoneAs('resident');
      await openTab(resident, '积分');
      await visible(resident, 'points-open-teams').tap();
      const card = visible(resident, 'team-card').filter({ hasText: '银龄互助队' });
      await card.waitFor();
      await expect(card.locator('[data-testid="team-captain"]').innerText()).resolves.toBe('队长：王桂芳');
      await expect(card.locator('[data-testid="team-members"]').innerText()).resolves.toBe('队员：1 人');
      expect(await card.locator('[data-testid="team-status"]').count()).toBe(0);
      expect(await smallTouchTargets(resident)).toEqual([]);

      // Thinking better of it first.
      await card.locator('[data-testid="team-join"]').tap();
      const words = await modal(resident).innerText();
      for (const w of ['加入「银龄互助队」', '队长王桂芳', '随时退出']) expect(words).toContain(w);
      await answerModal(resident, 'cancel');
      await expect(card.locator('[data-testid="team-members"]').innerText()).resolves.toBe('队员：1 人');

      const joined = resident.waitForResponse((r) => r.url().endsWith(`/api/teams/${teamId}/membership`));
      await card.locator('[data-testid="team-join"]').tap();
      await answerModal(resident, 'confirm');
      expect((await joined).status()).toBe(200);
      await expect(card.locator('[data-testid="team-status"]').innerText()).resolves.toBe('已加入');
      await expect(card.locator('[data-testid="team-members"]').innerText()).resolves.toBe('队员：2 人');
      await expect(visible(resident, 'teams-note').innerText()).resolves.toBe('已加入「银龄互助队」');
      expect(await card.locator('[data-testid="team-leave"]').count()).toBe(1);
      await noRawCodes(resident, 'teams-page');
      expect(await smallTouchTargets(resident)).toEqual([]);
      await shot(resident, 'more-8-team-joined');
      await resident.context().close();
    },
    STEP,
  );

  it(
    'the captain finds 志愿活动管理 on 我的, her team and 本队队员 in 发布活动, and 张秀英 in her member list',
    async () => {
      await volunteer.goBack();
      await openTab(volunteer, '我的');
      await visible(volunteer, 'open-activity-admin').tap();
      await visible(volunteer, 'activity-admin-list').waitFor();
      await visible(volunteer, 'aa-new').tap();
      await visible(volunteer, 'activity-form').waitFor();
      // Chosen for her once her teams are read.
      await visible(volunteer, `aa-teamId-${teamId}`).and(volunteer.locator('.chip-on')).waitFor();
      expect(await visible(volunteer, 'aa-teamId-none').count()).toBe(0); // a captain publishes for his team only
      await visible(volunteer, 'aa-joiners-team').tap();
      await expect(visible(volunteer, 'aa-joiners-team').innerText()).resolves.toBe('本队队员');
      await volunteer.getByText('只有银龄互助队的队员可以报名').waitFor();
      await noRawCodes(volunteer, 'activity-form');
      expect(await smallTouchTargets(volunteer)).toEqual([]);
      await shot(volunteer, 'more-9-captain-form');

      // One page back at a time (Taro's H5 router loses its place on two quick history steps).
      await volunteer.goBack();
      await visible(volunteer, 'activity-admin-list').waitFor();
      await volunteer.goBack();
      await visible(volunteer, 'me-card').waitFor();
      await openTab(volunteer, '积分');
      await visible(volunteer, 'points-open-teams').tap();
      const card = visible(volunteer, 'team-card').filter({ hasText: '银龄互助队' });
      await card.waitFor();
      await expect(card.locator('[data-testid="team-status"]').innerText()).resolves.toBe('我是队长');
      await card.locator('[data-testid="team-open-members"]').tap();
      const member = visible(volunteer, 'team-member').filter({ hasText: '张秀英' });
      await member.waitFor();
      await expect(visible(volunteer, 'team-member').first().innerText()).resolves.toMatch(/^王桂芳\s*队长/);
      expect(await visible(volunteer, 'team-member').first().locator('[data-testid="team-remove"]').count()).toBe(0);
      await expect(member.locator('[data-testid="team-remove"]').innerText()).resolves.toBe('移出');
      expect(await smallTouchTargets(volunteer)).toEqual([]);
      await shot(volunteer, 'more-10-captain-members');
      await volunteer.context().close();
    },
    STEP,
  );

  it(
    '积分明细 shows banked time given to family as time (−1 小时 30 分钟 时间银行), not 0',
    async () => {
      const register = async (name: string, phone: string) => {
        const { token, userId } = await suite.api.newUser();
        const res = await suite.api.call('PUT', '/me/registration', {
          token, body: { place: { by: 'search', communityId: 'cm-mingshan', gridId: 'gd-ms-1' }, address: { building: '名山小区5栋', unit: '1单元', room: '102' }, name, phone },
        });
        expect(res.status).toBe(200);
        return { userId, login: LoginResponse.parse(res.body) };
      };
      const mother = await register('李秀兰', '13912340011');
      const daughter = await register('王小红', '13912340012');
      const asked = await suite.api.call('POST', '/family-links', { token: daughter.login.token, body: { relation: 'parent', note: '女儿 王小红' }, headers: { 'idempotency-key': idemKey('fam') } });
      expect(asked.status).toBe(201);
      expect((await suite.api.call('POST', `/family-links/${asked.body.request.code}/consent`, { token: mother.login.token })).status).toBe(200);
      const credit = await suite.api.call('POST', '/points/credits', {
        token: await suite.api.tokenFor('community_admin'),
        body: { userId: daughter.userId, points: 1, minutes: 180, reason: '纸质服务记录补录' },
        headers: { 'idempotency-key': idemKey('hours') },
      });
      expect(credit.status).toBe(201);
      const gave = await suite.api.call('POST', '/points/transfers', { token: daughter.login.token, body: { toUserId: mother.userId, minutes: 90 }, headers: { 'idempotency-key': idemKey('give') } });
      expect(gave.status).toBe(201);

      const child = await phoneOf(daughter.login);
      await openTab(child, '积分');
      await visible(child, 'points-open-ledger').tap();
      const entry = visible(child, 'ledger-entry').first();
      await entry.waitFor();
      await expect(entry.getAttribute('data-kind')).resolves.toBe('transfer_out');
      await expect(entry.locator('[data-testid="entry-points"]').innerText().then((t) => t.replace(/\s+/g, ' '))).resolves.toBe('−1 小时 30 分钟 时间银行');
      await expect(visible(child, 'ledger-summary').innerText()).resolves.toContain('时间银行 1 小时 30 分钟');
      await noRawCodes(child, 'points-ledger');
      expect(await smallTouchTargets(child)).toEqual([]);
      await shot(child, 'more-11-ledger-bank');
      await child.context().close();

      const mom = await phoneOf(mother.login);
      await openTab(mom, '积分');
      await visible(mom, 'points-open-ledger').tap();
      const got = visible(mom, 'ledger-entry').first();
      await got.waitFor();
      await expect(got.locator('[data-testid="entry-points"]').innerText().then((t) => t.replace(/\s+/g, ' '))).resolves.toBe('+1 小时 30 分钟 时间银行');
      await mom.context().close();
    },
    STEP,
  );

  it(
    '服务记录导出: the community admin sees this month’s rows and total, is told it is not a certificate, and downloads the CSV',
    async () => {
      await admin.goBack();
      await visible(admin, 'me-card').waitFor();
      await visible(admin, 'open-service-record').tap();
      await visible(admin, 'service-record').waitFor();
      await visible(admin, 'rc-notice').filter({ hasText: '名山社区' }).waitFor(); // the community's name once read
      await expect(visible(admin, 'rc-notice').innerText()).resolves.toBe(
        '这是名山社区的志愿服务记录，供登记的志愿服务组织核对、录入。它不是志愿服务记录证明，证明只能由该志愿服务组织出具。',
      );
      await expect(visible(admin, 'rc-range-month').getAttribute('class')).resolves.toContain('chip-on');
      const today = chinaToday();
      await expect(visible(admin, 'rc-from').innerText()).resolves.toBe(`${Number(today.slice(5, 7))}月1日`);
      await expect(visible(admin, 'rc-to').innerText()).resolves.toBe(`${Number(today.slice(5, 7))}月${Number(today.slice(8, 10))}日`);
      const rows = visible(admin, 'rc-row');
      await rows.first().waitFor();
      const texts = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
      // Oldest first: who, how long, the points, what, when, and how it was verified.
      expect(texts).toEqual([
        expect.stringMatching(/^王桂芳 8 小时\s?\+200 分 上月志愿服务（垃圾分类督导 4 次） \d+月\d+日 \d{2}:\d{2}\s?活动\/任务核实$/),
        expect.stringMatching(/^张秀英 2 小时\s?\+80 分 楼道清洁志愿服务 .*活动\/任务核实$/),
        expect.stringMatching(/^李强 \+5 分 文明劝导：在名山路口劝导 5 辆电动车不逆行 .*活动\/任务核实$/),
        expect.stringMatching(/^张秀英 \+5 分 好人好事：帮迷路的老人找到家 .*活动\/任务核实$/),
        expect.stringMatching(/^王小红 3 小时\s?\+1 分 工作人员补记：纸质服务记录补录 .*工作人员补记$/),
      ]);
      const count = await rows.count();
      await expect(visible(admin, 'rc-count').innerText()).resolves.toBe(String(count));
      // 8 h + 2 h seeded, 3 h added by hand: 13 hours.
      await expect(visible(admin, 'rc-minutes').innerText()).resolves.toBe('13 小时');
      await noRawCodes(admin, 'service-record');
      expect(await smallTouchTargets(admin)).toEqual([]);
      await shot(admin, 'more-12-service-record');

      const [download] = await Promise.all([admin.waitForEvent('download'), visible(admin, 'rc-export').tap()]);
      const filename = `名山社区志愿服务记录_${today.slice(0, 8)}01_${today}.csv`;
      expect(download.suggestedFilename()).toBe(filename);
      const csv = readFileSync((await download.path())!, 'utf8');
      expect(csv.startsWith('\ufeff时间,姓名,服务内容,服务时长（分钟）,积分,核实方式')).toBe(true);
      expect(csv.trim().split('\r\n')).toHaveLength(count + 1);
      expect(csv).toContain('王桂芳,上月志愿服务（垃圾分类督导 4 次）,480,200,活动/任务核实');
      await expect(visible(admin, 'rc-saved').innerText()).resolves.toBe(`已下载「${filename}」`);
      await admin.context().close();
    },
    STEP,
  );
});
