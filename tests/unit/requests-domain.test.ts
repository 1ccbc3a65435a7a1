import { CN_CALENDAR } from '../support/calendar';
import { type Category } from '@linli/shared';
import { ConflictError, ForbiddenError, ValidationError } from '../../functions/src/platform/domain/errors';
import { pointInPolygon } from '../../functions/src/platform/domain/geo/polygon';
import type { Actor } from '../../functions/src/platform/domain/actor';
import { deadlineFrom } from '../../functions/src/requests/domain/deadlines';
import {
  accept,
  addInfo,
  addNote,
  assign,
  dispatch,
  escalate,
  escalateIfOverdue,
  handOver,
  newRequest,
  rate,
  refuse,
  reportIn,
  resolve,
  revisit,
  type ServiceRequest,
  withdraw,
} from '../../functions/src/requests/domain/request';
import { demoCategories } from '../../infra/local/demo-categories';

const cst = (local: string): Date => new Date(`${local}+08:00`);
const iso = (local: string): string => cst(local).toISOString();

describe('deadlineFrom (Asia/Shanghai)', () => {
  it('adds clock hours across midnight', () => {
    expect(deadlineFrom(cst('2026-11-24T23:00:00'), { hours: 2 }, CN_CALENDAR).toISOString()).toBe(iso('2026-11-25T01:00:00'));
  });

  it('ends working-day deadlines at 18:00 on the n-th working day after the start day', () => {
    expect(deadlineFrom(cst('2026-11-24T10:00:00'), { workdays: 1 }, CN_CALENDAR).toISOString()).toBe(iso('2026-11-25T18:00:00'));
    expect(deadlineFrom(cst('2026-11-24T23:30:00'), { workdays: 3 }, CN_CALENDAR).toISOString()).toBe(iso('2026-11-27T18:00:00'));
  });

  it('skips weekends: Friday + 1 working day is Monday', () => {
    expect(deadlineFrom(cst('2026-11-27T09:00:00'), { workdays: 1 }, CN_CALENDAR).toISOString()).toBe(iso('2026-11-30T18:00:00'));
    expect(deadlineFrom(cst('2026-11-28T09:00:00'), { workdays: 1 }, CN_CALENDAR).toISOString()).toBe(iso('2026-11-30T18:00:00'));
  });

  it('skips the National Day holiday and counts the worked Saturday (调休)', () => {
    // Filed 30 Sep 2026 (Wed): 1–7 Oct are holidays, 8 Oct (Thu) and 9 Oct (Fri) work, 10 Oct (Sat) is a workday.
    expect(deadlineFrom(cst('2026-09-30T10:00:00'), { workdays: 1 }, CN_CALENDAR).toISOString()).toBe(iso('2026-10-08T18:00:00'));
    expect(deadlineFrom(cst('2026-09-30T10:00:00'), { workdays: 3 }, CN_CALENDAR).toISOString()).toBe(iso('2026-10-10T18:00:00'));
  });

  it('counts the start day by China time, not UTC', () => {
    // 2026-11-24T17:00Z is already Wednesday 01:00 in Shanghai.
    expect(deadlineFrom(new Date('2026-11-24T17:00:00Z'), { workdays: 1 }, CN_CALENDAR).toISOString()).toBe(iso('2026-11-26T18:00:00'));
  });
});

describe('pointInPolygon', () => {
  const square = [
    { lat: 0, lng: 0 },
    { lat: 0, lng: 1 },
    { lat: 1, lng: 1 },
    { lat: 1, lng: 0 },
  ];
  it('finds inside, outside and boundary points', () => {
    expect(pointInPolygon({ lat: 0.5, lng: 0.5 }, square)).toBe(true);
    expect(pointInPolygon({ lat: 1.5, lng: 0.5 }, square)).toBe(false);
    expect(pointInPolygon({ lat: 0, lng: 0.5 }, square)).toBe(true);
  });
});

const category = (id: string): Category => demoCategories.find((c) => c.id === id)!;
const resident: Actor = { userId: 'u-res', roles: ['resident'], streetId: 'st', communityId: 'cm', gridId: 'gd-1' };
const gridWorker: Actor = { userId: 'u-gw', roles: ['grid_worker'], streetId: 'st', communityId: 'cm', gridId: 'gd-1' };
const otherGridWorker: Actor = { ...gridWorker, userId: 'u-gw2', gridId: 'gd-2' };
const communityAdmin: Actor = { userId: 'u-ca', roles: ['community_admin'], streetId: 'st', communityId: 'cm', gridId: null };
const streetAdmin: Actor = { userId: 'u-sa', roles: ['street_admin'], streetId: 'st', communityId: null, gridId: null };
const T0 = cst('2026-11-24T10:00:00');
const ctx = (actor: Actor, now = T0) => ({ actor, actorName: actor.userId, now, calendar: CN_CALENDAR });

function filed(categoryId = 'fix-streetlight', gridId: string | null = 'gd-1'): ServiceRequest {
  return newRequest({
    id: 'r-1',
    source: 'resident',
    category: category(categoryId),
    description: '路灯不亮了',
    photos: [],
    location: { lat: 29.6, lng: 103.48 },
    sourceDatum: 'gcj02',
    address: null,
    anonymous: false,
    reporter: { id: 'u-res', name: '张秀英', phone: '13808131234' },
    streetId: 'st',
    communityId: 'cm',
    gridId,
    now: T0,
    calendar: CN_CALENDAR,
    actor: resident,
  }).next;
}

describe('request state machine', () => {
  it('files into the grid with the category deadlines, or into the community outside every grid', () => {
    const r = filed();
    expect(r).toMatchObject({ level: 'grid', unitId: 'gd-1', status: 'submitted', acceptBy: iso('2026-11-25T10:00:00'), resolveBy: iso('2026-11-27T18:00:00') });
    expect(filed('fix-streetlight', null)).toMatchObject({ level: 'community', unitId: 'cm' });
    expect(filed('safe-gas')).toMatchObject({ acceptBy: iso('2026-11-24T12:00:00') });
  });

  it('runs the loop: accept → note → resolve → rated 5 → closed', () => {
    let r = filed();
    r = accept(r, ctx(gridWorker)).next;
    expect(r).toMatchObject({ status: 'accepted', assigneeId: 'u-gw', version: 2 });
    r = addNote(r, ctx(gridWorker), '已联系供电所').next;
    r = resolve(r, ctx(gridWorker), '已更换灯泡', []).next;
    expect(r).toMatchObject({ status: 'resolved', resolvedLevel: 'grid', result: '已更换灯泡' });
    r = rate(r, ctx(resident), 5, '很快').next;
    expect(r).toMatchObject({ status: 'closed', rating: { score: 5, comment: '很快' } });
  });

  it('reopens an unsatisfied item at the resolving level once, then one level up', () => {
    let r = resolve(accept(filed(), ctx(gridWorker)).next, ctx(gridWorker), '已处理', []).next;
    const first = rate(r, ctx(resident), 2, '没修好');
    expect(first.next).toMatchObject({ status: 'submitted', level: 'grid', unitId: 'gd-1', reopenCount: 1, result: null });
    expect(first.events.map((e) => e.type)).toEqual(['rated', 'reopened']);
    r = resolve(accept(first.next, ctx(gridWorker)).next, ctx(gridWorker), '再次处理', []).next;
    const second = rate(r, ctx(resident), 1, null);
    expect(second.next).toMatchObject({ status: 'submitted', level: 'community', unitId: 'cm', reopenCount: 2 });
  });

  it('escalates grid → community → street with new deadlines, and refuses beyond the street', () => {
    const later = cst('2026-11-25T09:00:00');
    let r = escalate(filed(), ctx(gridWorker, later), '需要社区协调').next;
    expect(r).toMatchObject({ level: 'community', unitId: 'cm', status: 'submitted', acceptBy: iso('2026-11-26T09:00:00') });
    r = escalate(r, ctx(communityAdmin, later), '需要街道吹哨').next;
    expect(r).toMatchObject({ level: 'street', unitId: 'st' });
    expect(() => escalate(r, ctx(streetAdmin, later), '再上报')).toThrow(ConflictError);
  });

  it('lets only the unit the item is with act on it', () => {
    const r = filed();
    expect(() => accept(r, ctx(otherGridWorker))).toThrow(ForbiddenError);
    expect(() => accept(r, ctx(communityAdmin))).toThrow(ForbiddenError);
    expect(() => accept(r, ctx(resident))).toThrow(ForbiddenError);
  });

  describe('refuses every transition outside the state machine', () => {
    const submitted = filed();
    const accepted = accept(submitted, ctx(gridWorker)).next;
    const resolved = resolve(accepted, ctx(gridWorker), '已处理', []).next;
    const closed = rate(resolved, ctx(resident), 4, null).next;
    const withdrawn = withdraw(submitted, ctx(resident), null).next;
    const cases: [string, () => unknown][] = [
      ['accept accepted', () => accept(accepted, ctx(gridWorker))],
      ['accept resolved', () => accept(resolved, ctx(gridWorker))],
      ['accept closed', () => accept(closed, ctx(gridWorker))],
      ['accept withdrawn', () => accept(withdrawn, ctx(gridWorker))],
      ['note submitted', () => addNote(submitted, ctx(gridWorker), '进展')],
      ['note resolved', () => addNote(resolved, ctx(gridWorker), '进展')],
      ['resolve submitted', () => resolve(submitted, ctx(gridWorker), '结果', [])],
      ['resolve resolved', () => resolve(resolved, ctx(gridWorker), '结果', [])],
      ['resolve closed', () => resolve(closed, ctx(gridWorker), '结果', [])],
      ['escalate resolved', () => escalate(resolved, ctx(gridWorker), '原因')],
      ['escalate closed', () => escalate(closed, ctx(gridWorker), '原因')],
      ['escalate withdrawn', () => escalate(withdrawn, ctx(gridWorker), '原因')],
      ['withdraw accepted', () => withdraw(accepted, ctx(resident), null)],
      ['withdraw resolved', () => withdraw(resolved, ctx(resident), null)],
      ['withdraw withdrawn', () => withdraw(withdrawn, ctx(resident), null)],
      ['add info to resolved', () => addInfo(resolved, ctx(resident), '补充')],
      ['add info to closed', () => addInfo(closed, ctx(resident), '补充')],
      ['rate submitted', () => rate(submitted, ctx(resident), 5, null)],
      ['rate accepted', () => rate(accepted, ctx(resident), 5, null)],
      ['rate closed', () => rate(closed, ctx(resident), 5, null)],
    ];
    it.each(cases)('%s → 409', (_name, act) => {
      expect(act).toThrow(ConflictError);
    });
  });

  it('requires an after photo to resolve categories that demand one', () => {
    const r = accept({ ...filed(), requiresAfterPhoto: true }, ctx(gridWorker)).next;
    expect(() => resolve(r, ctx(gridWorker), '已处理', [])).toThrow(ValidationError);
    expect(resolve(r, ctx(gridWorker), '已处理', ['uploads/u-gw/after.jpg']).next.status).toBe('resolved');
  });

  it("lets only the reporter withdraw, add information and rate", () => {
    const r = filed();
    expect(() => withdraw(r, ctx(gridWorker), null)).toThrow(ForbiddenError);
    expect(() => addInfo(r, ctx(gridWorker), '补充')).toThrow(ForbiddenError);
    const resolved = resolve(accept(r, ctx(gridWorker)).next, ctx(gridWorker), '已处理', []).next;
    expect(() => rate(resolved, ctx(gridWorker), 5, null)).toThrow(ForbiddenError);
  });
});

describe('demo admitted-item list', () => {
  it('has 30+ categories in 8+ groups, each with deadlines for every level', () => {
    expect(demoCategories.length).toBeGreaterThanOrEqual(30);
    expect(new Set(demoCategories.map((c) => c.group)).size).toBeGreaterThanOrEqual(8);
    for (const c of demoCategories) expect(Object.keys(c.deadlines).sort()).toEqual(['community', 'department', 'grid', 'street']);
  });
});

describe('refuse, hand over, assign, dispatch, report in, revisit', () => {
  const withUnits = (): ServiceRequest => filed();

  it('sends a refused item back to the unit that sent it, and counts the refusal against the refusing unit', () => {
    const atCommunity = escalate(withUnits(), ctx(gridWorker), '需协调').next;
    const assigned = assign(atCommunity, ctx(communityAdmin), 'gd-2', null).next;
    expect(assigned).toMatchObject({ level: 'grid', unitId: 'gd-2', gridId: 'gd-2', sentBy: { level: 'community', unitId: 'cm' } });
    const t = refuse(assigned, ctx(otherGridWorker), '不在本网格范围');
    expect(t.next).toMatchObject({ level: 'community', unitId: 'cm', status: 'submitted', sentBy: null });
    expect(t.refusedBy).toEqual({ level: 'grid', unitId: 'gd-2' });
    expect(t.events[0]).toMatchObject({ type: 'refused' });
  });

  it('sends an item filed straight into a grid back to the community when the grid refuses it', () => {
    expect(refuse(withUnits(), ctx(gridWorker), '不归我们管').next).toMatchObject({ level: 'community', unitId: 'cm' });
  });

  it('cannot refuse once accepted', () => {
    expect(() => refuse(accept(withUnits(), ctx(gridWorker)).next, ctx(gridWorker), '晚了')).toThrow(ConflictError);
  });

  it('hands an item over to another grid with fresh deadlines', () => {
    const later = cst('2026-11-24T15:00:00');
    const t = handOver(withUnits(), ctx(gridWorker, later), 'gd-2', '属于二网格');
    expect(t.next).toMatchObject({ gridId: 'gd-2', unitId: 'gd-2', status: 'submitted', acceptBy: iso('2026-11-25T15:00:00') });
    expect(() => handOver(withUnits(), ctx(gridWorker), 'gd-1', '自己')).toThrow(ValidationError);
  });

  it('dispatches from the street to a lead department and others, who report in once', () => {
    const atStreet = escalate(escalate(withUnits(), ctx(gridWorker), '一').next, ctx(communityAdmin), '二').next;
    const t = dispatch(atStreet, ctx(streetAdmin), { id: 'cgj', name: '城市管理局' }, [{ id: 'gdj', name: '供电公司' }], null);
    expect(t.next).toMatchObject({ level: 'department', unitId: 'cgj', status: 'submitted' });
    expect(t.next.departments).toEqual([
      { id: 'cgj', name: '城市管理局', lead: true, reportedInAt: null },
      { id: 'gdj', name: '供电公司', lead: false, reportedInAt: null },
    ]);
    const reported = reportIn(t.next, ctx(streetAdmin), 'gdj', '明早派人检修线路').next;
    expect(reported.departments[1]!.reportedInAt).toBe(T0.toISOString());
    expect(() => reportIn(reported, ctx(streetAdmin), 'gdj', '再报到')).toThrow(ConflictError);
    expect(() => reportIn(reported, ctx(streetAdmin), 'mzj', '没被叫')).toThrow(ValidationError);
    const done = resolve(accept(reported, ctx(streetAdmin)).next, ctx(streetAdmin), '城管牵头已处理', []).next;
    expect(done).toMatchObject({ status: 'resolved', resolvedLevel: 'department' });
  });

  it('records return visits after the rating, apart from it', () => {
    const closed = rate(resolve(accept(withUnits(), ctx(gridWorker)).next, ctx(gridWorker), '好了', []).next, ctx(resident), 4, null).next;
    const t = revisit(closed, ctx(communityAdmin), 'phone', '居民表示满意');
    expect(t.next.revisits).toEqual([{ at: T0.toISOString(), by: 'u-ca', method: 'phone', outcome: '居民表示满意', solved: null, satisfied: null }]);
    expect(t.next.rating).toEqual(closed.rating);
    expect(() => revisit(withUnits(), ctx(communityAdmin), 'phone', '太早')).toThrow(ConflictError);
    expect(() => revisit(closed, ctx(otherGridWorker), 'phone', '不是我的')).toThrow(ForbiddenError);
  });
});

describe('escalateIfOverdue (the deadline job)', () => {
  it('does nothing before the deadline', () => {
    expect(escalateIfOverdue(filed(), cst('2026-11-25T09:59:00'), CN_CALENDAR)).toBeNull();
  });

  it('escalates an item not accepted in time to the community, with a system event and new deadlines', () => {
    const t = escalateIfOverdue(filed(), cst('2026-11-25T10:01:00'), CN_CALENDAR)!;
    expect(t.next).toMatchObject({ level: 'community', status: 'submitted', acceptBy: iso('2026-11-26T10:01:00') });
    expect(t.events[0]).toMatchObject({ type: 'escalated', actorId: null, actorRole: 'system' });
    expect(escalateIfOverdue(t.next, cst('2026-11-25T10:02:00'), CN_CALENDAR)).toBeNull();
  });

  it('escalates an accepted item not resolved in time', () => {
    const accepted = accept(filed(), ctx(gridWorker)).next;
    expect(escalateIfOverdue(accepted, cst('2026-11-27T18:00:01'), CN_CALENDAR)!.next).toMatchObject({ level: 'community', status: 'submitted' });
  });

  it('flags an overdue street item once per deadline instead of escalating it', () => {
    const atStreet = escalate(escalate(filed(), ctx(gridWorker), '一').next, ctx(communityAdmin), '二').next;
    const late = new Date(Date.parse(atStreet.acceptBy!) + 1000);
    const t = escalateIfOverdue(atStreet, late, CN_CALENDAR)!;
    expect(t.next).toMatchObject({ level: 'street', overdueFlaggedFor: atStreet.acceptBy });
    expect(t.events[0]!.type).toBe('overdue');
    expect(escalateIfOverdue(t.next, new Date(late.getTime() + 60_000), CN_CALENDAR)).toBeNull();
  });
});
