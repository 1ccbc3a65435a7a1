/**
 * Redeeming a reward with points: one transaction debits the balance (never below zero), takes one
 * from the stock (never below zero), counts the month and stores the pickup code; cancelling before
 * pickup or letting it lapse gives both back; site staff collect it once.
 */
import type { AccountDto, RedemptionDto } from '@linli/shared';
import type { Actor } from '../../platform/domain/actor';
import { ConflictError, ForbiddenError, NotFoundError } from '../../platform/domain/errors';
import { withFreshCode } from '../../platform/domain/codes';
import { claimFor, replayOf } from '../../platform/domain/idempotency';
import { shanghaiDate } from '../../platform/domain/opening-hours';
import type { TickTask } from '../../platform/domain/tick';
import type { UserRecord } from '../../identity/ports';
import type { RedemptionRecord, SiteRecord } from '../ports';
import { accountOf } from './accounts';
import { staffsSite } from './access';
import type { PointsDeps } from './deps';
import { entryOf, refundPlan, spendPlan } from './ledger';
import { requireSite, serves } from './sites';

/** "12月4日 09:00" in China time. */
function shanghaiTime(iso: string): string {
  const local = new Date(Date.parse(iso) + 8 * 3600_000).toISOString();
  return `${Number(local.slice(5, 7))}月${Number(local.slice(8, 10))}日 ${local.slice(11, 16)}`;
}

/** The end of that day in China time: a reward waits for pickup to the end of its last day. */
const endOfDay = (d: Date): string => new Date(`${shanghaiDate(d)}T23:59:59+08:00`).toISOString();

/** How many times a redemption re-reads the lots when a concurrent spend took them first. */
const LOT_RETRIES = 30;

/**
 * `known`: the sites and people of a list, read together by the caller; without it, this
 * redemption's site (unless given) and who collected it and whose it is are read (one request).
 */
export async function toRedemptionDto(
  deps: Pick<PointsDeps, 'sites' | 'users'>,
  r: RedemptionRecord,
  site?: SiteRecord | null,
  withPerson = false,
  known?: { sites: ReadonlyMap<string, SiteRecord>; people: ReadonlyMap<string, UserRecord> },
): Promise<RedemptionDto> {
  const who = [...(r.collectedBy ? [r.collectedBy] : []), ...(withPerson ? [r.userId] : [])];
  const [s, people] = known
    ? [site === undefined ? (known.sites.get(r.siteId) ?? null) : site, known.people]
    : await Promise.all([site === undefined ? deps.sites.get(r.siteId) : site, who.length ? deps.users.getMany(who) : new Map<string, never>()]);
  const collector = r.collectedBy ? people.get(r.collectedBy) : null;
  const person = withPerson ? people.get(r.userId) : null;
  return {
    id: r.id, siteId: r.siteId, siteName: s?.name ?? '', siteAddress: s?.address ?? '', rewardId: r.rewardId, rewardName: r.rewardName, cost: r.cost,
    code: r.code, status: r.status, createdAt: r.createdAt, collectBy: r.collectBy, collectedAt: r.collectedAt,
    collectedByName: collector?.name ?? null, personName: person && !person.deletedAt ? person.name : null,
  };
}

export async function redeem(
  deps: PointsDeps,
  actor: Actor,
  body: { siteId: string; rewardId: string; notify?: readonly 'expiring'[] },
  key: string,
  now: Date,
): Promise<{ redemption: RedemptionDto; account: AccountDto; created: boolean }> {
  const claim = claimFor('points.redeem', actor.userId, key, body, now, deps.hash);
  const [site, reward, earlier] = await Promise.all([requireSite(deps, body.siteId), deps.sites.reward(body.siteId, body.rewardId), deps.redemptions.receipt(claim)]);
  // A retried tap is answered with what the first one did, before anything is judged again (stock or balance moved since).
  const replayed = earlier ? await deps.redemptions.get(replayOf(claim, earlier).id) : null;
  if (replayed) return { redemption: await toRedemptionDto(deps, replayed, site), account: await accountOf(deps, actor.userId, now), created: false };
  if (!reward || !reward.active) throw new NotFoundError('兑换物品');
  if (!serves(site, actor)) throw new ForbiddenError('该兑换点不为您所在的社区服务');
  if (reward.releaseAt && Date.parse(reward.releaseAt) > now.getTime()) {
    throw new ConflictError(`该物品 ${shanghaiTime(reward.releaseAt)} 开始兑换`, 'not_released');
  }
  // Sold out, as the (consistent) read above saw it: refused before any transaction, so that after the
  // last one goes a rush no longer spends transactional writes (and conflicts) on the stock item. The
  // transaction's own condition still decides every race before that.
  if (reward.stock < 1) throw new ConflictError('该物品已兑完', 'out_of_stock');
  for (let attempt = 0; ; attempt++) {
    const lots = await deps.ledger.lots(actor.userId);
    try {
      const id = deps.newId();
      const at = now.toISOString();
      const outcome = await withFreshCode(deps.randomBytes, async (code) => {
        const spend = spendPlan(lots, { id: deps.newId(), userId: actor.userId, at, kind: 'spend', minutes: 0, reason: `兑换「${reward.name}」`, source: { type: 'redemption', id }, actorId: actor.userId, verified: true, communityId: null }, reward.cost);
        const record: RedemptionRecord = {
          id, userId: actor.userId, siteId: site.id, rewardId: reward.id, rewardName: reward.name, cost: reward.cost, code, status: 'reserved',
          month: shanghaiDate(now).slice(0, 7), createdAt: at, collectBy: endOfDay(new Date(now.getTime() + site.holdDays * 86400_000)),
          collectedAt: null, collectedBy: null, entryId: spend.entry.id, version: 1,
        };
        const expiring = deps.pointsTemplates?.expiring;
        const consents = expiring && body.notify?.includes('expiring') ? [expiring] : [];
        return { once: await deps.redemptions.redeem(record, spend, reward, claim, consents), record };
      });
      const stored = outcome.once.created ? outcome.record : await deps.redemptions.get(replayOf(claim, outcome.once.receipt).id);
      if (!stored) throw new NotFoundError('兑换');
      return { redemption: await toRedemptionDto(deps, stored, site), account: await accountOf(deps, actor.userId, now), created: outcome.once.created };
    } catch (e) {
      if (!(e instanceof ConflictError && e.code === 'lots_changed') || attempt >= LOT_RETRIES) throw e;
    }
  }
}

async function requireOwn(deps: PointsDeps, actor: Actor, id: string): Promise<RedemptionRecord> {
  const r = await deps.redemptions.get(id);
  if (!r || r.userId !== actor.userId) throw new NotFoundError('兑换');
  return r;
}

/** Gives back the points (to lots expiring as the spent ones would have) and the stock, from `reserved` only. */
async function release(deps: PointsDeps, r: RedemptionRecord, status: 'cancelled' | 'lapsed', actorId: string | null, now: Date): Promise<void> {
  const spent = await deps.ledger.entry(r.userId, r.entryId);
  if (!spent) throw new NotFoundError('积分记录');
  const reason = status === 'cancelled' ? `取消兑换「${r.rewardName}」，积分退回` : `「${r.rewardName}」逾期未领，积分退回`;
  const refund = refundPlan(spent, entryOf({ id: deps.newId(), userId: r.userId, at: now.toISOString(), kind: 'refund', points: 0, minutes: 0, reason, source: { type: 'redemption', id: r.id }, actorId, verified: true }), deps.newId);
  await deps.redemptions.release(r, status, refund, now.toISOString());
}

export async function cancelRedemption(deps: PointsDeps, actor: Actor, id: string, now: Date): Promise<{ redemption: RedemptionDto; account: AccountDto }> {
  const r = await requireOwn(deps, actor, id);
  if (r.status !== 'reserved') throw new ConflictError(r.status === 'collected' ? '已领取，不能取消' : '该兑换已取消', 'not_reserved');
  await release(deps, r, 'cancelled', actor.userId, now);
  const after = (await deps.redemptions.get(id))!;
  return { redemption: await toRedemptionDto(deps, after), account: await accountOf(deps, actor.userId, now) };
}

export async function myRedemptions(deps: PointsDeps, actor: Actor): Promise<RedemptionDto[]> {
  const items = await deps.redemptions.mine(actor.userId, 50);
  // The sites and the collectors of the list in two BatchGets, not a GetItem or two per redemption.
  const collectors = items.flatMap((r) => (r.collectedBy ? [r.collectedBy] : []));
  const [sites, people] = await Promise.all([deps.sites.getMany([...new Set(items.map((r) => r.siteId))]), deps.users.getMany([...new Set(collectors)])]);
  return Promise.all(items.map((r) => toRedemptionDto(deps, r, undefined, false, { sites, people })));
}

export async function getRedemption(deps: PointsDeps, actor: Actor, id: string): Promise<RedemptionDto> {
  return toRedemptionDto(deps, await requireOwn(deps, actor, id));
}

/** Site staff look a code up before handing anything over: the reward, the person, its state. */
export async function lookUpCode(deps: PointsDeps, actor: Actor, siteId: string, code: string): Promise<RedemptionDto> {
  const [site, r] = await Promise.all([requireSite(deps, siteId), deps.redemptions.byCode(siteId, code)]);
  if (!staffsSite(actor, site)) throw new ForbiddenError('只有本兑换点的工作人员可以查询领取码');
  if (!r) throw new NotFoundError('没有这个领取码，请确认是本兑换点的领取码', 'code_not_found');
  return toRedemptionDto(deps, r, site, true);
}

/**
 * Site staff verify a pickup code: collected exactly once; a second scan says when and by whom; a
 * code of another site is not found here.
 */
export async function verifyCode(deps: PointsDeps, actor: Actor, siteId: string, code: string, now: Date): Promise<RedemptionDto> {
  // The site and the code are read at once; nothing of the code is told before the caller is known to staff the site.
  const [site, r] = await Promise.all([requireSite(deps, siteId), deps.redemptions.byCode(siteId, code)]);
  if (!staffsSite(actor, site)) throw new ForbiddenError('只有本兑换点的工作人员可以核销');
  if (!r) throw new NotFoundError('没有这个领取码，请确认是本兑换点的领取码', 'code_not_found');
  const said = async (x: RedemptionRecord) => {
    const dto = await toRedemptionDto(deps, x, site);
    const when = dto.collectedAt ? shanghaiTime(dto.collectedAt) : '';
    return new ConflictError(`该领取码已于 ${when} 由${dto.collectedByName ?? '工作人员'}核销`, 'already_collected');
  };
  if (r.status === 'collected') throw await said(r);
  if (r.status !== 'reserved') throw new ConflictError(r.status === 'cancelled' ? '该兑换已取消' : '该兑换已逾期，积分已退回', 'not_reserved');
  const at = now.toISOString();
  try {
    await deps.redemptions.collect(r, actor.userId, at);
  } catch (e) {
    if (!(e instanceof ConflictError)) throw e;
    const now2 = await deps.redemptions.get(r.id);
    if (now2?.status === 'collected') throw await said(now2);
    throw e;
  }
  // The write succeeded only from `reserved`, and changed exactly this.
  return toRedemptionDto(deps, { ...r, status: 'collected', collectedAt: at, collectedBy: actor.userId, version: r.version + 1 }, site, true);
}

/** The lapse task (on the tick): uncollected redemptions past their pickup time give back points and stock. */
export const lapseRedemptionsTask = (deps: PointsDeps): TickTask => ({
  name: 'points.lapseRedemptions',
  budget: 100,
  async run(now, budget) {
    const due = await deps.redemptions.overdue(now.toISOString(), budget + 1);
    let lapsed = 0;
    for (const r of due.slice(0, budget)) {
      try {
        await release(deps, r, 'lapsed', null, now);
        lapsed++;
      } catch (e) {
        if (!(e instanceof ConflictError)) throw e; // collected or cancelled meanwhile
      }
    }
    return { handled: Math.min(due.length, budget), more: due.length > budget, stats: { lapsed } };
  },
});
