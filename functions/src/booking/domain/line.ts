/** Giving a place up while people wait for it: to the first in line, or back to the slot. */
import { ConflictError } from '../../platform/domain/errors';
import type { BookingNoticeKind } from '@linli/shared';
import type { OutboxMessage } from '../../platform/domain/outbox';
import type { BookingRecord, Freed } from '../ports';
import { offerNotice, type BookingTemplates } from './reminders';
import type { CentreRecord } from './centre';
import type { BookingDeps } from './deps';
import { instantOf } from './schedule';

/** An offer shorter than this is not worth making: the place goes back to the slot. */
const MIN_HOLD_MS = 5 * 60_000;

/**
 * What becomes of a place given up now: held for the first still waiting (until the hold ends or
 * the slot starts, whichever is first), or back to the slot when nobody waits or time is too short.
 */
export async function freedFor(deps: BookingDeps, c: CentreRecord, place: Pick<BookingRecord, 'date' | 'start' | 'pool'>, now: Date): Promise<Freed> {
  const startsAt = instantOf(place.date, place.start).getTime();
  const until = Math.min(now.getTime() + c.policy.holdMinutes * 60_000, startsAt);
  if (until - now.getTime() < MIN_HOLD_MS) return { kind: 'release' };
  const head = (await deps.waitlist.of(c.id, place.date, place.start, place.pool)).find((e) => e.status === 'waiting');
  return head ? { kind: 'offer', entry: head, holdUntil: new Date(until).toISOString() } : { kind: 'release' };
}

/** Runs a change that passes a place on again when the line moved under it (someone joined, left or accepted). */
export async function onSettledLine<T>(change: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await change();
    } catch (e) {
      if (!(e instanceof ConflictError && e.code === 'waitlist_moved') || attempt >= 5) throw e;
    }
  }
}


/** The message a held place sends to the one it is held for. */
export const noticesOf = (freed: Freed, now: Date): OutboxMessage[] => (freed.kind === 'offer' ? [offerNotice(freed.entry, now)] : []);

/** The templates of the notices a resident agreed to at the tap. */
export const templatesOf = (kinds: readonly BookingNoticeKind[], templates: BookingTemplates): string[] => [...new Set(kinds.map((k) => templates[k]).filter(Boolean))];
