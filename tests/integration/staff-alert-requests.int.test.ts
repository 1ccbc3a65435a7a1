/**
 * The DynamoDB requests of the tick's staff-alert delivery: one delivery spanning many communities
 * reads their robot settings in one BatchGet (per 100), not a GetItem per community.
 *
 * Before → after (alerts of 12 communities in one delivery): 12 → 1.
 */
import { makeDocumentClient } from '../../functions/src/platform/adapters/dynamodb/client';
import type { OutboxEntry } from '../../functions/src/platform/domain/outbox';
import type { GroupRobot } from '../../functions/src/platform/ports/group-robot';
import { DynamoCommunityListRepository } from '../../functions/src/requests/adapters/dynamodb-community-lists';
import { newRequest } from '../../functions/src/requests/domain/request';
import { alertMessage, staffAlertHandler } from '../../functions/src/requests/domain/staff-alerts';
import { demoCategories } from '../../infra/local/demo-categories';
import { CN_CALENDAR } from '../support/calendar';
import { startTestApi, type TestApi } from '../support/harness';
import { countRequests } from '../support/requests';

const T0 = new Date('2027-03-01T01:00:00.000Z');
const COMMUNITIES = 12;

function alertIn(communityId: string, i: number): OutboxEntry {
  const r = newRequest({
    id: `r-alert-${i}`, source: 'resident', category: demoCategories.find((c) => c.id === 'fix-road')!, description: `路面坑洼 ${i}`, photos: [],
    location: { lat: 29.6, lng: 103.48 }, sourceDatum: 'gcj02', address: null, anonymous: false, reporter: { id: 'u-1', name: '居民', phone: null },
    streetId: 'st', communityId, gridId: `gd-${communityId}`, now: new Date(T0.getTime() - 24 * 3600_000), calendar: CN_CALENDAR, actor: null,
  }).next;
  return { ...alertMessage({ ...r, number: `20270228-${String(i).padStart(4, '0')}` }, 'escalated'), id: r.id, dueAt: T0.toISOString(), attempts: 0, ref: r.id };
}

describe('DynamoDB requests of the staff-alert delivery', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.stop());

  it(`reads the robot settings of ${COMMUNITIES} communities in one BatchGet`, async () => {
    const communityLists = new DynamoCommunityListRepository(makeDocumentClient({ region: 'local', endpoint: api.stack.db.endpoint }), api.stack.table);
    const ids = Array.from({ length: COMMUNITIES }, (_, i) => `cm-alerts-${i}`);
    // The last community has no robot set: its alerts are done with, nothing posted.
    for (const id of ids.slice(0, -1)) await communityLists.putStaffAlerts({ communityId: id, communityWebhook: `hook-${id}`, grids: [{ gridId: `gd-${id}`, webhook: `grid-hook-${id}` }], version: 1, updatedAt: null });
    const posts: string[] = [];
    const robot: GroupRobot = { post: async (webhook) => (posts.push(webhook), 'sent') };
    const entries = ids.flatMap((id, i) => [alertIn(id, 2 * i), alertIn(id, 2 * i + 1)]);
    const { result, sent } = await countRequests(() => staffAlertHandler({ communityLists, robot }).batch(entries, T0));
    expect(result).toEqual(entries.map(() => 'done'));
    expect(posts.sort()).toEqual(ids.slice(0, -1).map((id) => `grid-hook-${id}`).sort());
    expect(sent.commands).toEqual([`BatchGetItem ×${COMMUNITIES}`]);
  });
});
