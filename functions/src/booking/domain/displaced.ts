/**
 * A change of rules never drops a booking silently: the bookings from today on that no longer fit
 * the centre's settings (their slot is gone, closed by an exception, or over a lowered capacity)
 * are listed for staff, who move or cancel them — the resident is told either way.
 */
import type { BookingDto } from '@linli/shared';
import { type Actor } from '../../platform/domain/actor';
import { shanghaiDate } from '../../platform/domain/opening-hours';
import type { BookingRecord } from '../ports';
import { addDays, type CentreRecord } from './centre';
import { peopleOf, staffCentre } from './lookups';
import type { BookingDeps } from './deps';
import { toBookingDto } from './present';
import { slotsOn } from './schedule';

export interface Displaced {
  booking: BookingRecord;
  reason: string;
}

/** Which live bookings of a day no longer fit: outside the rules first, then the latest booked beyond capacity. */
export function misfits(c: CentreRecord, date: string, live: readonly BookingRecord[], calendar: BookingDeps['calendar']): Displaced[] {
  const out: Displaced[] = [];
  const byPlace = new Map<string, BookingRecord[]>();
  for (const b of live) {
    const offering = c.offerings.find((o) => o.id === b.offeringId);
    const slot = offering ? slotsOn(c, offering, date, calendar).find((s) => s.start === b.start && s.pool === b.pool) : undefined;
    if (!offering || !offering.active) out.push({ booking: b, reason: '该项目已停止预约' });
    else if (!slot) out.push({ booking: b, reason: '该时段已不开放' });
    else {
      const key = `${b.start}#${b.pool}`;
      byPlace.set(key, [...(byPlace.get(key) ?? []), b]);
    }
  }
  for (const [key, list] of byPlace) {
    const [start, pool] = key.split('#') as [string, string];
    const any = list[0]!;
    const capacity = slotsOn(c, c.offerings.find((o) => o.id === any.offeringId)!, date, calendar).find((s) => s.start === start && s.pool === pool)!.capacity;
    const sorted = [...list].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    for (const b of sorted.slice(capacity)) out.push({ booking: b, reason: `名额减少为 ${capacity} 个，超出名额` });
  }
  return out;
}

/** The bookings of the coming days (as far ahead as one may book) that no longer fit. */
export async function displacedBookings(deps: BookingDeps, actor: Actor, centreId: string, now: Date): Promise<(BookingDto & { reason: string })[]> {
  const c = await staffCentre(deps, actor, centreId);
  const today = shanghaiDate(now);
  const days = Array.from({ length: c.policy.aheadDays + 1 }, (_, i) => addDays(today, i));
  const perDay = await Promise.all(days.map(async (date) => misfits(c, date, (await deps.bookings.ofCentreDay(c.id, date)).filter((b) => b.status === 'booked'), deps.calendar)));
  const found = perDay.flat();
  const people = await peopleOf(deps, found.map((d) => d.booking.userId));
  return found.map((d) => ({ ...toBookingDto(d.booking, c, people.get(d.booking.userId) ?? null, now, { staff: true }), reason: d.reason }));
}
