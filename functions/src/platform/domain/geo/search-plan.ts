/**
 * Plans the index reads for a geographic search. Stations are indexed by geohash: the partition is
 * the precision-4 cell, the sort key starts with the precision-9 geohash. A search covers its area
 * with cells fine enough to keep reads close to the area, merges cells that are adjacent in key
 * order into one key range, and orders the ranges nearest first so a caller can stop early.
 */
import { bboxAround, distanceToBbox } from './distance';
import { type Bbox, cover, coverCount, decodeBbox, encode, successor } from './geohash';

export const PARTITION_PRECISION = 4;
export const STORED_PRECISION = 9;
const FINEST_SEARCH_PRECISION = 7;
const MAX_CELLS = 80;

/** A contiguous run of cells within one partition: sort keys from `from` (inclusive) up to `to`'s last key. */
export interface KeyRange {
  partition: string;
  from: string;
  to: string;
  /** Metres from the search centre to the nearest point of the range (0 for bbox searches). */
  minDistance: number;
}

/** Index keys of a point: the partition cell and the full-precision geohash. */
export function geoKeyOf(p: { lat: number; lng: number }): { partition: string; hash: string } {
  const hash = encode(p.lat, p.lng, STORED_PRECISION);
  return { partition: hash.slice(0, PARTITION_PRECISION), hash };
}

function choosePrecision(box: Bbox): number {
  for (let p = FINEST_SEARCH_PRECISION; p > PARTITION_PRECISION; p--) {
    if (coverCount(box, p) <= MAX_CELLS) return p;
  }
  return PARTITION_PRECISION;
}

function merge(cells: { cell: string; minDistance: number }[]): KeyRange[] {
  const ranges: KeyRange[] = [];
  let current: KeyRange | null = null;
  for (const { cell, minDistance } of cells) {
    const partition = cell.slice(0, PARTITION_PRECISION);
    if (current && current.partition === partition && successor(current.to) === cell) {
      current.to = cell;
      current.minDistance = Math.min(current.minDistance, minDistance);
    } else {
      current = { partition, from: cell, to: cell, minDistance };
      ranges.push(current);
    }
  }
  return ranges;
}

/** Key ranges covering every point within `radius` metres of `center`, nearest first. */
export function planRadiusSearch(center: { lat: number; lng: number }, radius: number): KeyRange[] {
  const box = bboxAround(center, radius);
  const precision = choosePrecision(box);
  const cells = cover(box, precision)
    .map((cell) => ({ cell, minDistance: distanceToBbox(center, decodeBbox(cell)) }))
    .filter((c) => c.minDistance <= radius);
  return merge(cells).sort((a, b) => a.minDistance - b.minDistance);
}

/** Key ranges covering a bbox. */
export function planBboxSearch(box: Bbox): KeyRange[] {
  const cells = cover(box, choosePrecision(box)).map((cell) => ({ cell, minDistance: 0 }));
  return merge(cells);
}
