/**
 * Joining as a resident on the real local store: locating the place, searching it, registering
 * (typed phone or WeChat's getPhoneNumber code), the new session and the stale old one, filing a
 * request afterwards, and the grid worker confirming the resident.
 */
import { GridBoardResponse, LocateResponse, LoginResponse, MiniProgramCodeResponse, MeResponse, RequestResponse, ResidentsResponse, StreetCommunitiesResponse, StreetsResponse } from '@linli/shared';
import { wgs84ToGcj02 } from '../../functions/src/platform/domain/geo/datum';
import { inGrid1, inGrid2, requestBody, submitRequest } from '../support/builders';
import { startTestApi, type TestApi } from '../support/harness';
import { runTick } from '../support/tick';

const byLocation = (p = inGrid1) => ({ by: 'location', location: { lat: p.lat, lng: p.lng, datum: 'gcj02' } });
const address = { building: '名山小区5栋', unit: '1单元', room: '502' };

describe('resident registration', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.stop());

  const me = async (token: string) => MeResponse.parse((await api.call('GET', '/me', { token })).body).user;
  const registerAs = (token: string, body: Record<string, unknown>) => api.call('PUT', '/me/registration', { token, body });

  it('finds the grid of a point (most specific), and says so when no grid holds it', async () => {
    const { token } = await api.newUser();
    const res = await api.call('GET', `/places/locate?lat=${inGrid2.lat}&lng=${inGrid2.lng}`, { token });
    expect(res.status).toBe(200);
    expect(LocateResponse.parse(res.body).place).toMatchObject({ streetId: 'st-suishan', communityId: 'cm-mingshan', gridId: 'gd-ms-2', gridName: expect.stringContaining('第二网格') });
    expect(res.body.place.boundary.length).toBeGreaterThanOrEqual(4);
    const wgs = await api.call('GET', '/places/locate?lat=29.605&lng=103.474&datum=wgs84', { token });
    expect(wgs.body.place.gridId).toBe('gd-ms-1');
    const far = await api.call('GET', '/places/locate?lat=31.23&lng=121.47', { token });
    expect(far.status).toBe(404);
    expect(far.body.error.code).toBe('place_not_covered');
    const bad = await api.call('GET', '/places/locate?lat=abc&lng=200', { token });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['lat', 'lng']);
  });

  it('lists streets, then the communities of a street with their grids', async () => {
    const { token } = await api.newUser();
    const streets = StreetsResponse.parse((await api.call('GET', '/places/streets', { token })).body);
    expect(streets.items.map((s) => s.id)).toContain('st-suishan');
    const communities = StreetCommunitiesResponse.parse((await api.call('GET', '/places/streets/st-suishan/communities', { token })).body);
    const mingshan = communities.items.find((c) => c.id === 'cm-mingshan')!;
    expect(mingshan.grids.map((g) => g.id)).toEqual(expect.arrayContaining(['gd-ms-1', 'gd-ms-2']));
    expect((await api.call('GET', '/places/streets/st-nowhere/communities', { token })).status).toBe(404);
  });

  it('registers a new WeChat user by location: new session at once, the old one stale, and he can file', async () => {
    const { token: first } = await api.newUser();
    expect(await me(first)).toMatchObject({ communityId: null, realName: false, address: null, verified: false });
    const before = await submitRequest(api, first, requestBody());
    expect(before.status).toBe(400);

    const res = await registerAs(first, { place: byLocation(), address, name: '王建华', phone: '13912345678' });
    expect(res.status).toBe(200);
    const session = LoginResponse.parse(res.body);
    expect(session.user).toMatchObject({ name: '王建华', realName: true, communityId: 'cm-mingshan', gridId: 'gd-ms-1', streetId: 'st-suishan', address: '名山小区5栋 1单元 502', verified: false, phoneMasked: '139****5678' });
    const stale = await api.call('GET', '/me', { token: first });
    expect(stale.status).toBe(401);
    expect(stale.body.error.code).toBe('session_stale');
    expect(await me(session.token)).toMatchObject({ gridId: 'gd-ms-1', address: '名山小区5栋 1单元 502' });

    const filed = await submitRequest(api, session.token, requestBody({ description: '新居民：楼下路面塌陷' }));
    expect(filed.status).toBe(201);
    expect(RequestResponse.parse(filed.body).request).toMatchObject({ level: 'grid', gridId: 'gd-ms-1', reporterName: '王建华' });
  });

  it('takes the phone from WeChat getPhoneNumber codes, and names the field when the code is bad', async () => {
    const { token } = await api.newUser();
    const ok = await registerAs(token, { place: byLocation(), address, phoneCode: 'phone-13700001111' });
    expect(ok.status).toBe(200);
    expect(ok.body.user.phoneMasked).toBe('137****1111');
    const bad = await registerAs(ok.body.token, { place: byLocation(), address, phoneCode: 'forged' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([{ field: 'phoneCode', message: expect.stringContaining('手动填写') }]);
    const both = await registerAs(ok.body.token, { place: byLocation(), address, phone: '13700001111', phoneCode: 'phone-13700001111' });
    expect(both.status).toBe(400);
  });

  it('registers by search, checking the grid belongs to the community, and needs a real name to file', async () => {
    const { token } = await api.newUser();
    const wrongGrid = await registerAs(token, { place: { by: 'search', communityId: 'cm-foguang', gridId: 'gd-ms-1' }, address });
    expect(wrongGrid.status).toBe(400);
    expect(wrongGrid.body.error.fields[0].field).toBe('place.gridId');
    const unknown = await registerAs(token, { place: { by: 'search', communityId: 'cm-nowhere' }, address });
    expect(unknown.body.error.fields[0].field).toBe('place.communityId');
    const noBuilding = await registerAs(token, { place: { by: 'search', communityId: 'cm-mingshan' }, address: { building: ' ' } });
    expect(noBuilding.body.error.fields[0].field).toBe('address.building');
    const ok = await registerAs(token, { place: { by: 'search', communityId: 'cm-mingshan', gridId: 'gd-ms-2' }, address });
    expect(ok.status).toBe(200);
    expect(ok.body.user).toMatchObject({ communityId: 'cm-mingshan', gridId: 'gd-ms-2', realName: false });
    const filed = await submitRequest(api, ok.body.token, requestBody({ location: inGrid2 }));
    expect(filed.status).toBe(400);
    expect(filed.body.error.fields[0].field).toBe('name');
  });

  it('lets the grid worker see new residents of his grid and confirm them; others cannot', async () => {
    const { token } = await api.newUser();
    const reg = LoginResponse.parse((await registerAs(token, { place: byLocation(), address, name: '李桂兰' })).body);
    const gw = await api.tokenFor('grid_worker');
    const list = ResidentsResponse.parse((await api.call('GET', '/grids/gd-ms-1/residents', { token: gw })).body);
    const mine = list.items.find((r) => r.userId === reg.user.id)!;
    expect(mine).toMatchObject({ name: '李桂兰', address: '名山小区5栋 1单元 502', verified: false, gridId: 'gd-ms-1' });
    expect(list.items.every((r) => !r.verified)).toBe(true);
    expect((await api.call('GET', '/grids/gd-ms-2/residents', { token: gw })).status).toBe(403);
    expect((await api.call('GET', '/grids/gd-ms-1/residents', { token: await api.tokenFor('rider') })).status).toBe(403);

    const corrected = await api.call('POST', `/residents/${reg.user.id}/verification`, { token: gw, body: { address: { building: '名山小区5栋', unit: '1单元', room: '503' } } });
    expect(corrected.status).toBe(200);
    expect(corrected.body.resident).toMatchObject({ verified: true, address: '名山小区5栋 1单元 503' });
    const after = ResidentsResponse.parse((await api.call('GET', '/grids/gd-ms-1/residents', { token: gw })).body);
    expect(after.items.map((r) => r.userId)).not.toContain(reg.user.id);
    const all = ResidentsResponse.parse((await api.call('GET', '/grids/gd-ms-1/residents?status=all', { token: gw })).body);
    expect(all.items.find((r) => r.userId === reg.user.id)).toMatchObject({ verified: true });
    expect(await me(reg.token)).toMatchObject({ verified: true, address: '名山小区5栋 1单元 503' });
    // A community admin may move him to another grid of the community; his session then changes.
    const ca = await api.tokenFor('community_admin');
    const moved = await api.call('POST', `/residents/${reg.user.id}/verification`, { token: ca, body: { gridId: 'gd-ms-2' } });
    expect(moved.body.resident.gridId).toBe('gd-ms-2');
    expect((await api.call('GET', '/me', { token: reg.token })).body.error.code).toBe('session_stale');
  });

  it('keeps the appointed place of staff who register their home', async () => {
    const gw = await api.tokenFor('grid_worker');
    const res = await registerAs(gw, { place: byLocation(wgs84ToGcj02({ lat: 29.605, lng: 103.482 })), address: { building: '佛光小区1栋' } });
    api.forgetToken('grid_worker');
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ gridId: 'gd-ms-1', roles: ['grid_worker'], address: '佛光小区1栋' });
  });

  it('lets one of several concurrent registrations win; the rest are told to retry, none half-applied', async () => {
    const name = `race${Date.now().toString(36)}`;
    const { token } = await api.newUser(name);
    const results = await Promise.all(
      ['1栋', '2栋', '3栋'].map((b) => registerAs(token, { place: byLocation(), address: { building: `名山小区${b}` }, name: '赵六' })),
    );
    const won = results.filter((r) => r.status === 200);
    expect(won.length).toBeGreaterThanOrEqual(1);
    expect(results.filter((r) => r.status !== 200).map((r) => r.body.error.code)).toEqual(results.filter((r) => r.status !== 200).map(() => 'conflict'));
    // Signing in again shows one winner's registration, whole.
    const again = await api.newUser(name);
    expect(won.map((w) => w.body.user.address)).toContain((await me(again.token)).address);
  });

  it('keeps the grid worker’s confirmation when only the name or phone changes, and drops it on a move', async () => {
    const { token } = await api.newUser();
    const body = { place: { by: 'search', communityId: 'cm-mingshan', gridId: 'gd-ms-1' }, address: { building: '名山小区7栋', room: '101' } };
    const first = await api.call('PUT', '/me/registration', { token, body });
    await api.call('POST', `/residents/${first.body.user.id}/verification`, { token: await api.tokenFor('grid_worker'), body: {} });
    const named = await api.call('PUT', '/me/registration', { token: first.body.token, body: { ...body, name: '周玉梅' } });
    expect(named.body.user).toMatchObject({ verified: true, realName: true, name: '周玉梅' });
    const moved = await api.call('PUT', '/me/registration', { token: named.body.token, body: { ...body, address: { building: '名山小区8栋' } } });
    expect(moved.body.user).toMatchObject({ verified: false, address: '名山小区8栋' });
  });

  it('keeps earlier homes when a resident moves house', async () => {
    const { token, userId } = await api.newUser();
    const first = await registerAs(token, { place: byLocation(), address: { building: '名山小区1栋' } });
    const moved = await registerAs(first.body.token, { place: byLocation(inGrid2), address: { building: '名山小区9栋' } });
    expect(moved.body.user).toMatchObject({ gridId: 'gd-ms-2', address: '名山小区9栋' });
    const { getDeps } = await import('../../functions/src/composition');
    expect((await getDeps().users.get(userId))!.moves).toEqual([
      expect.objectContaining({ gridId: 'gd-ms-1', address: '名山小区1栋', from: expect.any(String), to: expect.any(String) }),
    ]);
  });

  it('deletes an account: name, phone and address gone everywhere, filed requests stay, the WeChat account starts afresh', async () => {
    const name = `del${Date.now().toString(36)}`;
    const { token } = await api.newUser(name);
    const reg = LoginResponse.parse((await registerAs(token, { place: byLocation(), address, name: '孙丽', phone: '13611112222' })).body);
    const filed = RequestResponse.parse((await submitRequest(api, reg.token, requestBody({ description: '注销测试：井盖松动' }))).body).request;
    await api.call('POST', `/requests/${filed.id}/updates`, { token: reg.token, body: { action: 'add_info', note: '晚上很危险' } });

    expect((await api.call('POST', '/me/deletion', { token: reg.token, body: {} })).body.error.fields[0].field).toBe('confirm');
    const gw = await api.tokenFor('grid_worker');
    expect((await api.call('POST', '/me/deletion', { token: gw, body: { confirm: true } })).body.error.code).toBe('still_appointed');
    const deleted = await api.call('POST', '/me/deletion', { token: reg.token, body: { confirm: true } });
    expect(deleted.status).toBe(200);
    await runTick(); // the requests job erases the names it copied from the identity job's event, within the minute
    expect((await api.call('GET', '/me', { token: reg.token })).status).toBe(401);

    const staffView = RequestResponse.parse((await api.call('GET', `/requests/${filed.id}`, { token: gw })).body).request;
    expect(staffView).toMatchObject({ reporterName: '已注销用户', reporterPhone: null, status: 'submitted' });
    expect(staffView.timeline.filter((e) => e.actorRole === 'resident').map((e) => e.actorName)).toEqual([null, null]);
    expect(JSON.stringify(staffView)).not.toMatch(/孙丽|13611112222|5栋/);
    const residents = ResidentsResponse.parse((await api.call('GET', '/grids/gd-ms-1/residents?status=all', { token: gw })).body);
    expect(residents.items.map((r) => r.userId)).not.toContain(reg.user.id);

    const again = await api.newUser(name);
    expect(again.userId).not.toBe(reg.user.id);
    expect(await me(again.token)).toMatchObject({ communityId: null, name: '微信用户' });
  });
  it('lets community and street staff find a resident of the community by the first characters of his name, grid or not', async () => {
    const tag = Date.now().toString(36);
    const named = (n: string) => `欧阳${tag}${n}`;
    const withGrid = await registerAs((await api.newUser()).token, { place: byLocation(), address, name: named('一') });
    const gridless = await registerAs((await api.newUser()).token, { place: { by: 'search', communityId: 'cm-mingshan' }, address: { building: '名山新村2栋' }, name: named('二') });
    const nameless = await registerAs((await api.newUser()).token, { place: byLocation(), address });
    expect([withGrid.status, gridless.status, nameless.status]).toEqual([200, 200, 200]);
    const find = async (token: string, q: string, community = 'cm-mingshan') => api.call('GET', `/communities/${community}/residents?name=${encodeURIComponent(q)}`, { token });
    const ca = await api.tokenFor('community_admin');
    const found = ResidentsResponse.parse((await find(ca, `欧阳${tag}`)).body).items;
    expect(found.map((r) => r.name)).toEqual([named('一'), named('二')]);
    expect(found[0]).toMatchObject({ userId: withGrid.body.user.id, gridId: 'gd-ms-1', address: '名山小区5栋 1单元 502' });
    expect(found[1]).toMatchObject({ userId: gridless.body.user.id, gridId: null, address: '名山新村2栋' });
    expect(ResidentsResponse.parse((await find(ca, named('二'))).body).items.map((r) => r.userId)).toEqual([gridless.body.user.id]);
    expect(ResidentsResponse.parse((await find(await api.tokenFor('street_admin'), `欧阳${tag}`)).body).items).toHaveLength(2);
    // Only the community's (or street's) admins, only for their own; a name is needed.
    expect((await find(await api.tokenFor('grid_worker'), `欧阳${tag}`)).status).toBe(403);
    expect((await find(withGrid.body.token, `欧阳${tag}`)).status).toBe(403);
    expect((await find(ca, `欧阳${tag}`, 'cm-foguang')).status).toBe(403);
    expect((await find(ca, `欧阳${tag}`, 'cm-nowhere')).status).toBe(404);
    const empty = await find(ca, ' ');
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields).toEqual([{ field: 'name', message: '请输入姓名' }]);
    // Moving to another community, or deleting the account, takes him out of the search.
    const moved = await registerAs(gridless.body.token, { place: { by: 'search', communityId: 'cm-foguang' }, address: { building: '佛光小区1栋' }, name: named('二') });
    expect(moved.status).toBe(200);
    await api.call('POST', '/me/deletion', { token: withGrid.body.token, body: { confirm: true } });
    expect(ResidentsResponse.parse((await find(ca, `欧阳${tag}`)).body).items).toEqual([]);
  });
  it('shows a grid’s notice board to anyone, and its printable code only to those who look after the grid', async () => {
    const board = await api.call('GET', '/grids/gd-ms-1/board');
    expect(board.status).toBe(200);
    const { grid } = GridBoardResponse.parse(board.body);
    expect(grid).toMatchObject({ id: 'gd-ms-1', communityName: '名山社区', streetName: expect.any(String) });
    expect(grid.contacts.length).toBeGreaterThan(0);
    expect((await api.call('GET', '/grids/gd-nowhere/board')).status).toBe(404);
    const code = await api.call('GET', '/grids/gd-ms-1/board/wxacode', { token: await api.tokenFor('grid_worker') });
    expect(code.status).toBe(200);
    expect(MiniProgramCodeResponse.parse(code.body)).toMatchObject({ page: 'packages/grid/index', scene: 'gd-ms-1', image: expect.any(String) });
    expect((await api.call('GET', '/grids/gd-ms-1/board/wxacode', { token: await api.tokenFor('community_admin') })).status).toBe(200);
    expect((await api.call('GET', '/grids/gd-ms-2/board/wxacode', { token: await api.tokenFor('grid_worker') })).status).toBe(403);
    expect((await api.call('GET', '/grids/gd-ms-1/board/wxacode', { token: await api.tokenFor('resident') })).status).toBe(403);
    expect((await api.call('GET', '/grids/gd-ms-1/board/wxacode')).status).toBe(401);
  });
});
