/** Running a service centre (服务中心设置, 延时服务周报): its settings, bookings a change displaced, and the weekly figures. */
import type { BookingReportResponse, CentreResponse, DisplacedResponse, UpdateCentreBody } from '@linli/shared';
import type { z } from 'zod';
import { api, type Out } from './request';

const centreAt = (id: string) => `/centres/${encodeURIComponent(id)}`;

/**
 * Replaces the centre's settings at the version that was edited. 409 `stale` when someone else
 * saved in between (read it again); 400 with a problem per field (`offerings.2.room`,
 * `rules.workday.0.slotMinutes`); 403 for another community's centre.
 */
export const updateCentre = (id: string, body: z.input<typeof UpdateCentreBody>) => api<Out<typeof CentreResponse>>('PUT', centreAt(id), { body });

/** Bookings from today on that no longer fit the settings (slot gone, closed, over capacity), each with why. */
export const fetchDisplaced = (id: string) => api<Out<typeof DisplacedResponse>>('GET', `${centreAt(id)}/displaced`);

/** A community's week of after-hours figures from `from` (a date; last week's Monday when left out). */
export const fetchBookingReport = (communityId: string, from?: string) =>
  api<Out<typeof BookingReportResponse>>('GET', `/communities/${encodeURIComponent(communityId)}/booking-report`, { query: { from } });
