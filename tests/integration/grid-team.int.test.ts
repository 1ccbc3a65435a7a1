/**
 * The grid is a team, on the real local store: community staff manage a grid's team (一员多格,
 * specialties); members see their grids' items in the team queue and claim one (认领) — of six
 * racing for one item exactly one wins — then handle it as the grid worker would.
 */
import { GridTeamMemberResponse, GridTeamResponse, LoginResponse, RequestResponse, TeamQueueResponse, type TeamRole } from '@linli/shared';
import { fileRequest, inGrid1, inGrid2 } from '../support/builders';
import { startTestApi, type TestApi } from '../support/harness';

describe('the grid is a team (网格团队)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.stop());

  const admin = () => api.tokenFor('community_admin');
  const login = async (code: string) => LoginResponse.parse((await api.call('POST', '/auth/wechat', { body: { code } })).body);

  /** A new person registered in 名山社区 (signed in again after registering). */
  async function resident(name: string): Promise<{ code: string; userId: string }> {
    const code = `newuser-${name}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const first = await login(code);
    const reg = await api.call('PUT', '/me/registration', {
      token: first.token,
      body: { place: { by: 'search', communityId: 'cm-mingshan', gridId: 'gd-ms-1' }, address: { building: '名山小区5栋' }, name: '团队成员' },
    });
    expect(reg.status).toBe(200);
    return { code, userId: first.user.id };
  }

  const addMember = async (gridId: string, userId: string, teamRole: TeamRole, extra: Record<string, unknown> = {}) =>
    api.call('POST', `/grids/${gridId}/team`, { token: await admin(), body: { userId, teamRole, ...extra } });
  const queue = async (token: string) => TeamQueueResponse.parse((await api.call('GET', '/team/requests', { token })).body);

  describe('managing the team', () => {
    it("lists the grid's members with their team roles, the police officer covering two grids", async () => {
      const team = GridTeamResponse.parse((await api.call('GET', '/grids/gd-ms-1/team', { token: await admin() })).body);
      expect(team.members.map((m) => [m.name, m.teamRole])).toEqual(
        expect.arrayContaining([['刘洋', 'grid_worker'], ['罗志刚', 'police_officer'], ['唐桂兰', 'sanitation']]),
      );
      const two = GridTeamResponse.parse((await api.call('GET', '/grids/gd-ms-2/team', { token: await admin() })).body);
      expect(two.members.find((m) => m.name === '罗志刚')?.gridIds).toEqual(['gd-ms-1', 'gd-ms-2']);
    });

    it('adds, changes and removes a member; the team role comes and goes with the membership', async () => {
      const p = await resident('zf');
      const before = await login(p.code);
      const added = await addMember('gd-ms-1', p.userId, 'law_enforcement', { specialties: ['市容秩序'], alsoGrids: ['gd-ms-3'] });
      expect(added.status).toBe(201);
      const m = GridTeamMemberResponse.parse(added.body).member;
      expect(m).toMatchObject({ gridIds: ['gd-ms-1', 'gd-ms-3'], specialties: ['市容秩序'], version: 1 });
      // The same add again changes nothing (idempotent by the person).
      expect((await addMember('gd-ms-1', p.userId, 'law_enforcement', { specialties: ['市容秩序'], alsoGrids: ['gd-ms-3'] })).status).toBe(200);
      // His session from before the appointment is stale; signing in again gives him the team role.
      expect((await api.call('GET', '/me', { token: before.token })).status).toBe(401);
      const after = await login(p.code);
      expect(after.user.roles).toContain('team_member');
      // His name and phone are on the team: he is taken off it before he can delete his account.
      const deletion = await api.call('POST', '/me/deletion', { token: after.token, body: { confirm: true } });
      expect([deletion.status, deletion.body.error.code]).toEqual([409, 'still_appointed']);
      expect((await queue(after.token)).grids.map((g) => g.id)).toEqual(['gd-ms-1', 'gd-ms-3']);

      const changed = await api.call('PATCH', `/grids/gd-ms-1/team/${p.userId}`, { token: await admin(), body: { version: 1, specialties: [] } });
      expect(changed.status).toBe(200);
      const stale = await api.call('PATCH', `/grids/gd-ms-1/team/${p.userId}`, { token: await admin(), body: { version: 1, teamRole: 'sanitation' } });
      expect(stale.status).toBe(409);
      expect(stale.body.error.message).toMatch(/刷新/);

      const off1 = await api.call('DELETE', `/grids/gd-ms-1/team/${p.userId}`, { token: await admin() });
      expect(off1.body).toMatchObject({ removed: false, member: { gridIds: ['gd-ms-3'] } });
      const off3 = await api.call('DELETE', `/grids/gd-ms-3/team/${p.userId}`, { token: await admin() });
      expect(off3.body).toMatchObject({ removed: true, member: null });
      expect((await login(p.code)).user.roles).not.toContain('team_member');
      expect((await api.call('DELETE', `/grids/gd-ms-3/team/${p.userId}`, { token: await admin() })).status).toBe(404);
    });

    it('answers bad input field by field in Chinese, and keeps other communities and roles out', async () => {
      const bad = await api.call('POST', '/grids/gd-ms-1/team', { token: await admin(), body: { userId: 'u-demo-resident', teamRole: 'boss', alsoGrids: ['gd-fg-1'] } });
      expect(bad.status).toBe(400);
      expect(bad.body.error.fields.map((f: { field: string }) => f.field)).toContain('teamRole');
      expect(bad.body.error.fields[0].message).toMatch(/[\u4e00-\u9fa5]/);
      const otherGrid = await addMember('gd-ms-1', 'u-demo-resident', 'sanitation', { alsoGrids: ['gd-fg-1'] });
      expect(otherGrid.status).toBe(400);
      expect(otherGrid.body.error.fields).toEqual([{ field: 'alsoGrids.0', message: '请选择本社区的网格' }]);
      expect((await addMember('gd-ms-1', 'u-nobody', 'sanitation')).status).toBe(400);
      expect((await api.call('GET', '/grids/gd-fg-1/team', { token: await admin() })).status).toBe(403);
      expect((await api.call('GET', '/grids/gd-ms-1/team', { token: await api.tokenFor('grid_worker') })).status).toBe(403);
    });
  });

  describe('the team queue and claiming (认领)', () => {
    it("shows a member the items of every grid he covers, of the groups he takes", async () => {
      const dispute = await fileRequest(api, { categoryId: 'dispute-noise', location: inGrid2, description: '团队测试：楼上夜间噪音扰民' });
      const road = await fileRequest(api, { categoryId: 'fix-road', location: inGrid1, description: '团队测试：路面坑洼' });
      const police = await queue(await api.tokenFor('team_member'));
      expect(police.grids.map((g) => g.id)).toEqual(['gd-ms-1', 'gd-ms-2']);
      expect(police.items.map((i) => i.id)).toContain(dispute.id);
      expect(police.items.map((i) => i.id)).not.toContain(road.id);
      // The grid worker (on the team, every group) keeps his grid's queue.
      expect((await queue(await api.tokenFor('grid_worker'))).items.map((i) => i.id)).toContain(road.id);
      expect((await api.call('GET', '/team/requests', { token: await api.tokenFor('resident') })).status).toBe(403);
    });

    it('lets exactly one of six members racing for one item claim it; the others get a 409 in Chinese', async () => {
      const people = await Promise.all(Array.from({ length: 6 }, (_, i) => resident(`qd${i}`)));
      for (const p of people) expect((await addMember('gd-ms-1', p.userId, 'parttime_grid_worker')).status).toBe(201);
      const tokens = await Promise.all(people.map(async (p) => (await login(p.code)).token));
      const r = await fileRequest(api, { categoryId: 'fix-road', location: inGrid1, description: '团队测试：六人抢单的井盖' });

      const answers = await Promise.all(tokens.map((token) => api.call('POST', `/requests/${r.id}/claim`, { token, body: { version: r.version } })));
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses).toEqual([200, 409, 409, 409, 409, 409]);
      for (const a of answers.filter((x) => x.status === 409)) expect(a.body.error.message).toMatch(/认领/);
      const winner = answers.findIndex((a) => a.status === 200);
      const claimed = RequestResponse.parse(answers[winner]!.body).request;
      expect(claimed.assigneeId).toBe(people[winner]!.userId);
      expect(claimed.timeline.filter((e) => e.type === 'claimed')).toHaveLength(1);

      // The claimer handles it as the grid worker does; another member may not.
      const loser = tokens[(winner + 1) % 6]!;
      expect((await api.call('POST', `/requests/${r.id}/actions`, { token: loser, body: { action: 'accept', version: claimed.version } })).status).toBe(403);
      const token = tokens[winner]!;
      const accepted = await api.call('POST', `/requests/${r.id}/actions`, { token, body: { action: 'accept', version: claimed.version } });
      expect(accepted.status).toBe(200);
      const resolved = await api.call('POST', `/requests/${r.id}/actions`, { token, body: { action: 'resolve', version: accepted.body.request.version, result: '已修补路面' } });
      expect(resolved.status).toBe(200);
      expect(RequestResponse.parse(resolved.body).request.timeline.map((e) => e.type)).toEqual(['submitted', 'claimed', 'accepted', 'resolved']);
      // Claiming it again is refused in words.
      const again = await api.call('POST', `/requests/${r.id}/claim`, { token: loser, body: { version: resolved.body.request.version } });
      expect(again.status).toBe(409);
    });

    it('refuses a claim outside the member\'s grids or groups, and a claim on a version he did not see', async () => {
      const road = await fileRequest(api, { categoryId: 'fix-road', location: inGrid1, description: '团队测试：不归民警的路面' });
      const police = await api.tokenFor('team_member');
      expect((await api.call('POST', `/requests/${road.id}/claim`, { token: police, body: { version: road.version } })).status).toBe(403);
      const dispute = await fileRequest(api, { categoryId: 'dispute-neighbor', location: inGrid1, description: '团队测试：邻里纠纷调解' });
      expect((await api.call('POST', `/requests/${dispute.id}/claim`, { token: police, body: { version: dispute.version + 5 } })).status).toBe(409);
      expect((await api.call('POST', `/requests/${dispute.id}/claim`, { token: police, body: { version: 'x' } })).status).toBe(400);
      const ok = await api.call('POST', `/requests/${dispute.id}/claim`, { token: police, body: { version: dispute.version } });
      expect(ok.status).toBe(200);
      expect((await queue(police)).items.find((i) => i.id === dispute.id)).toMatchObject({ mine: true, assigneeId: 'u-demo-team-member' });
      // The grid worker still sees his grid's item, claimed or not.
      expect((await api.call('GET', `/requests/${dispute.id}`, { token: await api.tokenFor('grid_worker') })).status).toBe(200);
    });
  });
});
