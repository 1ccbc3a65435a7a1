/** Geohash encoding and cell arithmetic (WGS-84 coordinates). */

const BASE32 = '0123456789bcdefghjkmnpqrstuvwxyz';

export interface Bbox {
  south: number;
  west: number;
  north: number;
  east: number;
}

/** Encodes a point as a geohash of the given precision (1..12). */
export function encode(lat: number, lng: number, precision: number): string {
  let latLo = -90;
  let latHi = 90;
  let lngLo = -180;
  let lngHi = 180;
  let hash = '';
  let bits = 0;
  let ch = 0;
  let evenBit = true;
  while (hash.length < precision) {
    if (evenBit) {
      const mid = (lngLo + lngHi) / 2;
      if (lng >= mid) {
        ch = (ch << 1) | 1;
        lngLo = mid;
      } else {
        ch <<= 1;
        lngHi = mid;
      }
    } else {
      const mid = (latLo + latHi) / 2;
      if (lat >= mid) {
        ch = (ch << 1) | 1;
        latLo = mid;
      } else {
        ch <<= 1;
        latHi = mid;
      }
    }
    evenBit = !evenBit;
    if (++bits === 5) {
      hash += BASE32[ch];
      bits = 0;
      ch = 0;
    }
  }
  return hash;
}

/** The rectangle a geohash cell covers. */
export function decodeBbox(hash: string): Bbox {
  let latLo = -90;
  let latHi = 90;
  let lngLo = -180;
  let lngHi = 180;
  let evenBit = true;
  for (const c of hash) {
    const idx = BASE32.indexOf(c);
    if (idx < 0) throw new RangeError(`invalid geohash character '${c}'`);
    for (let b = 4; b >= 0; b--) {
      const bit = (idx >> b) & 1;
      if (evenBit) {
        const mid = (lngLo + lngHi) / 2;
        if (bit) lngLo = mid;
        else lngHi = mid;
      } else {
        const mid = (latLo + latHi) / 2;
        if (bit) latLo = mid;
        else latHi = mid;
      }
      evenBit = !evenBit;
    }
  }
  return { south: latLo, west: lngLo, north: latHi, east: lngHi };
}

/** Size in degrees of a cell of the given precision. */
export function cellSize(precision: number): { latDeg: number; lngDeg: number } {
  const bits = precision * 5;
  const lngBits = Math.ceil(bits / 2);
  const latBits = Math.floor(bits / 2);
  return { latDeg: 180 / 2 ** latBits, lngDeg: 360 / 2 ** lngBits };
}

/** Number of cells of the given precision needed to cover a bbox (upper bound, before dedupe). */
export function coverCount(box: Bbox, precision: number): number {
  const { latDeg, lngDeg } = cellSize(precision);
  const rows = Math.floor(box.north / latDeg) - Math.floor(box.south / latDeg) + 1;
  const cols = Math.floor(box.east / lngDeg) - Math.floor(box.west / lngDeg) + 1;
  return rows * cols;
}

/** All cells of the given precision that intersect a bbox, sorted lexicographically. */
export function cover(box: Bbox, precision: number): string[] {
  const { latDeg, lngDeg } = cellSize(precision);
  const cells = new Set<string>();
  const row0 = Math.floor((box.south + 90) / latDeg);
  const row1 = Math.floor((Math.min(box.north, 90 - 1e-12) + 90) / latDeg);
  const col0 = Math.floor((box.west + 180) / lngDeg);
  const col1 = Math.floor((Math.min(box.east, 180 - 1e-12) + 180) / lngDeg);
  for (let r = row0; r <= row1; r++) {
    const lat = -90 + (r + 0.5) * latDeg;
    for (let c = col0; c <= col1; c++) {
      const lng = -180 + (c + 0.5) * lngDeg;
      cells.add(encode(lat, lng, precision));
    }
  }
  return [...cells].sort();
}

/** The geohash that follows `hash` at the same precision, or null after the last one. */
export function successor(hash: string): string | null {
  const chars = hash.split('');
  for (let i = chars.length - 1; i >= 0; i--) {
    const idx = BASE32.indexOf(chars[i]!);
    if (idx < BASE32.length - 1) {
      chars[i] = BASE32[idx + 1]!;
      return chars.join('');
    }
    chars[i] = BASE32[0]!;
  }
  return null;
}
