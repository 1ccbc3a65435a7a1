/** A service centre's settings: coherence checks, the one-third rota rule, and what residents are told. */
import type { CentreSettings, DateException, HolidayCalendar, OpeningBlock } from '@linli/shared';
import type { FieldProblem } from '../../platform/domain/errors';
import { ValidationError } from '../../platform/domain/errors';
import { shanghaiTime } from '../../platform/domain/opening-hours';
import { blocksOn, minutesOf } from './schedule';

/** A stored centre: its settings (coordinates in WGS-84), where it is, and its version. */
export interface CentreRecord extends CentreSettings {
  id: string;
  communityId: string;
  streetId: string;
  location: { lat: number; lng: number; datum: 'wgs84' };
  version: number;
  createdAt: string;
  updatedAt: string;
}

function overlapping(blocks: readonly OpeningBlock[]): boolean {
  const sorted = [...blocks].sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
  return sorted.some((b, i) => i > 0 && minutesOf(b.start) < minutesOf(sorted[i - 1]!.end));
}

/** What the schema cannot see: ids unique, rooms that exist, days without overlapping blocks, one exception per date. */
export function settingsProblems(s: CentreSettings): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const rooms = new Set<string>();
  s.rooms.forEach((r, i) => {
    if (rooms.has(r.id)) problems.push({ field: `rooms.${i}.id`, message: '房间编号重复' });
    rooms.add(r.id);
  });
  const offerings = new Set<string>();
  s.offerings.forEach((o, i) => {
    if (offerings.has(o.id)) problems.push({ field: `offerings.${i}.id`, message: '项目编号重复' });
    offerings.add(o.id);
    if (o.room !== null && !rooms.has(o.room)) problems.push({ field: `offerings.${i}.room`, message: '没有这个房间' });
    if (o.kind === 'session' && o.sessions.length === 0) problems.push({ field: `offerings.${i}.sessions`, message: '请填写活动的日期、时间和名额' });
    if (o.kind === 'term' && !o.term) problems.push({ field: `offerings.${i}.term`, message: '请填写学期的起止日期、上课时间和名额' });
    if (o.kind === 'term' && o.term && o.term.to < o.term.from) problems.push({ field: `offerings.${i}.term.to`, message: '结束日期应不早于开始日期' });
    if (o.kind === 'daily' && !o.daily) problems.push({ field: `offerings.${i}.daily`, message: '请填写供应时间、每日份数和预订截止时间' });
    for (const [j, t] of [...o.sessions.map((x) => x), ...(o.term ? [o.term] : []), ...(o.daily ? [o.daily] : [])].entries()) {
      if (minutesOf(t.end) <= minutesOf(t.start)) problems.push({ field: `offerings.${i}.${o.kind === 'session' ? `sessions.${j}` : o.kind}.end`, message: '结束时间应晚于开始时间' });
    }
  });
  for (const kind of ['workday', 'restday', 'holiday'] as const) {
    const blocks = s.rules[kind];
    if (blocks && overlapping(blocks)) problems.push({ field: `rules.${kind}`, message: '时间段有重叠' });
  }
  const dates = new Set<string>();
  s.exceptions.forEach((e, i) => {
    if (dates.has(e.date)) problems.push({ field: `exceptions.${i}.date`, message: '同一天只能有一条例外' });
    dates.add(e.date);
    if (e.kind === 'hours' && e.blocks.length === 0) problems.push({ field: `exceptions.${i}.blocks`, message: '请填写当天的开放时间' });
    if (overlapping(e.blocks)) problems.push({ field: `exceptions.${i}.blocks`, message: '时间段有重叠' });
  });
  return problems;
}

export function assertSettings(s: CentreSettings): void {
  const problems = settingsProblems(s);
  if (problems.length) throw new ValidationError('服务中心设置有误', problems);
}

/** At weekends and on holidays at least a third of the staff are on rota (周末节假日不少于三分之一人员轮值). */
export const rotaMinimum = (staffTotal: number): number => Math.ceil(staffTotal / 3);

/** On-duty staff in a block: one per staffed window, one per room in use. */
const onDuty = (b: OpeningBlock, rooms: number): number => b.windows + rooms;

/**
 * Roster warnings for admins: weekend, holiday and exception shifts staffed below a third of the
 * staff. Exceptions are checked from `today` on.
 */
export function rosterWarnings(s: Pick<CentreSettings, 'staffTotal' | 'rooms' | 'rules' | 'exceptions'>, today: string): string[] {
  const min = rotaMinimum(s.staffTotal);
  const warnings: string[] = [];
  const check = (blocks: readonly OpeningBlock[], what: string) => {
    for (const b of blocks) {
      const n = onDuty(b, s.rooms.length);
      if (n < min) warnings.push(`${what} ${b.start}–${b.end} 在岗 ${n} 人，少于全部 ${s.staffTotal} 人的三分之一（${min} 人）`);
    }
  };
  check(s.rules.restday, '周末');
  check(s.rules.holiday ?? s.rules.restday, '法定节假日');
  for (const e of s.exceptions) {
    if (e.date >= today && e.kind === 'hours' && isWeekendDate(e.date)) check(e.blocks, `${e.date}（${e.note || '调整'}）`);
  }
  return warnings;
}

const isWeekendDate = (date: string): boolean => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

/** Adds days to a local date. */
export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * What residents are told about when to come: 今天开放至 20:00, 今天 17:30–20:00 开放, 明天（周末）09:00 开放, or nothing
 * when the centre opens neither tonight nor within the coming weekend.
 */
export function openNote(c: Pick<CentreSettings, 'rules' | 'exceptions'>, now: Date, calendar: HolidayCalendar): string | null {
  const local = shanghaiTime(now);
  const today = blocksOn(c, local.date, calendar).blocks;
  const later = today.filter((b) => minutesOf(b.end) > local.minutes);
  if (later.length) {
    const last = later[later.length - 1]!;
    return minutesOf(later[0]!.start) <= local.minutes ? `今天开放至 ${last.end}` : `今天 ${later[0]!.start}–${last.end} 开放`;
  }
  // The next weekend or holiday day within a week.
  for (let i = 1; i <= 7; i++) {
    const date = addDays(local.date, i);
    const day = blocksOn(c, date, calendar);
    if (day.blocks.length && day.kind !== 'workday') return `${i === 1 ? '明天' : `${date.slice(5).replace('-', '月')}日`}（${day.label}）${day.blocks[0]!.start} 开放`;
  }
  return null;
}

export type { DateException };
