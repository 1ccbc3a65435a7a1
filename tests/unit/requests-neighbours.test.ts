/**
 * The pure rules of issue 12's neighbour filings, admission list and staff alerts: where an item not
 * admitted to grids goes, a phone update, a neighbour's return visit, the alert text and the robot URL check.
 */
import { CN_CALENDAR } from '../support/calendar';
import type { Category } from '@linli/shared';
import { ForbiddenError, ValidationError } from '../../functions/src/platform/domain/errors';
import type { Actor } from '../../functions/src/platform/domain/actor';
import { checkWebhook } from '../../functions/src/requests/domain/community-lists';
import { OTHER_CATEGORY, withOther } from '../../functions/src/requests/domain/filing';
import { accept, assign, escalate, escalateIfOverdue, newRequest, phoneUpdate, resolve, rate, revisit, type ServiceRequest } from '../../functions/src/requests/domain/request';
import { alertsOf, renderAlert } from '../../functions/src/requests/domain/staff-alerts';
import { demoCategories } from '../../infra/local/demo-categories';

const T0 = new Date('2026-11-24T02:00:00.000Z'); // 10:00 China time, a Tuesday
const leader: Actor = { userId: 'u-bl', roles: ['building_leader'], streetId: 'st', communityId: 'cm', gridId: 'gd-1' };
const gridWorker: Actor = { userId: 'u-gw', roles: ['grid_worker'], streetId: 'st', communityId: 'cm', gridId: 'gd-1' };
const communityAdmin: Actor = { userId: 'u-ca', roles: ['community_admin'], streetId: 'st', communityId: 'cm', gridId: null };
const ctx = (actor: Actor, now = T0) => ({ actor, actorName: actor.userId, now, calendar: CN_CALENDAR });
const category = (id: string): Category => withOther(demoCategories).find((c) => c.id === id)!;

function makeRequest(over: { categoryId?: string; neighbour?: boolean } = {}): ServiceRequest {
  return newRequest({
    id: 'r-1',
    source: 'resident',
    category: category(over.categoryId ?? 'fix-streetlight'),
    description: '楼道灯坏了',
    photos: [],
    location: { lat: 29.6, lng: 103.48 },
    sourceDatum: 'gcj02',
    address: '名山小区3栋1单元102',
    anonymous: false,
    reporter: { id: 'u-bl', name: '李桂英', phone: '13912345678' },
    streetId: 'st',
    communityId: 'cm',
    gridId: 'gd-1',
    now: T0,
    calendar: CN_CALENDAR,
    actor: leader,
    forNeighbour: over.neighbour === false ? null : { name: '李桂英', phone: '13912345678', building: '名山小区3栋1单元', room: '102', filedByName: '黄淑珍', filedByRole: 'building_leader' },
  }).next;
}

describe('the admission list (准入事项清单)', () => {
  it('starts an item of a category not admitted to grids with the community, and never assigns it to a grid', () => {
    const r = makeRequest({ categoryId: 'dispute-wage' });
    expect(r).toMatchObject({ level: 'community', unitId: 'cm', gridId: 'gd-1', gridAdmitted: false });
    expect(() => assign(r, ctx(communityAdmin), 'gd-1', null)).toThrow(ValidationError);
    expect(makeRequest()).toMatchObject({ level: 'grid', gridAdmitted: true });
  });

  it('offers 其他 once, at the end, not admitted to grids', () => {
    const list = withOther(demoCategories.filter((c) => c.id !== 'other'));
    expect(list.at(-1)).toBe(OTHER_CATEGORY);
    expect(withOther(list).filter((c) => c.id === 'other')).toHaveLength(1);
    expect(OTHER_CATEGORY.gridAdmitted).toBe(false);
  });
});

describe('phone updates and return visits of a neighbour filed for', () => {
  it('records what was told and when the call was, by the unit handling it; not by the filer', () => {
    const r = makeRequest();
    const t = phoneUpdate(r, ctx(gridWorker, new Date(T0.getTime() + 3600_000)), '已告知明天来修', '2026-11-24T02:30:00.000Z');
    expect(t.events[0]).toMatchObject({ type: 'phone_update', note: '11月24日 10:30 电话告知邻居：已告知明天来修' });
    expect(t.next.version).toBe(r.version + 1);
    expect(() => phoneUpdate(r, ctx(leader), '告诉了', undefined)).toThrow(ForbiddenError);
    expect(() => phoneUpdate(r, ctx(gridWorker), '太早了', '2026-11-23T00:00:00.000Z')).toThrow(ValidationError);
  });

  it('makes the return visit by phone unless said otherwise; others must say how', () => {
    const close = (r: ServiceRequest) => {
      let x = accept(r, ctx(gridWorker)).next;
      x = resolve(x, ctx(gridWorker), '已修好', []).next;
      return rate(x, ctx(leader), 5, null).next; // the filer rates for the neighbour
    };
    const closed = close(makeRequest());
    expect(revisit(closed, ctx(gridWorker), undefined, '李奶奶说修好了').next.revisits[0]).toMatchObject({ method: 'phone' });
    expect(revisit(closed, ctx(gridWorker), 'in_person', '上门看了').next.revisits[0]).toMatchObject({ method: 'in_person' });
    const own = close(makeRequest({ neighbour: false }));
    expect(() => revisit(own, ctx(gridWorker), undefined, '满意')).toThrow(ValidationError);
  });
});

describe('staff alerts (企业微信群机器人)', () => {
  it('writes the number, category, address, deadline and page in WeCom markdown', () => {
    const r = { ...makeRequest(), number: '20261124-0007' };
    const text = renderAlert(r, 'new', null);
    expect(text.split('\n')[0]).toBe('**新事项** <font color="info">20261124-0007</font>');
    expect(text).toContain('> 类别：路灯损坏（设施维修）');
    expect(text).toContain('> 地址：名山小区3栋1单元102');
    expect(text).toContain('> 办理：网格，11月25日 10:00 前受理');
    expect(text).toContain('> 代邻居反映：请电话联系');
    expect(text).toContain('小程序页面：packages/request-detail/index?id=r-1');
  });

  it('alerts on an escalation and an overdue flag, not on other steps', () => {
    const r = makeRequest();
    expect(alertsOf(accept(r, ctx(gridWorker)))).toEqual([]);
    const up = alertsOf(escalate(r, ctx(gridWorker), '需要社区协调'));
    expect(up).toHaveLength(1);
    expect(up[0]).toMatchObject({ topic: 'requests.staff_alert', subject: 'request#r-1', payload: { communityId: 'cm', gridId: 'gd-1' } });
    expect(String(up[0]!.payload.markdown)).toContain('事项已上报');
    const late = escalateIfOverdue(r, new Date(Date.parse(r.acceptBy!) + 60_000), CN_CALENDAR)!;
    expect(alertsOf(late).map((m) => String(m.payload.markdown).split('\n')[0])).toEqual([expect.stringContaining('事项已上报')]);
  });

  it("accepts only the robot's webhook with a key", () => {
    const base = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send';
    expect(checkWebhook(`${base}?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa`, base)).toBe(true);
    expect(checkWebhook(`${base}?key=`, base)).toBe(false);
    expect(checkWebhook(`${base}?key=abc`, base)).toBe(false);
    expect(checkWebhook('https://qyapi.weixin.qq.com.evil.cn/cgi-bin/webhook/send?key=abcdefgh', base)).toBe(false);
    expect(checkWebhook(`http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abcdefgh`, base)).toBe(false);
  });
});
