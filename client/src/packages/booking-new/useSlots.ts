import { useCallback, useEffect, useState } from 'react';
import type { CentreDto, SlotsResponse } from '@linli/shared';
import { fetchSlots } from '../../services/booking';
import { errorMessage } from '../../services/request';

export type SlotDay = SlotsResponse['days'][number];
export type Slot = SlotDay['slots'][number];

/** The first day with a free place (else the first day). */
const firstOpen = (days: SlotDay[]): string | null => (days.find((d) => d.slots.some((s) => s.state === 'open')) ?? days[0])?.date ?? null;

/**
 * Free places of one offering from today to as far ahead as the centre books, and the day chosen.
 * `reload` reads them again (after 约满) and keeps the chosen day.
 */
export function useSlots(centre: CentreDto | null, offeringId: string | null) {
  const [days, setDays] = useState<SlotDay[] | null>(null);
  const [date, setDate] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const centreId = centre?.id;
  const ahead = centre?.policy.aheadDays ?? 14;

  const reload = useCallback(async () => {
    if (!centreId || !offeringId) return;
    setError(null);
    try {
      const res = await fetchSlots(centreId, offeringId, Math.min(ahead + 1, 60));
      setDays(res.days);
      setDate((d) => (d && res.days.some((x) => x.date === d) ? d : firstOpen(res.days)));
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [centreId, offeringId, ahead]);

  useEffect(() => {
    setDays(null);
    setDate(null);
    void reload();
  }, [reload]);

  const day = days?.find((d) => d.date === date) ?? null;
  return { days, day, date, setDate, error, reload };
}
