/** The official calendar as the product ships it (infra/calendar/*.json), for domain tests. */
import { buildCalendar } from '@linli/shared';
import { shippedCalendars } from '../../infra/calendar/files';

export const CN_CALENDAR = buildCalendar(shippedCalendars().map((f) => ({ year: f.year, ...f.body })));
