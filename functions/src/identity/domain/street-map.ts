/**
 * Checking a street's map before it is loaded (pure): communities and grids as GeoJSON polygons
 * (RFC 7946: WGS-84 [lng, lat], closed rings), buildings as CSV. Every problem is reported with the
 * place in the file it comes from, and the file is accepted only when there are none.
 *
 * Rules: rings closed, at least 4 positions, coordinates in range, no holes, no self-crossing;
 * every grid inside its community; ordinary grids of one community do not overlap (beyond
 * TOLERANCE_DEG, about a metre) and cover the community (checked on a lattice of sample points);
 * dedicated grids (专属网格) and micro-grids (微网格) lie inside an ordinary grid; every building
 * lies inside a grid of the street.
 */
import { GRID_KINDS, INVITED_ROLES, ROLE_LABELS, type GridKind, type InvitedRole } from '@linli/shared';
import { distanceToBoundary, insideWithin, latticeInside, pointInPolygon, polygonsOverlap, selfCrossing } from '../../platform/domain/geo/polygon';

/** About a metre at these latitudes. */
export const TOLERANCE_DEG = 1e-5;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

type Ring = { lat: number; lng: number }[];
export interface MapCommunity {
  id: string;
  name: string;
  boundary: Ring;
}
export interface MapGrid {
  id: string;
  communityId: string;
  name: string;
  kind: GridKind;
  households: number;
  boundary: Ring;
}
export interface MapBuilding {
  id: string;
  name: string;
  compound: string;
  location: { lat: number; lng: number };
  gridId: string;
}
/** Someone to invite when the map is activated. */
export interface MapStaff {
  inviteeName: string;
  role: InvitedRole;
  communityId?: string;
  gridId?: string;
  label?: string;
}
export interface StreetMap {
  communities: MapCommunity[];
  grids: MapGrid[];
  buildings: MapBuilding[];
  staff?: MapStaff[];
}
export interface MapProblem {
  field: string;
  message: string;
}

/** The outer ring of a Polygon geometry as points (closing position dropped), or the problem with it. */
function ringOf(geometry: unknown, field: string, problems: MapProblem[]): Ring | null {
  const g = geometry as { type?: unknown; coordinates?: unknown } | null;
  if (!g || g.type !== 'Polygon' || !Array.isArray(g.coordinates)) {
    problems.push({ field, message: '几何类型应为 Polygon（多边形）' });
    return null;
  }
  if (g.coordinates.length !== 1) {
    problems.push({ field, message: g.coordinates.length === 0 ? '多边形没有边界' : '多边形不能有内环（洞）' });
    return null;
  }
  const positions = g.coordinates[0] as unknown[];
  if (!Array.isArray(positions) || positions.length < 4) {
    problems.push({ field, message: '边界至少需要 4 个坐标（首尾相同）' });
    return null;
  }
  const ring: Ring = [];
  for (const [i, pos] of positions.entries()) {
    const [lng, lat] = Array.isArray(pos) ? (pos as unknown[]) : [];
    if (typeof lng !== 'number' || typeof lat !== 'number' || Math.abs(lng) > 180 || Math.abs(lat) > 90) {
      problems.push({ field: `${field}.coordinates.0.${i}`, message: '坐标应为 [经度, 纬度]（WGS-84）' });
      return null;
    }
    ring.push({ lat, lng });
  }
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  if (first.lat !== last.lat || first.lng !== last.lng) {
    problems.push({ field, message: '边界没有闭合（首尾坐标应相同）' });
    return null;
  }
  ring.pop();
  const crossing = selfCrossing(ring);
  if (crossing) {
    problems.push({ field, message: `边界自相交（第 ${crossing[0] + 1} 条边与第 ${crossing[1] + 1} 条边交叉）` });
    return null;
  }
  return ring;
}

/** Sample points well inside a polygon (a lattice over its bounding box), for the coverage check. */
const samplesInside = (ring: Ring): Ring => latticeInside(ring, 12).filter((p) => distanceToBoundary(p, ring) > TOLERANCE_DEG);

/** Reads and checks the GeoJSON of a street's communities and grids. */
export function checkMap(geojson: Record<string, unknown>): { map: Omit<StreetMap, 'buildings'>; problems: MapProblem[] } {
  const problems: MapProblem[] = [];
  const communities: MapCommunity[] = [];
  const grids: MapGrid[] = [];
  if (geojson.type !== 'FeatureCollection' || !Array.isArray(geojson.features)) {
    return { map: { communities, grids }, problems: [{ field: 'geojson', message: '应为 GeoJSON FeatureCollection' }] };
  }
  const seen = new Set<string>();
  for (const [i, f] of (geojson.features as unknown[]).entries()) {
    const field = `features.${i}`;
    const props = ((f as { properties?: unknown })?.properties ?? {}) as Record<string, unknown>;
    const id = props.id;
    const name = props.name;
    if (typeof id !== 'string' || !ID.test(id)) {
      problems.push({ field: `${field}.properties.id`, message: '编号只能是字母、数字、- 和 _' });
      continue;
    }
    if (seen.has(id)) problems.push({ field: `${field}.properties.id`, message: `编号 ${id} 重复` });
    seen.add(id);
    if (typeof name !== 'string' || !name.trim() || name.length > 40) {
      problems.push({ field: `${field}.properties.name`, message: '请填写名称（最多 40 个字）' });
      continue;
    }
    const ring = ringOf((f as { geometry?: unknown }).geometry, `${field}.geometry`, problems);
    if (!ring) continue;
    if (props.kind === 'community') communities.push({ id, name: name.trim(), boundary: ring });
    else if (props.kind === 'grid') {
      const kind = (props.gridKind ?? 'ordinary') as GridKind;
      if (!GRID_KINDS.includes(kind)) {
        problems.push({ field: `${field}.properties.gridKind`, message: '网格类型应为 ordinary（普通）、dedicated（专属）或 micro（微网格）' });
        continue;
      }
      const households = props.households ?? 0;
      if (typeof households !== 'number' || !Number.isInteger(households) || households < 0) {
        problems.push({ field: `${field}.properties.households`, message: '户数应为非负整数' });
        continue;
      }
      if (typeof props.communityId !== 'string') {
        problems.push({ field: `${field}.properties.communityId`, message: '请填写网格所属社区的编号' });
        continue;
      }
      grids.push({ id, communityId: props.communityId, name: name.trim(), kind, households, boundary: ring });
    } else problems.push({ field: `${field}.properties.kind`, message: 'kind 应为 community（社区）或 grid（网格）' });
  }
  const fieldOf = (id: string) => `features.${(geojson.features as { properties?: { id?: unknown } }[]).findIndex((f) => f?.properties?.id === id)}`;
  for (const g of grids) {
    const community = communities.find((c) => c.id === g.communityId);
    if (!community) {
      problems.push({ field: `${fieldOf(g.id)}.properties.communityId`, message: `文件中没有社区 ${g.communityId}` });
      continue;
    }
    if (!g.boundary.every((p) => insideWithin(p, community.boundary, TOLERANCE_DEG))) {
      problems.push({ field: `${fieldOf(g.id)}.geometry`, message: `网格「${g.name}」超出了${community.name}的边界` });
    }
  }
  for (const c of communities) {
    const ordinary = grids.filter((g) => g.communityId === c.id && g.kind === 'ordinary');
    for (let i = 0; i < ordinary.length; i++) {
      for (let j = i + 1; j < ordinary.length; j++) {
        if (polygonsOverlap(ordinary[i]!.boundary, ordinary[j]!.boundary, TOLERANCE_DEG)) {
          problems.push({ field: `${fieldOf(ordinary[j]!.id)}.geometry`, message: `普通网格「${ordinary[j]!.name}」与「${ordinary[i]!.name}」重叠` });
        }
      }
    }
    const uncovered = samplesInside(c.boundary).filter((p) => !ordinary.some((g) => insideWithin(p, g.boundary, TOLERANCE_DEG)));
    if (uncovered.length) {
      const p = uncovered[0]!;
      problems.push({ field: `${fieldOf(c.id)}.geometry`, message: `${c.name}有区域不在任何普通网格内（如 纬度 ${p.lat.toFixed(5)}，经度 ${p.lng.toFixed(5)}）` });
    }
    for (const g of grids.filter((x) => x.communityId === c.id && x.kind !== 'ordinary')) {
      if (!ordinary.some((o) => g.boundary.every((p) => insideWithin(p, o.boundary, TOLERANCE_DEG)))) {
        problems.push({ field: `${fieldOf(g.id)}.geometry`, message: `专属网格或微网格「${g.name}」应位于一个普通网格之内` });
      }
    }
  }
  return { map: { communities, grids }, problems };
}

/** Reads and checks the buildings CSV (`id,名称,小区,纬度,经度`): each must stand inside a grid of the map. */
export function checkBuildings(csv: string, grids: readonly MapGrid[]): { buildings: MapBuilding[]; problems: MapProblem[] } {
  const problems: MapProblem[] = [];
  const buildings: MapBuilding[] = [];
  const lines = csv.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line || (i === 0 && /^id\b|^编号/i.test(line))) continue;
    const field = `buildingsCsv.${i + 1}`;
    const [id = '', name = '', compound = '', lat = '', lng = ''] = line.split(',').map((c) => c.trim());
    const location = { lat: Number(lat), lng: Number(lng) };
    if (!ID.test(id) || !name || !Number.isFinite(location.lat) || !Number.isFinite(location.lng) || lat === '' || lng === '') {
      problems.push({ field, message: `第 ${i + 1} 行格式应为：编号,名称,小区,纬度,经度` });
      continue;
    }
    const holding = grids.filter((g) => pointInPolygon(location, g.boundary)).sort((a, b) => (a.kind === 'ordinary' ? 1 : 0) - (b.kind === 'ordinary' ? 1 : 0));
    if (!holding.length) {
      problems.push({ field, message: `第 ${i + 1} 行：楼栋「${name}」不在任何网格内` });
      continue;
    }
    buildings.push({ id, name, compound, location, gridId: holding[0]!.id });
  }
  return { buildings, problems };
}

/** Roles by their Chinese names (or codes) as a street writes them in its staff file. */
const ROLE_BY_NAME = new Map<string, InvitedRole>(INVITED_ROLES.flatMap((r) => [[ROLE_LABELS[r], r] as const, [r, r] as const]));
const GRID_ROLE_SET = new Set<InvitedRole>(['grid_worker', 'parttime_grid_worker', 'building_leader']);

/** Reads and checks the staff CSV (`姓名,岗位,社区编号,网格编号,说明`) against the map being loaded. */
export function checkStaff(csv: string, map: Pick<StreetMap, 'communities' | 'grids'>): { staff: MapStaff[]; problems: MapProblem[] } {
  const problems: MapProblem[] = [];
  const staff: MapStaff[] = [];
  for (const [i, raw] of csv.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line || (i === 0 && /^姓名|^name\b/i.test(line))) continue;
    const field = `staffCsv.${i + 1}`;
    const [name = '', roleName = '', communityId = '', gridId = '', label = ''] = line.split(',').map((c) => c.trim());
    const role = ROLE_BY_NAME.get(roleName);
    if (name.length < 2 || !role) {
      problems.push({ field, message: `第 ${i + 1} 行：请写明姓名和岗位（如 网格员、楼长、社区工作人员）` });
      continue;
    }
    if (GRID_ROLE_SET.has(role) && !map.grids.some((g) => g.id === gridId)) {
      problems.push({ field, message: `第 ${i + 1} 行：${ROLE_LABELS[role]}需要本次导入中的网格编号` });
      continue;
    }
    if (!GRID_ROLE_SET.has(role) && role !== 'street_admin' && role !== 'department_staff' && !map.communities.some((c) => c.id === communityId)) {
      problems.push({ field, message: `第 ${i + 1} 行：${ROLE_LABELS[role]}需要本次导入中的社区编号` });
      continue;
    }
    if ((role === 'building_leader' || role === 'property_staff') && !label) {
      problems.push({ field, message: `第 ${i + 1} 行：${ROLE_LABELS[role]}需要在"说明"中写明楼栋或小区` });
      continue;
    }
    if (role === 'department_staff') {
      problems.push({ field, message: `第 ${i + 1} 行：部门工作人员请在"人员邀请"中逐一邀请` });
      continue;
    }
    staff.push({ inviteeName: name, role, ...(communityId ? { communityId } : {}), ...(gridId ? { gridId } : {}), ...(label ? { label } : {}) });
  }
  return { staff, problems };
}
