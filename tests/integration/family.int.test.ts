/** Family links on the real local store: ask, consent (once, by someone else), list both ways, revoke, deleted accounts. */
import { FamilyLinkCodeResponse, FamilyLinksResponse } from '@linli/shared';
import { idemKey } from '../support/builders';
import { startTestApi, type TestApi } from '../support/harness';

describe('family links', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.stop());

  const ask = (token: string, body: Record<string, unknown>, key = idemKey('family')) =>
    api.call('POST', '/family-links', { token, body, headers: { 'idempotency-key': key } });

  it('links a daughter to her mother once the mother consents; both see it, each from their side; either can end it', async () => {
    const daughter = await api.tokenFor('resident'); // 张秀英 looks after her mother
    const key = idemKey('family');
    const asked = await ask(daughter, { relation: 'parent', note: '女儿 张秀英' }, key);
    expect(asked.status).toBe(201);
    const req = FamilyLinkCodeResponse.parse(asked.body).request;
    expect(req).toMatchObject({ relation: 'parent', relationLabel: '父母', requesterName: '张秀英', status: 'open', path: `packages/family/index?code=${req.code}` });
    expect((await ask(daughter, { relation: 'parent', note: '女儿 张秀英' }, key)).body.request.code).toBe(req.code);

    // Her code's 小程序码 is hers alone: WeChat's scanner opens the consent page with the code.
    const wxa = await api.call('GET', `/family-links/${req.code}/wxacode`, { token: daughter });
    expect(wxa.body).toMatchObject({ page: 'packages/family/index', scene: req.code, image: expect.stringMatching(/^data:image\/gif;base64,/) });
    const mother = await api.newUser();
    expect((await api.call('GET', `/family-links/${req.code}/wxacode`, { token: mother.token })).status).toBe(403);
    const preview = await api.call('GET', `/family-links/${req.code}`, { token: mother.token });
    expect(preview.body.request).toMatchObject({ requesterName: '张秀英', note: '女儿 张秀英' });
    expect((await api.call('POST', `/family-links/${req.code}/consent`, { token: daughter })).body.error.code).toBe('own_request');
    const consent = await api.call('POST', `/family-links/${req.code}/consent`, { token: mother.token });
    expect(consent.status).toBe(200);
    expect(FamilyLinksResponse.parse(consent.body).items).toEqual([
      expect.objectContaining({ userId: 'u-demo-resident', name: '张秀英', direction: 'cared', relation: 'child', relationLabel: '子女' }),
    ]);
    const mine = FamilyLinksResponse.parse((await api.call('GET', '/me/family', { token: daughter })).body).items;
    expect(mine).toContainEqual(expect.objectContaining({ userId: mother.userId, direction: 'carer', relationLabel: '父母', name: '微信用户' }));
    expect((await api.call('GET', `/family-links/${req.code}/wxacode`, { token: daughter })).body.error.code).toBe('family_code_closed');
    const other = await api.newUser();
    const used = await api.call('POST', `/family-links/${req.code}/consent`, { token: other.token });
    expect([used.status, used.body.error.code]).toEqual([409, 'family_code_used']);

    // The mother revokes her consent: the link is gone on both sides.
    const ended = await api.call('POST', `/me/family/u-demo-resident/revocation`, { token: mother.token });
    expect(ended.body.items).toEqual([]);
    expect(FamilyLinksResponse.parse((await api.call('GET', '/me/family', { token: daughter })).body).items.map((l) => l.userId)).not.toContain(mother.userId);
    expect((await api.call('POST', `/me/family/u-demo-resident/revocation`, { token: mother.token })).status).toBe(404);
  });

  it('lets only one of two people consent to one code, and drops links of a deleted account', async () => {
    const carer = await api.newUser();
    const req = FamilyLinkCodeResponse.parse((await ask(carer.token, { relation: 'parent' })).body).request;
    const [a, b] = await Promise.all([api.newUser(), api.newUser()]);
    const results = await Promise.all([a, b].map((u) => api.call('POST', `/family-links/${req.code}/consent`, { token: u.token })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results[0]!.status === 200 ? a : b;
    expect((await api.call('GET', '/me/family', { token: carer.token })).body.items).toHaveLength(1);
    expect((await api.call('POST', '/me/deletion', { token: winner.token, body: { confirm: true } })).status).toBe(200);
    expect((await api.call('GET', '/me/family', { token: carer.token })).body.items).toEqual([]);
    expect((await ask(carer.token, { relation: 'uncle' })).body.error.fields[0].field).toBe('relation');
  });
});
