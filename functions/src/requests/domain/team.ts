/** The grid team's queue (the items of every grid a member covers, of the groups he takes) and claiming (认领). */
import type { RequestDetail, TeamQueueResponse } from '@linli/shared';
import { type Actor, hasRole } from '../../platform/domain/actor';
import { ConflictError, ForbiddenError, NotFoundError } from '../../platform/domain/errors';
import { claim, type Coverage, inTeamQueue } from './claim';
import { store } from './commands';
import type { RequestDeps } from './deps';
import { present, toDetail, toSummary } from './present';
import { dueAt } from './request';

/** Items read per grid queue (a grid's open items; a member covers at most 8 grids). */
const PER_GRID = 100;

/**
 * What the caller covers: his team membership; a grid worker not (yet) on a team covers his own
 * grid, every group (today's single grid worker keeps working).
 */
export async function coverageOf(deps: Pick<RequestDeps, 'gridTeams'>, actor: Actor): Promise<Coverage> {
  const member = actor.communityId ? await deps.gridTeams.member(actor.communityId, actor.userId) : null;
  if (member) return { gridIds: member.gridIds, specialties: member.specialties };
  if (hasRole(actor, 'grid_worker') && actor.gridId) return { gridIds: [actor.gridId], specialties: [] };
  throw new ForbiddenError('您还不是网格团队成员，请联系社区工作人员加入');
}

/** The member's part of the team queue: open items at his grids, of his groups, nearest deadline first. */
export async function teamQueue(deps: Pick<RequestDeps, 'gridTeams' | 'requests' | 'places'>, actor: Actor, now: Date): Promise<TeamQueueResponse> {
  const c = await coverageOf(deps, actor);
  const [pages, grids] = await Promise.all([
    Promise.all(c.gridIds.map((g) => deps.requests.queue('grid', g, undefined, PER_GRID))),
    Promise.all(c.gridIds.map((g) => deps.places.getGrid(g))),
  ]);
  const items = pages
    .flatMap((p) => p.items)
    .filter((r) => inTeamQueue(r, c))
    .sort((a, b) => (dueAt(a) ?? '').localeCompare(dueAt(b) ?? ''));
  return {
    grids: grids.flatMap((g) => (g ? [{ id: g.id, name: g.name }] : [])),
    specialties: [...c.specialties],
    items: items.map((r) => ({ ...toSummary(r, now), version: r.version, assigneeId: r.assigneeId, mine: r.assigneeId === actor.userId })),
  };
}

/**
 * A member claims an item (认领).
 * Primary course: the item must be at one of his grids, of a group he takes, unclaimed and still
 * at the version he saw; it becomes his in one version-conditional write with its 认领 timeline
 * entry. Of several members claiming at once exactly one write succeeds; the others get a 409.
 */
export async function claimRequest(deps: RequestDeps, actor: Actor, id: string, version: number, now: Date): Promise<RequestDetail> {
  const c = await coverageOf(deps, actor);
  const found = await deps.requests.getWithTimeline(id);
  if (!found) throw new NotFoundError('事项');
  const { request, events, followers } = found;
  if (request.version !== version && request.assigneeId === null) throw new ConflictError('该事项已更新，请刷新后再认领', 'stale_version');
  const me = await deps.users.get(actor.userId);
  const t = claim(request, { actor, actorName: me?.name ?? '', now, calendar: deps.calendar }, c);
  try {
    await store(deps, request, t, followers, now);
  } catch (e) {
    // Another member's claim (or any change) won the conditional write: say who has it, in words.
    if (e instanceof ConflictError) throw new ConflictError('该事项已被其他队员认领或刚刚有变化，请刷新队列', 'already_claimed');
    throw e;
  }
  return present(deps.storage, toDetail(t.next, [...events, ...t.events], actor, now, followers));
}
