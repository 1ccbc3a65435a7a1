import type { Amenity, ReportDto, ReportType } from '@linli/shared';

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
