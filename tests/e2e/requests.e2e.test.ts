/// <reference lib="dom" />
/**
 * End to end (H5, phone viewport): the demo resident files a request, the demo grid worker accepts
 * and resolves it, the resident rates it, and the timeline shows each step; an item sent between
 * levels and departments shows those steps in Chinese too.
 */

import path from 'node:path';
import type { Page } from 'playwright-core';
import { EVENT_TYPES, type Role } from '@linli/shared';
import { answerModal, browserSuite, describeBrowser, shownText } from '../support/browser';

const ARTIFACTS = path.join(__dirname, 'artifacts');
const PHOTO = path.resolve(__dirname, '../../client/src/assets/tab/stations-on.png');

describeBrowser('the request loop in the browser', () => {
  const suite = browserSuite();

  const phoneAs = (role: string): Promise<Page> => suite.phoneAs(role, { located: true, agreed: true });
  const shot = async (page: Page, name: string) => {
    await page.waitForTimeout(600);
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  };

  let requestId = '';

  /** Timeline steps must read in Chinese: no event code (`handed_over`, `refused`…) may show. */
  const RAW_CODE = new RegExp(`\\b(${EVENT_TYPES.join('|')})\\b|[a-z]+_[a-z]+`, 'i');
  const timelineSteps = async (page: Page) => {
    const steps = await page.locator('[data-testid="timeline-event"]').allInnerTexts();
    for (const step of steps) expect(step).not.toMatch(RAW_CODE);
    return steps.map((s) => s.split(' · ')[0]!.trim());
  };

  it('the resident files a request from the phone', async () => {
    const page = await phoneAs('resident');
    await page.goto(`${suite.web.url}/#/pages/requests/index`);
    await page.locator('[data-testid="new-request"]').tap();
    await page.locator('[data-testid="request-form"]').waitFor();
    await page.locator('[data-testid="group-设施维修"]').tap();
    await page.locator('[data-testid="category-fix-streetlight"]').tap();
    await page.locator('[data-testid="request-text"] textarea').fill('名山小区3栋门口路灯坏了一周，晚上很黑');
    await page.locator('[data-testid="request-address"] input').fill('名山小区3栋');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('[data-testid="add-photo"]').tap()]);
    await chooser.setFiles(PHOTO);
    await page.locator('[data-testid="photo-thumb"]').waitFor();
    await shot(page, 'r1-form');
    await page.locator('[data-testid="submit-request"]').tap();
    await page.locator('[data-testid="receipt-view"]').tap(); // the receipt (受理编号), then its progress
    await page.locator('[data-testid="request-detail"]').waitFor();
    await shownText(page, '待受理').waitFor();
    await page.locator('[data-testid="request-photo"]').first().waitFor();
    expect(await page.locator('[data-testid="request-photo"]').count()).toBe(2); // on the item and on its first step
    requestId = new URL(page.url().replace('#', '')).searchParams.get('id') ?? '';
    expect(requestId).not.toBe('');
    await shot(page, 'r2-filed');
    await page.context().close();
  });

  it('the grid worker finds it in his queue, accepts and resolves it', async () => {
    const page = await phoneAs('grid_worker');
    const apiCalls: string[] = [];
    page.on('request', (req) => {
      if (req.url().includes('/api/')) apiCalls.push(new URL(req.url()).pathname);
    });
    await page.goto(`${suite.web.url}/#/pages/requests/index`);
    await page.locator('[data-testid="request-card"]').first().waitFor();
    await page.getByText('名山小区3栋门口路灯坏了一周').first().tap();
    await page.locator('[data-testid="request-detail"]').waitFor();
    // The detail page loads what it needs once; it must not poll the API while open.
    await page.waitForTimeout(1500);
    expect(apiCalls.filter((p) => p === '/api/communities').length).toBeLessThanOrEqual(1);
    expect(apiCalls.filter((p) => p === '/api/requests/nearby').length).toBeLessThanOrEqual(1);
    await page.locator('[data-testid="action-accept"]').tap();
    await shownText(page, '办理中').waitFor();
    await page.locator('[data-testid="action-text"] textarea').fill('已更换灯头，恢复照明');
    await page.locator('[data-testid="action-resolve"]').tap();
    await answerModal(page, 'confirm'); // 确认办结？
    await shownText(page, '已办结待评价').waitFor();
    await shot(page, 'r3-resolved');
    await page.context().close();
  });

  it('the resident rates it and sees every step on the timeline', async () => {
    const page = await phoneAs('resident');
    await page.goto(`${suite.web.url}/#/packages/request-detail/index?id=${requestId}`);
    await page.locator('[data-testid="rating"]').waitFor();
    await page.locator('[data-testid="star-5"]').tap();
    await page.locator('[data-testid="answer-solved-yes"]').tap();
    await page.locator('[data-testid="answer-satisfied-yes"]').tap();
    await page.locator('[data-testid="action-text"] textarea').fill('修得很快，谢谢');
    await page.locator('[data-testid="submit-rating"]').tap();
    await shownText(page, '已完结').waitFor();
    await expect(page.locator('[data-testid="rating-answers"]').innerText()).resolves.toBe('已解决 · 满意');
    expect(await timelineSteps(page)).toEqual(['提交反映', '受理', '办结', '评价']);
    await shot(page, 'r4-closed');
    await page.context().close();
  });

  it('shows the steps between levels and departments in Chinese too', async () => {
    const token = (role: Role) => suite.api.tokenFor(role);
    const filed = await suite.api.call('POST', '/requests', {
      token: await token('resident'),
      body: { categoryId: 'safe-wire', description: '名山小区5栋楼道有人私拉电线充电', location: { lat: 29.605, lng: 103.474, datum: 'wgs84' } },
      headers: { 'idempotency-key': `e2e-levels-${Date.now()}` },
    });
    expect(filed.status).toBe(201);
    const id: string = filed.body.request.id;
    let version: number = filed.body.request.version;
    const act = async (role: Role, body: Record<string, unknown>) => {
      const res = await suite.api.call('POST', `/requests/${id}/actions`, { token: await token(role), body: { ...body, version } });
      expect(res.status).toBe(200);
      version = res.body.request.version;
    };
    await act('grid_worker', { action: 'refuse', reason: '属于物业管理范围' });
    await act('community_admin', { action: 'assign', gridId: 'gd-ms-1', note: '请网格员先核实' });
    await act('grid_worker', { action: 'escalate', reason: '需社区协调' });
    await act('community_admin', { action: 'escalate', reason: '需街道吹哨' });
    await act('street_admin', { action: 'dispatch', lead: 'cgj', others: ['gdj'], note: '联合整治' });
    await act('street_admin', { action: 'report_in', department: 'gdj', note: '已安排电工' });

    const page = await phoneAs('resident');
    await page.goto(`${suite.web.url}/#/packages/request-detail/index?id=${id}`);
    await page.locator('[data-testid="timeline-event"]').nth(6).waitFor();
    expect(await timelineSteps(page)).toEqual(['提交反映', '退回', '派给网格', '上报', '上报', '派往部门（吹哨）', '部门报到']);
    await shot(page, 'r5-levels');
    await page.context().close();
  });

  it('staff retry a failed load, and see why a return visit was refused before recording it', async () => {
    const page = await phoneAs('community_admin');
    // The first load fails (network down); 重试 loads it and the error goes away.
    let fail = true;
    await page.route((url) => url.pathname.endsWith(`/requests/${requestId}`), (route) => (fail ? route.abort('internetdisconnected') : route.continue()));
    await page.goto(`${suite.web.url}/#/packages/request-detail/index?id=${requestId}`);
    await page.locator('[data-testid="error"]').waitFor({ timeout: 10_000 });
    fail = false;
    await page.locator('[data-testid="error"]').getByText('重试', { exact: true }).tap();
    await page.locator('[data-testid="revisit"]').waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-testid="error"]').count()).toBe(0);
    // 回访 with nothing written: the field error shows by the form.
    await page.locator('[data-testid="revisit"]').getByText('记录回访').tap();
    await expect(page.locator('[data-testid="revisit-error"]').textContent()).resolves.toBe('请填写内容，至少 2 个字');
    await page.locator('[data-testid="revisit"] textarea').fill('电话回访，居民表示满意');
    await page.locator('[data-testid="revisit"]').getByText('记录回访').tap();
    await page.getByText('回访（1 次）').waitFor();
    expect(await page.locator('[data-testid="revisit-error"]').count()).toBe(0);
    await shot(page, 'r6-revisit');
    await page.context().close();
  });
});
