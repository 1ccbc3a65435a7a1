/** Bookings and centres as the API shows them. */
import { BOOKING_STATUS_LABELS, type BookingDto } from '@linli/shared';
import { maskPhone } from '../../platform/domain/privacy';
import type { BookingRecord } from '../ports';
import type { CentreRecord } from './centre';
import { instantOf, mayStillChange } from './schedule';

/** What the desk's scanner reads: the centre, the day and the code. */
export const qrTextOf = (b: Pick<BookingRecord, 'centreId' | 'date' | 'code'>): string => `linli:booking:${b.centreId}:${b.date}:${b.code}`;

export function toBookingDto(
  b: BookingRecord,
  centre: CentreRecord | null,
  person: { name: string; phone: string | null } | null,
  now: Date,
  opts: { staff: boolean },
): BookingDto {
  const offering = centre?.offerings.find((o) => o.id === b.offeringId);
  const live = b.status === 'booked';
  const policy = centre?.policy;
  return {
    id: b.id,
    code: b.code,
    qrText: qrTextOf(b),
    centreId: b.centreId,
    centreName: centre?.name ?? '',
    centreAddress: centre?.address ?? '',
    offeringId: b.offeringId,
    offeringName: offering?.name ?? '（已下架的项目）',
    offeringKind: offering?.kind ?? 'appointment',
    where: offering?.where ?? '',
    bring: offering?.bring ?? [],
    date: b.date,
    start: b.start,
    end: b.end,
    startsAt: instantOf(b.date, b.start).toISOString(),
    status: b.status,
    statusLabel: BOOKING_STATUS_LABELS[b.status],
    userId: b.userId,
    personName: person?.name ?? '已注销用户',
    personPhone: maskPhone(person?.phone ?? null),
    bookedByNote: b.bookedByNote,
    note: b.note,
    createdAt: b.createdAt,
    version: b.version,
    canCancel: live && (opts.staff || (policy ? mayStillChange(offering, b, policy.cancelCutoffMinutes, now) : false)),
    // Terms and activities are not moved: one cancels and enrols in another.
    canReschedule: live && (!offering || offering.kind === 'appointment' || offering.kind === 'daily') && (opts.staff || (policy ? mayStillChange(offering, b, policy.rescheduleCutoffMinutes, now) : false)),
    history: b.history,
  };
}
