import { CN_CALENDAR } from '../support/calendar';
import { NearbyQuery, type Amenity } from '@linli/shared';
import { MemoryStationRepository } from '../../functions/src/stations/adapters/memory-station-repository';
import { ConflictError, ForbiddenError, ValidationError } from '../../functions/src/platform/domain/errors';
import { wgs84ToGcj02 } from '../../functions/src/platform/domain/geo/datum';
import { distanceMeters } from '../../functions/src/platform/domain/geo/distance';
import type { Actor } from '../../functions/src/platform/domain/actor';
import { checkIn } from '../../functions/src/stations/domain/check-in';
import { findNearbyStations } from '../../functions/src/stations/domain/find-stations';
import { patchStation } from '../../functions/src/stations/domain/manage-stations';
import { closeReport, reportProblem } from '../../functions/src/stations/domain/reports';
import { hasWorking, isStationOpen } from '../../functions/src/stations/domain/station';
import { cityStations, CITY, rng } from '../bench/fixtures';

const makeActor = (overrides: Partial<Actor> = {}): Actor => ({
  userId: 'u-1',
  roles: ['rider'],
  streetId: 'st-bench',
  communityId: 'cm-bench',
  gridId: null,
  ...overrides,
});

const NOW = new Date('2026-11-24T10:00:00+08:00');

async function repoWith(count: number) {
  const repo = new MemoryStationRepository();
  for (const s of cityStations(count, 11)) await repo.create(s);
  return repo;
}

describe('findNearbyStations', () => {
  it('returns exactly the brute-force nearest stations for random points, radii, limits and filters', async () => {
    const repo = await repoWith(1500);
    const all = [...repo.stations.values()];
    const r = rng(21);
    for (let i = 0; i < 40; i++) {
      const wgs = { lat: CITY.lat + (r() - 0.5) * 0.2, lng: CITY.lng + (r() - 0.5) * 0.2 };
      const here = wgs84ToGcj02(wgs);
      const radius = [300, 1000, 3000, 8000][i % 4]!;
      const limit = [1, 5, 20, 50][Math.floor(r() * 4)]!;
      const amenities: Amenity[] = r() < 0.5 ? ['phone_charging'] : [];
      const openNow = r() < 0.3;
      const q = NearbyQuery.parse({ lat: String(here.lat), lng: String(here.lng), radius: String(radius), limit: String(limit), amenities: amenities.join(','), openNow: String(openNow) });
      const { items } = await findNearbyStations({ stations: repo, calendar: CN_CALENDAR }, q, NOW);
      const center = { lat: q.lat, lng: q.lng };
      const expected = all
        .map((s) => ({ s, d: distanceMeters(wgs, s.location) }))
        .filter(({ s, d }) => d <= radius && amenities.every((a) => hasWorking(s, a)) && (!openNow || isStationOpen(s, NOW, CN_CALENDAR)))
        .sort((a, b) => a.d - b.d)
        .slice(0, limit);
      expect(items.map((s) => s.id)).toEqual(expected.map((e) => e.s.id));
      void center;
    }
  });

  it('reads at most 3 items per result at city density (1,000 stations over 30 × 30 km)', async () => {
    const repo = await repoWith(1000);
    const here = wgs84ToGcj02(CITY);
    const q = NearbyQuery.parse({ lat: String(here.lat), lng: String(here.lng), radius: '3000', limit: '20' });
    const out = await findNearbyStations({ stations: repo, calendar: CN_CALENDAR }, q, NOW);
    expect(out.items).toHaveLength(20);
    expect(out.itemsRead / out.items.length).toBeLessThanOrEqual(3);
  });
});

describe('station management rules', () => {
  it('lets the keeper change day-to-day state of his station only', async () => {
    const repo = await repoWith(3);
    const station = [...repo.stations.values()][0]!;
    station.keeperId = 'u-keeper';
    const deps = { stations: repo, places: {} as never, calendar: CN_CALENDAR, newId: () => 'x' };
    const keeper = makeActor({ userId: 'u-keeper', roles: ['station_keeper'] });
    const out = await patchStation(deps, keeper, station.id, { status: 'temporarily_closed', closureNote: '检修' }, NOW);
    expect(out).toMatchObject({ status: 'temporarily_closed', closureNote: '检修', openNow: false });
    await expect(patchStation(deps, keeper, station.id, { name: '新名字' }, NOW)).rejects.toBeInstanceOf(ForbiddenError);
    const other = makeActor({ userId: 'u-other', roles: ['station_keeper'] });
    await expect(patchStation(deps, other, station.id, { confirm: true }, NOW)).rejects.toBeInstanceOf(ForbiddenError);
    const foreignAdmin = makeActor({ roles: ['community_admin'], communityId: 'cm-elsewhere' });
    await expect(patchStation(deps, foreignAdmin, station.id, { confirm: true }, NOW)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('refuses marking out of order an amenity the station does not have', async () => {
    const repo = await repoWith(1);
    const station = [...repo.stations.values()][0]!;
    station.amenities = ['water'];
    const deps = { stations: repo, places: {} as never, calendar: CN_CALENDAR, newId: () => 'x' };
    const admin = makeActor({ roles: ['community_admin'] });
    await expect(patchStation(deps, admin, station.id, { outOfOrder: [{ amenity: 'wifi' }] }, NOW)).rejects.toBeInstanceOf(ValidationError);
  });

  it('keeps the time an amenity went out of order when the keeper edits the note', async () => {
    const repo = await repoWith(1);
    const station = [...repo.stations.values()][0]!;
    station.amenities = ['water', 'phone_charging'];
    const deps = { stations: repo, places: {} as never, calendar: CN_CALENDAR, newId: () => 'x' };
    const admin = makeActor({ roles: ['community_admin'] });
    await patchStation(deps, admin, station.id, { outOfOrder: [{ amenity: 'phone_charging' }] }, NOW);
    const later = new Date(NOW.getTime() + 3600_000);
    const out = await patchStation(deps, admin, station.id, { outOfOrder: [{ amenity: 'phone_charging', note: '等配件' }] }, later);
    expect(out.outOfOrder).toEqual([{ amenity: 'phone_charging', since: NOW.toISOString(), note: '等配件' }]);
  });
});

describe('reports and check-ins', () => {
  it('opens an issue on the station and closes it once', async () => {
    const repo = await repoWith(1);
    const station = [...repo.stations.values()][0]!;
    station.keeperId = 'u-keeper';
    let n = 0;
    const deps = { stations: repo, newId: () => `r-${++n}`, hash: (t: string) => t };
    const { report, created } = await reportProblem(deps, makeActor(), station.id, { type: 'dirty', text: '地面脏' }, 'key-1', NOW);
    expect(created).toBe(true);
    expect(Object.keys((await repo.get(station.id))!.openIssues)).toEqual([report.id]);
    // A double tap (same key, same body) gives the same report back and stores nothing more; another body is refused.
    expect(await reportProblem(deps, makeActor(), station.id, { type: 'dirty', text: '地面脏' }, 'key-1', NOW)).toEqual({ report, created: false });
    await expect(reportProblem(deps, makeActor(), station.id, { type: 'dirty', text: '很脏' }, 'key-1', NOW)).rejects.toMatchObject({ code: 'idempotency_key_reused' });
    expect(repo.reports.size).toBe(1);
    const keeper = makeActor({ userId: 'u-keeper', roles: ['station_keeper'] });
    await closeReport(deps, keeper, station.id, report.id, { status: 'closed', resolution: '已打扫' }, NOW);
    expect((await repo.get(station.id))!.openIssues).toEqual({});
    await expect(closeReport(deps, keeper, station.id, report.id, { status: 'closed', resolution: '再来' }, NOW)).rejects.toBeInstanceOf(ConflictError);
    await expect(closeReport(deps, makeActor(), station.id, report.id, { status: 'closed', resolution: '骑手' }, NOW)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('counts one visit per rider per Shanghai day', async () => {
    const repo = await repoWith(1);
    const id = [...repo.stations.values()][0]!.id;
    const rider = makeActor();
    expect(await checkIn({ stations: repo }, rider, id, new Date('2026-11-24T23:50:00+08:00'))).toMatchObject({ todayVisitors: 1, alreadyCheckedIn: false });
    expect(await checkIn({ stations: repo }, rider, id, new Date('2026-11-24T23:59:00+08:00'))).toMatchObject({ todayVisitors: 1, alreadyCheckedIn: true });
    expect(await checkIn({ stations: repo }, rider, id, new Date('2026-11-25T00:01:00+08:00'))).toMatchObject({ day: '2026-11-25', todayVisitors: 1, alreadyCheckedIn: false });
  });
});
