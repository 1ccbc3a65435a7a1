/** After-hours booking (延时服务): service centres, their free slots, and my bookings. */
import type {
  BookingResponse,
  CancelBody,
  CentreListResponse,
  CentreResponse,
  CreateBookingBody,
  MyBookingsResponse,
  RescheduleBody,
  SlotsResponse,
  WaitEntryListResponse,
  WaitEntryResponse,
  WaitlistBody,
} from '@linli/shared';
import type { z } from 'zod';
import { api, type Out } from './request';

/** Request bodies as the client writes them (defaults may be left out). */
type In<S extends z.ZodType> = z.input<S>;

const centreAt = (id: string) => `/centres/${encodeURIComponent(id)}`;
const bookingAt = (id: string) => `/bookings/${encodeURIComponent(id)}`;

/** Where the resident is, when he let us locate him (the browser only knows WGS-84). */
export interface Point {
  lat: number;
  lng: number;
  datum: 'gcj02' | 'wgs84';
}

/**
 * The centres a resident may use: his own community's first (`mine`), then the others of his street
 * by distance from `at`. Without a registered community and without `at`: 400 on field `lat`.
 */
export const fetchCentres = (at?: Point) => api<Out<typeof CentreListResponse>>('GET', '/centres', { query: at ? { lat: at.lat, lng: at.lng, datum: at.datum } : undefined });

export const fetchCentre = (id: string) => api<Out<typeof CentreResponse>>('GET', centreAt(id));

/** Free places of one offering, day by day from `from` (today when left out). */
export const fetchSlots = (centreId: string, offeringId: string, days: number, from?: string) =>
  api<Out<typeof SlotsResponse>>('GET', `${centreAt(centreId)}/slots`, { query: { offeringId, from, days } });

/**
 * Books a place. `idempotencyKey` is made once per confirmed choice (slot and note), so a double
 * tap or a retry books once (201, then 200 with the same booking). 409 `slot_full`,
 * `slot_started`, `past_cutoff`, `outside_rules`, `daily_limit`, `booking_paused`; 400 on field
 * `name` without a real name.
 */
export const createBooking = (body: In<typeof CreateBookingBody>, idempotencyKey: string) =>
  api<Out<typeof BookingResponse>>('POST', '/bookings', { body, headers: { 'idempotency-key': idempotencyKey } });

/** My bookings (and those I made for others): upcoming first, or the past ones; with a booking pause if any. */
export const fetchMyBookings = (past = false) => api<Out<typeof MyBookingsResponse>>('GET', '/bookings/mine', { query: { past: past ? 'true' : undefined } });

export const fetchBooking = (id: string) => api<Out<typeof BookingResponse>>('GET', bookingAt(id));

/** Cancels (frees the place; cannot be undone). */
export const cancelBooking = (id: string, body: In<typeof CancelBody>) => api<Out<typeof BookingResponse>>('POST', `${bookingAt(id)}/cancellation`, { body });

/** Moves the booking to another slot of the same offering: the old place is freed only if the new one is taken. */
export const rescheduleBooking = (id: string, body: In<typeof RescheduleBody>, idempotencyKey: string) =>
  api<Out<typeof BookingResponse>>('POST', `${bookingAt(id)}/reschedule`, { body, headers: { 'idempotency-key': idempotencyKey } });

/** Which slot of which line: the centre in the path, the offering, day and start in the body. */
type Line = In<typeof WaitlistBody>;

/**
 * Joins the line of a full slot (候补), once per key. 409 `slot_open` (a place is free: book it),
 * `already_waiting`, `daily_limit`, `booking_paused`; 400 on field `name` without a real name.
 */
export const joinWaitlist = (centreId: string, body: Line, idempotencyKey: string) =>
  api<Out<typeof WaitEntryResponse>>('POST', `${centreAt(centreId)}/waitlist`, { body, headers: { 'idempotency-key': idempotencyKey } });

/** Takes the place held for me: it becomes my booking (201), once per key; 409 `offer_gone` when the hold lapsed or passed on. */
export const acceptWaitOffer = (centreId: string, body: Line, idempotencyKey: string) =>
  api<Out<typeof BookingResponse>>('POST', `${centreAt(centreId)}/waitlist/acceptance`, { body, headers: { 'idempotency-key': idempotencyKey } });

/** Leaves the line; a place held for me goes on to the next in line. */
export const leaveWaitlist = (centreId: string, body: Line) =>
  api<{ left: true }>('POST', `${centreAt(centreId)}/waitlist/withdrawal`, { body });

/** My places in lines from today on: waiting (with my position) or offered (held until `holdUntil`). */
export const fetchMyWaits = () => api<Out<typeof WaitEntryListResponse>>('GET', '/waitlist/mine');
