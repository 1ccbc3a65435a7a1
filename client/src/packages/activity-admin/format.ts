/** Activities in words (China time), and the form's draft turned into the API's body. */
import { type ActivityDto, type ActivityReward, CreateActivityBody, type SignupDto } from '@linli/shared';
import type { z } from 'zod';
import { chinaToday, monthDay } from '../../utils/booking-time';

/** The China date (YYYY-MM-DD) of an instant. */
export const chinaDateOf = (iso: string): string => chinaToday(Date.parse(iso));

/** When and who, as volunteers read it too. */
export { activityTime, joinersText } from '../../utils/points';

/** 每人 20 积分 / 每小时 10 积分. */
export const rewardText = (r: ActivityReward): string => (r.per === 'person' ? `每人 ${r.points} 积分` : `每小时 ${r.points} 积分`);

/** 2 小时 / 1 小时 30 分钟 / 45 分钟. */
export function durationText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h === 0 ? `${m} 分钟` : m === 0 ? `${h} 小时` : `${h} 小时 ${m} 分钟`;
}

const lengthOf = (a: Pick<ActivityDto, 'start' | 'end'>): number => Math.round((Date.parse(a.end) - Date.parse(a.start)) / 60_000);

/** Minutes the server counts when none are typed: from check-in to check-out, else the activity's length. */
export function defaultMinutes(a: Pick<ActivityDto, 'start' | 'end'>, s: Pick<SignupDto, 'checkInAt' | 'checkOutAt'>): number {
  if (s.checkInAt && s.checkOutAt) return Math.max(1, Math.min(lengthOf(a) + 60, Math.round((Date.parse(s.checkOutAt) - Date.parse(s.checkInAt)) / 60_000)));
  return lengthOf(a);
}

/** Points for a stay (per person: the fixed amount; per hour: pro rata, rounded down) — as the server credits. */
export const pointsFor = (r: ActivityReward, minutes: number): number => (r.per === 'person' ? r.points : Math.floor((r.points * minutes) / 60));

/** The instant of a China date and clock time. */
export const chinaInstant = (date: string, time: string): string => new Date(`${date}T${time}:00+08:00`).toISOString();

/** HH:MM `minutes` later, kept within the day (23:59 at most). */
export function laterClock(time: string, minutes: number): string {
  const [h, m] = time.split(':').map(Number) as [number, number];
  const t = Math.min(23 * 60 + 59, h * 60 + m + minutes);
  return `${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
}

export interface Draft {
  communityId: string | null;
  title: string;
  description: string;
  place: string;
  date: string;
  start: string;
  end: string;
  places: string;
  per: ActivityReward['per'];
  points: string;
  joiners: z.infer<typeof CreateActivityBody>['joiners'];
  /** A volunteer team's activity (its captain runs it), or none. */
  teamId?: string | null;
  /** A 共建单位's standing post (岗位): only its members claim it (with joiners 'unit'). */
  unitId?: string | null;
  /** Held once (1) or weekly, the same day and time this many weeks in a row (1–12), as typed. */
  repeatWeeks?: string;
}

/** 每周一次，共 4 周（最后一次 12月29日） for a weekly activity; '' for one held once. */
export function weeksText(date: string, weeks: number): string {
  if (!(weeks > 1)) return '';
  const last = new Date(Date.parse(`${date}T00:00:00Z`) + (weeks - 1) * 7 * 86400_000).toISOString().slice(0, 10);
  return `每周一次，共 ${weeks} 周（最后一次 ${monthDay(last)}）`;
}

/** The form's field a problem belongs to (the API speaks of `reward.points`, the form of `points`). */
export const fieldOf = (path: string): string => (path.startsWith('reward') ? 'points' : path.split('.')[0]!);

const WHOLE = /^\d{1,6}$/;

/**
 * The draft checked as the server will check it (the shared schema), plus what a form knows
 * better: a number box left empty, a start already past. Either the body or the problems by field.
 */
export function checkDraft(d: Draft, now = Date.now()): { body: z.output<typeof CreateActivityBody>; errors: null } | { body: null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (!WHOLE.test(d.places.trim())) errors.places = '请填写名额（整数）';
  if (!WHOLE.test(d.points.trim())) errors.points = '请填写积分（整数，可以是 0）';
  else if (d.per === 'person' && Number(d.points) > 500) errors.points = '每人最多 500 积分';
  else if (d.per === 'hour' && Number(d.points) > 100) errors.points = '每小时最多 100 积分';
  if (!d.communityId) errors.communityId = '请选择社区';
  const weeks = (d.repeatWeeks ?? '1').trim();
  if (!/^\d{1,2}$/.test(weeks) || Number(weeks) < 1 || Number(weeks) > 12) errors.repeatWeeks = '请填写 1 到 12 之间的整数（1 表示只办一次）';
  const start = chinaInstant(d.date, d.start);
  const parsed = CreateActivityBody.safeParse({
    communityId: d.communityId ?? '',
    title: d.title,
    description: d.description,
    place: d.place,
    start,
    end: chinaInstant(d.date, d.end),
    places: Number(d.places),
    reward: { per: d.per, points: Number(d.points) },
    joiners: d.joiners,
    ...(d.teamId && d.joiners !== 'unit' ? { teamId: d.teamId } : {}),
    ...(d.unitId && d.joiners === 'unit' ? { unitId: d.unitId } : {}),
    repeatWeeks: errors.repeatWeeks ? 1 : Number(weeks),
  });
  if (!parsed.success) for (const issue of parsed.error.issues) errors[fieldOf(issue.path.map(String).join('.'))] ??= issue.message;
  if (!errors.start && Date.parse(start) <= now) errors.start = '开始时间应晚于现在';
  if (parsed.success && Object.keys(errors).length === 0) return { body: parsed.data, errors: null };
  return { body: null, errors };
}
