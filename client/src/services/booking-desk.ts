/** The service centre's desk (服务中心预约台): the day sheet, check-in, walk-ins, no-shows and pauses. */
import type { BookingResponse, CentreDayResponse, DisplacedResponse, WalkInResponse, WalkInBody } from '@linli/shared';
import type { z } from 'zod';
import { api, type Out } from './request';

const centreAt = (id: string) => `/centres/${encodeURIComponent(id)}`;

/** A centre's day: slots by time and pool with their bookings, walk-ins, unsent reminders and the counts. */
export const fetchCentreDay = (centreId: string, date: string) => api<Out<typeof CentreDayResponse>>('GET', `${centreAt(centreId)}/days/${date}`);

/** Bookings of the coming days that no longer fit the centre's settings (slot gone, closed, over capacity), each with why. */
export const fetchDisplaced = (centreId: string) => api<Out<typeof DisplacedResponse>>('GET', `${centreAt(centreId)}/displaced`);

/**
 * Checks a person in by the six digits he says or the QR text scanned (today's bookings only;
 * twice is harmless). 404: no such code today; 409 `booking_cancelled`, `not_today`,
 * `other_centre`, `already_no_show`.
 */
export const checkIn = (centreId: string, code: string) => api<Out<typeof BookingResponse>>('POST', `${centreAt(centreId)}/check-ins`, { body: { code } });

/** Someone who came without booking (现场办理), once per key. */
export const recordWalkIn = (centreId: string, body: z.input<typeof WalkInBody>, idempotencyKey: string) =>
  api<Out<typeof WalkInResponse>>('POST', `${centreAt(centreId)}/walk-ins`, { body, headers: { 'idempotency-key': idempotencyKey } });

/** Marks a booking a no-show once its slot started (409 `not_started` before); may pause the person's online booking. */
export const markNoShow = (bookingId: string, version: number) =>
  api<Out<typeof BookingResponse>>('POST', `/bookings/${encodeURIComponent(bookingId)}/no-show`, { body: { version } });

/** Lifts a person's online-booking pause (on appeal). */
export const liftBookingPause = (userId: string) =>
  api<{ lifted: true }>('POST', `/residents/${encodeURIComponent(userId)}/booking-pause/lifting`);
