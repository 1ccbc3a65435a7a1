import type { HolidayCalendar } from '@linli/shared';
import type { PlaceRepository } from '../../identity/places-port';
import type { FamilyRepository, UserRepository } from '../../identity/ports';
import type { OutboxDispatcher } from '../../platform/domain/outbox';
import type { BookingRepository, CentreRepository, ErrandRepository, WaitlistRepository } from '../ports';
import type { BookingTemplates } from './reminders';

/** What the booking use cases need (built by the composition root). */
export interface BookingDeps {
  centres: CentreRepository;
  bookings: BookingRepository;
  waitlist: WaitlistRepository;
  errands: ErrandRepository;
  places: PlaceRepository;
  users: UserRepository;
  family: FamilyRepository;
  calendar: HolidayCalendar;
  newId: () => string;
  hash: (text: string) => string;
  randomBytes: (n: number) => Uint8Array;
  outbox: OutboxDispatcher;
  bookingTemplates: BookingTemplates;
}
