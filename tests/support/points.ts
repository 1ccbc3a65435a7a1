/** Test builders of the points job: a site with a reward, a person with points, a redemption. */
import { AccountDto, LedgerResponse, RedemptionResponse, SiteResponse } from '@linli/shared';
import { idemKey } from './builders';
import type { TestApi } from './harness';

/** A fresh redemption site of 名山社区 (by the demo community admin) with one reward. */
export async function siteWithReward(api: TestApi, reward: Record<string, unknown> = {}, site: Record<string, unknown> = {}): Promise<{ siteId: string; rewardId: string }> {
  const admin = await api.tokenFor('community_admin');
  const s = await api.call('POST', '/redemption-sites', {
    token: admin,
    body: { name: '测试兑换点', communityId: 'cm-mingshan', address: '测试地址', hours: '每天 9:00–17:00', ...site },
    headers: { 'idempotency-key': idemKey('site') },
  });
  if (s.status !== 201) throw new Error(`site: ${s.status} ${JSON.stringify(s.body)}`);
  const siteId = SiteResponse.parse(s.body).site.id;
  const r = await api.call('POST', `/redemption-sites/${siteId}/rewards`, { token: admin, body: { name: '测试物品', cost: 1, stock: 100, ...reward }, headers: { 'idempotency-key': idemKey('reward') } });
  if (r.status !== 201) throw new Error(`reward: ${r.status} ${JSON.stringify(r.body)}`);
  return { siteId, rewardId: r.body.reward.id as string };
}

/** A new resident of 名山社区 (registered) holding `points` added by the community admin. */
export async function personWithPoints(api: TestApi, points: number): Promise<{ token: string; userId: string }> {
  const fresh = await api.newUser();
  const reg = await api.call('PUT', '/me/registration', {
    token: fresh.token,
    body: { place: { by: 'search', communityId: 'cm-mingshan', gridId: 'gd-ms-1' }, address: { building: '名山小区5栋' }, name: '积分居民', phone: '13912345678' },
  });
  if (reg.status !== 200) throw new Error(`register: ${reg.status} ${JSON.stringify(reg.body)}`);
  const token = reg.body.token as string;
  const admin = await api.tokenFor('community_admin');
  for (let left = points; left > 0; left -= 500) {
    const c = await api.call('POST', '/points/credits', {
      token: admin,
      body: { userId: fresh.userId, points: Math.min(500, left), reason: '测试补记' },
      headers: { 'idempotency-key': idemKey('credit') },
    });
    if (c.status !== 201) throw new Error(`credit: ${c.status} ${JSON.stringify(c.body)}`);
  }
  return { token, userId: fresh.userId };
}

export const redeemAt = (api: TestApi, token: string, body: { siteId: string; rewardId: string }, key = idemKey('redeem')) =>
  api.call('POST', '/redemptions', { token, body, headers: { 'idempotency-key': key } });

export async function accountOf(api: TestApi, token: string): Promise<AccountDto> {
  return LedgerResponse.parse((await api.call('GET', '/points/me', { token })).body).account;
}

export const redemptionOf = (body: unknown) => RedemptionResponse.parse(body).redemption;
