/// <reference lib="dom" />
/**
 * Every page for an elder (适老化), at 375 px, in both modes: as each demo role would open them,
 * every page is measured (tests/support/elder.ts) — text drawn ≥ 14 px with the page's body
 * ≥ 16 px, touch targets ≥ 44×44, contrast ≥ 4.5:1, nothing wider than the screen; and in
 * 关怀模式 text ≥ 18 px, line height ≥ 1.3 and targets ≥ 60×60. The pages that need something to
 * show (a request, a booking, a redemption, an activity, a need, a team) get it through the API
 * first. Every problem of every page is listed in the failure.
 */

import type { BrowserContext, Page } from 'playwright-core';
import { ActivityResponse, BookingResponse, NeedResponse, RequestResponse, TeamResponse } from '@linli/shared';
import { browserSuite, describeBrowser, preAgreePrivacy } from '../support/browser';
import { openSlots } from '../support/booking';
import { idemKey, requestBody, submitRequest } from '../support/builders';
import { CARE, elderProblems, type ElderRule, NORMAL } from '../support/elder';
import { redeemAt, redemptionOf } from '../support/points';

const BUDGET = 240_000;
type Ids = Record<'request' | 'booking' | 'redemption' | 'activity' | 'need' | 'team', string>;
/** Who opens which pages (paths after `#/`). */
const PAGES: Record<string, (ids: Ids) => string[]> = {
  resident: (ids) => [
    'pages/requests/index', 'pages/booking/index', 'pages/points/index', 'pages/stations/index', 'pages/me/index',
    'packages/request-new/index', `packages/request-detail/index?id=${ids.request}`, 'packages/register/index', 'packages/family/index',
    'packages/errands/index', 'packages/errands/new', 'packages/booking-new/index?centreId=ct-mingshan', `packages/booking-detail/index?id=${ids.booking}`,
    'packages/points-ledger/index', 'packages/rewards/index', 'packages/rewards/mine', 'packages/activities/index', 'packages/needs/index',
    'packages/needs/new', `packages/needs/detail?id=${ids.need}`, 'packages/needs/give', 'packages/leaderboard/index', 'packages/service-reports/index',
    'packages/service-reports/new', 'packages/teams/index', `packages/teams/members?id=${ids.team}`, 'packages/units/index', 'packages/privacy/index',
    'packages/station-detail/index?id=sn-001', 'packages/station-map/index', 'packages/station-report/index?id=sn-001', 'packages/rider/index',
    'packages/grid/index?id=gd-ms-1',
  ],
  volunteer: (ids) => [`packages/redemption-detail/index?id=${ids.redemption}`],
  grid_worker: (ids) => ['pages/requests/index', `packages/request-detail/index?id=${ids.request}`, 'pages/me/index', 'packages/dashboard/index', 'packages/grid/boards', 'packages/team-queue/index'],
  community_admin: (ids) => [
    'pages/me/index', 'packages/dashboard/index', 'packages/invitations/index', 'packages/applications/index', 'packages/centre-settings/index?centreId=ct-mingshan',
    'packages/booking-report/index', 'packages/booking-desk/index?centreId=ct-mingshan', 'packages/errands/desk', 'packages/activity-admin/index',
    'packages/activity-admin/new', `packages/activity-admin/detail?id=${ids.activity}`, 'packages/reward-admin/index', 'packages/reward-admin/edit?siteId=ps-mingshan',
    'packages/service-reports/review', 'packages/service-record/index', 'packages/units/index', 'packages/units/report',
    'packages/grid-team/index', 'packages/property-board/index', 'packages/dashboard/alerts', 'packages/dashboard/categories',
  ],
  team_member: () => ['packages/team-queue/index', 'pages/me/index'],
  street_admin: () => ['packages/dashboard/index', 'packages/map-import/index', 'packages/hotline-import/index', 'packages/invitations/index', 'packages/dashboard/categories'],
  redemption_staff: () => ['packages/redemption-desk/index'],
  station_keeper: () => ['packages/station-detail/index?id=sn-001'],
};

/** Pages pictured in both modes (README). */
const SHOTS: Record<string, string> = { 'packages/request-detail/index': 'request', 'pages/stations/index': 'stations', 'pages/me/index': 'me' };

describeBrowser('every page for an elder, in both modes at 375 px', () => {
  const suite = browserSuite();
  let ids: Ids;

  /** Something on every page that shows one thing. */
  async function fixtures(): Promise<Ids> {
    const { api } = suite;
    const [resident, volunteer, admin] = await Promise.all([api.tokenFor('resident'), api.tokenFor('volunteer'), api.tokenFor('community_admin')]);
    const request = RequestResponse.parse((await submitRequest(api, resident, requestBody({ description: '适老化检查：楼道灯不亮了' }))).body).request.id;
    const slot = (await openSlots(api, resident, 'ct-mingshan'))[0]!;
    const booking = BookingResponse.parse(
      (await api.call('POST', '/bookings', { token: resident, body: { centreId: 'ct-mingshan', offeringId: 'shebao', date: slot.date, start: slot.start }, headers: { 'idempotency-key': idemKey('book') } })).body,
    ).booking.id;
    const redemption = redemptionOf((await redeemAt(api, volunteer, { siteId: 'ps-mingshan', rewardId: 'rw-tissue' })).body).id;
    const start = new Date(Date.now() + 86400_000);
    const activity = ActivityResponse.parse(
      (
        await api.call('POST', '/activities', {
          token: admin,
          headers: { 'idempotency-key': idemKey('act') },
          body: { communityId: 'cm-mingshan', title: '适老化检查活动', place: '社区广场', start: start.toISOString(), end: new Date(start.getTime() + 3600_000).toISOString(), places: 10, reward: { per: 'person', points: 10 } },
        })
      ).body,
    ).activity.id;
    const need = NeedResponse.parse(
      (await api.call('POST', '/needs', { token: resident, headers: { 'idempotency-key': idemKey('need') }, body: { kind: 'company', title: '陪我聊聊天', description: '下午在家', place: '名山小区3栋', when: start.toISOString(), minutes: 60 } })).body,
    ).need.id;
    const team = TeamResponse.parse(
      (await api.call('POST', '/teams', { token: admin, headers: { 'idempotency-key': idemKey('team') }, body: { communityId: 'cm-mingshan', name: '适老化检查队', description: '', captainId: 'u-demo-resident' } })).body,
    ).team.id;
    return { request, booking, redemption, activity, need, team };
  }

  async function signedIn(role: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await suite.browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    await preAgreePrivacy(context);
    const page = await context.newPage();
    await page.goto(`${suite.web.url}/#/pages/me/index`);
    await page.locator(`[data-testid="demo-login-${role}"]`).tap();
    await page.locator('[data-testid="me-card"]').waitFor();
    return { context, page };
  }

  /** Opens a page and waits until it has drawn what it loads. */
  async function open(page: Page, path: string): Promise<void> {
    await page.goto(`${suite.web.url}/#/${path}`);
    await page.waitForFunction(() => {
      const shown = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).filter((e) => e.offsetParent !== null);
      const top = shown[shown.length - 1];
      return !!top?.querySelector('.page') && !top.querySelector('[data-testid="loading"]');
    }, undefined, { timeout: 8000 }).catch(() => undefined); // a page still loading is measured as it is
    await page.waitForTimeout(250);
  }

  async function sweep(mode: 'normal' | 'care', rule: ElderRule): Promise<string[]> {
    const found: string[] = [];
    for (const [role, pages] of Object.entries(PAGES)) {
      const { context, page } = await signedIn(role);
      await page.evaluate((m) => localStorage.setItem('care-mode', JSON.stringify({ data: m === 'care' ? 'on' : 'off' })), mode);
      await page.reload();
      for (const path of pages(ids)) {
        await open(page, path);
        const drawnIn = await page.evaluate(() => {
          const shown = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).filter((e) => e.offsetParent !== null);
          const root = shown[shown.length - 1]?.querySelector('.page');
          return root ? (root.classList.contains('care') ? 'care' : 'normal') : 'none';
        });
        if (drawnIn !== mode) found.push(`${role} ${path}: drawn in ${drawnIn} mode`);
        for (const p of await elderProblems(page, rule)) found.push(`${role} ${path}: ${p}`);
        // The screen as a person sees it (not the whole scrolled page).
        if (SHOTS[path.split('?')[0]!] && role === 'resident') await page.screenshot({ path: `${suite.artifacts}/elder-${mode}-${SHOTS[path.split('?')[0]!]}.png` });
      }
      await context.close();
    }
    return found;
  }

  it('makes what the pages show', async () => {
    ids = await fixtures();
  }, 60_000);

  it('every page keeps the everyday rules', async () => {
    expect(await sweep('normal', NORMAL)).toEqual([]);
  }, BUDGET);

  it('every page keeps the 关怀模式 rules', async () => {
    expect(await sweep('care', CARE)).toEqual([]);
  }, BUDGET);
});
