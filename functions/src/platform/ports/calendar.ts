import type { CalendarYear } from '@linli/shared';

/** The loaded years of the official holiday calendar. */
export interface CalendarStore {
  list(): Promise<CalendarYear[]>;
  /** Stores a year's arrangement, replacing what was loaded for that year. */
  put(year: CalendarYear): Promise<void>;
}
