import { LoginResponse, MeResponse, MyGridResponse } from '@linli/shared';
import { startTestApi, type TestApi } from '../support/harness';

describe('identity: WeChat login, /me and /me/grid', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.stop());

  it('logs a demo user in through code2Session and returns a signed session', async () => {
    const res = await api.call('POST', '/auth/wechat', { body: { code: 'demo-rider' } });
    expect(res.status).toBe(200);
    const login = LoginResponse.parse(res.body);
    expect(login.user).toMatchObject({ id: 'u-demo-rider', roles: ['rider'], communityId: 'cm-mingshan' });
    expect(login.user.phoneMasked).toBe('139****2345');
    expect(JSON.stringify(res.body)).not.toContain('session');
    const call = api.stack.wechat.calls.at(-1)!;
    expect(call.path).toBe('/sns/jscode2session');
    expect(call.query).toMatchObject({ js_code: 'demo-rider', grant_type: 'authorization_code', appid: 'wx-local-demo' });
  });

  it('answers 401 with a Chinese message for a code WeChat rejects', async () => {
    const res = await api.call('POST', '/auth/wechat', { body: { code: 'forged-code' } });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('wechat_code_invalid');
    expect(res.body.error.message).toMatch(/登录凭证/);
  });

  it('answers 400 with the field for a missing code, and for a body that is not JSON', async () => {
    const missing = await api.call('POST', '/auth/wechat', { body: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields[0].field).toBe('code');
    const broken = await api.call('POST', '/auth/wechat', { rawBody: '{"code": ' });
    expect(broken.status).toBe(400);
    expect(broken.body.error.fields[0].field).toBe('body');
  });

  it('returns the signed-in user from /me', async () => {
    const token = await api.tokenFor('grid_worker');
    const res = await api.call('GET', '/me', { token });
    expect(res.status).toBe(200);
    expect(MeResponse.parse(res.body).user).toMatchObject({ id: 'u-demo-grid-worker', roles: ['grid_worker'], gridId: 'gd-ms-1' });
  });

  it("returns the resident's grid with boundary and contacts (公示网格信息)", async () => {
    const res = await api.call('GET', '/me/grid', { token: await api.tokenFor('resident') });
    expect(res.status).toBe(200);
    const { grid } = MyGridResponse.parse(res.body);
    expect(grid).toMatchObject({ id: 'gd-ms-1', communityName: '名山社区', streetName: '绥山镇' });
    expect(grid.boundary.length).toBeGreaterThanOrEqual(3);
    // The published leader and worker, and the part-time grid worker appointed to the grid (马骏, a rider).
    expect(grid.contacts.map((c) => [c.role, c.name])).toEqual([['grid_leader', '王建华'], ['grid_worker', '刘洋'], ['grid_worker', '马骏']]);
  });

  it('answers 404 for /me/grid when the user has no grid', async () => {
    const res = await api.call('GET', '/me/grid', { token: await api.tokenFor('street_admin') });
    expect(res.status).toBe(404);
  });

  it('rejects missing, tampered and foreign tokens with 401', async () => {
    expect((await api.call('GET', '/me')).status).toBe(401);
    const token = await api.tokenFor('resident');
    expect((await api.call('GET', '/me', { token: `${token.slice(0, -2)}xx` })).status).toBe(401);
    expect((await api.call('GET', '/me', { token: 'abc.def.ghi' })).status).toBe(401);
  });

  it('registers an unknown WeChat user as a resident without a community, once', async () => {
    const first = await api.call('POST', '/auth/wechat', { body: { code: 'newuser-wang' } });
    expect(first.status).toBe(200);
    expect(first.body.user).toMatchObject({ roles: ['resident'], communityId: null, gridId: null });
    const again = await Promise.all([1, 2, 3].map(() => api.call('POST', '/auth/wechat', { body: { code: 'newuser-wang' } })));
    expect(new Set(again.map((r) => r.body.user.id))).toEqual(new Set([first.body.user.id]));
  });
});
