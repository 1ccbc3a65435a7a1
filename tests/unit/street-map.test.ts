/** Checking a street's map file: every problem named with where it is in the file. */
import { checkBuildings, checkMap } from '../../functions/src/identity/domain/street-map';
import { polygonsOverlap, selfCrossing } from '../../functions/src/platform/domain/geo/polygon';

/** A GeoJSON rectangle, closed, [lng, lat]. */
const rect = (s: number, w: number, n: number, e: number) => ({ type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] });
const feature = (properties: Record<string, unknown>, geometry: unknown) => ({ type: 'Feature', properties, geometry });
const community = (id: string, g = rect(29.7, 103.5, 29.71, 103.52)) => feature({ kind: 'community', id, name: '新城社区' }, g);
const grid = (id: string, g: unknown, extra: Record<string, unknown> = {}) => feature({ kind: 'grid', id, name: `网格${id}`, communityId: 'cm-x', ...extra }, g);
const fc = (...features: unknown[]) => ({ type: 'FeatureCollection', features });

const west = rect(29.7, 103.5, 29.71, 103.51);
const east = rect(29.7, 103.51, 29.71, 103.52);

describe('checkMap', () => {
  it('accepts a community covered by two ordinary grids, with a micro-grid inside one', () => {
    const { map, problems } = checkMap(fc(community('cm-x'), grid('g1', west), grid('g2', east), grid('m1', rect(29.702, 103.502, 29.703, 103.503), { gridKind: 'micro' })));
    expect(problems).toEqual([]);
    expect(map.grids.map((g) => [g.id, g.kind])).toEqual([['g1', 'ordinary'], ['g2', 'ordinary'], ['m1', 'micro']]);
    expect(map.communities[0]!.boundary).toHaveLength(4);
  });

  it('names open rings, holes, self-crossing and bad coordinates', () => {
    const open = { type: 'Polygon', coordinates: [[[103.5, 29.7], [103.51, 29.7], [103.51, 29.71], [103.5, 29.71]]] };
    const hole = { type: 'Polygon', coordinates: [rect(29.7, 103.5, 29.71, 103.51).coordinates[0], rect(29.702, 103.502, 29.703, 103.503).coordinates[0]] };
    const bowtie = { type: 'Polygon', coordinates: [[[103.5, 29.7], [103.51, 29.71], [103.51, 29.7], [103.5, 29.71], [103.5, 29.7]]] };
    const swapped = { type: 'Polygon', coordinates: [[[29.7, 103.5], [29.7, 200], [29.71, 103.51], [29.7, 103.5]]] };
    const { problems } = checkMap(fc(community('cm-x'), grid('a', open), grid('b', hole), grid('c', bowtie), grid('d', swapped), grid('e', { type: 'Point', coordinates: [1, 2] })));
    expect(problems).toEqual(
      expect.arrayContaining([
        { field: 'features.1.geometry', message: '边界没有闭合（首尾坐标应相同）' },
        { field: 'features.2.geometry', message: '多边形不能有内环（洞）' },
        { field: 'features.3.geometry', message: expect.stringContaining('边界自相交') },
        { field: 'features.4.geometry.coordinates.0.0', message: '坐标应为 [经度, 纬度]（WGS-84）' },
        { field: 'features.5.geometry', message: '几何类型应为 Polygon（多边形）' },
      ]),
    );
  });

  it('finds ordinary grids that overlap, grids outside their community, uncovered land and stray micro-grids', () => {
    const overlapping = rect(29.7, 103.505, 29.71, 103.52);
    const { problems } = checkMap(
      fc(
        community('cm-x'),
        grid('g1', west),
        grid('g2', overlapping),
        grid('g3', rect(29.72, 103.5, 29.73, 103.51)),
        grid('m1', rect(29.6, 103.3, 29.601, 103.301), { gridKind: 'micro' }),
        grid('g4', west, { communityId: 'cm-none' }),
        grid('g5', west, { gridKind: 'huge' }),
      ),
    );
    const messages = problems.map((p) => `${p.field} ${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^features\.2\.geometry 普通网格「网格g2」与「网格g1」重叠$/),
        expect.stringMatching(/^features\.3\.geometry 网格「网格g3」超出了新城社区的边界$/),
        expect.stringMatching(/^features\.4\.geometry .*应位于一个普通网格之内$/),
        'features.5.properties.communityId 文件中没有社区 cm-none',
        expect.stringMatching(/^features\.6\.properties\.gridKind /),
      ]),
    );
    const gap = checkMap(fc(community('cm-x'), grid('g1', west))).problems;
    expect(gap).toEqual([{ field: 'features.0.geometry', message: expect.stringContaining('新城社区有区域不在任何普通网格内') }]);
  });

  it('tolerates grids that share an edge drawn a few centimetres apart', () => {
    const nudged = rect(29.7, 103.5100003, 29.71, 103.52);
    expect(checkMap(fc(community('cm-x'), grid('g1', west), grid('g2', nudged))).problems).toEqual([]);
    expect(polygonsOverlap(west.coordinates[0]!.slice(0, 4).map(([lng, lat]) => ({ lat: lat!, lng: lng! })), nudged.coordinates[0]!.slice(0, 4).map(([lng, lat]) => ({ lat: lat!, lng: lng! })), 1e-5)).toBe(false);
    expect(selfCrossing([{ lat: 0, lng: 0 }, { lat: 1, lng: 1 }, { lat: 1, lng: 0 }, { lat: 0, lng: 1 }])).toEqual([0, 2]);
  });

  it('rejects a file that is not a FeatureCollection, and duplicate ids', () => {
    expect(checkMap({ type: 'Feature' }).problems).toEqual([{ field: 'geojson', message: '应为 GeoJSON FeatureCollection' }]);
    expect(checkMap(fc(community('cm-x'), community('cm-x'))).problems).toContainEqual({ field: 'features.1.properties.id', message: '编号 cm-x 重复' });
  });
});

describe('checkBuildings', () => {
  it('places each building in the most specific grid and names rows outside every grid', () => {
    const { map } = checkMap(fc(community('cm-x'), grid('g1', west), grid('g2', east), grid('m1', rect(29.702, 103.502, 29.703, 103.503), { gridKind: 'micro' })));
    const { buildings, problems } = checkBuildings('编号,名称,小区,纬度,经度\nb1,1栋,新城小区,29.7025,103.5025\nb2,2栋,新城小区,29.705,103.515\nb3,3栋,新城小区,29.8,103.6\nbad line\n', map.grids);
    expect(buildings.map((b) => [b.id, b.gridId])).toEqual([['b1', 'm1'], ['b2', 'g2']]);
    expect(problems).toEqual([
      { field: 'buildingsCsv.4', message: '第 4 行：楼栋「3栋」不在任何网格内' },
      { field: 'buildingsCsv.5', message: '第 5 行格式应为：编号,名称,小区,纬度,经度' },
    ]);
  });
});
