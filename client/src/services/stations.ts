import type {
  Amenity,
  CheckInResponse,
  CreateReportBody,
  NearbyResponse,
  ReportListResponse,
  ReportResponse,
  StationListResponse,
  StationResponse,
} from '@linli/shared';
import { api, type Out } from './request';

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
  api<Out<typeof NearbyResponse>>('GET', '/stations/nearby', {
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
  api<Out<typeof StationListResponse>>('GET', '/stations', { query: { bbox: bbox.map((x) => x.toFixed(6)).join(',') } });

export const fetchStation = (id: string) => api<Out<typeof StationResponse>>('GET', `/stations/${encodeURIComponent(id)}`);

/** Reports a problem; the same `idempotencyKey` on a retry gives back the same report. */
export const reportProblem = (id: string, body: CreateReportBody, idempotencyKey: string) =>
  api<Out<typeof ReportResponse>>('POST', `/stations/${encodeURIComponent(id)}/reports`, { body, headers: { 'idempotency-key': idempotencyKey } });

export const checkIn = (id: string) => api<Out<typeof CheckInResponse>>('POST', `/stations/${encodeURIComponent(id)}/check-ins`);

export const fetchOpenReports = (id: string) =>
  api<Out<typeof ReportListResponse>>('GET', `/stations/${encodeURIComponent(id)}/reports`, { query: { status: 'open' } });

export const closeReport = (id: string, reportId: string, resolution: string) =>
  api<Out<typeof ReportResponse>>('PATCH', `/stations/${encodeURIComponent(id)}/reports/${encodeURIComponent(reportId)}`, {
    body: { status: 'closed', resolution },
  });

export const patchStation = (id: string, body: Record<string, unknown>) =>
  api<Out<typeof StationResponse>>('PATCH', `/stations/${encodeURIComponent(id)}`, { body });
