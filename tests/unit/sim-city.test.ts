/**
 * The simulated city (issue 14): deterministic from its seed, the sizes' exact grid counts, maps
 * the product's own checker accepts (no gaps, no overlaps, nested grids inside their parent),
 * residents at home in their grid, unique ids and phones, every grid with a worker.
 */
import { pointInPolygon } from '../../functions/src/platform/domain/geo/polygon';
import { checkBuildings, checkMap } from '../../functions/src/identity/domain/street-map';
import { generateCity } from '../sim/city/generate';
import { streetMapFiles } from '../sim/city/load';
import type { City } from '../sim/city/model';
import { SIZES } from '../sim/sizes';

jest.setTimeout(120_000);

const cities = new Map<string, City>();
const city = (size: keyof typeof SIZES, seed = 7): City => {
  const key = `${size}-${seed}`;
  if (!cities.has(key)) cities.set(key, generateCity(SIZES[size], seed));
  return cities.get(key)!;
};

/** Every problem the product's map checker finds in a street's files. */
function mapProblems(c: City, streetId: string) {
  const files = streetMapFiles(c, streetId);
  const { map, problems } = checkMap(files.geojson);
  return [...problems, ...checkBuildings(files.buildingsCsv, map.grids).problems];
}

describe('the simulated city', () => {
  it('is the same city for the same seed, and another for another seed', () => {
    const a = generateCity(SIZES.street, 42);
    const b = generateCity(SIZES.street, 42);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const c = generateCity(SIZES.street, 43);
    expect(c.grids[0]!.boundary).not.toEqual(a.grids[0]!.boundary);
    expect(c.people.map((p) => p.user.name)).not.toEqual(a.people.map((p) => p.user.name));
  });

  it.each(['street', 'district', 'city'] as const)('has exactly the ordinary grids of the %s size', (size) => {
    const c = city(size);
    const spec = SIZES[size];
    expect(c.grids.filter((g) => (g.kind ?? 'ordinary') === 'ordinary')).toHaveLength(spec.ordinaryGrids);
    expect(c.districts).toHaveLength(spec.districts);
    expect(c.streets).toHaveLength(spec.districts * spec.streetsPerDistrict);
    expect(c.communities).toHaveLength(spec.districts * spec.streetsPerDistrict * spec.communitiesPerStreet);
    const residents = c.people.filter((p) => p.user.roles.includes('resident')).length;
    const expected = spec.ordinaryGrids * spec.householdsPerGrid * spec.adoption;
    expect(residents).toBeGreaterThan(expected * 0.9);
    expect(residents).toBeLessThan(expected * 1.1);
  });

  it("passes the product's map checker street by street (the city's streets sampled)", () => {
    for (const size of ['street', 'district'] as const) {
      const c = city(size);
      for (const s of c.streets) expect({ street: s.id, problems: mapProblems(c, s.id) }).toEqual({ street: s.id, problems: [] });
    }
    const c = city('city');
    for (const s of c.streets.filter((_, i) => i % 7 === 0)) expect({ street: s.id, problems: mapProblems(c, s.id) }).toEqual({ street: s.id, problems: [] });
  });

  it('tiles: adjacent grids share their edges exactly, and every community is covered by its grids', () => {
    const c = city('district');
    // Every edge inside a community belongs to exactly two of its ordinary grids, in opposite directions.
    for (const community of c.communities.slice(0, 20)) {
      const edges = new Map<string, number>();
      const key = (a: { lat: number; lng: number }, b: { lat: number; lng: number }) => `${a.lat},${a.lng}>${b.lat},${b.lng}`;
      const ordinary = c.grids.filter((g) => g.communityId === community.id && g.kind === 'ordinary');
      for (const g of ordinary) g.boundary.forEach((p, i) => edges.set(key(p, g.boundary[(i + 1) % g.boundary.length]!), 1));
      let shared = 0;
      for (const k of edges.keys()) {
        const [a, b] = k.split('>');
        if (edges.has(`${b}>${a}`)) shared++;
      }
      if (ordinary.length > 1) expect(shared).toBeGreaterThan(0);
      // Areas add up (shoelace), so there is no gap and no overlap.
      const area = (ring: { lat: number; lng: number }[]) => Math.abs(ring.reduce((s, p, i) => s + p.lng * ring[(i + 1) % ring.length]!.lat - ring[(i + 1) % ring.length]!.lng * p.lat, 0)) / 2;
      const sum = ordinary.reduce((s, g) => s + area(g.boundary), 0);
      expect(Math.abs(sum - area(community.boundary)) / area(community.boundary)).toBeLessThan(1e-5);
    }
  });

  it('puts dedicated and micro grids inside their parent, and every home inside its grid', () => {
    const c = city('district');
    const byId = new Map(c.grids.map((g) => [g.id, g]));
    const nested = c.grids.filter((g) => g.kind !== 'ordinary');
    expect(nested.some((g) => g.kind === 'dedicated')).toBe(true);
    expect(nested.some((g) => g.kind === 'micro')).toBe(true);
    for (const g of nested) {
      const parent = byId.get(g.parentId!)!;
      expect(parent.kind).toBe('ordinary');
      expect(g.boundary.every((p) => pointInPolygon(p, parent.boundary))).toBe(true);
    }
    const residents = c.people.filter((p) => p.user.roles.includes('resident'));
    for (const p of residents) {
      expect(pointInPolygon(p.home, byId.get(p.user.gridId!)!.boundary)).toBe(true);
      expect(p.user).toMatchObject({ realName: true, address: { building: expect.any(String) } });
      expect(p.user.verifiedAt! > p.user.registeredAt!).toBe(true);
    }
  });

  it('has unique ids, openids and phones, product-shaped', () => {
    const c = city('city');
    const ID = /^[A-Za-z0-9_-]{1,64}$/;
    const ids = [...c.streets, ...c.communities, ...c.grids, ...c.buildings, ...c.people.map((p) => p.user), ...c.centres, ...c.sites.map((s) => s.site), ...c.stations, ...c.volunteerTeams, ...c.companies].map((x) => x.id);
    expect(ids.filter((id) => !ID.test(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    const phones = c.people.map((p) => p.user.phone!);
    expect(phones.filter((p) => !/^1[3-9]\d{9}$/.test(p))).toEqual([]);
    expect(new Set(phones).size).toBe(phones.length);
    expect(new Set(c.people.map((p) => p.user.openid)).size).toBe(c.people.length);
    const riders = c.people.filter((p) => p.user.roles.includes('rider')).length;
    expect(riders).toBeGreaterThan(0);
  });

  it('gives every grid a worker and a leader who exist, and every community its staff and services', () => {
    const c = city('district');
    const people = new Map(c.people.map((p) => [p.user.id, p.user]));
    for (const g of c.grids.filter((x) => x.kind === 'ordinary')) {
      const worker = g.contacts.find((x) => x.role === 'grid_worker')!;
      expect(people.get(worker.userId)).toMatchObject({ roles: ['grid_worker'], gridId: g.id, phone: worker.phone });
      expect(people.has(g.contacts.find((x) => x.role === 'grid_leader')!.userId)).toBe(true);
    }
    for (const community of c.communities) {
      const roles = c.people.filter((p) => p.user.communityId === community.id).flatMap((p) => p.user.roles);
      expect(roles).toEqual(expect.arrayContaining(['community_admin', 'service_staff', 'redemption_staff', 'grid_worker', 'resident']));
      expect(c.centres.filter((x) => x.communityId === community.id)).toHaveLength(1);
      const site = c.sites.find((s) => s.site.communityId === community.id)!;
      expect(site.rewards.length).toBeGreaterThanOrEqual(4);
      expect(site.rewards.find((r) => r.id === site.popularRewardId)).toMatchObject({ releaseAt: null });
      const teams = c.volunteerTeams.filter((t) => t.communityId === community.id);
      expect(teams.length).toBeGreaterThanOrEqual(1);
      for (const t of teams) expect(people.get(t.captainId)!.roles).toContain('volunteer');
    }
    for (const s of c.streets) expect(c.people.some((p) => p.user.streetId === s.id && p.user.roles.includes('street_admin'))).toBe(true);
    expect(c.people.some((p) => p.user.roles.includes('department_staff') && p.user.departmentId)).toBe(true);
    expect(c.stations.length).toBeGreaterThan(c.communities.length / 5);
    for (const s of c.stations) expect(people.get(s.keeperId!)!.roles).toContain('station_keeper');
    // Half the centres open on Saturdays, the others on Sundays.
    const notes = c.centres.map((x) => x.exceptions[0]?.note);
    expect(notes.filter((n) => n === '周日轮休').length).toBeGreaterThan(0);
    expect(notes.filter((n) => n === '周六轮休').length).toBeGreaterThan(0);
  });
});
