import * as z from 'zod';
import { Id, Instant } from './common';

/**
 * A street loads its own map (街道导入): communities and grids as GeoJSON polygons (RFC 7946,
 * WGS-84), buildings as CSV. The file is checked whole and staged; nothing is visible until the
 * street admin activates it, and then the street's lists and locating switch at once.
 */
export const GRID_KINDS = ['ordinary', 'dedicated', 'micro'] as const;
export const GridKind = z.enum(GRID_KINDS);
export type GridKind = z.infer<typeof GridKind>;
export const GRID_KIND_LABELS: Record<GridKind, string> = { ordinary: '普通网格', dedicated: '专属网格', micro: '微网格' };

export const StreetMapImportBody = z.object({
  /** A GeoJSON FeatureCollection: features with `properties.kind` = `community` or `grid`. Checked feature by feature. */
  geojson: z.record(z.string(), z.unknown(), { message: '请上传 GeoJSON（FeatureCollection）' }),
  /** Buildings, one per line: `id,名称,小区,纬度,经度` (WGS-84), a header line allowed. */
  buildingsCsv: z.string().max(1_500_000, '楼栋文件过大（最多 150 万字）').optional(),
  /** Staff to invite when the map is activated, one per line: `姓名,岗位,社区编号,网格编号,说明` (岗位 in Chinese, e.g. 网格员). */
  staffCsv: z.string().max(500_000, '人员文件过大').optional(),
});

export const StreetParamsWithImport = z.object({ id: Id, importId: Id });

export const MapImportDto = z.object({
  id: Id,
  streetId: Id,
  status: z.enum(['staged', 'active', 'superseded']),
  counts: z.object({ communities: z.number().int(), grids: z.number().int(), buildings: z.number().int(), staff: z.number().int() }),
  createdAt: Instant,
  createdBy: Id,
  activatedAt: Instant.nullable(),
  /** The invitations made for the staff file when the map was activated (codes to hand out). */
  invitations: z.array(z.object({ inviteeName: z.string(), roleLabel: z.string(), placeName: z.string(), code: z.string() })),
});
export type MapImportDto = z.infer<typeof MapImportDto>;
export const MapImportResponse = z.object({ import: MapImportDto });
