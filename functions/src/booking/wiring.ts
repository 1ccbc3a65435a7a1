/** The booking job's part: centres, bookings, the waitlist, errands; booking reminders it delivers. */
import { lazy, type Part } from '../platform/wiring';
import { DynamoBookingRepository } from './adapters/dynamodb-booking-repository';
import { DynamoCentreRepository } from './adapters/dynamodb-centre-repository';
import { DynamoErrandRepository } from './adapters/dynamodb-errand-repository';
import { DynamoWaitlistRepository } from './adapters/dynamodb-waitlist-repository';
import { REMIND_TOPIC, reminderHandler, type BookingTemplates } from './domain/reminders';

export const bookingPart: Part = (d, ctx) => {
  const { doc, table, config, longTerm } = ctx;
  const bookingTemplates: BookingTemplates = {
    day_before: config.WECHAT_TEMPLATE_BOOKING_DAY_BEFORE,
    hour_before: config.WECHAT_TEMPLATE_BOOKING_HOUR_BEFORE,
    offer: config.WECHAT_TEMPLATE_WAITLIST_OFFER,
    changed: config.WECHAT_TEMPLATE_BOOKING_CHANGED,
  };
  d.bookingTemplates = bookingTemplates;
  lazy(d, 'centres', () => new DynamoCentreRepository(doc, table));
  lazy(d, 'bookings', () => new DynamoBookingRepository(doc, table, longTerm));
  lazy(d, 'waitlist', () => new DynamoWaitlistRepository(doc, table, longTerm));
  lazy(d, 'errands', () => new DynamoErrandRepository(doc, table));
  ctx.noticeTopics.add(REMIND_TOPIC);
  ctx.topics[REMIND_TOPIC] = (all) =>
    reminderHandler({ bookings: all.bookings, waitlist: all.waitlist, centres: all.centres, consents: all.consents, messenger: all.messenger, templates: bookingTemplates });
};
