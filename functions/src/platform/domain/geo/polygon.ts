/** Whether a point lies inside a simple polygon (ray casting; boundary points count as inside). */
export function pointInPolygon(p: { lat: number; lng: number }, polygon: readonly { lat: number; lng: number }[]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const a = polygon[i]!;
    const b = polygon[j]!;
    if (onSegment(p, a, b)) return true;
    if (a.lat > p.lat !== b.lat > p.lat && p.lng < ((b.lng - a.lng) * (p.lat - a.lat)) / (b.lat - a.lat) + a.lng) {
      inside = !inside;
    }
  }
  return inside;
}

function onSegment(p: { lat: number; lng: number }, a: { lat: number; lng: number }, b: { lat: number; lng: number }): boolean {
  const cross = (b.lng - a.lng) * (p.lat - a.lat) - (b.lat - a.lat) * (p.lng - a.lng);
  if (Math.abs(cross) > 1e-12) return false;
  return (
    p.lat >= Math.min(a.lat, b.lat) &&
    p.lat <= Math.max(a.lat, b.lat) &&
    p.lng >= Math.min(a.lng, b.lng) &&
    p.lng <= Math.max(a.lng, b.lng)
  );
}

/** The area of a simple polygon in square degrees (shoelace; for comparing nearby polygons only). */
export function polygonArea(polygon: readonly { lat: number; lng: number }[]): number {
  let twice = 0;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    twice += (polygon[j]!.lng + polygon[i]!.lng) * (polygon[j]!.lat - polygon[i]!.lat);
  }
  return Math.abs(twice) / 2;
}

type P = { lat: number; lng: number };
const orient = (a: P, b: P, c: P): number => (b.lng - a.lng) * (c.lat - a.lat) - (b.lat - a.lat) * (c.lng - a.lng);

/** Whether segments ab and cd cross at a point inside both (touching at ends or along a line does not count). */
export function segmentsCross(a: P, b: P, c: P, d: P): boolean {
  const d1 = orient(c, d, a);
  const d2 = orient(c, d, b);
  const d3 = orient(a, b, c);
  const d4 = orient(a, b, d);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

/** The first pair of non-adjacent edges of a ring (first point not repeated) that cross, if any. */
export function selfCrossing(ring: readonly P[]): [number, number] | null {
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue; // adjacent through the closing edge
      if (segmentsCross(ring[i]!, ring[(i + 1) % n]!, ring[j]!, ring[(j + 1) % n]!)) return [i, j];
    }
  }
  return null;
}

/** Distance in degrees from a point to a polygon's boundary (planar; for tolerances of a few metres). */
export function distanceToBoundary(p: P, ring: readonly P[]): number {
  let best = Infinity;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j]!;
    const b = ring[i]!;
    const dx = b.lng - a.lng;
    const dy = b.lat - a.lat;
    const len2 = dx * dx + dy * dy;
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.lng - a.lng) * dx + (p.lat - a.lat) * dy) / len2));
    best = Math.min(best, Math.hypot(p.lng - (a.lng + t * dx), p.lat - (a.lat + t * dy)));
  }
  return best;
}

/** Whether a point is inside a polygon or within `tolerance` degrees of its boundary. */
export const insideWithin = (p: P, ring: readonly P[], tolerance: number): boolean => pointInPolygon(p, ring) || distanceToBoundary(p, ring) <= tolerance;

/** Whether two polygons overlap by more than a sliver: edges cross, or a vertex lies inside the other beyond `tolerance`. */
export function polygonsOverlap(a: readonly P[], b: readonly P[], tolerance: number): boolean {
  const deepInside = (p: P, ring: readonly P[]) => pointInPolygon(p, ring) && distanceToBoundary(p, ring) > tolerance;
  if (a.some((p) => deepInside(p, b)) || b.some((p) => deepInside(p, a))) return true;
  // Shapes that share lines (rectangles offset along an edge) overlap without crossing edges: look inside.
  if (latticeInside(a, 16).some((p) => deepInside(p, b)) || latticeInside(b, 16).some((p) => deepInside(p, a))) return true;
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      const [p, q, r, s] = [a[i]!, a[(i + 1) % a.length]!, b[j]!, b[(j + 1) % b.length]!];
      if (!segmentsCross(p, q, r, s)) continue;
      // A crossing near shared corners is a drawing tolerance, not an overlap.
      if ([p, q].every((x) => distanceToBoundary(x, b) <= tolerance) && [r, s].every((x) => distanceToBoundary(x, a) <= tolerance)) continue;
      return true;
    }
  }
  return false;
}

/** Points of an n × n lattice over a polygon's bounding box that lie inside it. */
export function latticeInside(ring: readonly P[], n: number): P[] {
  const lats = ring.map((p) => p.lat);
  const lngs = ring.map((p) => p.lng);
  const [s, north, w, e] = [Math.min(...lats), Math.max(...lats), Math.min(...lngs), Math.max(...lngs)];
  const out: P[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const p = { lat: s + ((i + 0.5) * (north - s)) / n, lng: w + ((j + 0.5) * (e - w)) / n };
      if (pointInPolygon(p, ring)) out.push(p);
    }
  }
  return out;
}
