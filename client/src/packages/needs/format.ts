/** Needs in words (China time) and who may do what with them. */
import { NEED_POINTS_PER_HOUR, type NeedDto, type NeedStatus, type User } from '@linli/shared';
import { chinaClock, chinaToday, formatDay } from '../../utils/booking-time';
import { servedText } from '../../utils/points';

/** 明天 12月8日 周二 09:00. */
export const needWhen = (iso: string, now = Date.now()): string => `${formatDay(chinaToday(Date.parse(iso)), now)} ${chinaClock(iso)}`;

/** 1 小时 30 分钟 (the time bank's and the service record's unit is the minute). */
export const minutesText = servedText;

/** The instant of a China date (YYYY-MM-DD) and clock time (HH:MM). */
export const chinaInstant = (date: string, time: string): string => new Date(`${date}T${time}:00+08:00`).toISOString();

/** Who takes needs: registered volunteers and part-time grid workers (as the server decides). */
export const takesNeeds = (user: User | null | undefined): boolean => !!user && user.roles.some((r) => r === 'volunteer' || r === 'parttime_grid_worker');

/** Points a volunteer earns for these minutes (as the server credits: per hour, rounded down). */
export const pointsFor = (minutes: number): number => Math.floor((NEED_POINTS_PER_HOUR * minutes) / 60);

export const STATUS_TAG: Record<NeedStatus, string> = { open: 'tag-warn', taken: 'tag-open', done: 'tag-warn', confirmed: 'tag-open', cancelled: 'tag-closed' };

/** Whether the minutes shown are the ones served (after the volunteer finished) or the ones expected. */
export const served = (n: Pick<NeedDto, 'status'>): boolean => n.status === 'done' || n.status === 'confirmed';

export const detailUrl = (id: string): string => `/packages/needs/detail?id=${encodeURIComponent(id)}`;
