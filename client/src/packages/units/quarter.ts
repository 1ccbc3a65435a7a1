/** Quarters as the API writes them (2026Q4, China time) and as people read them (2026年第4季度). */
import type { Role } from '@linli/shared';
import { chinaToday } from '../../utils/booking-time';

/** Who registers units, sees their codes and reads the report (the server narrows them to their community, or the street). */
export const UNIT_STAFF: readonly Role[] = ['community_admin', 'street_admin'];

/** This quarter (China time), e.g. 2026Q4; `back` quarters earlier. */
export function quarterOf(back = 0, today = chinaToday()): string {
  const q = Number(today.slice(0, 4)) * 4 + Math.floor((Number(today.slice(5, 7)) - 1) / 3) - back;
  return `${Math.floor(q / 4)}Q${(q % 4) + 1}`;
}

/** 2026Q4 → 2026年第4季度. */
export const quarterText = (q: string): string => `${q.slice(0, 4)}年第${q.slice(5)}季度`;
