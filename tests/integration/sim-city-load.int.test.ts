/**
 * Loading the simulated city (issue 14) into DynamoDB Local through the product's code: the street
 * size is loaded into a table of its own and read back through the product (locating a home, the
 * grids of a community, a centre, a site's rewards, the grid team); loading again, or resuming
 * without the street markers, neither fails nor duplicates anything.
 */
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoCentreRepository } from '../../functions/src/booking/adapters/dynamodb-centre-repository';
import { DynamoGridTeamRepository } from '../../functions/src/identity/adapters/dynamodb-grid-team-repository';
import { DynamoPlaceRepository } from '../../functions/src/identity/adapters/dynamodb-place-repository';
import { DynamoUserRepository } from '../../functions/src/identity/adapters/dynamodb-user-repository';
import { gridInfo } from '../../functions/src/identity/domain/grid-board';
import { locatePlace } from '../../functions/src/identity/domain/registration';
import { makeDocumentClient } from '../../functions/src/platform/adapters/dynamodb/client';
import { DynamoCalendarStore } from '../../functions/src/platform/adapters/dynamodb/calendar';
import { dynamoTeams } from '../../functions/src/points/adapters/dynamodb-group-repository';
import { DynamoSiteRepository } from '../../functions/src/points/adapters/dynamodb-site-repository';
import { DynamoCategoryRepository } from '../../functions/src/requests/adapters/dynamodb-category-repository';
import { DynamoStationRepository } from '../../functions/src/stations/adapters/dynamodb-station-repository';
import { ensureMainTable } from '../../infra/local/dynamodb-local';
import { generateCity } from '../sim/city/generate';
import { loadCity } from '../sim/city/load';
import { SIZES } from '../sim/sizes';

jest.setTimeout(600_000);

const endpoint = () => process.env.LINLI_TEST_DB!;
const table = `linli-sim-city-${process.pid}`;
const city = generateCity(SIZES.street, 11);
const now = new Date('2027-01-20T02:00:00.000Z');

describe('loading the simulated city', () => {
  const doc = makeDocumentClient({ region: 'local', endpoint: process.env.LINLI_TEST_DB });
  const places = new DynamoPlaceRepository(doc, table);
  const messages: string[] = [];
  let firstLoadMs = 0;

  beforeAll(async () => {
    await ensureMainTable(endpoint(), table);
    const t = Date.now();
    await loadCity(city, { endpoint: endpoint(), table, now, onProgress: (m) => messages.push(m) });
    firstLoadMs = Date.now() - t;
    console.log(messages.join('\n'));
    console.log(`street size loaded in ${(firstLoadMs / 1000).toFixed(1)} s: ${city.grids.length} grids, ${city.buildings.length} buildings, ${city.people.length} people`);
  });
  afterAll(() => doc.destroy());

  /** What the product reads of the city: counted place by place. */
  async function census() {
    const users = new DynamoUserRepository(doc, table);
    const teams = new DynamoGridTeamRepository(doc, table);
    const sites = new DynamoSiteRepository(doc, table);
    const groups = dynamoTeams(doc, table);
    const categories = new DynamoCategoryRepository(doc, table);
    const out: Record<string, number> = { streets: (await places.listStreets()).length };
    for (const c of city.communities) {
      const grids = await places.listGridsOfCommunity(c.id);
      const residents = await Promise.all(grids.map((g) => users.residentsOfGrid(g.id, false)));
      const site = city.sites.find((s) => s.site.communityId === c.id)!;
      const volunteerTeams = await groups.ofCommunity(c.id);
      Object.assign(out, {
        [`${c.id} grids`]: grids.length,
        [`${c.id} buildings`]: (await places.listBuildingsOfCommunity(c.id)).length,
        [`${c.id} residents`]: residents.reduce((s, r) => s + r.length, 0),
        [`${c.id} team`]: (await teams.membersOf(c.id)).length,
        [`${c.id} rewards`]: (await sites.rewards(site.site.id)).length,
        [`${c.id} volunteer teams`]: volunteerTeams.length,
        [`${c.id} team members`]: volunteerTeams.reduce((s, t) => s + t.members, 0),
        [`${c.id} categories`]: (await categories.listOfCommunity(c.id)).length,
      });
    }
    return out;
  }

  it('loads every street through its map import, with progress', async () => {
    expect(messages.some((m) => m.includes(city.streets[0]!.name))).toBe(true);
    const street = await places.getStreet(city.streets[0]!.id);
    expect(street?.mapVersion).toEqual(expect.any(String));
    const years = (await new DynamoCalendarStore(doc, table).list()).map((y) => y.year);
    expect(years).toEqual(expect.arrayContaining([2025, 2026, 2027]));
  });

  it("locates a resident's home in his grid, and lists a community's grids", async () => {
    const residents = city.people.filter((p) => p.user.roles.includes('resident'));
    for (const p of [residents[0]!, residents[Math.floor(residents.length / 2)]!, residents[residents.length - 1]!]) {
      const place = await locatePlace({ places }, { ...p.home, datum: 'wgs84' });
      expect(place).toMatchObject({ communityId: p.user.communityId, gridId: p.user.gridId });
    }
    // A micro grid's resident is located in the micro grid (the most specific one).
    const micro = city.grids.find((g) => g.kind === 'micro');
    const inMicro = micro && residents.find((p) => p.user.gridId === micro.id);
    if (inMicro) expect((await locatePlace({ places }, { ...inMicro.home, datum: 'wgs84' })).gridId).toBe(micro.id);

    const community = city.communities[0]!;
    const grids = await places.listGridsOfCommunity(community.id);
    expect(grids.map((g) => g.id).sort()).toEqual(city.grids.filter((g) => g.communityId === community.id).map((g) => g.id).sort());
    // The published contacts survive activation (set after it), and the board shows them.
    const ordinary = city.grids.find((g) => g.communityId === community.id && g.kind === 'ordinary')!;
    const board = await gridInfo({ places, users: new DynamoUserRepository(doc, table) }, ordinary.id);
    expect(board.contacts.map((c) => c.role)).toEqual(['grid_leader', 'grid_worker']);
    expect(board.contacts.map((c) => c.userId)).toEqual(ordinary.contacts.map((c) => c.userId));
  });

  it('stores the centres, sites, users and stations as the product reads them', async () => {
    const centre = city.centres[0]!;
    expect(await new DynamoCentreRepository(doc, table).get(centre.id)).toMatchObject({ id: centre.id, name: centre.name, communityId: centre.communityId });
    const site = city.sites[0]!;
    const rewards = await new DynamoSiteRepository(doc, table).rewards(site.site.id);
    expect(rewards.map((r) => r.id).sort()).toEqual(site.rewards.map((r) => r.id).sort());
    const users = new DynamoUserRepository(doc, table);
    const resident = city.people.find((p) => p.user.roles.includes('resident'))!;
    expect(await users.get(resident.user.id)).toMatchObject({ id: resident.user.id, gridId: resident.user.gridId, verifiedAt: resident.user.verifiedAt });
    expect(await users.getByOpenid(resident.user.openid)).toMatchObject({ id: resident.user.id });
    const rider = city.people.find((p) => p.user.roles.includes('rider'))!;
    expect(await users.get(rider.user.id)).toMatchObject({ roles: ['rider'] });
    const station = city.stations[0]!;
    expect(await new DynamoStationRepository(doc, table).get(station.id)).toMatchObject({ id: station.id, keeperId: station.keeperId });
  });

  it('loads again, and resumes without its markers, without failing or duplicating', async () => {
    const before = await census();
    const t = Date.now();
    await loadCity(city, { endpoint: endpoint(), table, now });
    const skipMs = Date.now() - t;
    expect(await census()).toEqual(before);
    // Resuming a load stopped before the markers were written: every write tolerates "already there".
    for (const s of city.streets) await doc.send(new DeleteCommand({ TableName: table, Key: { PK: `SIMLOAD#${city.size}#${city.seed}`, SK: `STREET#${s.id}` } }));
    await loadCity(city, { endpoint: endpoint(), table, now });
    expect(await census()).toEqual(before);
    console.log(`first load ${(firstLoadMs / 1000).toFixed(1)} s, second (markers) ${(skipMs / 1000).toFixed(1)} s`);
  });
});
