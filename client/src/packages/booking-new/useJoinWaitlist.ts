import Taro from '@tarojs/taro';
import { useRef, useState } from 'react';
import type { CentreDto, Offering, WaitEntryDto } from '@linli/shared';
import { joinWaitlist } from '../../services/booking';
import { askBookingNotices, type NoticeTemplates } from '../../services/booking-notices';
import { newIdempotencyKey } from '../../services/idempotency';
import { isApiError } from '../../services/request';
import type { Slot } from './useSlots';

/** How a join ended: in line, or why not (a place is free after all, a real name is needed, or the server's words). */
export type JoinOutcome = { entry: WaitEntryDto } | { open: true } | { needName: true } | { error: string } | null;

/** What joining means, said before it is done: the place is held only for a while and must be confirmed in time. */
const FULL: Record<Offering['kind'], string> = { appointment: '这个时段已约满', session: '这一场已报满', term: '这个学期已报满', daily: '这一天已订满' };
export const waitExplanation = (holdMinutes: number, kind: Offering['kind'] = 'appointment') =>
  `${FULL[kind]}。排队候补后，有人取消时，名额会按排队顺序为您保留 ${holdMinutes} 分钟，您需要在保留时间内确认预约，过时未确认就让给下一位。`;

/**
 * 排队候补 on a full slot: a confirmation that explains the hold, then (in the mini-program) the
 * offer and reminder notices asked for at that tap, then the join — one idempotency key per slot,
 * so a retry after a failure joins once.
 */
export function useJoinWaitlist(centre: CentreDto | null, offering: Offering | null, templates: NoticeTemplates | null) {
  const keys = useRef(new Map<string, string>());
  const [busy, setBusy] = useState(false);

  const join = async (date: string, slot: Slot): Promise<JoinOutcome> => {
    if (!centre || !offering) return null;
    const { confirm } = await Taro.showModal({
      title: '排队候补',
      content: waitExplanation(centre.policy.holdMinutes, offering.kind),
      confirmText: '排队候补',
      cancelText: '不用了',
    });
    if (!confirm) return null;
    const notify = await askBookingNotices(templates, ['offer', 'day_before', 'hour_before']);
    const id = `${offering.id}|${date}|${slot.start}`;
    const key = keys.current.get(id) ?? newIdempotencyKey();
    keys.current.set(id, key);
    setBusy(true);
    try {
      const { entry } = await joinWaitlist(centre.id, { offeringId: offering.id, date, start: slot.start, notify }, key);
      return { entry };
    } catch (e) {
      // A refusal ends this intention; after a lost connection the same key tries again.
      if (isApiError(e) && e.status >= 400 && e.status < 500) keys.current.delete(id);
      if (isApiError(e) && e.code === 'slot_open') return { open: true };
      if (isApiError(e) && e.fields.some((f) => f.field === 'name')) return { needName: true };
      return { error: isApiError(e) ? e.message : '出错了，请稍后再试' };
    } finally {
      setBusy(false);
    }
  };
  return { join, busy };
}
