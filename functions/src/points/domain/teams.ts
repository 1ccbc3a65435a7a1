/**
 * Volunteer teams (志愿服务队, e.g. 银龄互助): the community sets one up with a captain (队长), who
 * publishes the team's activities and confirms attendance like a community admin for his team;
 * residents of the community join and leave; the team has its own quarterly board.
 */
import type { TeamDto } from '@linli/shared';
import type { Actor } from '../../platform/domain/actor';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/domain/errors';
import { claimFor, replayOf } from '../../platform/domain/idempotency';
import type { UserRecord } from '../../identity/ports';
import type { TeamRecord } from '../ports';
import { runsCommunity } from './access';
import type { PointsDeps } from './deps';

/** `captains`: the captains of a list, read together by the caller; without it, this team's is read. */
async function toDto(deps: PointsDeps, t: TeamRecord, actor: Actor, mine?: boolean, captains?: ReadonlyMap<string, UserRecord>): Promise<TeamDto> {
  const [captain, member] = await Promise.all([captains ? (captains.get(t.captainId) ?? null) : deps.users.get(t.captainId), mine ?? deps.teams.isMember(t.id, actor.userId)]);
  const { streetId: _s, ...rest } = t;
  return { ...rest, captainName: captain && !captain.deletedAt ? captain.name : '', mine: member, captain: t.captainId === actor.userId };
}

async function requireTeam(deps: PointsDeps, id: string): Promise<TeamRecord> {
  const t = await deps.teams.get(id);
  if (!t) throw new NotFoundError('志愿服务队');
  return t;
}

export async function createTeam(
  deps: PointsDeps,
  actor: Actor,
  body: { communityId: string; name: string; description: string; captainId: string },
  key: string,
  now: Date,
): Promise<{ team: TeamDto; created: boolean }> {
  const [community, captain] = await Promise.all([deps.places.getCommunity(body.communityId), deps.users.get(body.captainId)]);
  if (!community) throw new ValidationError('社区不存在', [{ field: 'communityId', message: '请选择社区' }]);
  if (!runsCommunity(actor, { communityId: community.id, streetId: community.streetId })) throw new ForbiddenError('只有本社区的工作人员可以成立志愿服务队');
  if (!captain || captain.deletedAt || captain.communityId !== community.id) throw new ValidationError('队长须是本社区登记的居民', [{ field: 'captainId', message: '请选择本社区的居民担任队长' }]);
  const claim = claimFor('points.team_create', actor.userId, key, body, now, deps.hash);
  const t: TeamRecord = { id: deps.newId(), ...body, streetId: community.streetId, members: 1, createdAt: now.toISOString() };
  const once = await deps.teams.create(t, claim, t.captainId);
  const stored = once.created ? t : await requireTeam(deps, replayOf(claim, once.receipt).id);
  return { team: await toDto(deps, stored, actor), created: once.created };
}

export async function listTeams(deps: PointsDeps, actor: Actor, communityId: string | undefined): Promise<TeamDto[]> {
  const target = communityId ?? actor.communityId;
  if (!target) throw new ValidationError('请先登记所在社区', [{ field: 'communityId', message: '尚未登记所在社区' }]);
  const [teams, mine] = await Promise.all([deps.teams.ofCommunity(target), deps.teams.groupsOf(actor.userId)]);
  // The captains in one BatchGet (per 100), not a GetItem per team.
  const captains = await deps.users.getMany([...new Set(teams.map((t) => t.captainId))]);
  return Promise.all(teams.map((t) => toDto(deps, t, actor, mine.includes(t.id), captains)));
}

/** One team as anyone sees it (its name, captain, size; whether I am in it or lead it). */
export async function getTeam(deps: PointsDeps, actor: Actor, id: string): Promise<TeamDto> {
  return toDto(deps, await requireTeam(deps, id), actor);
}

/** A resident of the team's community joins (a second tap changes nothing). */
export async function joinTeam(deps: PointsDeps, actor: Actor, id: string, now: Date): Promise<TeamDto> {
  const t = await requireTeam(deps, id);
  if (actor.communityId !== t.communityId) throw new ForbiddenError('只能加入本社区的志愿服务队');
  const joined = await deps.teams.join(t.id, actor.userId, now.toISOString());
  return toDto(deps, { ...t, members: t.members + (joined ? 1 : 0) }, actor, true);
}

/** A member leaves, or the captain (or community staff) removes him; the captain stays. */
export async function leaveTeam(deps: PointsDeps, actor: Actor, id: string, userId: string): Promise<TeamDto> {
  const t = await requireTeam(deps, id);
  const self = userId === actor.userId;
  if (!self && actor.userId !== t.captainId && !runsCommunity(actor, t)) throw new ForbiddenError('只有队长或社区可以移出队员');
  if (userId === t.captainId) throw new ConflictError('队长不能退出，请先由社区更换队长', 'captain_stays');
  const left = await deps.teams.leave(t.id, userId);
  if (!left) throw new NotFoundError('该队员');
  return toDto(deps, { ...t, members: t.members - 1 }, actor);
}

export async function teamMembers(deps: PointsDeps, actor: Actor, id: string): Promise<{ userId: string; name: string; joinedAt: string }[]> {
  const t = await requireTeam(deps, id);
  if (actor.userId !== t.captainId && !runsCommunity(actor, t) && !(await deps.teams.isMember(t.id, actor.userId))) throw new ForbiddenError('只有队员可以查看名单');
  const list = await deps.teams.members(t.id);
  const people = await deps.users.getMany(list.map((m) => m.userId));
  return list.map((m) => {
    const u = people.get(m.userId);
    return { ...m, name: u && !u.deletedAt ? u.name : '已注销用户' };
  });
}
