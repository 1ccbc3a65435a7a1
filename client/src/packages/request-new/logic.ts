/**
 * The filing form's pure rules (no Taro, unit-tested in tests/unit/request-filing.test.ts): length
 * hints as the resident types, the drawn plan the problem is pinned on, the kept draft, the
 * idempotency key per form content, and the receipt's words.
 */
import { type DeadlineRule, EMERGENCY_FIRST, EMERGENCY_NUMBERS, type EmergencyKind, LEVEL_LABELS, type Level } from '@linli/shared';
import type { SentKey } from '../../services/idempotency';

export interface LatLng {
  lat: number;
  lng: number;
}
export type Datum = 'gcj02' | 'wgs84';
export interface Point extends LatLng {
  datum: Datum;
}

/* ---------- lengths ---------- */

export interface LengthHint {
  /** Characters counted as the server counts them (trimmed). */
  count: number;
  /** "118/120", shown from 80 % of the limit on. */
  counter: string | null;
  /** How many characters too many (0 when within the limit). */
  over: number;
  /** What to say in red: too long now (as he types) or too short (after a submit). */
  error: string | null;
}

/**
 * What to show under a text field: the counter near the limit and, beyond it, by how much. `short`
 * asks for the minimum too (after a submit tap, not while typing).
 */
export function lengthHint(text: string, limit: { min?: number; max: number }, label: string, short = false): LengthHint {
  const count = text.trim().length;
  const over = Math.max(0, count - limit.max);
  const counter = count >= Math.floor(limit.max * 0.8) ? `${count}/${limit.max}` : null;
  let error: string | null = null;
  if (over > 0) error = `${label}最多 ${limit.max} 个字，已超出 ${over} 个字，请删减`;
  else if (short && limit.min && count < limit.min) error = count === 0 ? `请填写${label}，至少 ${limit.min} 个字` : `${label}至少 ${limit.min} 个字，还差 ${limit.min - count} 个字`;
  return { count, counter, over, error };
}

/* ---------- the plan the problem is pinned on ---------- */

/** The square drawn on the page: a centre, half its side in metres, and the resident's grid outline. */
export interface Frame {
  center: LatLng;
  datum: Datum;
  halfSpanM: number;
  outline: LatLng[] | null;
  label: string;
}

const M_PER_DEG_LAT = 110_540;
const mPerDegLng = (lat: number) => 111_320 * Math.cos((lat * Math.PI) / 180);

/**
 * The plan around the resident's grid (its outline with a margin around it) or, without one,
 * 3 km across around `fallback`.
 */
export function frameOf(outline: LatLng[] | null, fallback: LatLng, datum: Datum, label: string): Frame {
  if (!outline || outline.length < 3) return { center: fallback, datum, halfSpanM: 1500, outline: null, label };
  const lats = outline.map((p) => p.lat);
  const lngs = outline.map((p) => p.lng);
  const center = { lat: (Math.min(...lats) + Math.max(...lats)) / 2, lng: (Math.min(...lngs) + Math.max(...lngs)) / 2 };
  const halfH = ((Math.max(...lats) - Math.min(...lats)) / 2) * M_PER_DEG_LAT;
  const halfW = ((Math.max(...lngs) - Math.min(...lngs)) / 2) * mPerDegLng(center.lat);
  return { center, datum, halfSpanM: Math.max(150, Math.max(halfH, halfW) * 1.2), outline, label };
}

/** Where a point lies on the plan: fractions of its side, x to the east, y down (north up). */
export function toPlan(f: Frame, p: LatLng): { x: number; y: number } {
  const east = (p.lng - f.center.lng) * mPerDegLng(f.center.lat);
  const north = (p.lat - f.center.lat) * M_PER_DEG_LAT;
  return { x: 0.5 + east / (2 * f.halfSpanM), y: 0.5 - north / (2 * f.halfSpanM) };
}

const clamp = (v: number) => Math.min(1, Math.max(0, v));
const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** The point at a place on the plan (kept inside it), in the plan's datum. */
export function fromPlan(f: Frame, at: { x: number; y: number }): Point {
  const east = (clamp(at.x) - 0.5) * 2 * f.halfSpanM;
  const north = (0.5 - clamp(at.y)) * 2 * f.halfSpanM;
  return { lat: round6(f.center.lat + north / M_PER_DEG_LAT), lng: round6(f.center.lng + east / mPerDegLng(f.center.lat)), datum: f.datum };
}

export type Direction = 'up' | 'down' | 'left' | 'right';
/** One button press moves the pin a twentieth of the plan (tens of metres). */
export function nudge(f: Frame, p: LatLng, dir: Direction, step = 0.05): Point {
  const at = toPlan(f, p);
  const d = { up: [0, -step], down: [0, step], left: [-step, 0], right: [step, 0] }[dir];
  return fromPlan(f, { x: at.x + d[0]!, y: at.y + d[1]! });
}

/** "约 1.2 公里" / "约 600 米": the plan's width in words. */
export function spanInWords(f: Frame): string {
  const m = f.halfSpanM * 2;
  return m >= 1000 ? `图宽约 ${(m / 1000).toFixed(1)} 公里` : `图宽约 ${Math.round(m / 50) * 50} 米`;
}

/** The grid outline drawn to scale on the plan (an SVG picture, 1000 units a side). */
export function outlineSvg(f: Frame): string | null {
  if (!f.outline) return null;
  const plan = f.outline.map((p) => toPlan(f, p));
  const pts = plan.map(({ x, y }) => `${(x * 1000).toFixed(1)},${(y * 1000).toFixed(1)}`);
  // The name just inside the top of the outline.
  const labelY = Math.max(60, Math.min(...plan.map((p) => p.y)) * 1000 + 60);
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return (
    '<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="1000" viewBox="0 0 1000 1000">' +
    `<polygon points="${pts.join(' ')}" fill="#c8372d" fill-opacity="0.08" stroke="#c8372d" stroke-width="6" stroke-dasharray="18 10" stroke-linejoin="round"/>` +
    `<text x="500" y="${labelY.toFixed(0)}" font-size="56" text-anchor="middle" fill="#8a241d" stroke="#ffffff" stroke-width="8" paint-order="stroke" font-family="PingFang SC, Microsoft YaHei, sans-serif">${esc(f.label)}</text>` +
    '</svg>'
  );
}

/* ---------- the kept draft ---------- */

export interface DraftPhoto {
  key: string;
  preview: string;
}

/** What the resident has filled in, kept per user until he files it or clears it. */
export interface Draft {
  v: 1;
  group: string | null;
  categoryId: string | null;
  /** The compound he picked for a property matter; undefined: not picked (his home compound is assumed). */
  compound?: string | null;
  description: string;
  address: string;
  anonymous: boolean;
  photos: DraftPhoto[];
  /** The point he placed on the plan (or chose on the map); null: his device location, if any. */
  pin: Point | null;
  /** The idempotency key of the content last sent, so a retry after a reload files it once. */
  sent: SentKey | null;
  savedAt: string;
}

export const emptyDraft = (): Draft => ({
  v: 1,
  group: null,
  categoryId: null,
  description: '',
  address: '',
  anonymous: false,
  photos: [],
  pin: null,
  sent: null,
  savedAt: '',
});

/** Whether the draft holds anything worth keeping (a group tab alone is not). */
export const hasContent = (d: Draft): boolean =>
  !!d.categoryId || d.description.trim() !== '' || d.address.trim() !== '' || d.photos.length > 0 || d.pin !== null;

/** The storage key of a user's draft. */
export const draftKey = (userId: string): string => `linli.requestDraft.${userId}`;

const isPoint = (p: unknown): p is Point =>
  !!p && typeof p === 'object' && typeof (p as Point).lat === 'number' && typeof (p as Point).lng === 'number' && ((p as Point).datum === 'gcj02' || (p as Point).datum === 'wgs84');

/** A stored draft read back, or null when it is missing, empty or not a draft of this version. */
export function parseDraft(raw: unknown): Draft | null {
  if (!raw || typeof raw !== 'object' || (raw as Draft).v !== 1) return null;
  const r = raw as Partial<Draft>;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const d: Draft = {
    v: 1,
    group: typeof r.group === 'string' ? r.group : null,
    categoryId: typeof r.categoryId === 'string' ? r.categoryId : null,
    ...(r.compound === null || typeof r.compound === 'string' ? { compound: r.compound } : {}),
    description: str(r.description),
    address: str(r.address),
    anonymous: r.anonymous === true,
    photos: Array.isArray(r.photos) ? r.photos.filter((p): p is DraftPhoto => !!p && typeof p.key === 'string' && typeof p.preview === 'string') : [],
    pin: isPoint(r.pin) ? { lat: r.pin.lat, lng: r.pin.lng, datum: r.pin.datum } : null,
    sent: r.sent && typeof r.sent.content === 'string' && typeof r.sent.key === 'string' ? r.sent : null,
    savedAt: str(r.savedAt),
  };
  return hasContent(d) ? d : null;
}

/* ---------- one idempotency key per form content ---------- */

export { keyForContent } from '../../services/idempotency';
export type { SentKey };

/* ---------- emergencies ---------- */

/** The three numbers, the one for this kind of emergency first. */
export function emergencyNumbers(kind: EmergencyKind | null): { number: string; label: string }[] {
  const first = kind ? EMERGENCY_FIRST[kind] : null;
  return [...EMERGENCY_NUMBERS].sort((a, b) => Number(b.number === first) - Number(a.number === first));
}

/** What to do right now, in plain words, for each kind of emergency. */
export const EMERGENCY_ADVICE: Record<EmergencyKind, string> = {
  fire: '正在着火、冒烟或有人被困，请立即拨打 119。',
  gas: '闻到很浓的燃气味：不要开关电灯电器、不要点火，先开窗、离开屋子，到室外再拨打 119。',
  medical: '有人受伤、昏倒或突发疾病，请立即拨打 120。',
  police: '有人正在受到伤害、遇到违法犯罪，请立即拨打 110。',
};

/* ---------- the receipt ---------- */

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** A deadline in China time as a resident says it: 今天 18:00 前, 明天 10:30 前, 12月8日（周一）18:00 前. */
export function deadlineInWords(iso: string, now: Date): string {
  const china = (t: number) => new Date(t + 8 * 3600_000);
  const due = china(Date.parse(iso));
  const today = china(now.getTime());
  const dayNo = (d: Date) => Math.floor(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) / 86400_000);
  const days = dayNo(due) - dayNo(today);
  const time = `${String(due.getUTCHours()).padStart(2, '0')}:${String(due.getUTCMinutes()).padStart(2, '0')}`;
  const day = days === 0 ? '今天' : days === 1 ? '明天' : days === 2 ? '后天' : `${due.getUTCMonth() + 1}月${due.getUTCDate()}日（${WEEKDAYS[due.getUTCDay()]}）`;
  return `${day}${day.endsWith('）') ? '' : ' '}${time} 前`;
}

/** The accept deadline rule in words: "2 小时内" / "1 个工作日内". */
export const ruleInWords = (r: DeadlineRule): string => ('hours' in r ? `${r.hours} 小时内` : `${r.workdays} 个工作日内`);

/** Who takes the item first, in words: the grid worker by name where known, the property office, the community. */
export function handlerInWords(r: { level: Level; gridId: string | null; compound: string | null }, myGrid: { id: string; name: string; worker: string | null } | null): string {
  if (r.level === 'property') return `${r.compound ?? ''}物业`;
  if (r.level === 'grid') {
    if (myGrid && myGrid.id === r.gridId) return `${myGrid.name}网格员${myGrid.worker ? ` ${myGrid.worker}` : ''}`;
    return '问题所在网格的网格员';
  }
  if (r.level === 'community') return '社区工作人员';
  return `${LEVEL_LABELS[r.level]}工作人员`;
}
