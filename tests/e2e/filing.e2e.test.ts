/// <reference lib="dom" />
/**
 * Filing a request as elders and real residents need it (H5, phone, 390 px): with location refused
 * the request waits for a pin placed on the plan and is filed there; the receipt gives the number
 * the API holds; what was filled in is kept when the page is left (and after a reload) and can be
 * cleared; text over the limit is said under its field, the server's field errors too; a category
 * that may be an emergency offers 119 / 120 / 110 first; double taps never make two of anything.
 */

import type { Page, Request } from 'playwright-core';
import { RequestResponse, ReportListResponse } from '@linli/shared';
import { answerModal, browserSuite, describeBrowser, modal, smallTouchTargets, shownText, visible } from '../support/browser';

const PHOTO = `${__dirname}/../../client/src/assets/tab/stations-on.png`;

describeBrowser('filing a request (反映问题) as residents need it', () => {
  const suite = browserSuite();

  /** The demo resident on a phone; `located`: the browser gives a position inside 名山社区第一网格, else location is refused. */
  const resident = (located: boolean, role = 'resident'): Promise<Page> => suite.phoneAs(role, { located, agreed: true });
  const openForm = async (page: Page) => {
    await page.goto(`${suite.web.url}/#/packages/request-new/index`);
    await visible(page, 'request-form').waitFor();
  };
  const filings = (page: Page) => {
    const sent: Request[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/requests') sent.push(r);
    });
    return sent;
  };

  it('location refused: nothing is sent until a pin is placed; the request is filed at the pin; the receipt number is the API’s', async () => {
    const page = await resident(false);
    const sent = filings(page);
    await openForm(page);
    // Said once the refusal has come back (until then the page says 正在定位…).
    await visible(page, 'location-status').filter({ hasText: '请在下面的图上标出问题所在的位置' }).waitFor();
    await visible(page, 'location-needed').filter({ hasText: '标好后才能提交' }).waitFor();
    expect(await visible(page, 'pin').getAttribute('data-placed')).toBe('no');

    await visible(page, 'group-设施维修').tap();
    await visible(page, 'category-fix-streetlight').tap();
    await visible(page, 'request-text').locator('textarea').fill('名山小区东门路灯坏了三天，晚上很黑');
    // Submit without a location: not sent, and the card says why in red.
    await visible(page, 'submit-request').tap();
    await expect(visible(page, 'location-needed').getAttribute('class')).resolves.toContain('field-error');
    expect(sent).toHaveLength(0);

    // Tap the plan where the problem is, then one press of 往上.
    const plan = (await visible(page, 'pin-plan').boundingBox())!;
    await page.touchscreen.tap(plan.x + plan.width * 0.35, plan.y + plan.height * 0.6);
    await expect(visible(page, 'pin').getAttribute('data-placed')).resolves.toBe('yes');
    const tapped = Number(await visible(page, 'pin').getAttribute('data-lat'));
    await visible(page, 'pin-up').tap();
    const pin = { lat: Number(await visible(page, 'pin').getAttribute('data-lat')), lng: Number(await visible(page, 'pin').getAttribute('data-lng')) };
    expect(pin.lat).toBeGreaterThan(tapped);
    expect(await visible(page, 'pin').getAttribute('data-datum')).toBe('gcj02');
    expect(await visible(page, 'location-needed').count()).toBe(0);
    const pinBox = (await visible(page, 'pin').boundingBox())!;
    expect(Math.min(pinBox.width, pinBox.height)).toBeGreaterThanOrEqual(44);
    expect(await smallTouchTargets(page)).toEqual([]);
    await suite.shot(page, 'filing-1-pin');

    // A double tap on 提交 files once.
    await visible(page, 'submit-request').dblclick();
    await visible(page, 'receipt').waitFor();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.postDataJSON().location).toEqual({ lat: pin.lat, lng: pin.lng, datum: 'gcj02' });
    const filed = RequestResponse.parse(await (await sent[0]!.response())!.json()).request;

    const number = (await visible(page, 'receipt-number').innerText()).trim();
    expect(number).toMatch(/^\d{8}-\d{4}$/);
    const token = await suite.api.tokenFor('resident');
    const stored = RequestResponse.parse((await suite.api.call('GET', `/requests/${filed.id}`, { token })).body).request;
    expect(stored.number).toBe(number);
    // Filed at the pin (the API answers in GCJ-02, as it was sent), inside 第一网格, not at the city centre.
    expect(stored.location.lat).toBeCloseTo(pin.lat, 5);
    expect(stored.location.lng).toBeCloseTo(pin.lng, 5);
    expect(stored.gridId).toBe('gd-ms-1');
    await expect(visible(page, 'receipt-handler').innerText()).resolves.toMatch(/由名山社区第一网格网格员 \S+受理，最迟(今天|明天|后天|\d+月\d+日)/);
    expect(await smallTouchTargets(page)).toEqual([]);
    await suite.shot(page, 'filing-2-receipt');

    await visible(page, 'receipt-view').tap();
    await visible(page, 'request-detail').waitFor();
    expect(page.url()).toContain(`id=${filed.id}`);
    await page.context().close();
  });

  it('keeps the draft when the page is left (and after a reload), says limits as he types and the server’s field errors, and clears on request', async () => {
    const page = await resident(true);
    await openForm(page);
    await visible(page, 'group-环境卫生').tap();
    await visible(page, 'category-env-sewage').tap();
    await visible(page, 'request-text').locator('textarea').fill('3栋后面污水井冒水，味道很大');
    await visible(page, 'request-address').locator('input').fill('名山小区3栋后面');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), visible(page, 'add-photo').tap()]);
    await chooser.setFiles(PHOTO);
    await visible(page, 'photo-thumb').waitFor();

    // Leave for the list and come back through 我要反映: all of it is there.
    await page.goto(`${suite.web.url}/#/pages/requests/index`);
    await visible(page, 'new-request').tap();
    await visible(page, 'draft-restored').waitFor();
    const restored = async () => {
      // The form left behind may still be on screen for a moment while the new one opens.
      for (let i = 0; i < 50 && (await page.locator('[data-testid="request-form"]:visible').count()) > 1; i++) await page.waitForTimeout(100);
      await expect(visible(page, 'category-env-sewage').getAttribute('class')).resolves.toContain('chip-on');
      await expect(visible(page, 'request-text').locator('textarea').inputValue()).resolves.toBe('3栋后面污水井冒水，味道很大');
      await expect(visible(page, 'request-address').locator('input').inputValue()).resolves.toBe('名山小区3栋后面');
      expect(await visible(page, 'photo-thumb').count()).toBe(1);
    };
    await restored();
    // Closed and opened again (a reload): still there; the photo is uploaded even if its preview is gone.
    await page.reload();
    await visible(page, 'draft-restored').waitFor();
    await restored();

    // The ✕ of a photo is a full target and asks first.
    const remove = (await visible(page, 'photo-remove').boundingBox())!;
    expect(Math.min(remove.width, remove.height)).toBeGreaterThanOrEqual(44);
    await visible(page, 'photo-remove').tap();
    await expect(modal(page).innerText()).resolves.toContain('删除这张照片？');
    await answerModal(page, 'cancel');
    expect(await visible(page, 'photo-thumb').count()).toBe(1);

    // The address near and over its limit, as he types.
    await visible(page, 'request-address').locator('input').fill('名'.repeat(118));
    await expect(visible(page, 'address-counter').innerText()).resolves.toBe('118/120');
    await expect(visible(page, 'address-limit').innerText()).resolves.toBe('最多 120 个字');
    expect(await visible(page, 'address-error').count()).toBe(0);
    await visible(page, 'request-address').locator('input').fill('名'.repeat(121));
    await expect(visible(page, 'address-error').innerText()).resolves.toBe('地址最多 120 个字，已超出 1 个字，请删减');
    await suite.shot(page, 'filing-3-limit');

    // The server's field error shows under its field too (the address is made too long on its way).
    await visible(page, 'request-address').locator('input').fill('名山小区3栋后面');
    await page.route('**/api/requests', (route) =>
      route.continue({ postData: JSON.stringify({ ...route.request().postDataJSON(), address: '长'.repeat(130) }) }),
    );
    await visible(page, 'submit-request').tap();
    await expect(visible(page, 'address-error').innerText()).resolves.toBe('地址最多 120 个字');
    expect(await visible(page, 'receipt').count()).toBe(0);
    await page.unroute('**/api/requests');

    // 清空重填 asks, then empties the form and the kept draft.
    await visible(page, 'clear-draft').tap();
    await expect(modal(page).innerText()).resolves.toContain('清空已填写的内容？');
    await answerModal(page, 'confirm');
    await expect(visible(page, 'request-text').locator('textarea').inputValue()).resolves.toBe('');
    expect(await visible(page, 'photo-thumb').count()).toBe(0);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('linli.requestDraft.')))).toEqual([]);
    await page.reload();
    await visible(page, 'request-form').waitFor();
    expect(await visible(page, 'draft-restored').count()).toBe(0);
    await page.context().close();
  });

  it('offers 119 / 120 / 110 first for 燃气泄漏隐患, says the form is no emergency channel, and dials with one tap', async () => {
    const page = await resident(true);
    await openForm(page);
    // H5 dials by sending the page to tel:NNN, which a desktop Chromium starts and then aborts.
    const dialled = (n: string) => page.waitForEvent('requestfailed', { predicate: (r) => r.url() === `tel:${n}`, timeout: 5000 });
    // The permanent banner: the three numbers, whatever the category.
    await expect(visible(page, 'emergency-banner').innerText()).resolves.toContain('本页面不是紧急求助渠道');
    expect(await visible(page, 'emergency-offer').count()).toBe(0);

    await visible(page, 'group-安全隐患').tap();
    await visible(page, 'category-safe-gas').tap();
    const offer = visible(page, 'emergency-offer');
    await offer.waitFor();
    await expect(offer.innerText()).resolves.toMatch(/如果危险正在发生，请先打电话[\s\S]*到室外再拨打 119[\s\S]*本页面不是紧急求助渠道/);
    const calls = await offer.locator('[data-testid^="offer-call-"]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.testid));
    expect(calls).toEqual(['offer-call-119', 'offer-call-120', 'offer-call-110']);
    // The offer comes before the description: the first thing under the category.
    const [offerBox, textBox] = [(await offer.boundingBox())!, (await visible(page, 'request-text').boundingBox())!];
    expect(offerBox.y).toBeLessThan(textBox.y);
    expect(await smallTouchTargets(page)).toEqual([]);
    await suite.shot(page, 'filing-4-emergency');

    // A category that is no emergency takes the offer away; the banner stays.
    await visible(page, 'category-safe-tree').tap();
    expect(await visible(page, 'emergency-offer').count()).toBe(0);
    await visible(page, 'emergency-banner').waitFor();
    await visible(page, 'category-safe-gas').tap();
    await offer.waitFor();

    // Dialling last: a tap landing after the page was sent to tel: twice sometimes never returned in headless Chromium.
    const call119 = dialled('119');
    await visible(page, 'offer-call-119').tap();
    await call119;
    const call110 = dialled('110');
    await visible(page, 'call-110').tap();
    await call110;
    await page.context().close();
  });

  it('a double tap on 提交反馈 of a station report makes one report', async () => {
    const page = await resident(true, 'rider');
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/stations/sn-001/reports')) posts.push(r.headers()['idempotency-key'] ?? '');
    });
    await page.goto(`${suite.web.url}/#/packages/station-report/index?id=sn-001`);
    await visible(page, 'report-form').waitFor();
    await visible(page, 'type-dirty').tap();
    const text = `双击测试：驿站地面有积水 ${Date.now()}`;
    await visible(page, 'report-text').locator('textarea').fill(text);
    await visible(page, 'submit-report').dblclick();
    await shownText(page, '已提交').waitFor();
    await page.waitForTimeout(800);
    expect(posts.length).toBeGreaterThanOrEqual(1);
    expect(new Set(posts).size).toBe(1); // every try of this report carries the one key

    const reports = await suite.api.call('GET', '/stations/sn-001/reports?status=open', { token: await suite.api.tokenFor('street_admin') });
    expect(reports.status).toBe(200);
    expect(ReportListResponse.parse(reports.body).items.filter((r) => r.text === text)).toHaveLength(1);
    await page.context().close();
  });
});
