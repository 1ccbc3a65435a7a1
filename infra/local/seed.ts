/** Loads the demo data set once: a marker item records which version of it was loaded. */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { makeDocumentClient } from '../../functions/src/adapters/dynamodb/client';
import { DynamoUserRepository } from '../../functions/src/adapters/dynamodb/identity-repository';
import { DynamoPlaceRepository } from '../../functions/src/adapters/dynamodb/place-repository';
import { DynamoStationRepository } from '../../functions/src/adapters/dynamodb/station-repository';
import { DynamoCategoryRepository } from '../../functions/src/adapters/dynamodb/request-repository';
import { demoCategories } from './demo-categories';
import * as demo from './demo-data';

const MARKER = { PK: 'SEED#demo', SK: 'META' };
export const DEMO_VERSION = 4;

export async function seedDemo(endpoint: string, table: string): Promise<'loaded' | 'present'> {
  const doc = makeDocumentClient({ region: 'local', endpoint });
  try {
    const marker = await doc.send(new GetCommand({ TableName: table, Key: MARKER }));
    if (marker.Item?.version === DEMO_VERSION) return 'present';
    const places = new DynamoPlaceRepository(doc, table);
    const users = new DynamoUserRepository(doc, table);
    const stations = new DynamoStationRepository(doc, table);
    await places.putStreet(demo.street);
    for (const c of demo.communities) await places.putCommunity(c);
    for (const g of demo.grids) await places.putGrid(g);
    for (const u of demo.users) {
      if (!(await users.get(u.id))) await users.create(u);
    }
    for (const s of demo.stations) {
      if (!(await stations.get(s.id))) await stations.create(s);
    }
    const categories = new DynamoCategoryRepository(doc, table);
    for (const c of demo.communities) {
      for (const category of demoCategories) await categories.put(c.id, category);
    }
    await doc.send(
      new PutCommand({ TableName: table, Item: { ...MARKER, entity: 'SeedMarker', version: DEMO_VERSION, at: new Date().toISOString() } }),
    );
    return 'loaded';
  } finally {
    doc.destroy();
  }
}
