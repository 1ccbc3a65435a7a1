/** Synthetic stations for benchmarks: uniform density around a city, optionally a province around it. */
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AMENITIES, type Amenity } from '@linli/shared';
import type { Station } from '../../functions/src/stations/domain/station';
import { stationItem } from '../../functions/src/stations/adapters/dynamodb-station-repository';
import { rng } from '../support/rng';

export { rng };

export const CITY = { lat: 29.6, lng: 103.48 };
/** City square side (km) and province square side (km): 100× the area. */
export const CITY_KM = 30;
export const PROVINCE_KM = 300;

const KM_LAT = 1 / 110.574;
const KM_LNG = 1 / (111.32 * Math.cos((CITY.lat * Math.PI) / 180));

function station(i: number, lat: number, lng: number, r: () => number): Station {
  const amenities = AMENITIES.filter(() => r() < 0.5) as Amenity[];
  return {
    id: `bench-${i}`,
    name: `基准测试驿站${i}`,
    address: `基准测试路${i}号`,
    location: { lat, lng },
    sourceDatum: 'wgs84',
    amenities: amenities.length ? amenities : ['water'],
    outOfOrder: {},
    hours: r() < 0.3 ? { kind: 'always' } : { kind: 'schedule', workday: [{ open: '08:00', close: '20:00' }], restday: [{ open: '09:00', close: '18:00' }] },
    status: 'open',
    closureNote: null,
    phone: null,
    keeperId: null,
    communityId: 'cm-bench',
    streetId: 'st-bench',
    lastConfirmed: null,
    openIssues: {},
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    version: 1,
  };
}

/** `count` stations uniform over the city square (seeded, so every run gets the same set). */
export function cityStations(count: number, seed = 1): Station[] {
  const r = rng(seed);
  return Array.from({ length: count }, (_, i) =>
    station(i, CITY.lat + (r() - 0.5) * CITY_KM * KM_LAT, CITY.lng + (r() - 0.5) * CITY_KM * KM_LNG, r),
  );
}

/** `count` stations uniform over the province square but outside the city square (same density). */
export function provinceStations(count: number, offset: number, seed = 2): Station[] {
  const r = rng(seed);
  const out: Station[] = [];
  while (out.length < count) {
    const dy = (r() - 0.5) * PROVINCE_KM;
    const dx = (r() - 0.5) * PROVINCE_KM;
    if (Math.abs(dy) < CITY_KM / 2 && Math.abs(dx) < CITY_KM / 2) continue;
    out.push(station(offset + out.length, CITY.lat + dy * KM_LAT, CITY.lng + dx * KM_LNG, r));
  }
  return out;
}

/** Writes stations as the repository stores them, 25 per BatchWrite, `parallel` batches at once. */
export async function loadStations(doc: DynamoDBDocumentClient, table: string, stations: Station[], parallel = 8): Promise<void> {
  const items = stations.map(stationItem);
  const batches: (typeof items)[] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      let pending: Record<string, unknown>[] = batches[next++]!.map((Item) => ({ PutRequest: { Item } }));
      while (pending.length) {
        const out = await doc.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
        pending = (out.UnprocessedItems?.[table] ?? []) as Record<string, unknown>[];
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}
