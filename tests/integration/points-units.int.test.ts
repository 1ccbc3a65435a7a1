/** 共建单位 on the real local store: members report in with the code, claim the unit's weekly posts, and the community sees service per unit. */
import { ActivityResponse, UnitListResponse, UnitReportResponse, UnitResponse } from '@linli/shared';
import type { Actor } from '../../functions/src/platform/domain/actor';
import { idemKey } from '../support/builders';
import { startTestApi, type TestApi } from '../support/harness';
import { personWithPoints } from '../support/points';

describe('共建单位', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.stop());

  it('registers a unit, lets its members report in and claim its weekly post, and reports service per unit', async () => {
    const admin = await api.tokenFor('community_admin');
    const make = (name: string) => api.call('POST', '/units', { token: admin, body: { communityId: 'cm-mingshan', name, contact: '李书记' }, headers: { 'idempotency-key': idemKey('unit') } });
    const tax = UnitResponse.parse((await make('市税务局')).body).unit;
    const other = UnitResponse.parse((await make('市第一中学')).body).unit;
    expect(tax.joinCode).toMatch(/^\d{6}$/);
    const member = await personWithPoints(api, 0);
    const seen = UnitListResponse.parse((await api.call('GET', '/units', { token: member.token })).body).items.find((u) => u.id === tax.id)!;
    expect(seen.joinCode).toBeNull(); // only community staff see the code

    const wrong = await api.call('POST', `/units/${tax.id}/membership`, { token: member.token, body: { code: tax.joinCode === '000000' ? '111111' : '000000' } });
    expect([wrong.status, wrong.body.error.fields[0].field]).toEqual([400, 'code']);
    expect((await api.call('POST', `/units/${tax.id}/membership`, { token: member.token, body: { code: tax.joinCode } })).body.unit).toMatchObject({ members: 1, mine: true });
    expect((await api.call('POST', `/units/${tax.id}/membership`, { token: member.token, body: { code: tax.joinCode } })).body.unit.members).toBe(1);

    // A weekly post (岗位) for three weeks, claimed by members only; a retry makes no second series.
    const start = new Date(Date.now() + 3600_000);
    const body = { communityId: 'cm-mingshan', title: '周三晚服务中心值班', place: '名山社区党群服务中心', start: start.toISOString(), end: new Date(start.getTime() + 2 * 3600_000).toISOString(), places: 2, reward: { per: 'hour', points: 10 }, joiners: 'unit', unitId: tax.id, repeatWeeks: 3 };
    const key = idemKey('post');
    const posted = await api.call('POST', '/activities', { token: admin, body, headers: { 'idempotency-key': key } });
    expect(posted.status).toBe(201);
    const post = ActivityResponse.parse(posted.body);
    expect(post.activity).toMatchObject({ unitId: tax.id, unitName: '市税务局', joiners: 'unit' });
    expect(post.series).toHaveLength(2);
    const week3 = ActivityResponse.parse((await api.call('GET', `/activities/${post.series![1]}`, { token: admin })).body).activity;
    expect(Date.parse(week3.start) - Date.parse(post.activity.start)).toBe(14 * 86400_000);
    const again = await api.call('POST', '/activities', { token: admin, body, headers: { 'idempotency-key': key } });
    expect([again.status, again.body.series]).toEqual([200, post.series]);
    const outsider = await api.call('POST', `/activities/${post.activity.id}/signup`, { token: await api.tokenFor('resident') });
    expect([outsider.status, outsider.body.error.message]).toEqual([403, '该岗位仅限市税务局成员认领']);
    expect((await api.call('POST', `/activities/${post.activity.id}/signup`, { token: member.token })).status).toBe(200);

    // The post is served and confirmed; any other service of the member in the community counts for the unit too.
    const deps = (await import('../../functions/src/composition')).getDeps();
    const { confirmAttendance } = await import('../../functions/src/points/domain/activities');
    const organiser: Actor = { userId: 'u-demo-community-admin', roles: ['community_admin'], streetId: 'st-suishan', communityId: 'cm-mingshan', gridId: null };
    expect((await confirmAttendance(deps, organiser, post.activity.id, { attendees: [{ userId: member.userId }], absent: [] }, new Date(start.getTime() + 3 * 3600_000))).credited).toBe(1);
    await api.call('POST', '/points/credits', { token: admin, body: { userId: member.userId, points: 5, minutes: 30, reason: '周末巡逻' }, headers: { 'idempotency-key': idemKey('c') } });
    const report = UnitReportResponse.parse((await api.call('GET', '/communities/cm-mingshan/unit-report', { token: admin })).body);
    expect(report.items.find((i) => i.unitId === tax.id)).toMatchObject({ name: '市税务局', members: 1, serving: 1, points: 25, minutes: 150 });
    expect(report.items.find((i) => i.unitId === other.id)).toMatchObject({ members: 0, serving: 0, points: 0, minutes: 0 });
    expect((await api.call('GET', '/communities/cm-mingshan/unit-report', { token: member.token })).status).toBe(403);
    const board = (await api.call('GET', `/points/leaderboard?unitId=${tax.id}`, { token: member.token })).body;
    expect(board.items.map((r: { name: string; points: number; me: boolean }) => [r.name, r.points, r.me])).toEqual([['积分居民', 25, true]]);
  });
});
