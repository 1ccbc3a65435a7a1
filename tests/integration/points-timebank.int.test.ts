/**
 * The time bank on the real local store: an elder posts a need and pays for it with hours his
 * daughter gave him; a volunteer takes it (only one can), serves it and is credited once; gifts go
 * only to linked family and stop at the yearly cap; hours never go below zero.
 */
import { LedgerResponse, NeedListResponse, NeedResponse } from '@linli/shared';
import { idemKey } from '../support/builders';
import { startTestApi, type TestApi } from '../support/harness';
import { accountOf, personWithPoints } from '../support/points';

describe('time bank', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.stop());

  const admin = () => api.tokenFor('community_admin');
  /** Hours (and a point) credited by the community to someone, e.g. for service recorded on paper. */
  async function bankHours(userId: string, minutes: number) {
    const res = await api.call('POST', '/points/credits', { token: await admin(), body: { userId, points: 1, minutes, reason: '纸质服务记录补录' }, headers: { 'idempotency-key': idemKey('hours') } });
    expect(res.status).toBe(201);
  }
  async function linkFamily(carer: { token: string }, elder: { token: string }) {
    const req = await api.call('POST', '/family-links', { token: carer.token, body: { relation: 'parent' }, headers: { 'idempotency-key': idemKey('fam') } });
    expect((await api.call('POST', `/family-links/${req.body.request.code}/consent`, { token: elder.token })).status).toBe(200);
  }
  const give = (from: { token: string }, toUserId: string, minutes: number, key = idemKey('give')) =>
    api.call('POST', '/points/transfers', { token: from.token, body: { toUserId, minutes }, headers: { 'idempotency-key': key } });
  const post = (who: { token: string }, body: Record<string, unknown>) =>
    api.call('POST', '/needs', {
      token: who.token,
      body: { kind: 'ride', title: '陪同去医院复查', place: '市人民医院', when: new Date(Date.now() + 86400_000).toISOString(), minutes: 60, ...body },
      headers: { 'idempotency-key': idemKey('need') },
    });
  const act = async (role: 'volunteer' | 'parttime_grid_worker', path: string, body?: unknown) => api.call('POST', path, { token: await api.tokenFor(role), body });

  it('an elder posts a need, a volunteer takes it, and the elder pays with hours his daughter gave him', async () => {
    const elder = await personWithPoints(api, 1);
    const daughter = await personWithPoints(api, 1);
    await bankHours(daughter.userId, 180);
    await linkFamily(daughter, elder);
    const key = idemKey('give');
    const gift = await give(daughter, elder.userId, 120, key);
    expect(gift.status).toBe(201);
    expect(gift.body).toMatchObject({ givenMinutes: 120, givenThisYear: 120, bankMinutes: 60 });
    expect((await give(daughter, elder.userId, 120, key)).status).toBe(201); // a retried tap gives once
    expect((await accountOf(api, elder.token)).bankMinutes).toBe(120);

    const posted = await post(elder, { payWithHours: true });
    expect(posted.status).toBe(201);
    const need = NeedResponse.parse(posted.body).need;
    expect(need).toMatchObject({ status: 'open', role: 'requester' });
    const open = NeedListResponse.parse((await api.call('GET', '/needs?scope=open', { token: await api.tokenFor('volunteer') })).body);
    const seen = open.items.find((n) => n.id === need.id)!;
    expect(seen.phone).toBeNull(); // volunteers browsing see neither name nor phone
    expect(seen.requesterName).toMatch(/^积\*+$/);

    // Two volunteers tap 接单 at once: one gets it.
    const races = await Promise.all([act('volunteer', `/needs/${need.id}/take`), act('parttime_grid_worker', `/needs/${need.id}/take`), act('volunteer', `/needs/${need.id}/take`)]);
    const winners = races.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    expect(races.filter((r) => r.status === 409).every((r) => r.body.error.code === 'need_taken')).toBe(true);
    const taker: 'volunteer' | 'parttime_grid_worker' = winners[0]!.body.need.volunteerName === '王桂芳' ? 'volunteer' : 'parttime_grid_worker';
    expect(winners[0]!.body.need.phone).toBe('13912345678');

    expect((await act(taker, `/needs/${need.id}/done`, { minutes: 90, note: '已陪同复查并取药' })).status).toBe(200);
    const before = LedgerResponse.parse((await api.call('GET', '/points/me', { token: await api.tokenFor(taker) })).body).account;
    const confirmed = await api.call('POST', `/needs/${need.id}/confirmation`, { token: elder.token, body: { score: 5, comment: '很耐心' } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.need).toMatchObject({ status: 'confirmed', paidMinutes: 90, rating: { score: 5 } });
    expect((await accountOf(api, elder.token)).bankMinutes).toBe(30);
    const after = LedgerResponse.parse((await api.call('GET', '/points/me', { token: await api.tokenFor(taker) })).body);
    expect(after.account.balance - before.balance).toBe(15);
    expect(after.account.servedMinutes - before.servedMinutes).toBe(90);
    expect(after.account.bankMinutes - before.bankMinutes).toBe(90);
    expect(after.entries[0]).toMatchObject({ kind: 'earn', points: 15, minutes: 90, bank: 90, verified: true, source: { type: 'need', id: need.id } });
    const again = await api.call('POST', `/needs/${need.id}/confirmation`, { token: elder.token, body: { score: 5 } });
    expect([again.status, again.body.error.code]).toEqual([409, 'invalid_transition']);
    const elderLedger = LedgerResponse.parse((await api.call('GET', '/points/me', { token: elder.token })).body);
    expect(elderLedger.entries.map((e) => [e.kind, e.bank])).toEqual([['payment', -90], ['transfer_in', 120], ['earn', 0]]);
  });

  it('refuses a payment the time bank cannot cover, leaving the need to confirm without paying', async () => {
    const elder = await personWithPoints(api, 1);
    const need = NeedResponse.parse((await post(elder, { kind: 'company', title: '陪伴聊天', payWithHours: true })).body).need;
    await act('volunteer', `/needs/${need.id}/take`);
    await act('volunteer', `/needs/${need.id}/done`, { minutes: 60 });
    const refused = await api.call('POST', `/needs/${need.id}/confirmation`, { token: elder.token, body: { score: 4 } });
    expect([refused.status, refused.body.error.code]).toEqual([409, 'insufficient_hours']);
    const ok = await api.call('POST', `/needs/${need.id}/confirmation`, { token: elder.token, body: { score: 4, payWithHours: false } });
    expect(ok.body.need).toMatchObject({ status: 'confirmed', paidMinutes: 0 });
    expect((await accountOf(api, elder.token)).bankMinutes).toBe(0);
  });

  it('gives hours only to linked family, never more than he has, and at most 20 hours a year', async () => {
    const giver = await personWithPoints(api, 1);
    const stranger = await personWithPoints(api, 1);
    const mother = await personWithPoints(api, 1);
    await bankHours(giver.userId, 750);
    await bankHours(giver.userId, 750);
    expect((await give(giver, stranger.userId, 60)).status).toBe(403);
    await linkFamily(giver, mother);
    expect((await give(giver, mother.userId, 1200)).status).toBe(201);
    const capped = await give(giver, mother.userId, 30);
    expect([capped.status, capped.body.error.code]).toEqual([409, 'yearly_gift_cap']);
    const poor = await personWithPoints(api, 1);
    await linkFamily(poor, mother);
    const none = await give(poor, mother.userId, 60);
    expect([none.status, none.body.error.code]).toEqual([409, 'insufficient_hours']);
    expect((await accountOf(api, giver.token)).bankMinutes).toBe(300);
  });

  it('lets the community dispatch a need to a volunteer, and a carer post and confirm for his parent', async () => {
    const elder = await personWithPoints(api, 1);
    const son = await personWithPoints(api, 1);
    await linkFamily(son, elder);
    const posted = await post(son, { forUserId: elder.userId, kind: 'repair', title: '换灯泡' });
    expect(posted.status).toBe(201);
    const need = NeedResponse.parse(posted.body).need;
    expect(need).toMatchObject({ role: 'poster', requesterName: '积分居民' });
    const dispatched = await api.call('POST', `/needs/${need.id}/assignment`, { token: await admin(), body: { volunteerId: 'u-demo-volunteer' } });
    expect(dispatched.body.need).toMatchObject({ status: 'taken', volunteerName: '王桂芳' });
    expect((await api.call('POST', `/needs/${need.id}/assignment`, { token: await admin(), body: { volunteerId: 'u-demo-resident' } })).status).toBe(400);
    await act('volunteer', `/needs/${need.id}/done`, { minutes: 30 });
    expect((await api.call('POST', `/needs/${need.id}/confirmation`, { token: son.token, body: { score: 5 } })).body.need.status).toBe('confirmed');
    const stranger = await personWithPoints(api, 1);
    expect((await post(stranger, { forUserId: elder.userId })).status).toBe(403);
    const mine = NeedListResponse.parse((await api.call('GET', '/needs?scope=mine', { token: elder.token })).body);
    expect(mine.items.map((n) => n.id)).toContain(need.id);
    expect((await api.call('GET', '/needs?scope=open', { token: elder.token })).status).toBe(403);
  });

  it('lets a building leader post for a neighbour without a smartphone and confirm for him; the volunteer goes to the neighbour', async () => {
    const leader = { token: await api.tokenFor('building_leader') };
    const neighbour = { name: '孙大爷', phone: '13800001111', address: '名山小区3栋1单元101' };
    const refused = await post(await (async () => ({ token: await api.tokenFor('resident') }))(), { forNeighbour: neighbour });
    expect(refused.status).toBe(403);
    expect((await post(leader, { forNeighbour: neighbour, payWithHours: true })).status).toBe(400);
    const posted = await post(leader, { forNeighbour: neighbour, kind: 'shopping', title: '帮忙买菜' });
    expect(posted.status).toBe(201);
    const need = NeedResponse.parse(posted.body).need;
    expect(need).toMatchObject({ requesterName: '孙大爷', postedByName: '黄淑珍', neighbourAddress: '名山小区3栋1单元101', phone: '138****1111' });
    const browse = NeedListResponse.parse((await api.call('GET', '/needs?scope=open', { token: await api.tokenFor('volunteer') })).body).items.find((n) => n.id === need.id)!;
    expect([browse.requesterName, browse.neighbourAddress, browse.phone]).toEqual(['孙**', null, null]);
    const taken = await act('volunteer', `/needs/${need.id}/take`);
    expect(taken.body.need).toMatchObject({ phone: '13800001111', neighbourAddress: '名山小区3栋1单元101' });
    await act('volunteer', `/needs/${need.id}/done`, { minutes: 40 });
    const done = await api.call('POST', `/needs/${need.id}/confirmation`, { token: leader.token, body: { score: 5, comment: '电话回访：孙大爷很满意' } });
    expect(done.body.need).toMatchObject({ status: 'confirmed', paidMinutes: 0 });
  });
});
