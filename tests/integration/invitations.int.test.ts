/**
 * Staff join by invitation, on the real local store: an admin invites to a role and a place, the
 * invitee previews and accepts (new session at once), admins list and revoke, and a revoked grid
 * worker loses his queue on his next request.
 */
import { InvitationListResponse, InvitationResponse, LoginResponse } from '@linli/shared';
import { idemKey } from '../support/builders';
import { startTestApi, type TestApi } from '../support/harness';

describe('invitations', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.stop());

  const invite = async (as: 'community_admin' | 'street_admin' | 'platform_admin', body: Record<string, unknown>, key = idemKey('invite')) =>
    api.call('POST', '/invitations', { token: await api.tokenFor(as), body, headers: { 'idempotency-key': key } });

  it('invites once per key: a double tap gives the same code, another body with the key is refused', async () => {
    const key = idemKey('invite');
    const body = { role: 'grid_worker', gridId: 'gd-ms-2', inviteeName: '陈国强' };
    const first = await invite('community_admin', body, key);
    expect(first.status).toBe(201);
    const inv = InvitationResponse.parse(first.body).invitation;
    expect(inv).toMatchObject({ role: 'grid_worker', roleLabel: '网格员', gridId: 'gd-ms-2', communityId: 'cm-mingshan', status: 'open', path: `packages/invite/index?code=${inv.code}` });
    expect(inv.code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect(inv.placeName).toContain('名山社区');
    const again = await invite('community_admin', body, key);
    expect(again.status).toBe(200);
    expect(again.body.invitation.code).toBe(inv.code);
    const other = await invite('community_admin', { ...body, inviteeName: '别人' }, key);
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('idempotency_key_reused');
  });

  it('checks who may appoint whom, and names the missing field', async () => {
    expect((await invite('community_admin', { role: 'grid_worker', inviteeName: '张三' })).body.error.fields).toEqual([{ field: 'gridId', message: '请选择网格' }]);
    expect((await invite('community_admin', { role: 'building_leader', gridId: 'gd-ms-1', inviteeName: '张三' })).body.error.fields[0].field).toBe('label');
    expect((await invite('community_admin', { role: 'street_admin', inviteeName: '张三' })).status).toBe(403);
    expect((await invite('community_admin', { role: 'grid_worker', gridId: 'gd-fg-1', inviteeName: '张三' })).status).toBe(403); // another community
    expect((await invite('community_admin', { role: 'resident', inviteeName: '张三' })).body.error.fields[0].field).toBe('role');
    expect((await invite('platform_admin', { role: 'grid_worker', gridId: 'gd-ms-1', inviteeName: '张三' })).status).toBe(403);
    const dept = await invite('street_admin', { role: 'department_staff', departmentId: 'cgj', inviteeName: '刘志刚' });
    expect(dept.status).toBe(201);
    expect(dept.body.invitation.placeName).toContain('城市管理局');
    const leader = await invite('community_admin', { role: 'building_leader', gridId: 'gd-ms-1', label: '名山小区3栋', inviteeName: '黄大妈' });
    expect(leader.body.invitation.placeName).toMatch(/第一网格 名山小区3栋$/);
    expect((await invite('platform_admin', { role: 'street_admin', streetId: 'st-suishan', inviteeName: '街道新人' })).status).toBe(201);
  });

  it('lets a new WeChat user preview and accept: he is a grid worker of that grid at once; a revocation takes it back on his next request', async () => {
    const code = InvitationResponse.parse((await invite('community_admin', { role: 'grid_worker', gridId: 'gd-ms-2', inviteeName: '新网格员' })).body).invitation.code;
    const name = `gw${Date.now().toString(36)}`;
    const { token } = await api.newUser(name);
    const preview = await api.call('GET', `/invitations/${code.toLowerCase()}`, { token });
    expect(preview.status).toBe(200);
    expect(preview.body.invitation).toMatchObject({ roleLabel: '网格员', inviterName: '陈静', status: 'open' });
    expect((await api.call('GET', '/staff/requests', { token })).status).toBe(403);

    const accepted = await api.call('POST', `/invitations/${code}/acceptance`, { token });
    expect(accepted.status).toBe(200);
    const session = LoginResponse.parse(accepted.body);
    expect(session.user).toMatchObject({ roles: ['grid_worker', 'resident'], gridId: 'gd-ms-2', communityId: 'cm-mingshan', name: '新网格员', realName: true });
    expect((await api.call('GET', '/me', { token })).body.error.code).toBe('session_stale');
    expect((await api.call('GET', '/staff/requests', { token: session.token })).status).toBe(200);
    expect((await api.call('GET', '/grids/gd-ms-2/residents', { token: session.token })).status).toBe(200);
    // With a phone on record he is listed among his grid's contacts (公示网格信息) at once.
    const withPhone = LoginResponse.parse(
      (await api.call('PUT', '/me/registration', { token: session.token, body: { place: { by: 'search', communityId: 'cm-mingshan' }, address: { building: '名山小区2栋' }, phone: '13955556666' } })).body,
    );
    const grid = await api.call('GET', '/me/grid', { token: withPhone.token });
    expect(grid.body.grid.contacts).toContainEqual({ userId: session.user.id, name: '新网格员', role: 'grid_worker', phone: '13955556666' });
    // Accepting again is harmless; someone else cannot use the code.
    expect((await api.call('POST', `/invitations/${code}/acceptance`, { token: withPhone.token })).status).toBe(200);
    const stranger = await api.newUser();
    const used = await api.call('POST', `/invitations/${code}/acceptance`, { token: stranger.token });
    expect([used.status, used.body.error.code]).toEqual([409, 'invitation_used']);

    const admin = await api.tokenFor('community_admin');
    const listed = InvitationListResponse.parse((await api.call('GET', '/invitations', { token: admin })).body);
    expect(listed.items.find((i) => i.code === code)).toMatchObject({ status: 'accepted', acceptedBy: session.user.id });
    const open = InvitationListResponse.parse((await api.call('GET', '/invitations?status=open', { token: admin })).body);
    expect(open.items.map((i) => i.code)).not.toContain(code);
    const street = InvitationListResponse.parse((await api.call('GET', '/invitations', { token: await api.tokenFor('street_admin') })).body);
    expect(street.items.map((i) => i.code)).toContain(code);

    const revoked = await api.call('POST', `/invitations/${code}/revocation`, { token: admin });
    expect(revoked.body.invitation).toMatchObject({ status: 'revoked', revokedBy: 'u-demo-community-admin', revokedAt: expect.any(String) });
    const next = await api.call('GET', '/staff/requests', { token: withPhone.token });
    expect([next.status, next.body.error.code]).toEqual([401, 'session_stale']);
    const relogin = await api.newUser(name);
    expect((await api.call('GET', '/me', { token: relogin.token })).body.user).toMatchObject({ roles: ['resident'], gridId: null });
    expect((await api.call('GET', '/staff/requests', { token: relogin.token })).status).toBe(403);
  });

  it('refuses revoked invitations, and someone who already holds another post', async () => {
    const admin = await api.tokenFor('community_admin');
    const code = (await invite('community_admin', { role: 'service_staff', inviteeName: '王敏' })).body.invitation.code as string;
    await api.call('POST', `/invitations/${code}/revocation`, { token: admin });
    const { token } = await api.newUser();
    const res = await api.call('POST', `/invitations/${code}/acceptance`, { token });
    expect([res.status, res.body.error.code]).toEqual([409, 'invitation_revoked']);
    const other = (await invite('community_admin', { role: 'service_staff', inviteeName: '刘洋' })).body.invitation.code as string;
    const busy = await api.call('POST', `/invitations/${other}/acceptance`, { token: await api.tokenFor('grid_worker') });
    expect([busy.status, busy.body.error.code]).toEqual([409, 'already_appointed']);
    expect((await api.call('GET', '/invitations/ABCDEFGH', { token })).status).toBe(404);
    expect((await api.call('GET', '/invitations/bad', { token })).body.error.fields[0].field).toBe('code');
  });

  it('prints a 小程序码 of an open invitation for the admin who may give it (WeChat opens the accepting page with the code)', async () => {
    const code = (await invite('community_admin', { role: 'grid_worker', gridId: 'gd-ms-1', inviteeName: '扫码人' })).body.invitation.code as string;
    const res = await api.call('GET', `/invitations/${code}/wxacode`, { token: await api.tokenFor('street_admin') });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ page: 'packages/invite/index', scene: code });
    const image = Buffer.from(String(res.body.image).replace(/^data:image\/gif;base64,/, ''), 'base64');
    expect(image.subarray(0, 6).toString('latin1')).toMatch(/^GIF8[79]a$/);
    const sent = api.stack.wechat.calls.filter((c) => c.path === '/wxa/getwxacodeunlimit').at(-1)!;
    expect(sent.body).toMatchObject({ scene: code, page: 'packages/invite/index', env_version: 'develop', check_path: false });
    expect(sent.query.access_token).toBe('standin-access-token');
    // Not for another community's admin; not once it can no longer be accepted.
    const elsewhere = (await invite('street_admin', { role: 'community_admin', communityId: 'cm-foguang', inviteeName: '佛光主任' })).body.invitation.code as string;
    const foguang = LoginResponse.parse((await api.call('POST', `/invitations/${elsewhere}/acceptance`, { token: (await api.newUser()).token })).body).token;
    expect((await api.call('GET', `/invitations/${code}/wxacode`, { token: foguang })).status).toBe(403);
    await api.call('POST', `/invitations/${code}/revocation`, { token: await api.tokenFor('community_admin') });
    const revoked = await api.call('GET', `/invitations/${code}/wxacode`, { token: await api.tokenFor('community_admin') });
    expect([revoked.status, revoked.body.error.code]).toEqual([409, 'invitation_revoked']);
  });

  it('lets a platform administrator list the street-admin invitations of a street he names', async () => {
    const code = (await invite('platform_admin', { role: 'street_admin', streetId: 'st-suishan', inviteeName: '街道新主任' })).body.invitation.code as string;
    const token = await api.tokenFor('platform_admin');
    const missing = await api.call('GET', '/invitations', { token });
    expect([missing.status, missing.body.error.fields]).toEqual([400, [{ field: 'streetId', message: '请选择要查看的街道' }]]);
    const listed = InvitationListResponse.parse((await api.call('GET', '/invitations?streetId=st-suishan', { token })).body).items;
    expect(listed.map((i) => i.code)).toContain(code);
    expect(new Set(listed.map((i) => i.role))).toEqual(new Set(['street_admin']));
    expect((await api.call('GET', '/invitations?streetId=st-nowhere', { token })).status).toBe(404);
  });

  it('lets exactly one of two people racing for a code have it', async () => {
    const code = (await invite('community_admin', { role: 'redemption_staff', inviteeName: '赵磊' })).body.invitation.code as string;
    const [a, b] = await Promise.all([api.newUser(), api.newUser()]);
    const results = await Promise.all([a, b].map((u) => api.call('POST', `/invitations/${code}/acceptance`, { token: u.token })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.status === 200)!.body.user.id;
    const listed = InvitationListResponse.parse((await api.call('GET', '/invitations', { token: await api.tokenFor('community_admin') })).body);
    expect(listed.items.find((i) => i.code === code)?.acceptedBy).toBe(winner);
  });

  it('lets a rider declare himself and apply to help his grid; the community approves (appointed at once) or declines', async () => {
    const name = `rider${Date.now().toString(36)}`;
    const { token } = await api.newUser(name);
    const notYet = await api.call('POST', '/applications', { token, body: { gridId: 'gd-ms-1', note: '想帮忙巡查' }, headers: { 'idempotency-key': idemKey('apply') } });
    expect(notYet.status).toBe(403);
    expect((await api.call('PUT', '/me/rider', { token, body: { rider: true } })).body.error.fields[0].field).toBe('platform');
    const declared = LoginResponse.parse((await api.call('PUT', '/me/rider', { token, body: { rider: true, platform: 'meituan' } })).body);
    expect(declared.user.roles).toEqual(['resident', 'rider']);
    const key = idemKey('apply');
    const applied = await api.call('POST', '/applications', { token: declared.token, body: { gridId: 'gd-ms-1', note: '每天在名山路送餐，愿意帮忙巡查' }, headers: { 'idempotency-key': key } });
    expect(applied.status).toBe(201);
    const id = applied.body.application.id as string;
    expect((await api.call('POST', '/applications', { token: declared.token, body: { gridId: 'gd-ms-1', note: '每天在名山路送餐，愿意帮忙巡查' }, headers: { 'idempotency-key': key } })).body.application.id).toBe(id);

    const ca = await api.tokenFor('community_admin');
    const pending = await api.call('GET', '/applications?status=pending', { token: ca });
    expect(pending.body.items.find((a: { id: string }) => a.id === id)).toMatchObject({ status: 'pending', placeName: expect.stringContaining('第一网格') });
    expect((await api.call('GET', '/applications?communityId=cm-foguang', { token: ca })).status).toBe(403);
    const approved = await api.call('POST', `/applications/${id}/decision`, { token: ca, body: { approve: true, note: '欢迎加入' } });
    expect(approved.body.application).toMatchObject({ status: 'approved', invitationCode: expect.any(String) });
    expect((await api.call('POST', `/applications/${id}/decision`, { token: ca, body: { approve: false } })).body.error.code).toBe('application_decided');
    expect((await api.call('GET', '/me', { token: declared.token })).body.error.code).toBe('session_stale');
    const again = await api.newUser(name);
    expect((await api.call('GET', '/me', { token: again.token })).body.user).toMatchObject({ roles: ['parttime_grid_worker', 'resident', 'rider'], gridId: 'gd-ms-1' });

    // The appointment is revoked like any invitation.
    const code = approved.body.application.invitationCode as string;
    expect((await api.call('POST', `/invitations/${code}/revocation`, { token: ca })).body.invitation.status).toBe('revoked');
    const after = await api.newUser(name);
    expect((await api.call('GET', '/me', { token: after.token })).body.user.roles).toEqual(['resident', 'rider']);

    const second = await api.call('POST', '/applications', { token: after.token, body: { gridId: 'gd-ms-2', note: '再次申请' }, headers: { 'idempotency-key': idemKey('apply') } });
    const declined = await api.call('POST', `/applications/${second.body.application.id}/decision`, { token: ca, body: { approve: false, note: '本网格暂不需要' } });
    expect(declined.body.application).toMatchObject({ status: 'rejected', decisionNote: '本网格暂不需要', invitationCode: null });
    // The rider reads his own applications and their outcome.
    const mine = await api.call('GET', '/me/applications', { token: after.token });
    expect(mine.body.items.map((a: { status: string; decisionNote: string | null }) => [a.status, a.decisionNote])).toEqual([['rejected', '本网格暂不需要'], ['approved', '欢迎加入']]);
  });
});
