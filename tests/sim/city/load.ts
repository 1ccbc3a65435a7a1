/**
 * Writes a generated city into the store through the product's own code (`npm run simulate`).
 *
 * Each street's map (communities and grids as GeoJSON, buildings as CSV) goes through the street
 * map import use case, staged and activated by the street's admin, exactly as a street loads its
 * map: the map checker runs, and the lists, the buildings and locating read the activated version.
 * Decision: the import carries ids, names, kinds, households, boundaries and buildings, but not the
 * grids' published contacts (activation writes `contacts: []`; appointed grid workers still show on
 * the grid board through their users). The city's contacts (网格长 and 网格员) are therefore set
 * afterwards on the two items activation wrote for each grid (read by id, and the version's copy),
 * rather than putting the grids again with `putGrid`, which would add unversioned list and cell
 * entries that no reader of an imported street ever sees. Staff are not invited through the map's
 * staff file either: the simulated city is already running, so its people are stored as users with
 * their roles (as the demo seed does), with their grid teams, property companies, centres, sites,
 * volunteer teams, stations and categories through the repositories.
 *
 * Idempotent and resumable: a marker per street (written last) skips streets already loaded, and
 * every write of a street tolerates "already there" (a street stopped half way is finished on the
 * next run). The map import's idempotency key is fixed per seed and street, so it replays.
 */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { centreItem } from '../../../functions/src/booking/adapters/dynamodb-centre-repository';
import { DynamoGridTeamRepository, DynamoPropertyCompanyRepository } from '../../../functions/src/identity/adapters/dynamodb-grid-team-repository';
import { DynamoPlaceRepository } from '../../../functions/src/identity/adapters/dynamodb-place-repository';
import { DynamoUserRepository } from '../../../functions/src/identity/adapters/dynamodb-user-repository';
import { gridKey, mapCopyKey } from '../../../functions/src/identity/adapters/keys';
import { activateStreetMap, importStreetMap } from '../../../functions/src/identity/domain/map-imports';
import type { Actor } from '../../../functions/src/platform/domain/actor';
import { ConflictError } from '../../../functions/src/platform/domain/errors';
import { claimFor } from '../../../functions/src/platform/domain/idempotency';
import { makeDocumentClient } from '../../../functions/src/platform/adapters/dynamodb/client';
import { DynamoCalendarStore } from '../../../functions/src/platform/adapters/dynamodb/calendar';
import { sha256 } from '../../../functions/src/platform/adapters/hash';
import { dynamoTeams } from '../../../functions/src/points/adapters/dynamodb-group-repository';
import { DynamoSiteRepository } from '../../../functions/src/points/adapters/dynamodb-site-repository';
import { DynamoCategoryRepository } from '../../../functions/src/requests/adapters/dynamodb-category-repository';
import { DynamoStationRepository } from '../../../functions/src/stations/adapters/dynamodb-station-repository';
import { shippedCalendars } from '../../../infra/calendar/files';
import { demoCategories } from '../../../infra/local/demo-categories';
import calendar2027 from '../calendar-2027.json';
import type { City, Ring, SimPerson, SimStreet } from './model';

export interface LoadOptions {
  endpoint: string;
  table: string;
  /** When the map imports are staged and activated. */
  now: Date;
  /** Writes in flight at most (default 24). */
  concurrency?: number;
  onProgress?: (msg: string) => void;
}

/** Runs `work` over `items` with at most `limit` in flight. */
export async function inPool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

/** Runs a write, treating "already there" (a conditional put that failed) as done. */
async function once(write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (e) {
    if (e instanceof ConflictError || (e as { name?: string }).name === 'ConditionalCheckFailedException') return;
    throw e;
  }
}

const polygon = (ring: Ring) => ({ type: 'Polygon', coordinates: [[...ring, ring[0]!].map((p) => [p.lng, p.lat])] });

/** A street's map as the street would upload it: GeoJSON of communities and grids, and the buildings CSV. */
export function streetMapFiles(city: City, streetId: string): { geojson: Record<string, unknown>; buildingsCsv: string } {
  const communities = city.communities.filter((c) => c.streetId === streetId);
  const ids = new Set(communities.map((c) => c.id));
  const features = [
    ...communities.map((c) => ({ type: 'Feature', properties: { kind: 'community', id: c.id, name: c.name }, geometry: polygon(c.boundary) })),
    ...city.grids
      .filter((g) => g.streetId === streetId)
      .map((g) => ({
        type: 'Feature',
        properties: { kind: 'grid', id: g.id, name: g.name, communityId: g.communityId, gridKind: g.kind ?? 'ordinary', households: g.households },
        geometry: polygon(g.boundary),
      })),
  ];
  const rows = city.buildings.filter((b) => ids.has(b.communityId)).map((b) => [b.id, b.name, b.compound, b.location.lat, b.location.lng].join(','));
  return { geojson: { type: 'FeatureCollection', features }, buildingsCsv: ['编号,名称,小区,纬度,经度', ...rows].join('\n') + '\n' };
}

/** Points the product's functions at the store (their dependencies are built from the environment once). */
async function identityDeps(endpoint: string, table: string) {
  const wiring = await import('../../../functions/src/platform/wiring');
  if (process.env.TABLE_NAME !== table || process.env.DYNAMODB_ENDPOINT !== endpoint) {
    Object.assign(process.env, { TABLE_NAME: table, DYNAMODB_ENDPOINT: endpoint });
    wiring.forgetDeps();
  }
  process.env.STAGE ??= 'local';
  process.env.AWS_REGION ??= 'local';
  process.env.SESSION_SECRET ??= 'simulation-session-secret-0123456789abcdef';
  process.env.WECHAT_APP_ID ??= 'wx-sim';
  process.env.WECHAT_APP_SECRET ??= 'sim-secret';
  process.env.UPLOAD_BUCKET ??= 'linli-sim-uploads';
  process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE ??= '1';
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  return (await import('../../../functions/src/handlers/identity')).deps();
}

const markerKey = (city: City, streetId: string) => ({ PK: `SIMLOAD#${city.size}#${city.seed}`, SK: `STREET#${streetId}` });

export async function loadCity(city: City, opts: LoadOptions): Promise<void> {
  const { endpoint, table, now } = opts;
  const limit = opts.concurrency ?? 24;
  const progress = opts.onProgress ?? (() => {});
  const doc = makeDocumentClient({ region: 'local', endpoint });
  try {
    const deps = await identityDeps(endpoint, table);
    const started = Date.now();

    // The holiday calendars: the shipped years and the simulated one (a year already loaded is left as it is).
    const calendar = new DynamoCalendarStore(doc, table);
    const loaded = new Set((await calendar.list()).map((y) => y.year));
    const years = [...shippedCalendars().map((f) => ({ year: f.year, ...f.body })), calendar2027];
    for (const y of years) {
      if (loaded.has(y.year)) continue;
      await calendar.put({ year: y.year, holidays: y.holidays, workdays: y.workdays, source: y.source ?? null, loadedAt: now.toISOString(), loadedBy: 'simulation' });
      loaded.add(y.year);
    }

    // Who lives and works where, by street (riders belong to none).
    const peopleOf = new Map<string | null, SimPerson[]>();
    for (const p of city.people) {
      const list = peopleOf.get(p.user.streetId) ?? [];
      list.push(p);
      peopleOf.set(p.user.streetId, list);
    }
    const streetOfCommunity = new Map(city.communities.map((c) => [c.id, c.streetId]));
    const byStreet = <T>(items: readonly T[], streetOf: (x: T) => string | undefined) => {
      const m = new Map<string, T[]>();
      for (const x of items) {
        const s = streetOf(x);
        if (s) m.set(s, [...(m.get(s) ?? []), x]);
      }
      return m;
    };
    const teamMembersOf = byStreet(city.teamMembers, (m) => streetOfCommunity.get(m.communityId));
    const companiesOf = byStreet(city.companies, (c) => c.streetId);
    const centresOf = byStreet(city.centres, (c) => c.streetId);
    const sitesOf = byStreet(city.sites, (s) => s.site.streetId);
    const teamsOf = byStreet(city.volunteerTeams, (t) => t.streetId);
    const stationsOf = byStreet(city.stations, (s) => s.streetId);

    const places = new DynamoPlaceRepository(doc, table);
    const users = new DynamoUserRepository(doc, table);
    const gridTeams = new DynamoGridTeamRepository(doc, table);
    const companies = new DynamoPropertyCompanyRepository(doc, table);
    const sites = new DynamoSiteRepository(doc, table);
    const teams = dynamoTeams(doc, table);
    const stations = new DynamoStationRepository(doc, table);
    const categories = new DynamoCategoryRepository(doc, table);
    const seedClaim = (id: string) => claimFor('simulation.seed', 'simulation', id, {}, now, sha256);

    const loadStreet = async (street: SimStreet, inFlight: number): Promise<string> => {
      const t0 = Date.now();
      const marker = await doc.send(new GetCommand({ TableName: table, Key: markerKey(city, street.id), ConsistentRead: true }));
      if (marker.Item) return 'already loaded';
      // The street itself (never put again: that would drop its active map version).
      if (!(await places.getStreet(street.id))) await places.putStreet({ id: street.id, name: street.name, city: street.city });

      // Its map, uploaded and activated by its admin.
      const people = peopleOf.get(street.id) ?? [];
      const admin = people.find((p) => p.user.roles.includes('street_admin'));
      if (!admin) throw new Error(`street ${street.id} has no street_admin`);
      const actor: Actor = { userId: admin.user.id, roles: admin.user.roles, streetId: street.id, communityId: null, gridId: null };
      const files = streetMapFiles(city, street.id);
      const { import: staged } = await importStreetMap(deps, actor, street.id, files, `sim-${city.seed}-map-${street.id}`.slice(0, 64), now);
      const active = await activateStreetMap(deps, actor, street.id, staged.id, now);

      const mapMs = Date.now() - t0;
      const tasks: (() => Promise<unknown>)[] = [];
      // The grids' published contacts, on the items activation wrote (see the note at the top).
      for (const g of city.grids) {
        if (g.streetId !== street.id || !g.contacts.length) continue;
        for (const Key of [gridKey(g.id), mapCopyKey(active.id, 'GRID', g.id)]) {
          tasks.push(() =>
            doc.send(new UpdateCommand({ TableName: table, Key, UpdateExpression: 'SET contacts = :c', ConditionExpression: 'attribute_exists(PK)', ExpressionAttributeValues: { ':c': g.contacts } })),
          );
        }
      }
      for (const p of people) tasks.push(() => once(() => users.create(p.user)));
      for (const m of teamMembersOf.get(street.id) ?? []) tasks.push(() => once(() => gridTeams.save(m, null, null)));
      for (const c of companiesOf.get(street.id) ?? []) tasks.push(() => companies.put(c));
      for (const c of centresOf.get(street.id) ?? []) {
        tasks.push(() => once(() => doc.send(new PutCommand({ TableName: table, Item: centreItem(c), ConditionExpression: 'attribute_not_exists(PK)' }))));
      }
      for (const s of sitesOf.get(street.id) ?? []) {
        tasks.push(async () => {
          await sites.create(s.site, seedClaim(s.site.id)).catch((e: unknown) => {
            if (!(e instanceof ConflictError) && (e as { name?: string }).name !== 'TransactionCanceledException') throw e;
          });
          for (const r of s.rewards) await sites.putReward(r);
        });
      }
      for (const t of teamsOf.get(street.id) ?? []) {
        tasks.push(() => once(() => teams.create(t, seedClaim(t.id), t.captainId)));
      }
      for (const s of stationsOf.get(street.id) ?? []) tasks.push(() => once(() => stations.create(s)));
      for (const c of city.communities) {
        if (c.streetId !== street.id) continue;
        for (const category of demoCategories) tasks.push(() => categories.put(c.id, category));
      }
      await inPool(tasks, inFlight, (t) => t().then(() => undefined));
      await doc.send(new PutCommand({ TableName: table, Item: { ...markerKey(city, street.id), entity: 'SimLoadMarker', at: new Date().toISOString(), mapVersion: active.id } }));
      const secs = (ms: number) => (ms / 1000).toFixed(1);
      return `loaded in ${secs(Date.now() - t0)} s (map ${secs(mapMs)} s, then ${tasks.length} writes)`;
    };

    // A few streets at once, each with its share of the writes in flight.
    const streetsAtOnce = Math.max(1, Math.min(4, Math.floor(limit / 8), city.streets.length));
    const perStreet = Math.max(1, Math.floor(limit / streetsAtOnce));
    let done = 0;
    await inPool(city.streets, streetsAtOnce, async (street) => {
      const outcome = await loadStreet(street, perStreet);
      done++;
      progress(`${done}/${city.streets.length} ${street.name} (${street.id}) ${outcome}`);
    });

    // Riders: no street of their own.
    const riders = peopleOf.get(null) ?? [];
    await inPool(riders, limit, (p) => once(() => users.create(p.user)));
    progress(`city loaded: ${city.streets.length} streets, ${city.people.length} people, ${riders.length} riders in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    doc.destroy();
  }
}
