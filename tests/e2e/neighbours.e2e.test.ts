/// <reference lib="dom" />
/**
 * End to end (H5, phone viewport): a building leader files for a neighbour without a smartphone
 * (代邻居反映). 黄淑珍 (the demo building leader) picks 代邻居反映 and types 李桂英's name, phone,
 * building and room; picking 欠薪求助 shows where to go instead (the community's not-handled list);
 * she files 物业服务质量 for 名山小区. The community's WeCom robot, set by its admin on 工作群提醒, is
 * told of the new item. 吴建军 (the
 * demo property staff) sees the neighbour with her phone masked, records that he phoned her (电话告知),
 * accepts and resolves it.
 */

import { RequestResponse } from '@linli/shared';
import { answerModal, browserSuite, describeBrowser, fill, shownText } from '../support/browser';

const STEP = 60_000; // a test's budget: three browser files share CI's two cores
const DESCRIPTION = '李奶奶家门口楼道灯坏了，晚上看不见';
const TOLD = '已电话告诉李奶奶，物业今天下午来换灯';
const RESULT = '已更换楼道灯泡，恢复照明';

describeBrowser('a building leader files for a neighbour (代邻居反映) in the browser', () => {
  const suite = browserSuite();
  const { shot } = suite;
  const phoneAs = (role: string) => suite.phoneAs(role, { agreed: true, located: true });
  let requestId = '';

  it(
    "the community admin pastes the community group robot's webhook (工作群提醒); a wrong address is said under the field",
    async () => {
      const page = await phoneAs('community_admin');
      await page.locator('[data-testid="open-staff-alerts"]').tap();
      await page.locator('[data-testid="staff-alerts"]').waitFor();
      await fill(page, 'alerts-community', 'https://example.com/hook?key=abcdefgh');
      await page.locator('[data-testid="alerts-save"]').tap();
      await page.getByText('请填写企业微信群机器人的 Webhook 地址').waitFor();
      await fill(page, 'alerts-community', `${suite.api.stack.wecom.webhookBase}?key=e2e-mingshan`);
      await page.locator('[data-testid="alerts-save"]').tap();
      await page.getByText('已保存').waitFor();
      await shot(page, 'neighbour-0-alerts');
      const stored = await suite.api.call('GET', '/communities/cm-mingshan/staff-alerts', { token: await suite.api.tokenFor('community_admin') });
      expect(stored.body.alerts).toMatchObject({ communityWebhook: `${suite.api.stack.wecom.webhookBase}?key=e2e-mingshan`, version: 1 });
      await page.context().close();
    },
    STEP,
  );

  it(
    'the building leader files for her neighbour, after seeing where wage arrears go instead',
    async () => {
      const admin = await suite.api.tokenFor('community_admin');
      const page = await phoneAs('building_leader');
      await page.goto(`${suite.web.url}/#/pages/requests/index`);
      await page.locator('[data-testid="new-request"]').tap();
      await page.locator('[data-testid="request-form"]').waitFor();
      await page.locator('[data-testid="for-neighbour"]').tap();
      await fill(page, 'neighbour-name', '李桂英');
      await fill(page, 'neighbour-phone', '13912345678');
      await fill(page, 'neighbour-building', '名山小区3栋1单元');
      await fill(page, 'neighbour-room', '102');

      // Wage arrears are not the community's: where to go shows under the picker.
      await page.locator('[data-testid="group-矛盾纠纷"]').tap();
      await page.locator('[data-testid="category-dispute-wage"]').tap();
      const match = page.locator('[data-testid="not-handled-match"]');
      await match.waitFor();
      await expect(match.innerText()).resolves.toMatch(/这类事不归社区办[\s\S]*劳动保障监察大队[\s\S]*12333/);
      await expect(page.locator('[data-testid="community-handles"]').innerText()).resolves.toContain('由社区直接受理');
      await shot(page, 'neighbour-1-where-to-go');

      await page.locator('[data-testid="group-物业管理"]').tap();
      await page.locator('[data-testid="category-prop-service"]').tap();
      await page.locator('[data-testid="compound-名山小区"]').tap();
      await page.locator('[data-testid="request-text"] textarea').fill(DESCRIPTION);
      await page.getByText('已获取您当前的位置').waitFor();
      await shot(page, 'neighbour-2-form');
      await page.locator('[data-testid="submit-request"]').tap();
      await page.locator('[data-testid="receipt-view"]').tap();
      const detail = page.locator('[data-testid="request-detail"]');
      await detail.waitFor();
      const card = page.locator('[data-testid="neighbour-info"]');
      await card.waitFor();
      await expect(card.innerText()).resolves.toMatch(/代邻居反映[\s\S]*李桂英 · 电话 139\*\*\*\*5678[\s\S]*名山小区3栋1单元102[\s\S]*代为反映：黄淑珍/);
      expect(await detail.innerText()).not.toContain('13912345678');
      requestId = new URL(page.url().replace('#', '')).searchParams.get('id') ?? '';
      const stored = RequestResponse.parse((await suite.api.call('GET', `/requests/${requestId}`, { token: admin })).body).request;
      expect(stored).toMatchObject({ level: 'property', compound: '名山小区', forNeighbour: { name: '李桂英', phone: '139****5678', room: '102' } });
      // The staff's group was told once, with the number and the page to open.
      const told = suite.api.stack.wecom.received.filter((m) => m.key === 'e2e-mingshan');
      expect(told).toHaveLength(1);
      expect(told[0]!.body!.markdown!.content).toContain(stored.number!);
      await shot(page, 'neighbour-3-filed');
      await page.context().close();
    },
    STEP,
  );

  it(
    'the property staff sees the neighbour with her phone masked, records a phone update, and resolves it',
    async () => {
      expect(requestId).not.toBe('');
      const page = await phoneAs('property_staff');
      await page.goto(`${suite.web.url}/#/packages/request-detail/index?id=${requestId}`);
      const detail = page.locator('[data-testid="request-detail"]');
      await detail.waitFor();
      const card = page.locator('[data-testid="neighbour-info"]');
      await card.waitFor();
      await expect(card.innerText()).resolves.toContain('139****5678');
      expect(await detail.innerText()).not.toContain('13912345678');

      await page.locator('[data-testid="phone-update-text"] textarea').fill(TOLD);
      await page.locator('[data-testid="phone-update-save"]').tap();
      const phoned = page.locator('[data-testid="timeline-event"]', { hasText: '电话告知' });
      await phoned.waitFor();
      await expect(phoned.innerText()).resolves.toMatch(new RegExp(`电话告知 · 物业[\\s\\S]*吴建军[\\s\\S]*电话告知邻居：${TOLD}`));

      await page.locator('[data-testid="action-accept"]').tap();
      await shownText(page, '办理中').waitFor();
      await page.locator('[data-testid="action-text"] textarea').fill(RESULT);
      await page.locator('[data-testid="action-resolve"]').tap();
      await answerModal(page, 'confirm');
      await shownText(page, '已办结待评价').waitFor();
      await shot(page, 'neighbour-4-resolved');
      const stored = RequestResponse.parse((await suite.api.call('GET', `/requests/${requestId}`, { token: await suite.api.tokenFor('community_admin') })).body).request;
      expect(stored.timeline.map((e) => e.type)).toEqual(['submitted', 'phone_update', 'accepted', 'resolved']);
      await page.context().close();
    },
    STEP,
  );

  it(
    'the street admin reads the admission list in Chinese and takes 乱贴小广告 off the grids',
    async () => {
      const page = await phoneAs('street_admin');
      await page.locator('[data-testid="open-categories"]').tap();
      await page.locator('[data-testid="categories-admin"]').waitFor();
      await page.locator('[data-testid="community-cm-mingshan"]').tap();
      const other = page.locator('[data-testid="admission-other"]');
      await other.waitFor();
      await expect(other.innerText()).resolves.toContain('社区受理（不下沉网格）');
      const ads = page.locator('[data-testid="admission-city-ads"]');
      await expect(ads.innerText()).resolves.toMatch(/乱贴小广告\s*准入网格/);
      await page.locator('[data-testid="toggle-city-ads"]').tap();
      await answerModal(page, 'confirm'); // 改为社区受理？
      await page.locator('[data-testid="admission-city-ads"]', { hasText: '社区受理（不下沉网格）' }).waitFor();
      await shot(page, 'neighbour-5-admission');
      const list = await suite.api.call('GET', '/request-categories?communityId=cm-mingshan', { token: await suite.api.tokenFor('street_admin') });
      const ads2 = list.body.groups.flatMap((g: { categories: { id: string; gridAdmitted: boolean }[] }) => g.categories).find((c: { id: string }) => c.id === 'city-ads');
      expect(ads2.gridAdmitted).toBe(false);
      await page.context().close();
    },
    STEP,
  );
});
