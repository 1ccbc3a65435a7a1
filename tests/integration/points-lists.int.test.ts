/**
 * The DynamoDB requests of the points list routes: a list of any length is read in a fixed number
 * of requests (the people it names, and the sites of my redemptions, in one BatchGet per 100),
 * not a GetItem per row. Every count includes the session's freshness check (one GetItem of the
 * caller's user item).
 *
 * Before → after (12 rows, each with its own person): GET /needs?scope=open 14 → 3,
 * GET /points/service-reports?scope=review 14 → 3, GET /teams 15 → 4, GET /redemptions/mine (12
 * sites, 3 collected) 17 → 4.
 */
import { NeedListResponse, RedemptionListResponse, ServiceReportListResponse, TeamListResponse } from '@linli/shared';
import { idemKey } from '../support/builders';
import { startTestApi, type TestApi } from '../support/harness';
import { personWithPoints, redeemAt, redemptionOf, siteWithReward } from '../support/points';
import { countRequests, type Sent } from '../support/requests';

const ROWS = 12;

describe('DynamoDB requests of the points lists', () => {
  let api: TestApi;
  let admin: string;
  let people: { token: string; userId: string }[];
  beforeAll(async () => {
    api = await startTestApi();
    admin = await api.tokenFor('community_admin');
    people = [];
    for (let i = 0; i < ROWS; i++) people.push(await personWithPoints(api, 0));
  });
  afterAll(() => api.stop());

  const names = (s: Sent) => s.commands.map((c) => c.split(' ')[0]).sort(); // the session check runs beside the route's reads
  const tomorrow = new Date(Date.now() + 86400_000).toISOString();

  it(`GET /needs?scope=open: 3 whatever the number of needs (${ROWS} requesters in one BatchGet)`, async () => {
    for (const p of people) {
      const res = await api.call('POST', '/needs', { token: p.token, body: { kind: 'shopping', title: '代买测试', place: '名山小区5栋', when: tomorrow, minutes: 30 }, headers: { 'idempotency-key': idemKey('need') } });
      expect(res.status).toBe(201);
    }
    const token = await api.tokenFor('volunteer');
    const { result, sent } = await countRequests(() => api.call('GET', '/needs?scope=open', { token }));
    expect(NeedListResponse.parse(result.body).items.length).toBeGreaterThanOrEqual(ROWS);
    // The session's user, the community's open needs, the people they name.
    expect(names(sent)).toEqual(['BatchGetItem', 'GetItem', 'Query']);
  });

  it(`GET /points/service-reports?scope=review: 3 whatever the number of reports`, async () => {
    for (const p of people) {
      const res = await api.call('POST', '/points/service-reports', { token: p.token, body: { kind: 'good_deed', doerName: '好心人', description: '帮邻居搬东西', occurredOn: '2026-12-01' }, headers: { 'idempotency-key': idemKey('report') } });
      expect(res.status).toBe(201);
    }
    const { result, sent } = await countRequests(() => api.call('GET', '/points/service-reports?scope=review', { token: admin }));
    expect(ServiceReportListResponse.parse(result.body).items.length).toBeGreaterThanOrEqual(ROWS);
    expect(names(sent)).toEqual(['BatchGetItem', 'GetItem', 'Query']);
  });

  it(`GET /teams: 4 whatever the number of teams (${ROWS} captains in one BatchGet)`, async () => {
    for (const p of people) {
      const res = await api.call('POST', '/teams', { token: admin, body: { communityId: 'cm-mingshan', name: '测试队', description: '', captainId: p.userId }, headers: { 'idempotency-key': idemKey('team') } });
      expect(res.status).toBe(201);
    }
    const { result, sent } = await countRequests(() => api.call('GET', '/teams', { token: people[0]!.token }));
    expect(TeamListResponse.parse(result.body).items.length).toBeGreaterThanOrEqual(ROWS);
    // The session's user, the community's teams and the caller's, the captains.
    expect(names(sent)).toEqual(['BatchGetItem', 'GetItem', 'Query', 'Query']);
  });

  it(`GET /redemptions/mine: 4 whatever the number of redemptions (their sites and collectors, a BatchGet each)`, async () => {
    const p = await personWithPoints(api, ROWS);
    const codes: { siteId: string; code: string }[] = [];
    for (let i = 0; i < ROWS; i++) {
      const reward = await siteWithReward(api, { cost: 1 });
      const res = await redeemAt(api, p.token, reward);
      expect(res.status).toBe(201);
      codes.push({ siteId: reward.siteId, code: redemptionOf(res.body).code });
    }
    for (const { siteId, code } of codes.slice(0, 3)) expect((await api.call('POST', `/redemption-sites/${siteId}/collections`, { token: admin, body: { code } })).status).toBe(200);
    const { result, sent } = await countRequests(() => api.call('GET', '/redemptions/mine', { token: p.token }));
    const items = RedemptionListResponse.parse(result.body).items;
    expect(items).toHaveLength(ROWS);
    expect(items.filter((r) => r.collectedByName).length).toBe(3);
    expect(items.every((r) => r.siteName === '测试兑换点')).toBe(true);
    // The session's user, my redemptions, the sites, the collectors.
    expect(names(sent)).toEqual(['BatchGetItem', 'BatchGetItem', 'GetItem', 'Query']);
  });
});
