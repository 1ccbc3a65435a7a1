/**
 * Hot spot: the 09:00 reward release (issue 14). A popular reward with `stock` places is released at
 * a set time; `tries` volunteers, each holding enough points, all tap 兑换 at that moment. The real
 * points handler must give exactly `stock` redemptions (201), refuse the rest with a clear 409
 * (`out_of_stock`), never take the stock below zero, and never charge anyone without a redemption;
 * taps before the release are refused (`not_released`). See docs/capacity.md.
 */
import { makeDocumentClient } from '../../../functions/src/platform/adapters/dynamodb/client';
import { sha256 } from '../../../functions/src/platform/adapters/hash';
import { claimFor } from '../../../functions/src/platform/domain/idempotency';
import { DynamoLedgerRepository } from '../../../functions/src/points/adapters/dynamodb-ledger-repository';
import { DynamoRedemptionRepository } from '../../../functions/src/points/adapters/dynamodb-redemption-repository';
import { DynamoSiteRepository } from '../../../functions/src/points/adapters/dynamodb-site-repository';
import type { RewardRecord } from '../../../functions/src/points/ports';
import { ensureMainTable } from '../../../infra/local/dynamodb-local';
import { seedDemo } from '../../../infra/local/seed';
import { handlersApi, inPool, perSecond, resident, seconds, storePeople } from './drive';

/** A redemption site of 名山社区 (the demo data's) with the given rewards. */
export async function pointsSite(endpoint: string, table: string, siteId: string, rewards: Omit<RewardRecord, 'siteId' | 'description' | 'picture' | 'monthlyLimit' | 'active'>[]): Promise<void> {
  await ensureMainTable(endpoint, table);
  await seedDemo(endpoint, table);
  const doc = makeDocumentClient({ region: 'local', endpoint });
  const sites = new DynamoSiteRepository(doc, table);
  const now = new Date();
  await sites.create(
    { id: siteId, name: '基准兑换点', communityId: 'cm-mingshan', streetId: 'st-suishan', address: '测试路', hours: '全天', serves: 'community', holdDays: 7, createdAt: now.toISOString() },
    claimFor('bench', 'bench', siteId, {}, now, sha256),
  );
  for (const r of rewards) await sites.putReward({ siteId, description: '', picture: null, monthlyLimit: null, active: true, ...r });
  doc.destroy();
}

export interface RewardReleaseFigures {
  tries: number;
  stock: number;
  /** Answers 201. */
  redeemed: number;
  /** redeemed − stock: above 0 is a defect. */
  oversold: number;
  /** The reward's stock item after the rush (stock − redeemed when all is well; never below 0). */
  stockLeft: number;
  /** 409 out_of_stock answers (the clear "sold out"). */
  soldOut: number;
  /** Any other answer (409 busy, 5xx…): each is a defect of the rush. */
  otherAnswers: Record<string, number>;
  /** Taps before releaseAt, and how many were refused with not_released. */
  early: number;
  earlyRefused: number;
  /** Accounts below zero, accounts whose balance is not the sum of their ledger, people charged without a redemption (or redeemed without a charge). */
  negativeBalances: number;
  ledgerMismatches: number;
  chargedWithoutRedemption: number;
  /** Redemption items stored for the reward (must equal redeemed). */
  storedRedemptions: number;
  wallSeconds: number;
  /** Accepted (201) per second, and all answers per second, over the rush. */
  perSecond: number;
  answersPerSecond: number;
  setupSeconds: number;
}

/**
 * Prepares the reward and the volunteers, fires `early` taps before the release, waits for it, then
 * all `tries` taps at once with `concurrency` in flight, and checks the store.
 */
export async function rewardRelease(o: { endpoint: string; table: string; tries?: number; stock?: number; concurrency?: number; early?: number; cost?: number }): Promise<RewardReleaseFigures> {
  const tries = o.tries ?? 20_000;
  const stock = o.stock ?? 2_000;
  const concurrency = o.concurrency ?? 200;
  const earlyTaps = o.early ?? 20;
  const cost = o.cost ?? 10;
  const siteId = 'ps-release';
  const rewardId = 'rw-release';
  // Before the set-up (and the release's clock): the first one in a process loads the handlers.
  const api = handlersApi();
  const t0 = Date.now();
  await ensureMainTable(o.endpoint, o.table);
  const ids = await storePeople(o.endpoint, o.table, { prefix: 'u-release-', count: tries, points: cost, concurrency: 50 });
  // The release is a moment after the set-up: enough to tap too early first (the first taps build the
  // handler's dependencies; at full size on a busy machine 3 s was not enough).
  const releaseAt = new Date(Date.now() + 10_000);
  await pointsSite(o.endpoint, o.table, siteId, [{ id: rewardId, name: '热门物品（定时开兑）', cost, stock, releaseAt: releaseAt.toISOString() }]);
  const setupMs = Date.now() - t0;
  const tap = (id: string, key: string) => api.call(resident(id), 'POST', '/redemptions', { key, body: { siteId, rewardId } });

  const early = await inPool(ids.slice(0, earlyTaps), 20, (id, i) => tap(id, `early-tap-${i}`));
  if (Date.now() >= releaseAt.getTime()) throw new Error('the early taps ran past the release: give them more time');
  const earlyRefused = early.filter((a) => a.status === 409 && a.body?.error?.code === 'not_released').length;
  await new Promise((r) => setTimeout(r, releaseAt.getTime() - Date.now() + 5));

  const start = process.hrtime.bigint();
  const answers = await inPool(ids, concurrency, (id, i) => tap(id, `release-tap-${i}`));
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const redeemed = answers.filter((a) => a.status === 201).length;
  const soldOut = answers.filter((a) => a.status === 409 && a.body?.error?.code === 'out_of_stock').length;
  const otherAnswers: Record<string, number> = {};
  for (const a of answers) {
    if (a.status === 201 || (a.status === 409 && a.body?.error?.code === 'out_of_stock')) continue;
    const k = `${a.status} ${a.body?.error?.code ?? ''}`.trim();
    otherAnswers[k] = (otherAnswers[k] ?? 0) + 1;
  }

  // The store, as it stands after the rush.
  const doc = makeDocumentClient({ region: 'local', endpoint: o.endpoint });
  const sites = new DynamoSiteRepository(doc, o.table);
  const ledger = new DynamoLedgerRepository(doc, o.table);
  const redemptions = new DynamoRedemptionRepository(doc, o.table);
  const stockLeft = (await sites.reward(siteId, rewardId))?.stock ?? NaN;
  const stored = (await redemptions.ofSite(siteId, stock * 2 + 10)).filter((r) => r.rewardId === rewardId);
  const byUser = new Map<string, number>();
  for (const r of stored) byUser.set(r.userId, (byUser.get(r.userId) ?? 0) + 1);
  let negativeBalances = 0;
  let ledgerMismatches = 0;
  let chargedWithoutRedemption = 0;
  await inPool(ids, 50, async (id) => {
    const [account, entries] = await Promise.all([ledger.account(id), ledger.entries(id, undefined, 100)]);
    const sum = entries.items.reduce((s, e) => s + e.points, 0);
    if (account.balance < 0) negativeBalances++;
    if (account.balance !== sum) ledgerMismatches++;
    if (account.balance !== cost - cost * (byUser.get(id) ?? 0)) chargedWithoutRedemption++;
  });
  doc.destroy();
  return {
    tries, stock, redeemed, oversold: redeemed - stock, stockLeft, soldOut, otherAnswers, early: earlyTaps, earlyRefused,
    negativeBalances, ledgerMismatches, chargedWithoutRedemption, storedRedemptions: stored.length,
    wallSeconds: seconds(ms), perSecond: perSecond(redeemed, ms), answersPerSecond: perSecond(answers.length, ms), setupSeconds: seconds(setupMs),
  };
}
