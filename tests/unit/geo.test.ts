import { gcj02ToWgs84, wgs84ToGcj02, convertDatum } from '../../functions/src/platform/domain/geo/datum';
import { bboxAround, distanceMeters, distanceToBbox } from '../../functions/src/platform/domain/geo/distance';
import { cover, decodeBbox, encode, successor } from '../../functions/src/platform/domain/geo/geohash';
import { geoKeyOf, planBboxSearch, planRadiusSearch, type KeyRange } from '../../functions/src/platform/domain/geo/search-plan';
import { rng } from '../support/rng';

const inRanges = (hash: string, ranges: KeyRange[]): boolean =>
  ranges.some((r) => hash.startsWith(r.partition) && hash >= r.from && hash <= `${r.to}~`);

describe('geohash', () => {
  it('encodes a known point to its published geohash', () => {
    expect(encode(57.64911, 10.40744, 11)).toBe('u4pruydqqvj');
    expect(encode(39.9042, 116.4074, 5)).toBe('wx4g0');
  });

  it('decodes to a cell that contains the encoded point', () => {
    const box = decodeBbox(encode(29.6, 103.48, 7));
    expect(box.south).toBeLessThanOrEqual(29.6);
    expect(box.north).toBeGreaterThanOrEqual(29.6);
    expect(box.west).toBeLessThanOrEqual(103.48);
    expect(box.east).toBeGreaterThanOrEqual(103.48);
  });

  it('covers every point of a bbox with the returned cells', () => {
    const box = { south: 29.58, west: 103.45, north: 29.62, east: 103.51 };
    const cells = new Set(cover(box, 6));
    const r = rng(1);
    for (let i = 0; i < 500; i++) {
      const lat = box.south + r() * (box.north - box.south);
      const lng = box.west + r() * (box.east - box.west);
      expect(cells.has(encode(lat, lng, 6))).toBe(true);
    }
  });

  it('gives the next cell in key order, carrying over', () => {
    expect(successor('wm6')).toBe('wm7');
    expect(successor('wmz')).toBe('wn0');
    expect(successor('zzz')).toBeNull();
  });
});

describe('distance', () => {
  it('measures Beijing to Shanghai as about 1,068 km', () => {
    const d = distanceMeters({ lat: 39.9042, lng: 116.4074 }, { lat: 31.2304, lng: 121.4737 });
    expect(d / 1000).toBeGreaterThan(1060);
    expect(d / 1000).toBeLessThan(1075);
  });

  it('is zero to a box containing the point and positive outside it', () => {
    const box = { south: 29, west: 103, north: 30, east: 104 };
    expect(distanceToBbox({ lat: 29.5, lng: 103.5 }, box)).toBe(0);
    expect(distanceToBbox({ lat: 30.01, lng: 103.5 }, box)).toBeGreaterThan(1000);
  });

  it('bounds every point within the radius by bboxAround', () => {
    const c = { lat: 29.6, lng: 103.48 };
    const box = bboxAround(c, 3000);
    expect(distanceMeters(c, { lat: box.north, lng: c.lng })).toBeCloseTo(3000, -1);
    expect(distanceMeters(c, { lat: c.lat, lng: box.east })).toBeCloseTo(3000, -1);
  });
});

describe('datum conversion', () => {
  it('shifts a point in China by a few hundred metres from WGS-84 to GCJ-02', () => {
    const wgs = { lat: 29.6, lng: 103.48 };
    const shift = distanceMeters(wgs, wgs84ToGcj02(wgs));
    expect(shift).toBeGreaterThan(100);
    expect(shift).toBeLessThan(800);
  });

  it('round-trips GCJ-02 back to WGS-84 within a centimetre', () => {
    const r = rng(7);
    for (let i = 0; i < 100; i++) {
      const p = { lat: 20 + r() * 25, lng: 100 + r() * 20 };
      expect(distanceMeters(p, gcj02ToWgs84(wgs84ToGcj02(p)))).toBeLessThan(0.01);
    }
  });

  it('leaves points outside China unchanged', () => {
    const paris = { lat: 48.8566, lng: 2.3522 };
    expect(wgs84ToGcj02(paris)).toEqual(paris);
    expect(convertDatum(paris, 'gcj02', 'wgs84')).toEqual(paris);
  });
});

describe('search planning', () => {
  it('covers every point within the radius, for every radius the API allows', () => {
    const r = rng(3);
    for (const radius of [50, 300, 1000, 3000, 8000, 20000]) {
      const c = { lat: 29.6 + r() * 0.1, lng: 103.48 + r() * 0.1 };
      const ranges = planRadiusSearch(c, radius);
      for (let i = 0; i < 300; i++) {
        const bearing = r() * 2 * Math.PI;
        const dist = r() * radius * 0.999;
        const p = {
          lat: c.lat + ((dist * Math.cos(bearing)) / 6_371_008.8) * (180 / Math.PI),
          lng: c.lng + ((dist * Math.sin(bearing)) / (6_371_008.8 * Math.cos((c.lat * Math.PI) / 180))) * (180 / Math.PI),
        };
        expect(inRanges(geoKeyOf(p).hash, ranges)).toBe(true);
      }
    }
  });

  it('orders ranges nearest first', () => {
    const ranges = planRadiusSearch({ lat: 29.6, lng: 103.48 }, 3000);
    const d = ranges.map((x) => x.minDistance);
    expect([...d].sort((a, b) => a - b)).toEqual(d);
    expect(d[0]).toBe(0);
  });

  it('keeps the number of key ranges bounded at the largest radius', () => {
    expect(planRadiusSearch({ lat: 29.6, lng: 103.48 }, 20000).length).toBeLessThanOrEqual(80);
  });

  it('covers a map bbox straddling a partition boundary', () => {
    const box = { south: 29.5, west: 103.3, north: 29.9, east: 103.7 };
    const ranges = planBboxSearch(box);
    expect(new Set(ranges.map((x) => x.partition)).size).toBeGreaterThan(1);
    const r = rng(5);
    for (let i = 0; i < 300; i++) {
      const p = { lat: box.south + r() * 0.4, lng: box.west + r() * 0.4 };
      expect(inRanges(geoKeyOf(p).hash, ranges)).toBe(true);
    }
  });
});
