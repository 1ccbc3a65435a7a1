/**
 * The DynamoDB requests of the identity list routes: a list of any length is read in a fixed number
 * of requests (the people it names in one BatchGet per 100), not a GetItem per row. Every count
 * includes the session's freshness check (one GetItem of the caller's user item).
 *
 * Before → after (12 rows, each with its own person): GET /me/family 14 → 3,
 * GET /applications (12 and more) N + 3 → 4. The communities of a street with their grids (C
 * communities): one Query of grids each is left (grids are listed per community), but the community
 * and its street are no longer read again for each: GET /places/streets/{id}/communities 3C + 4 →
 * C + 4, GET /communities (street admin) 3C + 3 → C + 4; the grids of a street that filing by
 * position reads (Open311 posts, hotline imports) 3C + 2 → C + 3.
 */
import { ApplicationListResponse, CommunitiesResponse, FamilyLinkCodeResponse, FamilyLinksResponse, LoginResponse, StreetCommunitiesResponse } from '@linli/shared';
import { DynamoPlaceRepository } from '../../functions/src/identity/adapters/dynamodb-place-repository';
import { makeDocumentClient } from '../../functions/src/platform/adapters/dynamodb/client';
import { gridsOfStreet } from '../../functions/src/requests/domain/placement';
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

  it('GET /places/streets/{id}/communities and GET /communities: one Query of grids per community, no GetItem per community', async () => {
    const count = (s: Sent, name: string) => names(s).filter((n) => n === name).length;
    const token = await api.tokenFor('resident');
    const street = await countRequests(() => api.call('GET', '/places/streets/st-suishan/communities', { token }));
    const c = StreetCommunitiesResponse.parse(street.result.body).items.length;
    expect(c).toBeGreaterThanOrEqual(2);
    // The session's user, the street (checked, then its map version), its communities, each one's grids.
    expect([count(street.sent, 'GetItem'), count(street.sent, 'Query'), street.sent.count]).toEqual([3, c + 1, c + 4]);
    const streetAdmin = await api.tokenFor('street_admin');
    const admin = await countRequests(() => api.call('GET', '/communities', { token: streetAdmin }));
    expect(CommunitiesResponse.parse(admin.result.body).items).toHaveLength(c);
    expect([count(admin.sent, 'GetItem'), count(admin.sent, 'Query'), admin.sent.count]).toEqual([3, c + 1, c + 4]);
  });

  it('reads the grids of a street (filing by position) with one Query per community and no GetItem per community', async () => {
    const places = new DynamoPlaceRepository(makeDocumentClient({ region: 'local', endpoint: api.stack.db.endpoint }), api.stack.table);
    const { result, sent } = await countRequests(() => gridsOfStreet(places, 'st-suishan'));
    const c = result.size;
    expect(c).toBeGreaterThanOrEqual(2);
    expect([...result.values()].every((grids) => grids.length > 0)).toBe(true);
    // The street (its map version), the street again inside the communities' list, the communities, each one's grids.
    expect(names(sent)).toEqual(['GetItem', 'GetItem', ...Array.from({ length: c + 1 }, () => 'Query')]);
  });
});
