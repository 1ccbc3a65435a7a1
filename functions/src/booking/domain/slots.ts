/** Free places of an offering, day by day, as residents see them. */
import type { SlotsResponse } from '@linli/shared';
import type { z } from 'zod';
import type { SlotsQuery } from '@linli/shared';
import { ValidationError } from '../../platform/domain/errors';
import { shanghaiDate } from '../../platform/domain/opening-hours';
import type { SlotCount } from '../ports';
import { addDays, type CentreRecord } from './centre';
import { requireCentre } from './centres';
import type { BookingDeps } from './deps';
import { blocksOn, bookingBar, type Slot, slotsOn } from './schedule';

export const slotKeyOf = (s: Pick<Slot, 'date' | 'start' | 'pool'>): string => `${s.date}#${s.start}#${s.pool}`;

export function requireOffering(c: CentreRecord, offeringId: string) {
  const o = c.offerings.find((x) => x.id === offeringId && x.active);
  if (!o) throw new ValidationError('该中心没有这个办事项目', [{ field: 'offeringId', message: '请从中心发布的项目中选择' }]);
  return o;
}

export async function listSlots(deps: BookingDeps, centreId: string, q: z.output<typeof SlotsQuery>, now: Date): Promise<SlotsResponse> {
  const c = await requireCentre(deps, centreId);
  const offering = requireOffering(c, q.offeringId);
  const today = shanghaiDate(now);
  const from = q.from && q.from > today ? q.from : today;
  // Activities and terms are published events: listed whenever they are; appointments and daily orders within the horizon.
  const horizon = offering.kind === 'session' || offering.kind === 'term' ? addDays(from, q.days - 1) : addDays(today, c.policy.aheadDays);
  const to = [addDays(from, q.days - 1), horizon].sort()[0]!;
  const counts = new Map<string, number>();
  if (from <= to) for (const n of await deps.bookings.counts(c.id, from, to)) counts.set(slotKeyOf(n as SlotCount), n.taken);
  const days: SlotsResponse['days'] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const slots = slotsOn(c, offering, date, deps.calendar).map((s) => {
      const left = Math.max(0, s.capacity - (counts.get(slotKeyOf(s)) ?? 0));
      const bar = bookingBar(s, c.policy, now);
      const state = bar === 'slot_started' ? 'started' : bar ? 'closed' : left === 0 ? 'full' : 'open';
      return { start: s.start, end: s.end, capacity: s.capacity, left, state } as const;
    });
    days.push({ date, dayLabel: blocksOn(c, date, deps.calendar).label, slots });
  }
  return { centreId: c.id, offeringId: offering.id, days };
}
