/**
 * Conversion between WGS-84 (GPS, open map data) and GCJ-02 (the datum Chinese map services and
 * WeChat's getLocation/openLocation use). This is the only place coordinates change datum.
 */
import type { Datum } from '@linli/shared';

export interface Point {
  lat: number;
  lng: number;
}

const A = 6378245.0;
const EE = 0.006693421622965943;

function outsideChina(p: Point): boolean {
  return p.lng < 72.004 || p.lng > 137.8347 || p.lat < 0.8293 || p.lat > 55.8271;
}

function transformLat(x: number, y: number): number {
  let r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3;
  r += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3;
  return r;
}

function transformLng(x: number, y: number): number {
  let r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3;
  r += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3;
  return r;
}

function offset(p: Point): Point {
  const dLat0 = transformLat(p.lng - 105, p.lat - 35);
  const dLng0 = transformLng(p.lng - 105, p.lat - 35);
  const radLat = (p.lat / 180) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  const dLat = (dLat0 * 180) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  const dLng = (dLng0 * 180) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return { lat: dLat, lng: dLng };
}

/** WGS-84 → GCJ-02. Points outside China are returned unchanged, as the datum defines. */
export function wgs84ToGcj02(p: Point): Point {
  if (outsideChina(p)) return { lat: p.lat, lng: p.lng };
  const d = offset(p);
  return { lat: p.lat + d.lat, lng: p.lng + d.lng };
}

/** GCJ-02 → WGS-84 by fixed-point iteration (error well under 1 cm). */
export function gcj02ToWgs84(p: Point): Point {
  if (outsideChina(p)) return { lat: p.lat, lng: p.lng };
  let guess: Point = { lat: p.lat, lng: p.lng };
  for (let i = 0; i < 10; i++) {
    const g = wgs84ToGcj02(guess);
    const dLat = g.lat - p.lat;
    const dLng = g.lng - p.lng;
    guess = { lat: guess.lat - dLat, lng: guess.lng - dLng };
    if (Math.abs(dLat) < 1e-9 && Math.abs(dLng) < 1e-9) break;
  }
  return guess;
}

/** Converts a point from one datum to another. */
export function convertDatum(p: Point, from: Datum, to: Datum): Point {
  if (from === to) return { lat: p.lat, lng: p.lng };
  return from === 'wgs84' ? wgs84ToGcj02(p) : gcj02ToWgs84(p);
}
