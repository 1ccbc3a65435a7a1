/** Property matters (物业): routed to the compound's property staff first, refused or escalated back to the grid. */
import { CN_CALENDAR } from '../support/calendar';
import { ForbiddenError } from '../../functions/src/platform/domain/errors';
import type { Actor } from '../../functions/src/platform/domain/actor';
import { propertyRoute } from '../../functions/src/requests/domain/property';
import { metricDeltas } from '../../functions/src/requests/domain/metrics';
import { accept, canView, escalate, escalateIfOverdue, newRequest, rate, refuse, resolve, type ServiceRequest } from '../../functions/src/requests/domain/request';
import { demoCategories } from '../../infra/local/demo-categories';

const cst = (local: string): Date => new Date(`${local}+08:00`);
const T0 = cst('2026-11-24T10:00:00');
const category = (id: string) => demoCategories.find((c) => c.id === id)!;
const resident: Actor = { userId: 'u-res', roles: ['resident'], streetId: 'st', communityId: 'cm', gridId: 'gd-1' };
const gridWorker: Actor = { userId: 'u-gw', roles: ['grid_worker'], streetId: 'st', communityId: 'cm', gridId: 'gd-1' };
const property: Actor = { userId: 'u-pm', roles: ['property_staff'], streetId: 'st', communityId: 'cm', gridId: null, compound: '名山小区' };
const otherCompound: Actor = { ...property, userId: 'u-pm2', compound: '名山花园' };
const otherCommunity: Actor = { ...property, userId: 'u-pm3', communityId: 'cm-2' };
const ctx = (actor: Actor, now = T0) => ({ actor, actorName: actor.userId, now, calendar: CN_CALENDAR });

function filed(compound: string | null, gridId: string | null = 'gd-1'): ServiceRequest {
  return newRequest({
    id: 'r-1', source: 'resident', category: category('prop-service'), description: '楼道灯坏了物业不管', photos: [],
    location: { lat: 29.6, lng: 103.48 }, sourceDatum: 'gcj02', address: null, anonymous: false,
    reporter: { id: 'u-res', name: '张秀英', phone: '13808131234' }, streetId: 'st', communityId: 'cm', gridId, compound,
    now: T0, calendar: CN_CALENDAR, actor: resident,
  }).next;
}

describe('property matters', () => {
  it('route only property categories, and only to a compound with property staff', () => {
    const served = ['名山小区'];
    expect(propertyRoute(category('prop-service'), '名山小区', served)).toBe('名山小区');
    expect(propertyRoute(category('fix-elevator'), '名山小区', served)).toBe('名山小区');
    expect(propertyRoute(category('prop-service'), '名山花园', served)).toBeNull();
    expect(propertyRoute(category('prop-service'), undefined, served)).toBeNull();
    expect(propertyRoute(category('prop-fee'), '名山小区', served)).toBeNull(); // a fee dispute is with the company
    expect(propertyRoute(category('fix-streetlight'), '名山小区', served)).toBeNull();
  });

  it("start at the property unit with the grid's deadlines", () => {
    const r = filed('名山小区');
    const grid = filed(null);
    expect(r).toMatchObject({ level: 'property', unitId: 'cm#名山小区', compound: '名山小区', acceptBy: grid.acceptBy, resolveBy: grid.resolveBy });
  });

  it("are handled by that compound's property staff only; the grid sees them but cannot act", () => {
    const r = filed('名山小区');
    expect(canView(property, r)).toBe(true);
    expect(canView(otherCompound, r)).toBe(false);
    expect(canView(otherCommunity, r)).toBe(false);
    expect(canView(gridWorker, r)).toBe(true);
    expect(() => accept(r, ctx(otherCompound))).toThrow(ForbiddenError);
    expect(() => accept(r, ctx(gridWorker))).toThrow(ForbiddenError);
    let done = accept(r, ctx(property)).next;
    done = resolve(done, ctx(property), '已更换楼道灯', []).next;
    expect(done).toMatchObject({ status: 'resolved', resolvedLevel: 'property' });
    // Unsatisfied: back to the property staff first, then up to the grid.
    const again = rate(done, ctx(resident), 1, '还是不亮').next;
    expect(again).toMatchObject({ level: 'property', unitId: 'cm#名山小区', status: 'submitted' });
    const twice = rate(resolve(accept(again, ctx(property)).next, ctx(property), '再修', []).next, ctx(resident), 1, null).next;
    expect(twice).toMatchObject({ level: 'grid', unitId: 'gd-1' });
  });

  it('are refused back to the grid (the community without a grid), counted against the property unit', () => {
    const t = refuse(filed('名山小区'), ctx(property), '属于业主私人维修');
    expect(t.next).toMatchObject({ level: 'grid', unitId: 'gd-1', status: 'submitted', sentBy: null });
    expect(t.refusedBy).toEqual({ level: 'property', unitId: 'cm#名山小区' });
    expect(t.events[0]!.note).toBe('物业退单：属于业主私人维修');
    expect(refuse(filed('名山小区', null), ctx(property), '不归物业').next).toMatchObject({ level: 'community', unitId: 'cm' });
  });

  it('climb to the grid when escalated or overdue, like any unit', () => {
    expect(escalate(filed('名山小区'), ctx(property), '需要网格协调').next).toMatchObject({ level: 'grid', unitId: 'gd-1', sentBy: { level: 'property', unitId: 'cm#名山小区' } });
    const r = filed('名山小区');
    const late = new Date(Date.parse(r.acceptBy!) + 60_000);
    const t = escalateIfOverdue(r, late, CN_CALENDAR)!;
    expect(t.next).toMatchObject({ level: 'grid', unitId: 'gd-1' });
    expect(t.events[0]!.note).toBe('超过物业受理时限，自动上报网格');
    expect(escalateIfOverdue(filed('名山小区', null), late, CN_CALENDAR)!.next).toMatchObject({ level: 'community', unitId: 'cm' });
  });

  it("count in the property unit's figures for their whole life", () => {
    const r = filed('名山小区');
    expect(metricDeltas(null, { next: r, events: [] }, T0)).toMatchObject({ propertyUnit: 'cm#名山小区', gridId: 'gd-1' });
    const refused = refuse(r, ctx(property), '不归物业');
    expect(metricDeltas(r, refused, T0)).toMatchObject({ propertyUnit: 'cm#名山小区', counters: { refused: 1 } });
    expect(metricDeltas(null, { next: filed(null), events: [] }, T0)!.propertyUnit).toBeNull();
  });
});
