/// <reference lib="dom" />
/**
 * End to end (H5, phone viewport), the time bank (存时间、取服务): 李秀兰, an elder of 名山社区, and her
 * daughter 王小红 are new users linked as family (through the API), and the community has banked 3
 * hours of the daughter's service. On her phone the daughter sees 时间银行 3 小时 on the points tab
 * and gives her mother 2 hours after a confirmation. The mother sees 2 小时, posts 陪同去医院 (就医陪
 * 同, 明天, 2 小时) paid with the time bank after a confirmation. 王桂芳 (the demo volunteer) finds it
 * under 待接需求 with the name masked, takes it after a confirmation, sees the mother's phone, and
 * marks it done with 90 minutes and a note. The mother confirms with 5 stars, paying with hours
 * after a confirmation that says what is left: 已完成, and her time bank holds 30 分钟. The volunteer
 * sees 15 points and 1 小时 30 分钟 more of service and time bank. The mother cancels another need only
 * after a confirmation, and confirms one her bank cannot pay for without paying when the page offers it.
 */

import type { Page } from 'playwright-core';
import { LoginResponse, NeedResponse } from '@linli/shared';
import { answerModal, browserSuite, describeBrowser, fill, modal, preAgreePrivacy, smallTouchTargets, visible } from '../support/browser';
import { idemKey } from '../support/builders';

const STEP = 60_000;

describeBrowser('时间银行 (family gift, a need paid with hours) in the browser', () => {
  const suite = browserSuite();
  const { phoneAs, shot } = suite;
  /** Statuses, kinds and roles must never show as codes: labels are Chinese. */
  const RAW_CODE = /\b(open|taken|done|confirmed|cancelled|ride|shopping|company|repair|other|requester|poster|volunteer|staff|none|parent|carer|cared|[a-z]+_[a-z]+)\b/;

  let elder: { userId: string; login: LoginResponse };
  let daughter: { userId: string; login: LoginResponse };
  let mother: Page;
  let child: Page;
  let volunteer: Page;
  let needId = '';
  const volunteerBefore = { balance: 0 };

  const toastsGone = (p: Page) => p.waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('.taro__toast')).every((t) => t.style.display === 'none'));
  const openTab = async (p: Page) => {
    await p.locator('.weui-tabbar__label', { hasText: '积分' }).tap();
    await visible(p, 'points-page').waitFor();
  };
  const noRawCodes = async (p: Page, testid: string) => expect(await visible(p, testid).innerText()).not.toMatch(RAW_CODE);

  /** A brand-new WeChat user registered in 名山社区第一网格 with a real name and phone (through the API). */
  async function resident(name: string, phone: string): Promise<{ userId: string; login: LoginResponse }> {
    const { token, userId } = await suite.api.newUser();
    const res = await suite.api.call('PUT', '/me/registration', {
      token, body: { place: { by: 'search', communityId: 'cm-mingshan', gridId: 'gd-ms-1' }, address: { building: '名山小区5栋', unit: '1单元', room: '101' }, name, phone },
    });
    expect(res.status).toBe(200);
    return { userId, login: LoginResponse.parse(res.body) };
  }
  /** A phone signed in with that user's session (as the 我的 page would keep it), opened on 我的. */
  async function phoneOf(who: { login: LoginResponse }): Promise<Page> {
    const context = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    await preAgreePrivacy(context);
    const p = await context.newPage();
    await p.goto(`${suite.web.url}/#/pages/me/index`);
    const { token, expiresAt, user } = who.login;
    await p.evaluate((s) => localStorage.setItem('linli.session', JSON.stringify({ data: s })), { token, expiresAt, user });
    await p.reload();
    await p.locator('[data-testid="me-card"]').waitFor();
    return p;
  }

  it(
    'set-up through the API: mother and daughter registered and linked; the community banks 3 hours of the daughter’s service',
    async () => {
      elder = await resident('李秀兰', '13912340001');
      daughter = await resident('王小红', '13912340002');
      const asked = await suite.api.call('POST', '/family-links', { token: daughter.login.token, body: { relation: 'parent', note: '女儿 王小红' }, headers: { 'idempotency-key': idemKey('fam') } });
      expect(asked.status).toBe(201);
      expect((await suite.api.call('POST', `/family-links/${asked.body.request.code}/consent`, { token: elder.login.token })).status).toBe(200);
      const credit = await suite.api.call('POST', '/points/credits', {
        token: await suite.api.tokenFor('community_admin'),
        body: { userId: daughter.userId, points: 1, minutes: 180, reason: '纸质服务记录补录' },
        headers: { 'idempotency-key': idemKey('hours') },
      });
      expect(credit.status).toBe(201);
      expect(credit.body.account.bankMinutes).toBe(180);
    },
    STEP,
  );

  it(
    'the daughter sees 时间银行 3 小时 on the points tab and gives her mother 2 hours after a confirmation',
    async () => {
      child = await phoneOf(daughter);
      await openTab(child);
      await expect(visible(child, 'points-bank').innerText()).resolves.toBe('3 小时');
      await expect(visible(child, 'points-served').innerText()).resolves.toBe('3 小时');
      const tab = await visible(child, 'points-page').innerText();
      for (const w of ['时间银行', '转赠家人']) expect(tab).toContain(w);
      expect(tab).not.toMatch(RAW_CODE);
      expect(await smallTouchTargets(child)).toEqual([]);
      await shot(child, 'timebank-1-tab');

      await visible(child, 'points-open-give').tap();
      await visible(child, 'give-page').waitFor();
      await expect(visible(child, 'give-bank').innerText()).resolves.toBe('3 小时');
      // Her only family member is chosen already.
      const mom = visible(child, `give-to-${elder.userId}`);
      await expect(mom.innerText()).resolves.toBe('李秀兰（父母）');
      await expect(mom.getAttribute('class')).resolves.toContain('chip-on');
      // Nothing chosen: said under the field, before any request.
      await visible(child, 'give-submit').tap();
      await expect(visible(child, 'error-minutes').innerText()).resolves.toBe('请选择转赠多少时间');
      await visible(child, 'give-minutes-120').tap();
      await expect(visible(child, 'give-words').innerText()).resolves.toBe('转赠 2 小时');
      expect(await smallTouchTargets(child)).toEqual([]);
      await noRawCodes(child, 'give-page');
      await shot(child, 'timebank-2-give');

      // 再想想 gives nothing; 确定转赠 gives once.
      await visible(child, 'give-submit').tap();
      const words = await modal(child).innerText();
      for (const w of ['把 2 小时 转赠给李秀兰（您的父母）', '转赠后您的时间银行剩 1 小时', '不能退回']) expect(words).toContain(w);
      await answerModal(child, 'cancel');
      expect(await visible(child, 'give-done').count()).toBe(0);
      await visible(child, 'give-submit').tap();
      await modal(child).waitFor();
      const gave = child.waitForResponse((r) => r.url().endsWith('/api/points/transfers'));
      await answerModal(child, 'confirm');
      const res = await gave;
      expect(res.status()).toBe(201);
      expect(res.request().headers()['idempotency-key']).toMatch(/^k-/);
      const done = visible(child, 'give-done');
      await done.waitFor();
      const said = await done.innerText();
      for (const w of ['已转赠 2 小时 给李秀兰', '您的时间银行还有 1 小时', '今年已转赠 2 小时（每年最多 20 小时）']) expect(said).toContain(w);
      await toastsGone(child);
      await shot(child, 'timebank-3-given');

      await visible(child, 'give-back').tap();
      await visible(child, 'points-bank').filter({ hasText: '1 小时' }).waitFor();
      await child.context().close();
    },
    STEP,
  );

  it(
    'the mother sees 2 hours, and posts 陪同去医院 paid with her time bank after a confirmation',
    async () => {
      mother = await phoneOf(elder);
      await openTab(mother);
      await expect(visible(mother, 'points-bank').innerText()).resolves.toBe('2 小时');
      await expect(visible(mother, 'points-served').innerText()).resolves.toBe('0 分钟');
      await visible(mother, 'points-open-timebank').tap();
      await visible(mother, 'needs-page').waitFor();
      await visible(mother, 'needs-bank-minutes').filter({ hasText: '2 小时' }).waitFor();
      await visible(mother, 'needs-list-mine').getByText('还没有发布过需求').waitFor();
      expect(await visible(mother, 'needs-tabs').count()).toBe(0); // not a volunteer: only her own needs
      expect(await smallTouchTargets(mother)).toEqual([]);
      await noRawCodes(mother, 'needs-page');
      await shot(mother, 'timebank-4-needs');

      await visible(mother, 'needs-new').tap();
      await visible(mother, 'need-form').waitFor();
      expect(await visible(mother, 'need-kinds').locator('.chip').allInnerTexts()).toEqual(['就医陪同', '代买代办', '陪伴聊天', '小修小补', '其他帮助']);
      // Sent empty: each problem under its field, in words.
      await visible(mother, 'need-submit').tap();
      await expect(visible(mother, 'error-kind').innerText()).resolves.toBe('请选择需要哪种帮助');
      await expect(visible(mother, 'error-title').innerText()).resolves.toBe('请简要写明需要什么帮助');
      await expect(visible(mother, 'error-place').innerText()).resolves.toBe('请填写地点');
      await expect(visible(mother, 'error-minutes').innerText()).resolves.toBe('请选择大约需要多长时间');

      await visible(mother, 'need-kind-ride').tap();
      await fill(mother, 'need-title-input', '陪同去医院');
      await mother.locator('[data-testid="need-description"]:visible textarea').fill('腿脚不便，需要搀扶；复查后取药');
      await visible(mother, 'need-date-1').tap();
      await expect(visible(mother, 'need-when-words').innerText()).resolves.toMatch(/^明天 \d+月\d+日 周[一二三四五六日] 09:00$/);
      await fill(mother, 'need-place', '市人民医院门诊楼');
      await visible(mother, 'need-minutes-120').tap();
      const pay = visible(mother, 'need-pay-hours');
      await pay.filter({ hasText: '我的时间银行：2 小时' }).waitFor();
      await expect(pay.getAttribute('data-on')).resolves.toBe('no');
      await pay.tap();
      await expect(pay.getAttribute('data-on')).resolves.toBe('yes');
      expect(await visible(mother, 'need-form').locator('.field-error').count()).toBe(0);
      expect(await smallTouchTargets(mother)).toEqual([]);
      await noRawCodes(mother, 'need-form');
      await shot(mother, 'timebank-5-post');

      await visible(mother, 'need-submit').tap();
      const words = await modal(mother).innerText();
      for (const w of ['「陪同去医院」（就医陪同）', '明天', '09:00', '市人民医院门诊楼', '大约 2 小时', '从您的时间银行支付']) expect(words).toContain(w);
      const posted = mother.waitForResponse((r) => r.url().endsWith('/api/needs') && r.request().method() === 'POST');
      await answerModal(mother, 'confirm');
      const res = await posted;
      expect(res.status()).toBe(201);
      expect(res.request().headers()['idempotency-key']).toMatch(/^k-/);
      needId = (await res.json()).need.id;

      await visible(mother, 'need-detail').waitFor();
      await visible(mother, 'need-posted').waitFor();
      await expect(visible(mother, 'need-status').innerText()).resolves.toBe('待接单');
      await expect(visible(mother, 'need-pay').innerText()).resolves.toBe('用时间银行支付');
      await expect(visible(mother, 'need-volunteer').innerText()).resolves.toBe('等待接单');
      await expect(visible(mother, 'need-requester').innerText()).resolves.toBe('李秀兰');
      await visible(mother, 'need-cancel').waitFor();
      await toastsGone(mother);
      expect(await smallTouchTargets(mother)).toEqual([]);
      await noRawCodes(mother, 'need-detail');
      await shot(mother, 'timebank-6-posted');
    },
    STEP,
  );

  it(
    'the volunteer finds it under 待接需求 with the name masked, takes it after a confirmation and marks it done with 90 minutes',
    async () => {
      volunteer = await phoneAs('volunteer');
      await openTab(volunteer);
      volunteerBefore.balance = Number(await visible(volunteer, 'points-balance').innerText());
      await expect(visible(volunteer, 'points-served').innerText()).resolves.toBe('8 小时');
      await expect(visible(volunteer, 'points-bank').innerText()).resolves.toBe('8 小时');

      await visible(volunteer, 'points-open-timebank').tap();
      await visible(volunteer, 'needs-tabs').waitFor();
      await visible(volunteer, 'needs-tab-open').tap();
      const card = visible(volunteer, `needs-list-open`).locator(`[data-testid="need-${needId}"]`);
      await card.waitFor();
      const text = await card.innerText();
      for (const w of ['陪同去医院', '待接单', '就医陪同', '市人民医院门诊楼', '2 小时（用时间银行支付）', '李**']) expect(text).toContain(w);
      expect(text).not.toContain('李秀兰');
      expect(text).not.toContain('13912340001');
      expect(await smallTouchTargets(volunteer)).toEqual([]);
      await noRawCodes(volunteer, 'needs-page');
      await shot(volunteer, 'timebank-7-open');

      await card.locator('[data-testid="need-take"]').tap();
      await expect(modal(volunteer).innerText()).resolves.toContain('接下「陪同去医院」');
      await answerModal(volunteer, 'cancel');
      await expect(card.locator('[data-testid="need-status"]').innerText()).resolves.toBe('待接单');
      await card.locator('[data-testid="need-take"]').tap();
      await modal(volunteer).waitFor();
      const taken = volunteer.waitForResponse((r) => r.url().endsWith(`/api/needs/${needId}/take`));
      await answerModal(volunteer, 'confirm');
      expect((await taken).status()).toBe(200);

      await visible(volunteer, 'need-detail').waitFor();
      await expect(visible(volunteer, 'need-status').innerText()).resolves.toBe('已接单');
      await expect(visible(volunteer, 'need-requester').innerText()).resolves.toBe('李秀兰');
      await expect(visible(volunteer, 'need-phone').innerText()).resolves.toBe('13912340001');
      await expect(visible(volunteer, 'need-volunteer').innerText()).resolves.toBe('王桂芳');
      await visible(volunteer, 'need-call').waitFor();
      const form = visible(volunteer, 'need-done-form');
      await form.waitFor();
      await fill(volunteer, 'need-done-minutes', '90');
      await expect(visible(volunteer, 'need-done-words').innerText()).resolves.toBe('1 小时 30 分钟，可得 15 积分');
      await volunteer.locator('[data-testid="need-done-note"]:visible textarea').fill('已陪同复查并取药');
      await toastsGone(volunteer);
      expect(await smallTouchTargets(volunteer)).toEqual([]);
      await noRawCodes(volunteer, 'need-detail');
      await shot(volunteer, 'timebank-8-taken');

      await visible(volunteer, 'need-done').tap();
      const words = await modal(volunteer).innerText();
      for (const w of ['实际服务 1 小时 30 分钟', '由李秀兰确认', '15 积分']) expect(words).toContain(w);
      const finished = volunteer.waitForResponse((r) => r.url().endsWith(`/api/needs/${needId}/done`));
      await answerModal(volunteer, 'confirm');
      expect((await finished).status()).toBe(200);
      await visible(volunteer, 'need-status').filter({ hasText: '待确认' }).waitFor();
      await expect(visible(volunteer, 'need-progress').innerText()).resolves.toBe('已提交，等待李秀兰确认。');
      await expect(visible(volunteer, 'need-minutes').innerText()).resolves.toBe('1 小时 30 分钟');
      expect(await visible(volunteer, 'need-done-form').count()).toBe(0);
    },
    STEP,
  );

  it(
    'the mother confirms with 5 stars and pays with hours after a confirmation: 已完成, and her time bank holds 30 分钟',
    async () => {
      await mother.goBack();
      const card = visible(mother, 'needs-list-mine').locator(`[data-testid="need-${needId}"]`);
      await card.locator('[data-testid="need-status"]', { hasText: '待确认' }).waitFor(); // read again on coming back
      await expect(card.locator('[data-testid="need-volunteer"]').innerText()).resolves.toContain('王桂芳');
      await card.tap();
      await visible(mother, 'need-detail').waitFor();
      await expect(visible(mother, 'need-progress').innerText()).resolves.toBe('王桂芳已完成服务（1 小时 30 分钟），请确认并评价。');
      await expect(visible(mother, 'need-done-note-text').innerText()).resolves.toBe('已陪同复查并取药');
      const form = visible(mother, 'need-confirm-form');
      await form.waitFor();
      const pay = visible(mother, 'need-confirm-pay');
      await expect(pay.getAttribute('data-on')).resolves.toBe('yes'); // as she posted it
      await pay.filter({ hasText: '我的时间银行：2 小时' }).waitFor();
      await expect(pay.innerText()).resolves.toMatch(/用时间银行支付 1 小时 30 分钟\s*我的时间银行：2 小时/);
      // No stars yet: asked for, nothing sent.
      await visible(mother, 'need-confirm').tap();
      await form.getByText('请先点星星打分').waitFor();
      await visible(mother, 'need-star-5').tap();
      await expect(visible(mother, 'need-score-words').innerText()).resolves.toBe('5 星：非常满意');
      await mother.locator('[data-testid="need-comment"]:visible textarea').fill('很耐心，谢谢');
      expect(await smallTouchTargets(mother)).toEqual([]);
      await noRawCodes(mother, 'need-detail');
      await shot(mother, 'timebank-9-confirm');

      await visible(mother, 'need-confirm').tap();
      const words = await modal(mother).innerText();
      for (const w of ['确认王桂芳已完成「陪同去医院」', '评 5 星', '从您的时间银行支付 1 小时 30 分钟，支付后剩 30 分钟', '不能撤销']) expect(words).toContain(w);
      const confirmed = mother.waitForResponse((r) => r.url().endsWith(`/api/needs/${needId}/confirmation`));
      await answerModal(mother, 'confirm');
      const res = await confirmed;
      expect(res.status()).toBe(200);
      expect(JSON.parse(res.request().postData() ?? '{}')).toMatchObject({ score: 5, comment: '很耐心，谢谢', payWithHours: true });

      await visible(mother, 'need-status').filter({ hasText: '已完成' }).waitFor();
      await expect(visible(mother, 'need-progress').innerText()).resolves.toBe('已完成，时间银行已支付 1 小时 30 分钟。谢谢您的评价。');
      await expect(visible(mother, 'need-pay').innerText()).resolves.toBe('时间银行已支付 1 小时 30 分钟');
      await expect(visible(mother, 'need-rating').innerText()).resolves.toBe('★★★★★ 5 星，很耐心，谢谢');
      expect(await visible(mother, 'need-confirm-form').count()).toBe(0);
      expect(await visible(mother, 'need-cancel').count()).toBe(0);
      await toastsGone(mother);
      expect(await smallTouchTargets(mother)).toEqual([]);
      await noRawCodes(mother, 'need-detail');
      await shot(mother, 'timebank-10-confirmed');

      await mother.goBack();
      await visible(mother, 'needs-bank-minutes').filter({ hasText: '30 分钟' }).waitFor();
      await visible(mother, 'needs-list-mine').locator(`[data-testid="need-${needId}"] [data-testid="need-status"]`, { hasText: '已完成' }).waitFor();
      await mother.goBack();
      await visible(mother, 'points-bank').filter({ hasText: '30 分钟' }).waitFor();
      await expect(visible(mother, 'points-bank').innerText()).resolves.toBe('30 分钟');
      await shot(mother, 'timebank-11-mother-tab');
    },
    STEP,
  );

  it(
    'she cancels a need only after a confirmation; one her 30 minutes cannot pay for is confirmed without paying when she agrees',
    async () => {
      const post = async (title: string, kind: string) => {
        const res = await suite.api.call('POST', '/needs', {
          token: elder.login.token,
          body: { kind, title, place: '名山小区5栋101', when: new Date(Date.now() + 2 * 86400_000).toISOString(), minutes: 60, payWithHours: true },
          headers: { 'idempotency-key': idemKey('need') },
        });
        expect(res.status).toBe(201);
        return NeedResponse.parse(res.body).need;
      };
      const bulb = await post('换灯泡', 'repair');
      const chat = await post('陪我聊聊天', 'company');
      // 马骏 (the part-time grid worker) serves the second one for an hour.
      const worker = await suite.api.tokenFor('parttime_grid_worker');
      expect((await suite.api.call('POST', `/needs/${chat.id}/take`, { token: worker })).status).toBe(200);
      expect((await suite.api.call('POST', `/needs/${chat.id}/done`, { token: worker, body: { minutes: 60 } })).status).toBe(200);

      await visible(mother, 'points-open-timebank').tap();
      const list = visible(mother, 'needs-list-mine');
      await list.locator(`[data-testid="need-${bulb.id}"]`).tap();
      await visible(mother, 'need-detail').waitFor();
      await visible(mother, 'need-cancel').tap();
      const words = await modal(mother).innerText();
      for (const w of ['取消「换灯泡」后', '不能恢复']) expect(words).toContain(w);
      await answerModal(mother, 'cancel');
      await expect(visible(mother, 'need-status').innerText()).resolves.toBe('待接单');
      const cancelled = mother.waitForResponse((r) => r.url().endsWith(`/api/needs/${bulb.id}/cancellation`));
      await visible(mother, 'need-cancel').tap();
      await answerModal(mother, 'confirm');
      expect((await cancelled).status()).toBe(200);
      await visible(mother, 'need-status').filter({ hasText: '已取消' }).waitFor();
      await expect(visible(mother, 'need-progress').innerText()).resolves.toBe('这个需求已取消。');
      expect(await visible(mother, 'need-cancel').count()).toBe(0);
      await toastsGone(mother);
      await noRawCodes(mother, 'need-detail');

      await mother.goBack();
      await list.locator(`[data-testid="need-${bulb.id}"] [data-testid="need-status"]`, { hasText: '已取消' }).waitFor();
      await list.locator(`[data-testid="need-${chat.id}"]`).tap();
      await visible(mother, 'need-confirm-form').waitFor();
      await expect(visible(mother, 'need-confirm-short').innerText()).resolves.toContain('时间银行只有 30 分钟，不够支付');
      await visible(mother, 'need-star-4').tap();
      await visible(mother, 'need-confirm').tap();
      await expect(modal(mother).innerText()).resolves.toContain('从您的时间银行支付 1 小时');
      const refused = mother.waitForResponse((r) => r.url().endsWith(`/api/needs/${chat.id}/confirmation`));
      await answerModal(mother, 'confirm');
      expect((await refused).status()).toBe(409);
      // The bank cannot cover it: said on the page, with the offer to confirm without paying (after a confirmation).
      const offer = visible(mother, 'need-confirm-refused');
      await expect(offer.innerText()).resolves.toMatch(/时间银行余额不足：需要 1 小时。可以不用时间银行支付，直接确认完成/);
      expect(await visible(mother, 'need-confirm').count()).toBe(0);
      expect(await visible(mother, 'need-confirm-short').count()).toBe(0); // said once
      expect(await smallTouchTargets(mother)).toEqual([]);
      await shot(mother, 'timebank-12-short');
      await visible(mother, 'need-confirm-free').tap();
      await expect(modal(mother).innerText()).resolves.toContain('不用时间银行支付');
      const confirmed = mother.waitForResponse((r) => r.url().endsWith(`/api/needs/${chat.id}/confirmation`));
      await answerModal(mother, 'confirm');
      const res = await confirmed;
      expect(res.status()).toBe(200);
      expect(JSON.parse(res.request().postData() ?? '{}')).toMatchObject({ score: 4, payWithHours: false });
      await visible(mother, 'need-status').filter({ hasText: '已完成' }).waitFor();
      await expect(visible(mother, 'need-pay').innerText()).resolves.toBe('没有用时间银行支付');
      await expect(visible(mother, 'need-volunteer').innerText()).resolves.toBe('马骏');

      await mother.goBack();
      await visible(mother, 'needs-page').waitFor(); // one step at a time: two quick history steps can lose the router's place
      await mother.goBack();
      await visible(mother, 'points-bank').filter({ hasText: '30 分钟' }).waitFor();
      await mother.context().close();
    },
    STEP,
  );

  it(
    'the volunteer sees the points and hours arrive: +15 points, 服务时长 and 时间银行 9 小时 30 分钟',
    async () => {
      await volunteer.goBack();
      await visible(volunteer, 'needs-page').waitFor();
      await visible(volunteer, 'needs-tab-taken').tap();
      const card = visible(volunteer, 'needs-list-taken').locator(`[data-testid="need-${needId}"]`);
      await card.locator('[data-testid="need-status"]', { hasText: '已完成' }).waitFor();
      await card.tap();
      await visible(volunteer, 'need-detail').waitFor();
      await expect(visible(volunteer, 'need-progress').innerText()).resolves.toBe('已确认完成。您获得 15 积分，服务时长 1 小时 30 分钟 已存入时间银行。');
      await expect(visible(volunteer, 'need-rating').innerText()).resolves.toContain('5 星');
      await noRawCodes(volunteer, 'need-detail');
      await shot(volunteer, 'timebank-13-volunteer-done');

      await volunteer.goBack();
      await visible(volunteer, 'needs-page').waitFor(); // one step at a time: two quick history steps can lose the router's place
      await volunteer.goBack();
      await visible(volunteer, 'points-balance').filter({ hasText: String(volunteerBefore.balance + 15) }).waitFor();
      await expect(visible(volunteer, 'points-served').innerText()).resolves.toBe('9 小时 30 分钟');
      await expect(visible(volunteer, 'points-bank').innerText()).resolves.toBe('9 小时 30 分钟');
      expect(await smallTouchTargets(volunteer)).toEqual([]);
      await shot(volunteer, 'timebank-14-volunteer-tab');
      await volunteer.context().close();
    },
    STEP,
  );
});
