/**
 * The DynamoDB requests of the identity list routes: a list of any length is read in a fixed number
 * of requests (the people it names in one BatchGet per 100), not a GetItem per row. Every count
 * includes the session's freshness check (one GetItem of the caller's user item).
 *
 * Before → after (12 rows, each with its own person): GET /me/family 14 → 3,
 * GET /applications (12 and more) N + 3 → 4.
 */
import { ApplicationListResponse, FamilyLinkCodeResponse, FamilyLinksResponse, LoginResponse } from '@linli/shared';
import { idemKey } from '../support/builders';
import { startTestApi, type TestApi } from '../support/harness';
import { countRequests, type Sent } from '../support/requests';

const ROWS = 12;

describe('DynamoDB requests of the identity lists', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.stop());

  const names = (s: Sent) => s.commands.map((c) => c.split(' ')[0]).sort(); // the session check runs beside the route's reads

  it(`GET /me/family: 3 whatever the number of links (${ROWS} relatives in one BatchGet)`, async () => {
    const carer = await api.newUser();
    for (let i = 0; i < ROWS; i++) {
      const asked = await api.call('POST', '/family-links', { token: carer.token, body: { relation: 'parent' }, headers: { 'idempotency-key': idemKey('family') } });
      const code = FamilyLinkCodeResponse.parse(asked.body).request.code;
      const relative = await api.newUser();
      expect((await api.call('POST', `/family-links/${code}/consent`, { token: relative.token })).status).toBe(200);
    }
    const { result, sent } = await countRequests(() => api.call('GET', '/me/family', { token: carer.token }));
    expect(FamilyLinksResponse.parse(result.body).items).toHaveLength(ROWS);
    // The session's user, the caller's links, the other people.
    expect(names(sent)).toEqual(['BatchGetItem', 'GetItem', 'Query']);
  });

  it(`GET /applications: 4 whatever the number of applications (the applicants in one BatchGet)`, async () => {
    for (let i = 0; i < ROWS; i++) {
      const { token } = await api.newUser();
      const declared = LoginResponse.parse((await api.call('PUT', '/me/rider', { token, body: { rider: true, platform: 'meituan' } })).body);
      const applied = await api.call('POST', '/applications', { token: declared.token, body: { gridId: 'gd-ms-1', note: '愿意帮忙巡查' }, headers: { 'idempotency-key': idemKey('apply') } });
      expect(applied.status).toBe(201);
    }
    const admin = await api.tokenFor('community_admin');
    const { result, sent } = await countRequests(() => api.call('GET', '/applications?communityId=cm-mingshan', { token: admin }));
    expect(ApplicationListResponse.parse(result.body).items.length).toBeGreaterThanOrEqual(ROWS);
    // The session's user, the community, its applications, the applicants.
    expect(names(sent)).toEqual(['BatchGetItem', 'GetItem', 'GetItem', 'Query']);
  });
});
