/** Volunteer teams on the real local store: a captain runs his team's activities and confirms attendance; the team has its own board. */
import { ActivityResponse, LeaderboardResponse, TeamListResponse, TeamResponse } from '@linli/shared';
import type { Actor } from '../../functions/src/platform/domain/actor';
import { idemKey } from '../support/builders';
import { startTestApi, type TestApi } from '../support/harness';

describe('volunteer teams', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.stop());

  it('lets the community set up a team whose captain publishes its activities and credits attendance on the team board', async () => {
    const admin = await api.tokenFor('community_admin');
    const captain = await api.tokenFor('volunteer');
    const body = { communityId: 'cm-mingshan', name: '银龄互助队', description: '低龄老人帮高龄老人', captainId: 'u-demo-volunteer' };
    const key = idemKey('team');
    const made = await api.call('POST', '/teams', { token: admin, body, headers: { 'idempotency-key': key } });
    expect(made.status).toBe(201);
    const team = TeamResponse.parse(made.body).team;
    expect(team).toMatchObject({ name: '银龄互助队', captainName: '王桂芳', members: 1 });
    expect((await api.call('POST', '/teams', { token: admin, body, headers: { 'idempotency-key': key } })).body.team.id).toBe(team.id);
    const wrongCaptain = await api.call('POST', '/teams', { token: admin, body: { ...body, captainId: 'u-demo-street-admin' }, headers: { 'idempotency-key': idemKey('team') } });
    expect([wrongCaptain.status, wrongCaptain.body.error.fields[0].field]).toEqual([400, 'captainId']);

    const resident = await api.tokenFor('resident');
    expect((await api.call('POST', `/teams/${team.id}/membership`, { token: resident })).body.team.members).toBe(2);
    expect((await api.call('POST', `/teams/${team.id}/membership`, { token: resident })).body.team.members).toBe(2); // a second tap
    const listed = TeamListResponse.parse((await api.call('GET', '/teams', { token: resident })).body).items.find((t) => t.id === team.id)!;
    expect(listed).toMatchObject({ mine: true, captain: false });
    // One team on its own, as each caller stands to it; an unknown one is 404.
    expect(TeamResponse.parse((await api.call('GET', `/teams/${team.id}`, { token: resident })).body).team).toMatchObject({ name: '银龄互助队', captainName: '王桂芳', members: 2, mine: true, captain: false });
    expect((await api.call('GET', `/teams/${team.id}`, { token: captain })).body.team).toMatchObject({ mine: true, captain: true });
    expect((await api.call('GET', `/teams/${team.id}`, { token: await api.tokenFor('rider') })).body.team).toMatchObject({ mine: false, captain: false });
    expect((await api.call('GET', '/teams/tm-nowhere', { token: resident })).status).toBe(404);

    const start = new Date(Date.now() + 3600_000);
    const activity = { communityId: 'cm-mingshan', title: '队内活动：陪老人理发', place: '社区活动室', start: start.toISOString(), end: new Date(start.getTime() + 3600_000).toISOString(), places: 5, reward: { per: 'person', points: 12 }, joiners: 'team', teamId: team.id };
    const published = await api.call('POST', '/activities', { token: captain, body: activity, headers: { 'idempotency-key': idemKey('act') } });
    expect(published.status).toBe(201);
    const a = ActivityResponse.parse(published.body).activity;
    expect(a).toMatchObject({ teamId: team.id, teamName: '银龄互助队', organiser: true });
    expect(a.checkInCode).toMatch(/^\d{6}$/);
    const other = await api.call('POST', '/activities', { token: await api.tokenFor('parttime_grid_worker'), body: activity, headers: { 'idempotency-key': idemKey('act') } });
    expect(other.status).toBe(403);
    const outsider = await api.call('POST', `/activities/${a.id}/signup`, { token: await api.tokenFor('rider') });
    expect([outsider.status, outsider.body.error.message]).toEqual([403, '该活动仅限银龄互助队队员报名']);
    expect((await api.call('POST', `/activities/${a.id}/signup`, { token: resident })).status).toBe(200);

    // After the activity the captain confirms (as the tick-time tests do, the clock is given to the use case).
    const deps = (await import('../../functions/src/composition')).getDeps();
    const { confirmAttendance } = await import('../../functions/src/points/domain/activities');
    const captainActor: Actor = { userId: 'u-demo-volunteer', roles: ['volunteer'], streetId: 'st-suishan', communityId: 'cm-mingshan', gridId: 'gd-ms-1' };
    const out = await confirmAttendance(deps, captainActor, a.id, { attendees: [{ userId: 'u-demo-resident' }], absent: [] }, new Date(start.getTime() + 2 * 3600_000));
    expect(out.credited).toBe(1);
    const teamBoard = LeaderboardResponse.parse((await api.call('GET', `/points/leaderboard?teamId=${team.id}`, { token: resident })).body);
    expect(teamBoard.items.map((r) => [r.name, r.points])).toEqual([['张秀英', 12]]);
    const communityBoard = LeaderboardResponse.parse((await api.call('GET', '/points/leaderboard', { token: resident })).body);
    expect(communityBoard.mine).toMatchObject({ points: 92 });

    // The captain removes a member; the captain himself stays.
    const removed = await api.call('POST', `/teams/${team.id}/members/u-demo-resident/removal`, { token: captain });
    expect(removed.body.team.members).toBe(1);
    const stays = await api.call('POST', `/teams/${team.id}/members/u-demo-volunteer/removal`, { token: captain });
    expect([stays.status, stays.body.error.code]).toEqual([409, 'captain_stays']);
    expect((await api.call('POST', `/teams/${team.id}/members/u-demo-volunteer/removal`, { token: resident })).status).toBe(403);
  });
});
