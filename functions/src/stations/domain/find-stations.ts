import type { BboxQuery, HolidayCalendar, NearbyQuery, StationDto } from '@linli/shared';
import { convertDatum, gcj02ToWgs84, wgs84ToGcj02 } from '../../platform/domain/geo/datum';
import { distanceMeters } from '../../platform/domain/geo/distance';
import { planBboxSearch, planRadiusSearch } from '../../platform/domain/geo/search-plan';
import type { StationRepository } from '../ports';
import { hasWorking, isStationOpen, type Station, toStationDto } from './station';

export interface FindDeps {
  stations: StationRepository;
  calendar: HolidayCalendar;
}

export interface SearchResult {
  items: StationDto[];
  /** The search centre in GCJ-02 (nearby searches). */
  center?: { lat: number; lng: number };
  /** Index items read to answer (for benchmarks and logs). */
  itemsRead: number;
  queries: number;
}

/** How many key ranges are read in parallel per round of a nearby search. */
export const NEARBY_ROUND_SIZE = 4;

function matches(s: Station, q: NearbyQuery, now: Date, calendar: HolidayCalendar): boolean {
  if (q.openNow && !isStationOpen(s, now, calendar)) return false;
  return q.amenities.every((a) => hasWorking(s, a));
}

/**
 * Nearest stations within a radius (query and answer in GCJ-02).
 * Primary course: plan geohash key ranges around the point, read them nearest first in rounds,
 * keep stations inside the radius that pass the filters, and stop as soon as the `limit` nearest
 * are known (no unread range can hold anything nearer).
 */
export async function findNearbyStations(deps: FindDeps, q: NearbyQuery, now: Date): Promise<SearchResult> {
  const center = convertDatum({ lat: q.lat, lng: q.lng }, q.datum, 'wgs84');
  const ranges = planRadiusSearch(center, q.radius);
  const found: { station: Station; distance: number }[] = [];
  const seen = new Set<string>();
  let itemsRead = 0;
  let queries = 0;
  for (let i = 0; i < ranges.length; ) {
    const round = ranges.slice(i, i + NEARBY_ROUND_SIZE);
    i += round.length;
    const { stations, itemsRead: read } = await deps.stations.readGeoRanges(round);
    itemsRead += read;
    queries += round.length;
    for (const station of stations) {
      if (seen.has(station.id)) continue;
      seen.add(station.id);
      const distance = distanceMeters(center, station.location);
      if (distance <= q.radius && matches(station, q, now, deps.calendar)) found.push({ station, distance });
    }
    if (found.length >= q.limit && i < ranges.length) {
      found.sort((a, b) => a.distance - b.distance);
      if (found[q.limit - 1]!.distance <= ranges[i]!.minDistance) break;
    }
  }
  found.sort((a, b) => a.distance - b.distance);
  const gcj = wgs84ToGcj02(center);
  return {
    items: found.slice(0, q.limit).map(({ station }) => toStationDto(station, now, deps.calendar, center)),
    center: { lat: Math.round(gcj.lat * 1e6) / 1e6, lng: Math.round(gcj.lng * 1e6) / 1e6 },
    itemsRead,
    queries,
  };
}

/** Stations inside the visible map area (bbox in GCJ-02), for map markers. */
export async function findStationsInBbox(deps: FindDeps, q: BboxQuery, now: Date): Promise<SearchResult> {
  const [west, south, east, north] = q.bbox;
  const sw = gcj02ToWgs84({ lat: south, lng: west });
  const ne = gcj02ToWgs84({ lat: north, lng: east });
  const box = { south: sw.lat, west: sw.lng, north: ne.lat, east: ne.lng };
  const ranges = planBboxSearch(box);
  const { stations, itemsRead } = await deps.stations.readGeoRanges(ranges);
  const inside = stations.filter(
    (s) =>
      s.location.lat >= box.south &&
      s.location.lat <= box.north &&
      s.location.lng >= box.west &&
      s.location.lng <= box.east,
  );
  const middle = { lat: (box.south + box.north) / 2, lng: (box.west + box.east) / 2 };
  inside.sort((a, b) => distanceMeters(middle, a.location) - distanceMeters(middle, b.location));
  return {
    items: inside.slice(0, q.limit).map((s) => toStationDto(s, now, deps.calendar)),
    itemsRead,
    queries: ranges.length,
  };
}
