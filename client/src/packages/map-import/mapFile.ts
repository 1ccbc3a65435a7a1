/**
 * Reading a street's map files before upload (pure): the GeoJSON parsed and counted, the buildings
 * CSV counted by line, and the server's problem fields (`features.2.geometry`, `buildingsCsv.4`)
 * said in words: which feature (and its name) or which line of the buildings file.
 */

export interface GeoFile {
  name: string;
  /** A hash of the content (for the idempotency key: one per file content). */
  hash: string;
  geojson: Record<string, unknown>;
  communities: string[];
  grids: number;
  /** Features that are neither a community nor a grid (the server names each). */
  other: number;
}
export interface CsvFile {
  name: string;
  hash: string;
  text: string;
  lines: number;
}

/** Two FNV-1a (32-bit) hashes of a text, with its length: tells file contents apart, not a security hash. */
export function contentHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x811c9dc5 | 1) >>> 0;
  }
  return `${text.length.toString(36)}-${a.toString(36)}-${b.toString(36)}`;
}

const stripBom = (text: string) => text.replace(/^\uFEFF/, '');
/** A file that was not UTF-8 (an Excel CSV saved as GBK) decodes with replacement characters. */
const NOT_UTF8 = '文件中有无法识别的文字，可能不是 UTF-8 编码：请另存为“CSV UTF-8”或 UTF-8 文本后重新选择';

const kindOf = (f: unknown): unknown => ((f as { properties?: { kind?: unknown } } | null)?.properties ?? {}).kind;

/** The GeoJSON as the server takes it (a FeatureCollection object), with what it holds; or why it cannot be read. */
export function readGeojson(name: string, raw: string): { file: GeoFile } | { error: string } {
  const text = stripBom(raw);
  if (text.includes('\uFFFD')) return { error: `「${name}」${NOT_UTF8}` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { error: `「${name}」不是有效的 GeoJSON 文件：无法按 JSON 格式读取，请确认选对了文件` };
  }
  const g = parsed as { type?: unknown; features?: unknown } | null;
  if (!g || typeof g !== 'object' || Array.isArray(g) || g.type !== 'FeatureCollection' || !Array.isArray(g.features)) {
    return { error: `「${name}」不是 GeoJSON 要素集合（FeatureCollection），请从地图软件导出为 GeoJSON 后重新选择` };
  }
  const features = g.features as unknown[];
  const communities = features
    .filter((f) => kindOf(f) === 'community')
    .map((f) => (f as { properties: { name?: unknown } }).properties.name)
    .map((n) => (typeof n === 'string' && n.trim() ? n.trim() : '（未命名）'));
  const grids = features.filter((f) => kindOf(f) === 'grid').length;
  return { file: { name, hash: contentHash(text), geojson: parsed as Record<string, unknown>, communities, grids, other: features.length - communities.length - grids } };
}

/** The buildings CSV and how many building lines it has (blank lines and the header line not counted, as the server reads it). */
export function readBuildingsCsv(name: string, raw: string): { file: CsvFile } | { error: string } {
  const text = stripBom(raw);
  if (text.includes('\uFFFD')) return { error: `「${name}」${NOT_UTF8}` };
  const lines = text.split(/\r?\n/).filter((l, i) => l.trim() && !(i === 0 && /^id\b|^编号/i.test(l.trim()))).length;
  return { file: { name, hash: contentHash(text), text, lines } };
}

const PARTS: Record<string, string> = {
  'properties.id': '编号',
  'properties.name': '名称',
  'properties.kind': '类型',
  'properties.gridKind': '网格类型',
  'properties.communityId': '所属社区',
  'properties.households': '户数',
  geometry: '边界',
};

/** Where a problem is, in words: 第 3 个要素「新城社区第二网格」· 边界; 楼栋文件第 4 行; 地图文件. */
export function problemPlace(field: string, geojson: Record<string, unknown> | null): string {
  const csv = /^buildingsCsv(?:\.(\d+))?$/.exec(field);
  if (csv) return csv[1] ? `楼栋文件第 ${csv[1]} 行` : '楼栋文件';
  const feat = /^(?:geojson\.)?features\.(\d+)(?:\.(.+))?$/.exec(field);
  if (!feat) return '地图文件';
  const index = Number(feat[1]);
  const features = Array.isArray(geojson?.features) ? (geojson.features as unknown[]) : [];
  const name = (features[index] as { properties?: { name?: unknown } } | undefined)?.properties?.name;
  let place = `第 ${index + 1} 个要素`;
  if (typeof name === 'string' && name.trim()) place += `「${name.trim()}」`;
  const rest = feat[2] ?? '';
  const point = /^geometry\.coordinates\.\d+\.(\d+)/.exec(rest);
  const part = point ? `边界第 ${Number(point[1]) + 1} 个坐标` : PARTS[rest] ?? (rest.startsWith('geometry') ? '边界' : rest.startsWith('properties') ? '属性' : '');
  return part ? `${place} · ${part}` : place;
}

/** The server's message without a leading 第 N 行 (the place already says the line). */
export const problemMessage = (message: string): string => message.replace(/^第\s*\d+\s*行[：:]?\s*/, '') || message;
