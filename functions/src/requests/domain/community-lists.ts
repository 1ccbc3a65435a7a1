/**
 * What a community publishes beside its categories: its duty lists (履职事项, 协助事项, 不属于社区办理 with
 * where to go), read by everyone of the community, and where its staff are alerted (企业微信 group
 * robots), set by its admins. Each is one versioned item: an edit over an old copy is refused.
 */
import type { Category, DutyLists, DutyListsBody, StaffAlerts, StaffAlertsBody } from '@linli/shared';
import type { CommunityRecord } from '../../identity/places-port';
import { type Actor, hasRole } from '../../platform/domain/actor';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/domain/errors';
import type { RequestDeps } from './deps';
import { OTHER_CATEGORY, withOther } from './filing';

type Deps = Pick<RequestDeps, 'places' | 'communityLists' | 'categories' | 'users' | 'robotBase'>;

async function communityOf(deps: Pick<Deps, 'places'>, id: string): Promise<CommunityRecord> {
  const c = await deps.places.getCommunity(id);
  if (!c) throw new NotFoundError('社区');
  return c;
}

const streetAdminOf = (actor: Actor, c: CommunityRecord): boolean => hasRole(actor, 'street_admin') && actor.streetId === c.streetId;
const communityAdminOf = (actor: Actor, c: CommunityRecord): boolean => hasRole(actor, 'community_admin') && actor.communityId === c.id;

/** The community's duty lists: anyone of the community (residents and staff), its street's admins. */
export async function getDutyLists(deps: Deps, actor: Actor, communityId: string): Promise<DutyLists> {
  const c = await communityOf(deps, communityId);
  if (actor.communityId !== c.id && !streetAdminOf(actor, c)) throw new ForbiddenError('只能查看本社区的职责清单');
  return (await deps.communityLists.dutyLists(c.id)) ?? { communityId: c.id, performs: [], assists: [], notHandled: [], version: 0, updatedAt: null, updatedByName: null };
}

/**
 * The community's admins (or its street's) publish the duty lists.
 * Primary course: check each not-handled item points only at categories the community offers, then
 * store the whole lists over the version the editor saw (another edit in between: 409 `stale`).
 */
export async function putDutyLists(deps: Deps, actor: Actor, communityId: string, body: DutyListsBody, now: Date): Promise<DutyLists> {
  const c = await communityOf(deps, communityId);
  if (!communityAdminOf(actor, c) && !streetAdminOf(actor, c)) throw new ForbiddenError('只有本社区或所属街道的管理员可以修改职责清单');
  const offered = new Set(withOther(await deps.categories.listOfCommunity(c.id)).map((x) => x.id));
  const unknown = body.notHandled.flatMap((item, i) =>
    item.categoryIds.filter((id) => !offered.has(id)).map(() => ({ field: `notHandled.${i}.categoryIds`, message: `“${item.name}”关联的问题类别不在本社区的清单中` })),
  );
  if (unknown.length) throw new ValidationError('关联的问题类别不存在', unknown);
  const current = await deps.communityLists.dutyLists(c.id);
  if ((current?.version ?? 0) !== body.version) throw new ConflictError('职责清单已被他人修改，请刷新后再改', 'stale');
  const me = await deps.users.get(actor.userId);
  const next = {
    communityId: c.id,
    performs: body.performs,
    assists: body.assists,
    notHandled: body.notHandled,
    version: body.version + 1,
    updatedAt: now.toISOString(),
    updatedByName: me?.name ?? null,
  };
  await deps.communityLists.putDutyLists(next);
  return next;
}

/** A robot's webhook must be WeCom's (or the local stand-in's, where configured): `<base>?key=<key>`. */
export function checkWebhook(url: string, base: string): boolean {
  if (!url.startsWith(`${base}?key=`)) return false;
  return /^[A-Za-z0-9_-]{8,64}$/.test(url.slice(base.length + '?key='.length));
}

const webhookMessage = (base: string) => `请填写企业微信群机器人的 Webhook 地址：${base}?key=……`;

/** The community's alert robots, with grid names: its community admins only (the URLs hold the group's key). */
export async function getStaffAlerts(deps: Deps, actor: Actor, communityId: string): Promise<StaffAlerts> {
  const c = await communityOf(deps, communityId);
  if (!communityAdminOf(actor, c)) throw new ForbiddenError('只有本社区管理员可以查看工作群提醒设置');
  const [stored, grids] = await Promise.all([deps.communityLists.staffAlerts(c.id), deps.places.listGridsOfCommunity(c.id)]);
  const names = new Map(grids.map((g) => [g.id, g.name]));
  const s = stored ?? { communityId: c.id, communityWebhook: null, grids: [], version: 0, updatedAt: null };
  return { ...s, grids: s.grids.map((g) => ({ ...g, gridName: names.get(g.gridId) ?? null })) };
}

/**
 * A community admin sets where new and overdue items are told: the community's robot and one per grid.
 * Primary course: every URL must be a WeCom robot webhook and every grid the community's own; stored
 * over the version he saw.
 */
export async function putStaffAlerts(deps: Deps, actor: Actor, communityId: string, body: StaffAlertsBody, now: Date): Promise<StaffAlerts> {
  const c = await communityOf(deps, communityId);
  if (!communityAdminOf(actor, c)) throw new ForbiddenError('只有本社区管理员可以设置工作群提醒');
  const grids = await deps.places.listGridsOfCommunity(c.id);
  const ours = new Set(grids.map((g) => g.id));
  const problems = [
    ...(body.communityWebhook && !checkWebhook(body.communityWebhook, deps.robotBase) ? [{ field: 'communityWebhook', message: webhookMessage(deps.robotBase) }] : []),
    ...body.grids.flatMap((g, i) => [
      ...(ours.has(g.gridId) ? [] : [{ field: `grids.${i}.gridId`, message: '请选择本社区的网格' }]),
      ...(checkWebhook(g.webhook, deps.robotBase) ? [] : [{ field: `grids.${i}.webhook`, message: webhookMessage(deps.robotBase) }]),
    ]),
  ];
  if (problems.length) throw new ValidationError('工作群机器人地址有误', problems);
  const current = await deps.communityLists.staffAlerts(c.id);
  if ((current?.version ?? 0) !== body.version) throw new ConflictError('工作群提醒设置已被他人修改，请刷新后再改', 'stale');
  const next = { communityId: c.id, communityWebhook: body.communityWebhook, grids: body.grids, version: body.version + 1, updatedAt: now.toISOString() };
  await deps.communityLists.putStaffAlerts(next);
  return getStaffAlerts(deps, actor, c.id);
}

/**
 * The street's admin sets whether a category of a community may be pushed down to grids (准入网格): the
 * admission list is the district's, above the community. Only that flag changes (one attribute, so no
 * other edit is lost); items already filed keep the flag they were filed with. 其他 is stored the first time.
 */
export async function setGridAdmission(
  deps: Deps,
  actor: Actor,
  communityId: string,
  categoryId: string,
  gridAdmitted: boolean,
): Promise<Category> {
  const c = await communityOf(deps, communityId);
  if (!streetAdminOf(actor, c)) throw new ForbiddenError('网格准入事项清单由街道管理员调整');
  if (!(await deps.categories.setGridAdmitted(c.id, categoryId, gridAdmitted))) {
    if (categoryId !== OTHER_CATEGORY.id) throw new NotFoundError('事项类别');
    await deps.categories.put(c.id, { ...OTHER_CATEGORY, gridAdmitted });
  }
  const stored = await deps.categories.get(c.id, categoryId);
  if (!stored) throw new NotFoundError('事项类别');
  return stored;
}
