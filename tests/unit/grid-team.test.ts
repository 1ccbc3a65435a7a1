/** The grid is a team: claiming (认领), the team queue's filter, the team role, property companies as units, the 红黑榜 ranking, utilities. */
import { CN_CALENDAR } from '../support/calendar';
import { ConflictError, ForbiddenError, ValidationError } from '../../functions/src/platform/domain/errors';
import type { Actor } from '../../functions/src/platform/domain/actor';
import { loadConfig } from '../../functions/src/platform/config';
import { claim, inTeamQueue } from '../../functions/src/requests/domain/claim';
import { companyRow, rankCompanies } from '../../functions/src/requests/domain/property-board';
import { metricDeltas } from '../../functions/src/requests/domain/metrics';
import { accept, canView, newRequest, refuse, resolve, type ServiceRequest } from '../../functions/src/requests/domain/request';
import { checkGrids, mayManageTeam, withTeamRole } from '../../functions/src/identity/domain/grid-team';
import { newUserRecord } from '../../functions/src/identity/domain/login';
import type { GridRecord } from '../../functions/src/identity/places-port';
import { demoCategories } from '../../infra/local/demo-categories';

const T0 = new Date('2026-11-24T02:00:00.000Z');
const category = (id: string) => demoCategories.find((c) => c.id === id)!;
const resident: Actor = { userId: 'u-res', roles: ['resident'], streetId: 'st', communityId: 'cm', gridId: 'gd-1' };
const member = (userId: string): Actor => ({ userId, roles: ['team_member'], streetId: 'st', communityId: 'cm', gridId: null });
const ctx = (actor: Actor) => ({ actor, actorName: '罗志刚', now: T0, calendar: CN_CALENDAR });

function makeRequest(over: { categoryId?: string; gridId?: string | null; compound?: string | null; companyId?: string | null } = {}): ServiceRequest {
  return newRequest({
    id: 'r-1', source: 'resident', category: category(over.categoryId ?? 'fix-road'), description: '路面坑洼需要修补', photos: [],
    location: { lat: 29.6, lng: 103.48 }, sourceDatum: 'gcj02', address: null, anonymous: false,
    reporter: { id: 'u-res', name: '张秀英', phone: null }, streetId: 'st', communityId: 'cm', gridId: over.gridId === undefined ? 'gd-1' : over.gridId,
    compound: over.compound ?? null, companyId: over.companyId ?? null, now: T0, calendar: CN_CALENDAR, actor: resident,
  }).next;
}

describe('claiming (认领)', () => {
  const covers = { gridIds: ['gd-1', 'gd-2'], specialties: [] };

  it('makes the item the claimer\'s, with a 认领 entry, and lets him handle it as the grid worker would', () => {
    const t = claim(makeRequest(), ctx(member('u-a')), covers);
    expect(t.next).toMatchObject({ assigneeId: 'u-a', status: 'submitted', version: 2 });
    expect(t.events.map((e) => [e.type, e.note])).toEqual([['claimed', '罗志刚认领了该事项']]);
    const done = resolve(accept(t.next, ctx(member('u-a'))).next, ctx(member('u-a')), '已修补', []).next;
    expect(done.status).toBe('resolved');
    expect(() => accept(t.next, ctx(member('u-b')))).toThrow(ForbiddenError);
  });

  it('refuses an item already claimed, by someone else or by himself, as a conflict', () => {
    const mine = claim(makeRequest(), ctx(member('u-a')), covers).next;
    expect(() => claim(mine, ctx(member('u-b')), covers)).toThrow(new ConflictError('该事项已被其他队员认领', 'already_claimed'));
    expect(() => claim(mine, ctx(member('u-a')), covers)).toThrow('您已认领该事项');
  });

  it('refuses items outside his grids and groups, and items not waiting at the grid', () => {
    expect(() => claim(makeRequest({ gridId: 'gd-9' }), ctx(member('u-a')), covers)).toThrow(ForbiddenError);
    expect(() => claim(makeRequest(), ctx(member('u-a')), { gridIds: ['gd-1'], specialties: ['矛盾纠纷'] })).toThrow('不在您负责的专长范围');
    expect(() => claim(makeRequest({ gridId: null }), ctx(member('u-a')), covers)).toThrow(ForbiddenError);
    const atProperty = makeRequest({ categoryId: 'prop-service', compound: '名山小区', companyId: 'pc-1' });
    expect(() => claim(atProperty, ctx(member('u-a')), covers)).toThrow(ForbiddenError);
  });

  it('puts in a member\'s queue the grid items of his grids, of his groups only when he has specialties', () => {
    const road = makeRequest();
    const dispute = makeRequest({ categoryId: 'dispute-noise', gridId: 'gd-2' });
    expect([inTeamQueue(road, covers), inTeamQueue(dispute, covers)]).toEqual([true, true]);
    const police = { gridIds: ['gd-1', 'gd-2'], specialties: ['矛盾纠纷'] };
    expect([inTeamQueue(road, police), inTeamQueue(dispute, police)]).toEqual([false, true]);
    expect(inTeamQueue(dispute, { gridIds: ['gd-1'], specialties: [] })).toBe(false);
  });

  it('lets a team member of the community see its grid items, and the claimer his claimed one', () => {
    expect(canView(member('u-a'), makeRequest())).toBe(true);
    expect(canView({ ...member('u-a'), communityId: 'cm-2' }, makeRequest())).toBe(false);
  });
});

describe('the team role and who manages the team', () => {
  const user = newUserRecord('u-1', 'o-1', T0, { roles: ['resident'], communityId: 'cm' });

  it('is given with the membership and taken with the last grid, bumping the roles version', () => {
    const joined = withTeamRole(user, true)!;
    expect(joined).toMatchObject({ roles: ['resident', 'team_member'], rolesVersion: 2 });
    expect(withTeamRole(joined, true)).toBeNull();
    expect(withTeamRole(joined, false)).toMatchObject({ roles: ['resident'], rolesVersion: 3 });
    expect(withTeamRole({ ...user, roles: ['team_member'] }, false)!.roles).toEqual(['resident']);
    // A grid worker works the team queue by his own role.
    expect(withTeamRole({ ...user, roles: ['grid_worker'] }, true)).toBeNull();
  });

  it('is managed by community staff of the grid\'s own community only', () => {
    const admin: Actor = { userId: 'u-ad', roles: ['community_admin'], streetId: 'st', communityId: 'cm', gridId: null };
    expect(mayManageTeam(admin, 'cm')).toBe(true);
    expect(mayManageTeam(admin, 'cm-2')).toBe(false);
    expect(mayManageTeam({ ...admin, roles: ['street_admin'] }, 'cm')).toBe(false);
  });

  it('checks every grid is of the community, naming the bad one', () => {
    const grids = [{ id: 'gd-1' }, { id: 'gd-2' }] as GridRecord[];
    expect(checkGrids(['gd-2', 'gd-1', 'gd-2'], grids, 'gridIds')).toEqual(['gd-2', 'gd-1']);
    expect(() => checkGrids(['gd-1', 'gd-x'], grids, 'alsoGrids')).toThrow(ValidationError);
    try {
      checkGrids(['gd-1', 'gd-x'], grids, 'alsoGrids');
    } catch (e) {
      expect((e as ValidationError).fields).toEqual([{ field: 'alsoGrids.1', message: '请选择本社区的网格' }]);
    }
  });
});

describe('property companies (物业公司)', () => {
  const staff = (companyId: string | null, compound = '名山小区'): Actor => ({ userId: `u-${companyId}`, roles: ['property_staff'], streetId: 'st', communityId: 'cm', gridId: null, compound, companyId });

  it('take the items of the compounds they serve into the company queue, and only their staff act', () => {
    const r = makeRequest({ categoryId: 'prop-service', compound: '名山小区', companyId: 'pc-1' });
    expect(r).toMatchObject({ level: 'property', unitId: 'pc-1', companyId: 'pc-1' });
    expect(canView(staff('pc-1', '别的小区'), r)).toBe(true);
    expect(canView(staff('pc-2'), r)).toBe(false);
    // The compound's own staff without a company do not handle a company's compound.
    expect(canView(staff(null), r)).toBe(false);
    expect(accept(r, ctx(staff('pc-1'))).next.status).toBe('accepted');
    const back = refuse(r, ctx(staff('pc-1')), '不属于物业服务范围');
    expect(back.next).toMatchObject({ level: 'grid', unitId: 'gd-1' });
    expect(back.refusedBy).toEqual({ level: 'property', unitId: 'pc-1' });
  });

  it('keep their figures per company (level property, unit the company)', () => {
    const r = makeRequest({ categoryId: 'prop-service', compound: '名山小区', companyId: 'pc-1' });
    expect(metricDeltas(null, { next: r, events: [] }, T0)).toMatchObject({ propertyUnit: 'pc-1' });
  });

  it('stand side by side best first, by on-time rate and the residents’ answers (解决率, 满意率); best and worst named once two are ranked (红黑榜)', () => {
    const good = companyRow({ id: 'a', name: '甲物业', compounds: ['x'] }, { filed: 4, resolved: 4, resolvedOnTime: 4, m_solvedAnswered: 2, m_solved: 2, m_satisfiedAnswered: 2, m_satisfied: 2 });
    const poor = companyRow({ id: 'b', name: '乙物业', compounds: ['y'] }, { filed: 4, resolved: 1, resolvedOnTime: 0, m_solvedAnswered: 4, m_solved: 1, m_satisfiedAnswered: 1, m_satisfied: 0 });
    const idle = companyRow({ id: 'c', name: '丙物业', compounds: ['z'] }, {});
    expect(good).toMatchObject({ onTimeRate: 1, resolutionRate: 1, satisfactionRate: 1, score: 1 });
    expect(poor).toMatchObject({ onTimeRate: 0, resolutionRate: 0.25, satisfactionRate: 0, score: 0.0833 });
    expect(idle.score).toBeNull();
    const board = rankCompanies([idle, poor, good]);
    expect(board.items.map((i) => i.companyId)).toEqual(['a', 'b', 'c']);
    expect([board.best, board.worst]).toEqual(['a', 'b']);
    expect(rankCompanies([good, idle])).toMatchObject({ best: null, worst: null });
  });
});

describe('water, power and gas companies', () => {
  const env = { TABLE_NAME: 't', SESSION_SECRET: 'x'.repeat(32), WECHAT_APP_ID: 'a', WECHAT_APP_SECRET: 'b', UPLOAD_BUCKET: 'linli-photos' };

  it('are dispatch targets of their kind beside the departments', () => {
    const depts = loadConfig(env).DEPARTMENTS;
    expect(depts.filter((d) => d.kind !== 'department').map((d) => [d.id, d.kind])).toEqual([['gdj', 'power'], ['zls', 'water'], ['rqgs', 'gas']]);
    expect(loadConfig({ ...env, DEPARTMENTS: 'a:甲局,b:乙公司:gas' }).DEPARTMENTS).toEqual([
      { id: 'a', name: '甲局', kind: 'department' },
      { id: 'b', name: '乙公司', kind: 'gas' },
    ]);
    expect(() => loadConfig({ ...env, DEPARTMENTS: 'b:乙公司:oil' })).toThrow('DEPARTMENTS');
  });
});
