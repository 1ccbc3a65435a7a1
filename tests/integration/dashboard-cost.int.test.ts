/**
 * What a dashboard costs in DynamoDB requests, against DynamoDB Local and the real handlers: a street
 * the size of the simulated one (6 communities of 8 grids, 11 departments), one community dashboard
 * and one street dashboard, every command counted with the capacity meter. The bounds do not grow
 * with grids, property units or departments: a community dashboard is a handful of reads, a street's
 * a handful per community (a regression that reads per unit or per queue fails here).
 */
import { MetricsResponse, StreetMetricsResponse } from '@linli/shared';
import { DynamoPlaceRepository } from '../../functions/src/identity/adapters/dynamodb-place-repository';
import { makeDocumentClient, meterCapacity, type CapacityReport } from '../../functions/src/platform/adapters/dynamodb/client';
import { fileRequest, inGrid1, inGrid2, staffAct } from '../support/builders';
import { startTestApi, type TestApi } from '../support/harness';

const STREET = 'st-suishan';
const GRIDS_PER_COMMUNITY = 8;
const EXTRA_COMMUNITIES = 4;
/** A community dashboard: the caller's token check, the community, its grids, categories, property units (2), counters, open items. */
const COMMUNITY_BOUND = 9;
/** A street dashboard: the token check, the street and its communities, then at most this many per community. */
const STREET_FIXED = 4;
const PER_COMMUNITY = 6;

const day = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
const PERIOD = `from=${day(new Date(Date.now() - 30 * 86400_000))}&to=${day(new Date())}`;

describe('what a dashboard costs in DynamoDB requests', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
    const doc = makeDocumentClient({ region: 'local', endpoint: api.stack.db.endpoint });
    const places = new DynamoPlaceRepository(doc, api.stack.table);
    // The demo street has 2 communities of 3 grids: make it the simulated street's size.
    const communities = ['cm-mingshan', 'cm-foguang'];
    for (let c = 0; c < EXTRA_COMMUNITIES; c++) {
      const id = `cm-cost-${c}`;
      await places.putCommunity({ id, streetId: STREET, name: `计量社区${c}` });
      communities.push(id);
    }
    for (const [c, communityId] of communities.entries()) {
      const first = communityId.startsWith('cm-cost') ? 0 : 3;
      for (let g = first; g < GRIDS_PER_COMMUNITY; g++) {
        const south = 30 + c * 0.1 + g * 0.01;
        await places.putGrid({
          id: `gd-cost-${c}-${g}`, communityId, streetId: STREET, name: `计量网格${c}-${g}`, households: 300, contacts: [],
          boundary: [{ lat: south, lng: 104 }, { lat: south, lng: 104.005 }, { lat: south + 0.005, lng: 104.005 }, { lat: south + 0.005, lng: 104 }],
        });
      }
    }
    doc.destroy();
    // Something to count: items handled, escalated, waiting, in two grids.
    const a = await fileRequest(api, { categoryId: 'fix-streetlight', description: '计量：路灯不亮', location: inGrid1 });
    expect((await staffAct(api, a.id, 'grid_worker', { action: 'accept' })).status).toBe(200);
    const b = await fileRequest(api, { categoryId: 'fix-road', description: '计量：路面坑洼', location: inGrid1 });
    expect((await staffAct(api, b.id, 'grid_worker', { action: 'escalate', reason: '需社区协调' })).status).toBe(200);
    await fileRequest(api, { categoryId: 'fix-road', description: '计量：第二处路面', location: inGrid2 });
  });
  afterAll(() => api.stop());

  /** The DynamoDB commands sent while `call` runs (the meter is process-wide; the API runs in this process). */
  async function commandsOf(call: () => Promise<unknown>): Promise<CapacityReport[]> {
    const seen: CapacityReport[] = [];
    const stop = meterCapacity((r) => seen.push(r));
    try {
      await call();
    } finally {
      stop();
    }
    return seen;
  }
  const describeCommands = (rs: CapacityReport[]) =>
    rs.map((r) => `${r.command} ${String(r.input.IndexName ?? '')} ${JSON.stringify(r.input.ExpressionAttributeValues ?? r.input.Key ?? '').slice(0, 90)}`).join('\n');

  it('a community dashboard is a handful of requests, whatever its grids and departments', async () => {
    const token = await api.tokenFor('street_admin');
    let body: unknown;
    const commands = await commandsOf(async () => {
      const res = await api.call('GET', `/communities/cm-mingshan/metrics?${PERIOD}`, { token });
      expect(res.status).toBe(200);
      body = res.body;
    });
    const m = MetricsResponse.parse(body);
    expect(m.grids).toHaveLength(GRIDS_PER_COMMUNITY);
    expect(m.totals.filed).toBe(3);
    expect(m.openNow.total).toBe(3);
    console.log(`community dashboard: ${commands.length} DynamoDB requests\n${describeCommands(commands)}`);
    expect(commands.length).toBeLessThanOrEqual(COMMUNITY_BOUND);
  });

  it('a street dashboard is a handful of requests per community', async () => {
    const token = await api.tokenFor('street_admin');
    let body: unknown;
    const commands = await commandsOf(async () => {
      const res = await api.call('GET', `/streets/${STREET}/metrics?${PERIOD}`, { token });
      expect(res.status).toBe(200);
      body = res.body;
    });
    const m = StreetMetricsResponse.parse(body);
    expect(m.communities).toHaveLength(2 + EXTRA_COMMUNITIES);
    expect(m.totals.filed).toBe(3);
    console.log(`street dashboard: ${commands.length} DynamoDB requests\n${describeCommands(commands)}`);
    expect(commands.length).toBeLessThanOrEqual(STREET_FIXED + PER_COMMUNITY * m.communities.length);
  });
});
