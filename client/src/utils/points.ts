/** Points, hours and times of the points job as residents read them (积分, 服务时长, 活动时间). */
import Taro from '@tarojs/taro';
import type { ActivityDto, ActivityReward, RewardDto } from '@linli/shared';
import { JOINER_LABELS } from '@linli/shared/plain';
import { chinaClock, chinaToday, formatDay, monthDay, relativeDay } from './booking-time';

/** 8 小时 30 分钟 / 8 小时 / 45 分钟 for a number of minutes. */
export function servedText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} 分钟`;
  return m === 0 ? `${h} 小时` : `${h} 小时 ${m} 分钟`;
}

/** +50 / −50 (a real minus sign, easy to tell from a hyphen). */
export const signedPoints = (n: number): string => (n > 0 ? `+${n}` : n < 0 ? `−${Math.abs(n)}` : '0');

/** 每人 20 分 / 每小时 10 分. */
export const rewardText = (r: ActivityReward): string => (r.per === 'person' ? `每人 ${r.points} 分` : `每小时 ${r.points} 分`);

/** Who may sign up, naming the team or unit when there is one: 所有居民, 银龄互助队队员, 峨眉山市税务局成员. */
export function joinersText(a: Pick<ActivityDto, 'joiners' | 'teamName' | 'unitName'>): string {
  if (a.joiners === 'unit' && a.unitName) return `${a.unitName}成员`;
  if (a.joiners === 'team' && a.teamName) return `${a.teamName}队员`;
  return JOINER_LABELS[a.joiners];
}

/** 明天 12月8日 周二 09:00–11:00 (the end's day too when it runs past midnight). */
export function activityTime(a: Pick<ActivityDto, 'start' | 'end'>, now = Date.now()): string {
  const day = chinaToday(Date.parse(a.start));
  const endDay = chinaToday(Date.parse(a.end));
  return `${formatDay(day, now)} ${chinaClock(a.start)}–${endDay === day ? '' : `${monthDay(endDay)} `}${chinaClock(a.end)}`;
}

/** 今天 17:00 / 明天 09:00 / 12月10日 17:00 for an instant (China time). */
export function dayAndClock(iso: string, now = Date.now()): string {
  const day = chinaToday(Date.parse(iso));
  return `${relativeDay(day, now) || monthDay(day)} ${chinaClock(iso)}`;
}

/** Whether a reward opens later than now (热门物品 that open at a set time). */
export const notReleased = (r: Pick<RewardDto, 'releaseAt'>, now = Date.now()): boolean => Boolean(r.releaseAt && Date.parse(r.releaseAt) > now);

/** Check-in opens 30 minutes before the start and closes 30 minutes after the end (as the server allows). */
export const CHECK_IN_MARGIN_MS = 30 * 60_000;
export const checkInOpen = (a: Pick<ActivityDto, 'start' | 'end'>, now = Date.now()): boolean =>
  now >= Date.parse(a.start) - CHECK_IN_MARGIN_MS && now <= Date.parse(a.end) + CHECK_IN_MARGIN_MS;

/**
 * Opens a page, or goes back to it when it is the page just below (兑换物品 ⇄ 我的兑换 would
 * otherwise pile up pages with every switch).
 */
export function openOrBack(url: string): void {
  const pages = Taro.getCurrentPages();
  const below = pages[pages.length - 2];
  const route = url.replace(/^\//, '').split('?')[0];
  if (below && below.route?.replace(/^\//, '') === route) void Taro.navigateBack();
  else void Taro.navigateTo({ url });
}
