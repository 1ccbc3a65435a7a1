import { type Amenity, readAmenity, type ReportDto, type ReportType } from '@linli/shared';

/** A rider's problem report about a station. */
export interface StationReport {
  id: string;
  stationId: string;
  stationName: string;
  communityId: string;
  type: ReportType;
  amenity: Amenity | null;
  text: string;
  status: 'open' | 'closed';
  reportedBy: string;
  createdAt: string;
  closedAt: string | null;
  closedBy: string | null;
  resolution: string | null;
}

export const toReportDto = (r: StationReport): ReportDto => ({ ...r });

/** A stored report with its amenity read as today's name (`charging` → `phone_charging`). */
export const withCurrentAmenity = (r: StationReport): StationReport =>
  r.amenity && readAmenity(r.amenity) !== r.amenity ? { ...r, amenity: readAmenity(r.amenity) as Amenity } : r;
