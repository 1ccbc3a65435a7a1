/**
 * A street loads its own map on the real local store: a bad file is refused with every problem
 * named; a good one is staged (invisible), then activated (lists and locating switch at once);
 * activating twice is harmless; a corrected file replaces the map and supersedes the old import.
 */
import { LocateResponse, MapImportResponse, StreetCommunitiesResponse } from '@linli/shared';
import { idemKey } from '../support/builders';
import { startTestApi, type TestApi } from '../support/harness';

const rect = (s: number, w: number, n: number, e: number) => ({ type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] });
const feature = (properties: Record<string, unknown>, geometry: unknown) => ({ type: 'Feature', properties, geometry });
const streetMap = (gridName = '新城社区第一网格', overlap = false) => ({
  type: 'FeatureCollection',
  features: [
    feature({ kind: 'community', id: 'cm-xincheng', name: '新城社区' }, rect(29.7, 103.5, 29.71, 103.52)),
    feature({ kind: 'grid', id: 'gd-xc-1', name: gridName, communityId: 'cm-xincheng', households: 300 }, rect(29.7, 103.5, 29.71, overlap ? 103.515 : 103.51)),
    feature({ kind: 'grid', id: 'gd-xc-2', name: '新城社区第二网格', communityId: 'cm-xincheng', households: 280 }, rect(29.7, 103.51, 29.71, 103.52)),
    feature({ kind: 'grid', id: 'gd-xc-m1', name: '新城小区5栋微网格', communityId: 'cm-xincheng', gridKind: 'micro' }, rect(29.702, 103.502, 29.703, 103.503)),
  ],
});
const BUILDINGS = '编号,名称,小区,纬度,经度\nbd-xc-5,5栋,新城小区,29.7025,103.5025\nbd-xc-9,9栋,新城小区,29.705,103.515\n';
const STAFF = '姓名,岗位,社区编号,网格编号,说明\n赵新,网格员,cm-xincheng,gd-xc-2,\n钱楼长,楼长,cm-xincheng,gd-xc-m1,新城小区5栋\n';

describe('a street loads its own map', () => {
  let api: TestApi;
  let admin: string;
  beforeAll(async () => {
    api = await startTestApi();
    admin = await api.tokenFor('street_admin');
  });
  afterAll(() => api.stop());

  const upload = (body: Record<string, unknown>, key = idemKey('map'), token = admin) =>
    api.call('POST', '/streets/st-suishan/map-imports', { token, body, headers: { 'idempotency-key': key } });
  const locate = async (lat: number, lng: number) => api.call('GET', `/places/locate?lat=${lat}&lng=${lng}&datum=wgs84`, { token: admin });
  const communities = async () => StreetCommunitiesResponse.parse((await api.call('GET', '/places/streets/st-suishan/communities', { token: admin })).body).items;

  it('refuses a file with problems, naming each, and stores nothing', async () => {
    const res = await upload({ geojson: streetMap('新城社区第一网格', true), buildingsCsv: BUILDINGS + 'bd-far,远处,外面,30.5,104.5\n', staffCsv: '孙某,网格员,cm-xincheng,gd-nowhere\n李某,站岗员,cm-xincheng,\n' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual(
      expect.arrayContaining([
        { field: 'features.2.geometry', message: '普通网格「新城社区第二网格」与「新城社区第一网格」重叠' },
        { field: 'buildingsCsv.4', message: '第 4 行：楼栋「远处」不在任何网格内' },
        { field: 'staffCsv.1', message: '第 1 行：网格员需要本次导入中的网格编号' },
        { field: 'staffCsv.2', message: expect.stringContaining('请写明姓名和岗位') },
      ]),
    );
    expect((await communities()).map((c) => c.id)).not.toContain('cm-xincheng');
  });

  it('stages a good file invisibly, then switches the whole street at once', async () => {
    const key = idemKey('map');
    const staged = await upload({ geojson: streetMap(), buildingsCsv: BUILDINGS, staffCsv: STAFF }, key);
    expect(staged.status).toBe(201);
    const imp = MapImportResponse.parse(staged.body).import;
    expect(imp).toMatchObject({ status: 'staged', counts: { communities: 1, grids: 3, buildings: 2, staff: 2 }, invitations: [] });
    expect((await upload({ geojson: streetMap(), buildingsCsv: BUILDINGS, staffCsv: STAFF }, key)).body.import.id).toBe(imp.id);

    expect((await locate(29.705, 103.505)).status).toBe(404);
    expect((await communities()).map((c) => c.id)).toContain('cm-mingshan');
    expect((await locate(29.605, 103.474)).body.place.gridId).toBe('gd-ms-1');

    expect((await api.call('POST', `/streets/st-suishan/map-imports/${imp.id}/activation`, { token: await api.tokenFor('community_admin') })).status).toBe(403);
    const active = await api.call('POST', `/streets/st-suishan/map-imports/${imp.id}/activation`, { token: admin });
    expect(active.status).toBe(200);
    expect(active.body.import).toMatchObject({ status: 'active', activatedAt: expect.any(String) });
    const invited = active.body.import.invitations as { inviteeName: string; roleLabel: string; code: string; placeName: string }[];
    expect(invited.map((i) => [i.inviteeName, i.roleLabel])).toEqual([['赵新', '网格员'], ['钱楼长', '楼长']]);
    expect(invited[0]!.placeName).toContain('新城社区第二网格');
    const again = await api.call('POST', `/streets/st-suishan/map-imports/${imp.id}/activation`, { token: admin });
    expect(again.status).toBe(200);
    expect(again.body.import.invitations.map((i: { code: string }) => i.code)).toEqual(invited.map((i) => i.code)); // invited once
    // The invited grid worker accepts and works the new grid.
    const worker = await api.newUser();
    const accepted = await api.call('POST', `/invitations/${invited[0]!.code}/acceptance`, { token: worker.token });
    expect(accepted.body.user).toMatchObject({ gridId: 'gd-xc-2', communityId: 'cm-xincheng', roles: ['grid_worker', 'resident'] });
    expect((await api.call('GET', '/staff/requests', { token: accepted.body.token })).status).toBe(200);

    expect(LocateResponse.parse((await locate(29.705, 103.505)).body).place).toMatchObject({ communityId: 'cm-xincheng', gridId: 'gd-xc-1', gridName: '新城社区第一网格' });
    expect((await locate(29.7025, 103.5025)).body.place.gridId).toBe('gd-xc-m1'); // the micro-grid is the most specific
    expect((await locate(29.605, 103.474)).status).toBe(404); // the old map is gone from locating
    const list = await communities();
    expect(list).toEqual([{ id: 'cm-xincheng', name: '新城社区', grids: expect.arrayContaining([{ id: 'gd-xc-1', name: '新城社区第一网格' }]) }]);

    // Registration by search reaches the building: street → community → compound → building.
    const buildings = await api.call('GET', '/places/communities/cm-xincheng/buildings', { token: admin });
    expect(buildings.body.items).toEqual([
      { id: 'bd-xc-5', name: '5栋', compound: '新城小区', gridId: 'gd-xc-m1' },
      { id: 'bd-xc-9', name: '9栋', compound: '新城小区', gridId: 'gd-xc-2' },
    ]);
    const searcher = await api.newUser();
    const byBuilding = await api.call('PUT', '/me/registration', { token: searcher.token, body: { place: { by: 'search', communityId: 'cm-xincheng', buildingId: 'bd-xc-5' }, address: { building: '新城小区5栋', room: '301' } } });
    expect(byBuilding.body.user).toMatchObject({ communityId: 'cm-xincheng', gridId: 'gd-xc-m1' });
    // A new resident can register there by location.
    const { token } = await api.newUser();
    const reg = await api.call('PUT', '/me/registration', { token, body: { place: { by: 'location', location: { lat: 29.705, lng: 103.515, datum: 'wgs84' } }, address: { building: '新城小区9栋' } } });
    expect(reg.body.user).toMatchObject({ communityId: 'cm-xincheng', gridId: 'gd-xc-2' });

    // A corrected file replaces the map; the old import can no longer be activated.
    const fixed = MapImportResponse.parse((await upload({ geojson: streetMap('新城一网格') })).body).import;
    await api.call('POST', `/streets/st-suishan/map-imports/${fixed.id}/activation`, { token: admin });
    expect((await locate(29.705, 103.505)).body.place.gridName).toBe('新城一网格');
    const old = await api.call('POST', `/streets/st-suishan/map-imports/${imp.id}/activation`, { token: admin });
    expect([old.status, old.body.error.code]).toEqual([409, 'import_superseded']);
  });

  it('lets only the street’s own admin import', async () => {
    expect((await upload({ geojson: streetMap() }, idemKey('map'), await api.tokenFor('community_admin'))).status).toBe(403);
    const other = await api.call('POST', '/streets/st-other/map-imports', { token: admin, body: { geojson: streetMap() }, headers: { 'idempotency-key': idemKey('map') } });
    expect(other.status).toBe(403);
  });
});
