/**
 * The centre's settings as they are edited: a plain copy of CentreSettings changed in place on a
 * fresh clone (numbers left empty are NaN until filled), checked with the very schema the server
 * uses, and every problem found by its path (`rules.workday.0.slotMinutes`) said in words.
 */
import { type CentreDto, type CentreSettings, OFFERING_KIND_LABELS, type OpeningBlock, UpdateCentreBody } from '@linli/shared';

export type Draft = CentreSettings;
/** Problems by field path, as the API names them. */
export type Errors = Record<string, string>;

/** A deep copy that keeps NaN (a JSON round trip would turn it into null). */
export function clone<T>(x: T): T {
  if (Array.isArray(x)) return x.map(clone) as T;
  if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, clone(v)])) as T;
  return x;
}

/** The editable part of a centre as read (its coordinates stay as they are, in GCJ-02). */
export function toDraft(c: CentreDto): Draft {
  return clone({
    name: c.name, address: c.address, location: { lat: c.location.lat, lng: c.location.lng, datum: 'gcj02' as const }, phone: c.phone, staffTotal: c.staffTotal,
    rooms: c.rooms, offerings: c.offerings, rules: c.rules, exceptions: c.exceptions, policy: c.policy,
  });
}

/** What is sent: each offering keeps only the details of its kind. */
export function cleaned(d: Draft): Draft {
  const out = clone(d);
  out.offerings = out.offerings.map((o) => ({
    ...o,
    bring: o.bring.map((b) => b.trim()).filter(Boolean),
    sessions: o.kind === 'session' ? o.sessions : [],
    term: o.kind === 'term' ? o.term : null,
    daily: o.kind === 'daily' ? o.daily : null,
  }));
  return out;
}

/** Zod's default wording names types ("期望 number >=5"): say it as staff would. */
export function friendly(message: string, path = ''): string {
  if (path === 'policy.walkInShare') return '请填写 0 到 80 之间的百分比';
  if (/^无效输入/.test(message)) return '请填写数字';
  const small = /过小：期望 \w+ >=?\s*(\S+)/.exec(message);
  if (small) return `不能小于 ${small[1]}`;
  const big = /过大：期望 \w+ <=?\s*(\S+)/.exec(message);
  if (big) return `不能大于 ${big[1]}`;
  return message;
}

/** The schema's problems with the settings (the server adds those it alone can see, like a room that does not exist). */
export function check(d: Draft, version: number): Errors {
  const res = UpdateCentreBody.safeParse({ ...cleaned(d), version });
  if (res.success) return {};
  const errors: Errors = {};
  for (const issue of res.error.issues) {
    const path = issue.path.join('.');
    errors[path] ??= friendly(issue.message, path);
  }
  return errors;
}

export const SECTIONS = [
  { key: 'basic', label: '基本信息' },
  { key: 'rules', label: '开放时间' },
  { key: 'exceptions', label: '特殊日期' },
  { key: 'rooms', label: '房间' },
  { key: 'offerings', label: '办事项目' },
  { key: 'policy', label: '预约规则' },
] as const;
export type Section = (typeof SECTIONS)[number]['key'];

/** Which section shows the field at `path`. */
export function sectionOf(path: string): Section {
  const head = path.split('.')[0]!;
  return (['rules', 'exceptions', 'rooms', 'offerings', 'policy'] as const).find((s) => s === head) ?? 'basic';
}

export const DAY_KINDS = [
  { key: 'workday', label: '工作日' },
  { key: 'restday', label: '周末' },
  { key: 'holiday', label: '法定节假日' },
] as const;

const FIELD_LABELS: Record<string, string> = {
  name: '名称', address: '地址', phone: '电话', staffTotal: '工作人员总数', location: '位置', start: '开始时间', end: '结束时间', slotMinutes: '每段分钟数',
  windows: '窗口数', date: '日期', kind: '类型', note: '说明', capacity: '名额', minutes: '大约用时', bring: '请带材料', where: '办理地点',
  room: '在哪里办', sessions: '场次', term: '学期', daily: '每日订餐', seats: '名额', from: '开始日期', to: '结束日期', weekdays: '星期', cutoff: '截止时间',
  id: '编号', blocks: '开放时间', active: '是否开放', aheadDays: '可提前预约天数', bookCutoffMinutes: '停止预约时间', cancelCutoffMinutes: '停止取消时间',
  rescheduleCutoffMinutes: '停止改约时间', walkInShare: '现场办理比例', holdMinutes: '候补保留时间', noShow: '未到场规则', count: '次数', days: '天数', pauseDays: '暂停天数',
};

const UNIT: Record<string, string> = { workday: '段', restday: '段', holiday: '段', blocks: '段', sessions: '场' };
/** The path from `from` on in words: 第 1 段 每段分钟数. */
const words = (p: string[], from: number): string =>
  p
    .slice(from)
    .map((x, i) => (/^\d+$/.test(x) ? `第 ${Number(x) + 1} ${UNIT[p[from + i - 1] ?? ''] ?? '项'}` : FIELD_LABELS[x] ?? ''))
    .filter(Boolean)
    .join(' ');

/** Where a problem is, in words: 工作日 第 1 段 每段分钟数; 办事项目「法律咨询」（办事预约） 在哪里办. */
export function describe(path: string, d: Draft): string {
  const p = path.split('.');
  const i = Number(p[1]);
  if (p[0] === 'rules') return `${DAY_KINDS.find((k) => k.key === p[1])?.label ?? '开放时间'} ${words(p, 2)}`.trim();
  if (p[0] === 'exceptions') return `特殊日期 ${d.exceptions[i]?.date ?? ''} ${words(p, 2)}`.trim();
  if (p[0] === 'rooms') return `房间「${d.rooms[i]?.name || `第 ${i + 1} 个`}」 ${words(p, 2)}`.trim();
  if (p[0] === 'offerings') {
    if (p.length === 1) return '办事项目';
    const o = d.offerings[i];
    return `办事项目「${o?.name || `第 ${i + 1} 个`}」${o ? `（${OFFERING_KIND_LABELS[o.kind]}）` : ''} ${words(p, 2)}`.trim();
  }
  if (p[0] === 'policy') return `预约规则 ${words(p, 1)}`.trim();
  return words(p, 0) || '设置';
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const clock = (m: number) => `${String(Math.floor(Math.min(m, 1440) / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** A block in words: 17:30–20:00，每 30 分钟一个时段，共 5 个，每个时段 2 个窗口. */
export function blockWords(b: OpeningBlock): string {
  const span = minutesOf(b.end) - minutesOf(b.start);
  const n = b.slotMinutes > 0 && span > 0 && span % b.slotMinutes === 0 ? span / b.slotMinutes : null;
  return `${b.start}–${b.end}，每 ${Number.isFinite(b.slotMinutes) ? b.slotMinutes : '?'} 分钟一个时段${n ? `，共 ${n} 个` : ''}，${Number.isFinite(b.windows) ? b.windows : '?'} 个综合窗口`;
}

/** The next block after the last one: an hour in half-hour slots with one window. */
export function nextBlock(blocks: readonly OpeningBlock[]): OpeningBlock {
  const from = blocks.length ? Math.min(minutesOf(blocks[blocks.length - 1]!.end), 23 * 60) : 17 * 60 + 30;
  return { start: clock(from), end: clock(Math.min(from + 60, 24 * 60)), slotMinutes: 30, windows: 1 };
}

/** A fresh id (编号) for a new room or offering, not yet used. */
export function freshId(prefix: string, taken: readonly { id: string }[]): string {
  for (let i = taken.length + 1; ; i++) if (!taken.some((t) => t.id === `${prefix}-${i}`)) return `${prefix}-${i}`;
}
