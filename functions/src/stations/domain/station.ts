import {
  type Amenity,
  type Datum,
  type HolidayCalendar,
  type OpenIssue,
  type OpeningHours,
  readAmenity,
  type StationDetailDto,
  type StationDto,
  type StationStatus,
} from '@linli/shared';
import { wgs84ToGcj02 } from '../../platform/domain/geo/datum';
import { distanceMeters } from '../../platform/domain/geo/distance';
import { isOpenAt } from '../../platform/domain/opening-hours';

/** A rider rest station (暖新驿站). `location` is canonical WGS-84; `sourceDatum` records what it was entered in. */
export interface Station {
  id: string;
  name: string;
  address: string;
  location: { lat: number; lng: number };
  sourceDatum: Datum;
  amenities: Amenity[];
  outOfOrder: Partial<Record<Amenity, { since: string; note?: string }>>;
  hours: OpeningHours;
  status: StationStatus;
  closureNote: string | null;
  phone: string | null;
  keeperId: string | null;
  communityId: string;
  streetId: string;
  lastConfirmed: { at: string; by: 'keeper' | 'admin' | 'checkin' } | null;
  openIssues: Record<string, OpenIssue>;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/**
 * A station as stored, with amenity names read as today's: items written before phone and e-bike
 * charging were split say `charging`, which is phone charging (in the amenities, the outages and
 * the open issues alike).
 */
export function withCurrentAmenities(s: Station): Station {
  const legacy = (a: string) => readAmenity(a) !== a;
  const outages = Object.keys(s.outOfOrder ?? {});
  const issues = Object.values(s.openIssues ?? {});
  if (!s.amenities.some(legacy) && !outages.some(legacy) && !issues.some((i) => i.amenity && legacy(i.amenity))) return s;
  const outOfOrder: Station['outOfOrder'] = {};
  for (const [a, o] of Object.entries(s.outOfOrder)) outOfOrder[readAmenity(a) as Amenity] ??= o;
  return {
    ...s,
    amenities: [...new Set(s.amenities.map((a) => readAmenity(a) as Amenity))],
    outOfOrder,
    openIssues: Object.fromEntries(
      Object.entries(s.openIssues).map(([k, i]) => [k, i.amenity ? { ...i, amenity: readAmenity(i.amenity) as Amenity } : i]),
    ),
  };
}

/** An amenity counts only when the station has it and it is not out of order. */
export function hasWorking(station: Station, amenity: Amenity): boolean {
  return station.amenities.includes(amenity) && station.outOfOrder[amenity] === undefined;
}

export function isStationOpen(station: Station, now: Date, calendar: HolidayCalendar): boolean {
  return station.status === 'open' && isOpenAt(station.hours, now, calendar);
}

/** The public view of a station, in GCJ-02, with distance from `from` (WGS-84) when given. */
export function toStationDto(
  s: Station,
  now: Date,
  calendar: HolidayCalendar,
  from?: { lat: number; lng: number },
): StationDto {
  const gcj = wgs84ToGcj02(s.location);
  return {
    id: s.id,
    name: s.name,
    address: s.address,
    location: { lat: round6(gcj.lat), lng: round6(gcj.lng) },
    ...(from ? { distanceMeters: Math.round(distanceMeters(from, s.location)) } : {}),
    amenities: s.amenities,
    outOfOrder: Object.entries(s.outOfOrder).map(([amenity, o]) => ({
      amenity: amenity as Amenity,
      since: o!.since,
      ...(o!.note ? { note: o!.note } : {}),
    })),
    openNow: isStationOpen(s, now, calendar),
    hours: s.hours,
    status: s.status,
    closureNote: s.closureNote,
    phone: s.phone,
    communityId: s.communityId,
    lastConfirmed: s.lastConfirmed,
    openIssues: Object.values(s.openIssues).sort((a, b) => a.since.localeCompare(b.since)),
  };
}

export function toStationDetailDto(
  s: Station,
  now: Date,
  calendar: HolidayCalendar,
  todayVisitors: number,
): StationDetailDto {
  return { ...toStationDto(s, now, calendar), keeperId: s.keeperId, todayVisitors };
}

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;
