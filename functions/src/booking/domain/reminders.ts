/**
 * Reminders and offers by subscribe message (订阅消息): the afternoon before (16:00) and an hour
 * before a booked slot, and "a place is held for you" to the first in line — to the person and to
 * whoever booked for him. Each leaves the outbox when due, is checked against the booking as it
 * then stands (cancelled or moved: nothing to send), and uses up one of the recipient's consents.
 * What could not be sent (no consent, the user refused: 43101) is listed for the centre's staff so
 * that someone phones instead.
 */
import type { BookingNoticeKind } from '@linli/shared';
import { clip } from '../../platform/domain/notices';
import type { OutboxMessage, TopicHandler } from '../../platform/domain/outbox';
import type { ConsentStore } from '../../platform/ports/consents';
import type { Messenger } from '../../platform/ports/messenger';
import type { BookingRecord, BookingRepository, CentreRepository, WaitEntry, WaitlistRepository } from '../ports';
import { addDays } from './centre';
import { instantOf } from './schedule';

export const REMIND_TOPIC = 'booking.remind';

/** Template ids of each notice ('' when not configured). */
export type BookingTemplates = Record<BookingNoticeKind, string>;

interface RemindPayload {
  kind: BookingNoticeKind;
  userId: string;
  centreId: string;
  date: string;
  start: string;
  bookingId: string | null;
  pool: string | null;
  /** A copy to whoever booked for the person (代办). */
  forBooker?: boolean;
}

const message = (p: RemindPayload, dueAt?: string): OutboxMessage => ({
  topic: REMIND_TOPIC,
  subject: p.bookingId ? `booking#${p.bookingId}` : `wait#${p.centreId}#${p.date}#${p.start}#${p.userId}`,
  payload: { ...p },
  ...(dueAt ? { dueAt } : {}),
});

const recipients = (b: BookingRecord): string[] => [...new Set([b.userId, b.bookedBy])];

/** The reminders of a booking: the afternoon before at 16:00 and an hour before, those still ahead of `now`. */
export function remindersFor(b: BookingRecord, now: Date): OutboxMessage[] {
  const due: [BookingNoticeKind, Date][] = [
    ['day_before', instantOf(addDays(b.date, -1), '16:00')],
    ['hour_before', new Date(instantOf(b.date, b.start).getTime() - 3600_000)],
  ];
  return due
    .filter(([, at]) => at.getTime() > now.getTime())
    .flatMap(([kind, at]) =>
      recipients(b).map((userId) =>
        message({ kind, userId, centreId: b.centreId, date: b.date, start: b.start, bookingId: b.id, pool: null, forBooker: userId !== b.userId }, at.toISOString()),
      ),
    );
}

/** The person (and a copy to whoever booked for him) is told the centre moved or cancelled his booking. */
export const changedNotices = (b: BookingRecord, now: Date): OutboxMessage[] =>
  recipients(b).map((userId) =>
    message({ kind: 'changed', userId, centreId: b.centreId, date: b.date, start: b.start, bookingId: b.id, pool: null, forBooker: userId !== b.userId }, now.toISOString()),
  );

/** The message telling the first in line that a place is held for him. */
export const offerNotice = (e: WaitEntry, now: Date): OutboxMessage =>
  message({ kind: 'offer', userId: e.userId, centreId: e.centreId, date: e.date, start: e.start, bookingId: null, pool: e.pool }, now.toISOString());

export interface ReminderDeps {
  bookings: BookingRepository;
  waitlist: WaitlistRepository;
  centres: CentreRepository;
  consents: ConsentStore;
  messenger: Messenger;
  templates: BookingTemplates;
}

const FIELDS: Record<BookingNoticeKind, string> = { day_before: '明天有预约', hour_before: '1小时后开始', offer: '候补有空位', changed: '服务中心调整了预约' };

export function reminderHandler(deps: ReminderDeps): TopicHandler {
  return async (entry, now) => {
    const p = entry.payload as unknown as RemindPayload;
    let offering = '';
    let page = 'pages/booking/index';
    if (p.bookingId) {
      const b = await deps.bookings.get(p.bookingId);
      // Cancelled, checked in or moved since: nothing to remind of (a change is told whatever it was).
      if (!b || (p.kind !== 'changed' && (b.status !== 'booked' || b.date !== p.date || b.start !== p.start))) return 'done';
      offering = (await deps.centres.get(b.centreId))?.offerings.find((o) => o.id === b.offeringId)?.name ?? '';
      page = `packages/booking-detail/index?id=${b.id}`;
    } else {
      const e = await deps.waitlist.get({ centreId: p.centreId, date: p.date, start: p.start, pool: p.pool ?? '', userId: p.userId });
      if (!e || e.status !== 'offered') return 'done';
      offering = (await deps.centres.get(e.centreId))?.offerings.find((o) => o.id === e.offeringId)?.name ?? '';
    }
    const templateId = deps.templates[p.kind];
    // Staff phone the person himself when his reminder cannot go; a booker who made it for him is only a copy.
    const unsent = async (reason: 'no_consent' | 'refused' | 'not_configured') => {
      if (!p.forBooker) await deps.bookings.recordUnsent({ centreId: p.centreId, date: p.date, start: p.start, userId: p.userId, bookingId: p.bookingId, kind: p.kind, reason, at: now.toISOString() });
    };
    if (!templateId) {
      await unsent('not_configured');
      return 'done';
    }
    if (!(await deps.consents.consume(p.userId, templateId))) {
      await unsent('no_consent');
      return 'done';
    }
    const outcome = await deps.messenger.send({
      userId: p.userId,
      templateId,
      page,
      data: { thing1: clip(offering || '办事预约', 20), time2: `${p.date} ${p.start}`, thing3: clip(FIELDS[p.kind], 20) },
    });
    if (outcome === 'failed') {
      await deps.consents.restore(p.userId, templateId);
      return 'retry';
    }
    if (outcome === 'rejected') await unsent('refused');
    return 'done';
  };
}
