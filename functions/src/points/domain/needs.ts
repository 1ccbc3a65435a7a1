/**
 * Residents' needs (居民点单、社区派单、志愿者接单、群众评单) on the time bank: a resident, his carer
 * or his building leader posts a need; the community dispatches it to a volunteer or a volunteer
 * takes it; the volunteer says it is done; the resident confirms and rates it, which credits the
 * volunteer points and hours once and, if he chose, pays the minutes from his own time bank.
 */
import { NEED_POINTS_PER_HOUR, type NeedDto, type PostNeedBody } from '@linli/shared';
import type { z } from 'zod';
import { maskPhone } from '../../platform/domain/privacy';
import { type Actor, hasRole } from '../../platform/domain/actor';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/domain/errors';
import { claimFor, replayOf } from '../../platform/domain/idempotency';
import { looksAfter } from '../../identity/domain/family';
import type { FamilyRepository, UserRecord } from '../../identity/ports';
import type { NeedRecord, NeedRepository } from '../ports';
import { runsCommunity } from './access';
import { plannedCredit, retryOnCapChange } from './accounts';
import type { PointsDeps } from './deps';
import { entryOf } from './ledger';

export type NeedDeps = PointsDeps & { needs: NeedRepository; family: FamilyRepository };

/** Who may take needs: registered volunteers and part-time grid workers (riders approved by the community). */
const takesNeeds = (actor: Actor): boolean => hasRole(actor, 'volunteer', 'parttime_grid_worker');

function roleIn(actor: Actor, n: NeedRecord): NeedDto['role'] {
  if (actor.userId === n.requesterId) return 'requester';
  if (actor.userId === n.postedBy) return 'poster';
  if (n.volunteerId && actor.userId === n.volunteerId) return 'volunteer';
  if (runsCommunity(actor, n)) return 'staff';
  return 'none';
}

/** Surname only (王阿姨 → 王**) for volunteers browsing open needs. */
const surnameOnly = (name: string): string => (name ? `${name.slice(0, 1)}${'*'.repeat(Math.max(1, name.length - 1))}` : '居民');

/** The people a need names (its requester, poster and volunteer). */
const peopleIds = (n: NeedRecord): string[] => [n.requesterId, ...(n.postedBy ? [n.postedBy] : []), ...(n.volunteerId ? [n.volunteerId] : [])];

/** `people`: the people of a list, read together by the caller; without it, this need's are read. */
async function toDto(deps: Pick<PointsDeps, 'users'>, n: NeedRecord, actor: Actor, people?: ReadonlyMap<string, UserRecord>): Promise<NeedDto> {
  const [requester, poster, volunteer] = people
    ? [people.get(n.requesterId) ?? null, n.postedBy ? (people.get(n.postedBy) ?? null) : null, n.volunteerId ? (people.get(n.volunteerId) ?? null) : null]
    : await Promise.all([deps.users.get(n.requesterId), n.postedBy ? deps.users.get(n.postedBy) : null, n.volunteerId ? deps.users.get(n.volunteerId) : null]);
  const role = roleIn(actor, n);
  const close = role !== 'none';
  const name = n.neighbour?.name ?? (requester && !requester.deletedAt ? requester.name : '已注销用户');
  const phoneOf = n.neighbour?.phone ?? requester?.phone ?? null;
  return {
    id: n.id, communityId: n.communityId, kind: n.kind, title: n.title, description: n.description, when: n.when, place: n.place, minutes: n.minutes,
    payWithHours: n.payWithHours, status: n.status, requesterName: close ? name : surnameOnly(name),
    postedByName: n.neighbour ? (requester?.name ?? null) : (poster?.name ?? null),
    neighbourAddress: close ? (n.neighbour?.address ?? null) : null,
    volunteerName: volunteer?.name ?? null,
    // The volunteer reaches the requester while serving; afterwards the number is masked again.
    phone: role === 'staff' || (role === 'volunteer' && (n.status === 'taken' || n.status === 'done')) ? phoneOf : role === 'none' ? null : maskPhone(phoneOf),
    role, doneNote: n.doneNote, rating: n.rating, paidMinutes: n.paidMinutes, createdAt: n.createdAt, version: n.version,
  };
}

async function requireNeed(deps: { needs: NeedRepository }, id: string): Promise<NeedRecord> {
  const n = await deps.needs.get(id);
  if (!n) throw new NotFoundError('需求');
  return n;
}

const bump = (n: NeedRecord, changes: Partial<NeedRecord>, now: Date): NeedRecord => ({ ...n, ...changes, updatedAt: now.toISOString(), version: n.version + 1 });

export async function postNeed(deps: NeedDeps, actor: Actor, body: z.output<typeof PostNeedBody>, key: string, now: Date): Promise<{ need: NeedDto; created: boolean }> {
  if (body.forNeighbour && !hasRole(actor, 'building_leader', 'grid_worker', 'parttime_grid_worker')) throw new ForbiddenError('只有楼长和网格员可以代邻居发布需求');
  if (body.forNeighbour && (body.forUserId || body.payWithHours)) {
    throw new ValidationError('代邻居发布的需求不能用时间银行支付', [{ field: body.forUserId ? 'forUserId' : 'payWithHours', message: '代邻居发布时请不要选择家人或时间支付' }]);
  }
  const forId = body.forUserId ?? actor.userId;
  if (forId !== actor.userId && !(await looksAfter(deps, actor.userId, forId))) throw new ForbiddenError('只能为您照顾的家人发布需求');
  const requester: UserRecord | null = await deps.users.get(forId);
  if (!requester || requester.deletedAt || !requester.communityId || !requester.streetId) {
    throw new ValidationError('请先登记所在社区', [{ field: forId === actor.userId ? 'communityId' : 'forUserId', message: '需要帮助的人尚未登记所在社区' }]);
  }
  if (Date.parse(body.when) < now.getTime() - 3600_000) throw new ValidationError('时间已过', [{ field: 'when', message: '请选择之后的时间' }]);
  const claim = claimFor('points.need_post', actor.userId, key, body, now, deps.hash);
  const { forUserId: _f, forNeighbour, ...rest } = body;
  const n: NeedRecord = {
    ...rest, id: deps.newId(), communityId: requester.communityId, streetId: requester.streetId, status: 'open', requesterId: forId,
    postedBy: forId === actor.userId ? null : actor.userId, neighbour: forNeighbour ?? null, volunteerId: null, doneNote: null, rating: null, paidMinutes: 0,
    createdAt: now.toISOString(), updatedAt: now.toISOString(), version: 1,
  };
  const once = await deps.needs.create(n, claim);
  const stored = once.created ? n : await requireNeed(deps, replayOf(claim, once.receipt).id);
  return { need: await toDto(deps, stored, actor), created: once.created };
}

/** open: the community's open needs (volunteers, staff); mine: for me or posted by me; taken: those I serve. */
export async function listNeeds(deps: NeedDeps, actor: Actor, scope: 'open' | 'mine' | 'taken'): Promise<NeedDto[]> {
  let list: NeedRecord[];
  if (scope === 'open') {
    if (!actor.communityId) throw new ValidationError('请先登记所在社区', [{ field: 'communityId', message: '尚未登记所在社区' }]);
    if (!takesNeeds(actor) && !hasRole(actor, 'community_admin', 'street_admin')) throw new ForbiddenError('只有志愿者可以查看待接的需求');
    list = await deps.needs.openIn(actor.communityId, 50);
  } else if (scope === 'taken') {
    list = await deps.needs.ofUser(actor.userId, 'volunteer', 50);
  } else {
    const [mine, posted] = await Promise.all([deps.needs.ofUser(actor.userId, 'requester', 50), deps.needs.ofUser(actor.userId, 'poster', 50)]);
    list = [...mine, ...posted].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }
  // Everyone the list names in one BatchGet (per 100), not a GetItem per need and person.
  const people = await deps.users.getMany([...new Set(list.flatMap(peopleIds))]);
  return Promise.all(list.map((n) => toDto(deps, n, actor, people)));
}

export async function getNeed(deps: NeedDeps, actor: Actor, id: string): Promise<NeedDto> {
  const n = await requireNeed(deps, id);
  const role = roleIn(actor, n);
  if (role === 'none' && !(n.status === 'open' && takesNeeds(actor) && actor.communityId === n.communityId)) throw new ForbiddenError('无权查看该需求');
  return toDto(deps, n, actor);
}

/** 志愿者接单 (a volunteer of the community) or 社区派单 (staff name the volunteer): open → taken, once. */
export async function takeNeed(deps: NeedDeps, actor: Actor, id: string, volunteerId: string | null, now: Date): Promise<NeedDto> {
  const n = await requireNeed(deps, id);
  if (volunteerId) {
    if (!runsCommunity(actor, n)) throw new ForbiddenError('只有本社区的工作人员可以派单');
    const v = await deps.users.get(volunteerId);
    if (!v || v.deletedAt || !v.roles.some((r) => r === 'volunteer' || r === 'parttime_grid_worker')) throw new ValidationError('请选择志愿者', [{ field: 'volunteerId', message: '此人不是登记的志愿者' }]);
  } else if (!takesNeeds(actor) || actor.communityId !== n.communityId) {
    throw new ForbiddenError('只有本社区的志愿者可以接单');
  }
  const who = volunteerId ?? actor.userId;
  if (who === n.requesterId) throw new ValidationError('不能接自己的需求', [{ field: 'volunteerId', message: '请选择其他志愿者' }]);
  if (n.status === 'cancelled') throw new ConflictError('该需求已取消', 'need_cancelled');
  if (n.status !== 'open') throw new ConflictError(n.volunteerId === who ? '您已接单' : '该需求已被他人接单', 'need_taken');
  const next = bump(n, { status: 'taken', volunteerId: who }, now);
  try {
    await deps.needs.update(next, n.version);
  } catch (e) {
    if (e instanceof ConflictError) throw new ConflictError('该需求已被他人接单', 'need_taken');
    throw e;
  }
  return toDto(deps, next, actor);
}

/** The volunteer says it is done, with the minutes actually served. */
export async function needDone(deps: NeedDeps, actor: Actor, id: string, body: { minutes: number; note: string }, now: Date): Promise<NeedDto> {
  const n = await requireNeed(deps, id);
  if (n.volunteerId !== actor.userId) throw new ForbiddenError('只有接单的志愿者可以完成');
  if (n.status !== 'taken') throw new ConflictError('该需求不在服务中', 'invalid_transition');
  const next = bump(n, { status: 'done', minutes: body.minutes, doneNote: body.note || null }, now);
  await deps.needs.update(next, n.version);
  return toDto(deps, next, actor);
}

/**
 * 群众评单: the requester (or whoever posted for him) confirms and rates. One transaction: the need
 * is confirmed, the volunteer credited points and hours (once per need), and — if paid with hours —
 * the requester's time bank pays the minutes (never below zero).
 */
export async function confirmNeed(deps: NeedDeps, actor: Actor, id: string, body: { score: number; comment: string | null; payWithHours?: boolean }, now: Date): Promise<NeedDto> {
  const n = await requireNeed(deps, id);
  const role = roleIn(actor, n);
  if (role !== 'requester' && role !== 'poster') throw new ForbiddenError('只有需求人可以确认');
  if (n.status !== 'done') throw new ConflictError(n.status === 'confirmed' ? '已确认' : '志愿者尚未完成', 'invalid_transition');
  const pay = body.payWithHours ?? n.payWithHours;
  const next = bump(n, { status: 'confirmed', rating: { score: body.score, comment: body.comment }, paidMinutes: pay ? n.minutes : 0 }, now);
  await retryOnCapChange(async () => {
    const credit = await plannedCredit(
      deps,
      { userId: n.volunteerId!, points: Math.floor((NEED_POINTS_PER_HOUR * n.minutes) / 60), minutes: n.minutes, reason: `志愿服务「${n.title}」`, source: { type: 'need', id: n.id }, actorId: actor.userId, verified: true, communityId: n.communityId },
      now,
    );
    const payment = pay
      ? { entry: entryOf({ id: deps.newId(), userId: n.requesterId, at: now.toISOString(), kind: 'payment', points: 0, minutes: 0, bank: -n.minutes, reason: `时间支付「${n.title}」`, source: { type: 'need', id: n.id }, actorId: actor.userId, verified: true }), takes: [] }
      : null;
    await deps.needs.confirm(next, n.version, credit, payment);
  });
  return toDto(deps, next, actor);
}

/** The requester, his carer or staff cancel a need nobody has finished yet. */
export async function cancelNeed(deps: NeedDeps, actor: Actor, id: string, now: Date): Promise<NeedDto> {
  const n = await requireNeed(deps, id);
  const role = roleIn(actor, n);
  if (role !== 'requester' && role !== 'poster' && role !== 'staff') throw new ForbiddenError('只有需求人或社区可以取消');
  if (n.status !== 'open' && n.status !== 'taken') throw new ConflictError('该需求已完成，不能取消', 'invalid_transition');
  const next = bump(n, { status: 'cancelled' }, now);
  await deps.needs.update(next, n.version);
  return toDto(deps, next, actor);
}
