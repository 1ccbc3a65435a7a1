/** Booking notices by subscribe message (订阅消息), asked for at the tap that books or joins a line. */
import Taro from '@tarojs/taro';
import type { BookingNoticeKind } from '@linli/shared';

/** Template id of each notice ('' when the server has it off), from GET /centres or /centres/{id}. */
export type NoticeTemplates = Record<BookingNoticeKind, string>;

/**
 * In the mini-program, asks (from the user's tap) for the notices in `kinds` that are switched on,
 * and returns those he accepted, to send as `notify`. H5 has no subscribe messages: nothing is
 * asked and nothing promised (as on 反映问题); a refusal or failure sends none either.
 */
export async function askBookingNotices(templates: NoticeTemplates | null, kinds: readonly BookingNoticeKind[]): Promise<BookingNoticeKind[]> {
  if (process.env.TARO_ENV !== 'weapp' || !templates) return [];
  // WeChat asks for at most three templates at one tap.
  const wanted = kinds.filter((k) => templates[k]).slice(0, 3);
  if (wanted.length === 0) return [];
  try {
    const res = (await Taro.requestSubscribeMessage({ tmplIds: wanted.map((k) => templates[k]), entityIds: [] })) as unknown as Record<string, string>;
    return wanted.filter((k) => res[templates[k]] === 'accept');
  } catch {
    return [];
  }
}
