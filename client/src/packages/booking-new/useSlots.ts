import { useCallback, useEffect, useState } from 'react';
import type { CentreDto, Offering, SlotsResponse } from '@linli/shared';
import { fetchSlots } from '../../services/booking';
import { errorMessage } from '../../services/request';
import { chinaToday } from '../../utils/booking-time';
import { useLatest } from '../../hooks/useLatest';

export type SlotDay = SlotsResponse['days'][number];
export type Slot = SlotDay['slots'][number];

/** The first day with a free place (else the first day). */
const firstOpen = (days: SlotDay[]): string | null => (days.find((d) => d.slots.some((s) => s.state === 'open')) ?? days[0])?.date ?? null;

/**
 * What to ask the slots route for: an activity each of its coming session dates, a term its first day
 * (nothing once it began), appointments and daily orders from today to as far ahead as the centre books.
 */
function asks(o: Offering, aheadDays: number, today: string): { from?: string; days: number }[] {
  if (o.kind === 'session') return [...new Set(o.sessions.map((s) => s.date).filter((d) => d >= today))].sort().map((from) => ({ from, days: 1 }));
  if (o.kind === 'term') return o.term && o.term.from >= today ? [{ from: o.term.from, days: 1 }] : [];
  return [{ days: Math.min(aheadDays + 1, 60) }];
}

/**
 * Free places of one offering, and the day chosen. `reload` reads them again (after 约满) and keeps
 * the chosen day.
 */
export function useSlots(centre: CentreDto | null, offering: Offering | null) {
  const [days, setDays] = useState<SlotDay[] | null>(null);
  const [date, setDate] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const centreId = centre?.id;
  const ahead = centre?.policy.aheadDays ?? 14;

  const begin = useLatest();
  const reload = useCallback(async () => {
    if (!centreId || !offering) return;
    const latest = begin();
    setError(null);
    try {
      const wanted = asks(offering, ahead, chinaToday());
      const answers = await Promise.all(wanted.map((a) => fetchSlots(centreId, offering.id, a.days, a.from)));
      // A date asked alone is that date only (the server starts from today when a day is past).
      const found = answers.flatMap((r, i) => (wanted[i]!.days === 1 ? r.days.filter((d) => d.date === wanted[i]!.from) : r.days));
      // Another service or centre chosen meanwhile: these are not its slots.
      if (!latest()) return;
      setDays(found);
      setDate((d) => (d && found.some((x) => x.date === d) ? d : firstOpen(found)));
    } catch (e) {
      if (latest()) setError(errorMessage(e));
    }
  }, [centreId, offering, ahead, begin]);

  useEffect(() => {
    setDays(null);
    setDate(null);
    void reload();
  }, [reload]);

  const day = days?.find((d) => d.date === date) ?? null;
  return { days, day, date, setDate, error, reload };
}
