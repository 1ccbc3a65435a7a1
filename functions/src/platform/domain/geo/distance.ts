import type { Bbox } from './geohash';

const EARTH_RADIUS_M = 6_371_008.8;
const toRad = (d: number): number => (d * Math.PI) / 180;

/** Great-circle distance in metres between two points (haversine). */
export function distanceMeters(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const dLat = toRad(b.lat - a.lat);
  const dLng = toRad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The bbox that contains every point within `radius` metres of `center`. */
export function bboxAround(center: { lat: number; lng: number }, radius: number): Bbox {
  const dLat = (radius / EARTH_RADIUS_M) * (180 / Math.PI);
  const cosLat = Math.max(Math.cos(toRad(center.lat)), 1e-6);
  const dLng = dLat / cosLat;
  return {
    south: Math.max(-90, center.lat - dLat),
    north: Math.min(90, center.lat + dLat),
    west: Math.max(-180, center.lng - dLng),
    east: Math.min(180, center.lng + dLng),
  };
}

/** Shortest distance in metres from a point to a rectangle (0 when inside). */
export function distanceToBbox(p: { lat: number; lng: number }, box: Bbox): number {
  const lat = Math.min(Math.max(p.lat, box.south), box.north);
  const lng = Math.min(Math.max(p.lng, box.west), box.east);
  return distanceMeters(p, { lat, lng });
}
