import type { Amenity, Interval, Level, OpeningHours, RequestStatus } from '@linli/shared';
import { AMENITY_LABELS, LEVEL_LABELS, REQUEST_STATUS_LABELS } from '@linli/shared/plain';

export const AMENITY_ICONS: Record<Amenity, string> = {
  water: '💧',
  phone_charging: '📱',
  ebike_charging: '🔌',
  battery_swap: '🔋',
  food_heating: '🍱',
  rest: '🪑',
  toilet: '🚻',
  rain_shelter: '☂️',
  repair_tools: '🔧',
  first_aid: '⛑️',
  heatstroke_medicine: '💊',
  wifi: '📶',
};

export const amenityText = (a: Amenity): string => `${AMENITY_ICONS[a]} ${AMENITY_LABELS[a]}`;

export function formatDistance(m?: number): string {
  if (m === undefined) return '';
  return m < 1000 ? `${m} 米` : `${(m / 1000).toFixed(1)} 公里`;
}

const intervals = (list: Interval[]): string =>
  list.length === 0 ? '休息' : list.map((i) => `${i.open}–${i.close <= i.open ? `次日${i.close}` : i.close}`).join('，');

export function formatHours(h: OpeningHours): string[] {
  if (h.kind === 'always') return ['24 小时开放'];
  const lines = [`工作日 ${intervals(h.workday)}`, `周末 ${intervals(h.restday)}`];
  if (h.holiday) lines.push(`节假日 ${intervals(h.holiday)}`);
  return lines;
}

/** "11月20日 14:20" in China time. */
export function formatTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** "今天 14:20" / "3 天前" style freshness. */
export function formatSince(iso: string, now = Date.now()): string {
  const minutes = Math.floor((now - Date.parse(iso)) / 60000);
  if (minutes < 1) return '刚刚';
  if (minutes < 60) return `${minutes} 分钟前`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} 小时前`;
  return `${Math.floor(hours / 24)} 天前`;
}


export const statusText = (s: RequestStatus): string => REQUEST_STATUS_LABELS[s];
export const levelText = (l: Level): string => LEVEL_LABELS[l];

/** "还剩 3 小时" / "已超时 2 小时" for a stage deadline. */
export function formatDue(iso: string | null, now = Date.now()): string {
  if (!iso) return '';
  const minutes = Math.round((Date.parse(iso) - now) / 60000);
  const abs = Math.abs(minutes);
  const text = abs < 60 ? `${abs} 分钟` : abs < 48 * 60 ? `${Math.round(abs / 60)} 小时` : `${Math.round(abs / 1440)} 天`;
  return minutes >= 0 ? `还剩 ${text}` : `已超时 ${text}`;
}
