/** Redemption sites (积分兑换点, 道德超市) and their rewards: staff publish them, residents browse the ones that serve them. */
import type { RewardDto, SiteDto } from '@linli/shared';
import type { z } from 'zod';
import type { CreateSiteBody, RewardBody } from '@linli/shared';
import type { Actor } from '../../platform/domain/actor';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/domain/errors';
import { claimFor, replayOf } from '../../platform/domain/idempotency';
import { verifyPhotos } from '../../platform/domain/photos';
import type { RewardRecord, SiteRecord } from '../ports';
import { requireCommunityStaff, staffsSite } from './access';
import type { PointsDeps } from './deps';

/** Whether a site serves this person (its community, its street, or everyone). */
export function serves(site: SiteRecord, actor: Pick<Actor, 'communityId' | 'streetId'>): boolean {
  if (site.serves === 'city') return true;
  if (site.serves === 'street') return actor.streetId === site.streetId;
  return actor.communityId === site.communityId;
}

async function rewardDto(deps: Pick<PointsDeps, 'storage'>, r: RewardRecord): Promise<RewardDto> {
  return { ...r, picture: r.picture ? await deps.storage.viewUrl(r.picture) : null };
}

export async function siteDto(deps: Pick<PointsDeps, 'storage' | 'sites'>, s: SiteRecord, opts: { staff: boolean }): Promise<SiteDto> {
  const rewards = (await deps.sites.rewards(s.id)).filter((r) => opts.staff || r.active).sort((a, b) => a.cost - b.cost || a.name.localeCompare(b.name, 'zh'));
  const { createdAt: _c, ...rest } = s;
  return { ...rest, rewards: await Promise.all(rewards.map((r) => rewardDto(deps, r))) };
}

export async function requireSite(deps: Pick<PointsDeps, 'sites'>, id: string): Promise<SiteRecord> {
  const site = await deps.sites.get(id);
  if (!site) throw new NotFoundError('兑换点');
  return site;
}

/** The sites that serve the caller (his community's first), with their rewards; staff also see their community's. */
export async function listSites(deps: PointsDeps, actor: Actor): Promise<SiteDto[]> {
  const sites = await deps.sites.sitesFor({ communityId: actor.communityId, streetId: actor.streetId });
  const mine = sites.filter((s) => serves(s, actor) || staffsSite(actor, s));
  mine.sort((a, b) => Number(b.communityId === actor.communityId) - Number(a.communityId === actor.communityId) || a.name.localeCompare(b.name, 'zh'));
  return Promise.all(mine.map((s) => siteDto(deps, s, { staff: staffsSite(actor, s) })));
}

export async function getSite(deps: PointsDeps, actor: Actor, id: string): Promise<SiteDto> {
  const site = await requireSite(deps, id);
  const staff = staffsSite(actor, site);
  if (!staff && !serves(site, actor)) throw new ForbiddenError('该兑换点不为您所在的社区服务');
  return siteDto(deps, site, { staff });
}

export async function createSite(deps: PointsDeps, actor: Actor, body: z.output<typeof CreateSiteBody>, key: string, now: Date): Promise<{ site: SiteDto; created: boolean }> {
  const community = await deps.places.getCommunity(body.communityId);
  if (!community) throw new ValidationError('社区不存在', [{ field: 'communityId', message: '请选择社区' }]);
  requireCommunityStaff(actor, { communityId: community.id, streetId: community.streetId }, '设立兑换点');
  const claim = claimFor('points.site_create', actor.userId, key, body, now, deps.hash);
  const site: SiteRecord = { id: deps.newId(), ...body, streetId: community.streetId, createdAt: now.toISOString() };
  const once = await deps.sites.create(site, claim);
  const stored = once.created ? site : await requireSite(deps, replayOf(claim, once.receipt).id);
  return { site: await siteDto(deps, stored, { staff: true }), created: once.created };
}

/** The picture a reward will show: omitted keeps the current one, null none, a new key the caller's own upload. */
async function rewardPicture(deps: PointsDeps, actor: Actor, body: z.output<typeof RewardBody>, existing: RewardRecord | null): Promise<string | null> {
  const wanted = body.picture === undefined ? (existing?.picture ?? null) : body.picture;
  if (wanted && wanted !== existing?.picture) {
    await verifyPhotos(deps.storage, actor, [wanted]).catch(() => {
      throw new ValidationError('图片有误', [{ field: 'picture', message: '图片未上传成功，请重新上传' }]);
    });
  }
  return wanted;
}

async function staffedSite(deps: PointsDeps, actor: Actor, siteId: string) {
  const site = await requireSite(deps, siteId);
  if (!staffsSite(actor, site)) throw new ForbiddenError('只有本兑换点的工作人员可以管理兑换物品');
  return site;
}

/** Adds a reward, once per idempotency key: a double-tapped 上架 puts one on the shelf. */
export async function addReward(
  deps: PointsDeps, actor: Actor, siteId: string, body: z.output<typeof RewardBody>, key: string, now: Date,
): Promise<{ reward: RewardDto; created: boolean }> {
  await staffedSite(deps, actor, siteId);
  const claim = claimFor('points.reward_create', actor.userId, key, { siteId, ...body }, now, deps.hash);
  const reward: RewardRecord = { id: deps.newId(), siteId, ...body, picture: await rewardPicture(deps, actor, body, null) };
  const once = await deps.sites.createReward(reward, claim);
  if (once.created) return { reward: await rewardDto(deps, reward), created: true };
  const stored = await deps.sites.reward(siteId, replayOf(claim, once.receipt).id);
  if (!stored) throw new NotFoundError('兑换物品');
  return { reward: await rewardDto(deps, stored), created: false };
}

/**
 * Edits a reward; its picture must be the caller's own upload. The write is conditional on the stock read
 * here, so a redemption (or its return) between the read and the write is never overwritten; with
 * `stockWas`, those since the staff member opened the form are kept too (his change applies to the stock now).
 */
export async function editReward(deps: PointsDeps, actor: Actor, siteId: string, rewardId: string, body: z.output<typeof RewardBody>): Promise<RewardDto> {
  await staffedSite(deps, actor, siteId);
  const { stockWas, ...fields } = body;
  let picture: string | null | undefined; // checked once: a retry only re-reads the stock
  for (let attempt = 0; ; attempt++) {
    const existing = await deps.sites.reward(siteId, rewardId);
    if (!existing) throw new NotFoundError('兑换物品');
    if (picture === undefined) picture = await rewardPicture(deps, actor, fields, existing);
    const stock = stockWas === undefined ? fields.stock : Math.max(0, existing.stock + fields.stock - stockWas);
    const reward: RewardRecord = { id: existing.id, siteId, ...fields, stock, picture };
    if (await deps.sites.replaceReward(reward, existing.stock)) return rewardDto(deps, reward);
    if (attempt >= 4) throw new ConflictError('兑换物品正在被兑换，请稍后再保存', 'busy');
  }
}
