import {
  type Amenity,
  CheckInResponse,
  type CreateReportBody,
  NearbyResponse,
  ReportListResponse,
  ReportResponse,
  StationListResponse,
  StationResponse,
} from '@linli/shared';
import { api } from './request';

export interface NearbyParams {
  lat: number;
  lng: number;
  datum: 'gcj02' | 'wgs84';
  radius?: number;
  amenities?: Amenity[];
  openNow?: boolean;
  limit?: number;
}

export const fetchNearby = (p: NearbyParams) =>
  api('GET', '/stations/nearby', NearbyResponse, {
    query: {
      lat: p.lat,
      lng: p.lng,
      datum: p.datum,
      radius: p.radius,
      amenities: p.amenities?.length ? p.amenities.join(',') : undefined,
      openNow: p.openNow ? 'true' : undefined,
      limit: p.limit,
    },
  });

export const fetchInBbox = (bbox: [number, number, number, number]) =>
  api('GET', '/stations', StationListResponse, { query: { bbox: bbox.map((x) => x.toFixed(6)).join(',') } });

export const fetchStation = (id: string) => api('GET', `/stations/${encodeURIComponent(id)}`, StationResponse);

/** Reports a problem; the same `idempotencyKey` on a retry gives back the same report. */
export const reportProblem = (id: string, body: CreateReportBody, idempotencyKey: string) =>
  api('POST', `/stations/${encodeURIComponent(id)}/reports`, ReportResponse, { body, headers: { 'idempotency-key': idempotencyKey } });

export const checkIn = (id: string) => api('POST', `/stations/${encodeURIComponent(id)}/check-ins`, CheckInResponse);

export const fetchOpenReports = (id: string) =>
  api('GET', `/stations/${encodeURIComponent(id)}/reports`, ReportListResponse, { query: { status: 'open' } });

export const closeReport = (id: string, reportId: string, resolution: string) =>
  api('PATCH', `/stations/${encodeURIComponent(id)}/reports/${encodeURIComponent(reportId)}`, ReportResponse, {
    body: { status: 'closed', resolution },
  });

export const patchStation = (id: string, body: Record<string, unknown>) =>
  api('PATCH', `/stations/${encodeURIComponent(id)}`, StationResponse, { body });
