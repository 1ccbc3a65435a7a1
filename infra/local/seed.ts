/** Loads the demo data set once: a marker item records which version of it was loaded. */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { makeDocumentClient } from '../../functions/src/platform/adapters/dynamodb/client';
import { DynamoUserRepository } from '../../functions/src/identity/adapters/dynamodb-user-repository';
import { DynamoGridTeamRepository, DynamoPropertyCompanyRepository } from '../../functions/src/identity/adapters/dynamodb-grid-team-repository';
import { DynamoPlaceRepository } from '../../functions/src/identity/adapters/dynamodb-place-repository';
import { DynamoStationRepository } from '../../functions/src/stations/adapters/dynamodb-station-repository';
import { DynamoApiKeyRepository } from '../../functions/src/platform/adapters/dynamodb/api-key-repository';
import { DynamoCategoryRepository } from '../../functions/src/requests/adapters/dynamodb-category-repository';
import { sha256 } from '../../functions/src/platform/adapters/hash';
import { DynamoCalendarStore } from '../../functions/src/platform/adapters/dynamodb/calendar';
import { shippedCalendars } from '../calendar/files';
import { centreItem } from '../../functions/src/booking/adapters/dynamodb-centre-repository';
import { demoCategories } from './demo-categories';
import { demoDutyLists } from './demo-duty-lists';
import { DynamoCommunityListRepository } from '../../functions/src/requests/adapters/dynamodb-community-lists';
import { centres } from './demo-centres';
import { seedPoints } from './demo-points';
import * as demo from './demo-data';

const MARKER = { PK: 'SEED#demo', SK: 'META' };
export const DEMO_VERSION = 14;

/** Demo partner API keys (local only): a 12345 hotline system and an Open311 client. */
export const DEMO_API_KEYS = { hotline: 'demo-hotline-key', open311: 'demo-open311-key' } as const;

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
    const teams = new DynamoGridTeamRepository(doc, table);
    for (const m of demo.teamMembers) {
      if (!(await teams.member(m.communityId, m.userId))) await teams.save(m, null, null);
    }
    const companies = new DynamoPropertyCompanyRepository(doc, table);
    for (const c of demo.propertyCompanies) await companies.put(c);
    for (const s of demo.stations) {
      if (!(await stations.get(s.id))) await stations.create(s);
    }
    const keys = new DynamoApiKeyRepository(doc, table);
    await keys.put(sha256(DEMO_API_KEYS.hotline), { partnerId: 'hotline-12345', name: '峨眉山市 12345 热线', streetId: demo.street.id, scopes: ['hotline'] });
    await keys.put(sha256(DEMO_API_KEYS.open311), { partnerId: 'open311-demo', name: 'Open311 演示客户端', streetId: demo.street.id, scopes: ['open311'] });
    const calendar = new DynamoCalendarStore(doc, table);
    const loaded = new Set((await calendar.list()).map((y) => y.year));
    for (const f of shippedCalendars()) {
      if (loaded.has(f.year)) continue;
      await calendar.put({ year: f.year, holidays: f.body.holidays, workdays: f.body.workdays, source: f.body.source ?? null, loadedAt: new Date().toISOString(), loadedBy: 'seed' });
    }
    for (const c of centres) {
      await doc.send(new PutCommand({ TableName: table, Item: centreItem(c), ConditionExpression: 'attribute_not_exists(PK)' })).catch((e: Error) => {
        if (e.name !== 'ConditionalCheckFailedException') throw e;
      });
    }
    const categories = new DynamoCategoryRepository(doc, table);
    for (const c of demo.communities) {
      for (const category of demoCategories) await categories.put(c.id, category);
    }
    // 名山社区 publishes its duty lists (a fresh table: version 1).
    const lists = new DynamoCommunityListRepository(doc, table);
    if (!(await lists.dutyLists('cm-mingshan'))) {
      await lists.putDutyLists({ communityId: 'cm-mingshan', ...demoDutyLists, version: 1, updatedAt: new Date().toISOString(), updatedByName: '演示数据' });
    }
    await seedPoints(doc, table);
    await doc.send(
      new PutCommand({ TableName: table, Item: { ...MARKER, entity: 'SeedMarker', version: DEMO_VERSION, at: new Date().toISOString() } }),
    );
    return 'loaded';
  } finally {
    doc.destroy();
  }
}
