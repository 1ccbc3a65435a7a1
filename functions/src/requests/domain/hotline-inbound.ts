/**
 * The 12345 round trip, inbound: the platform answers our request for more time (延期申请) and
 * reports its own return visit (回访: 是否解决, 是否满意). Both find the item by the ticket's id,
 * are recorded on its timeline, and are safe to repeat (the platform retries).
 */
import type { HotlineAnswerResponse, HotlineExtensionAnswerBody, HotlineVisitBody, HolidayCalendar } from '@linli/shared';
import { type Actor, hasRole } from '../../platform/domain/actor';
import { ConflictError, ForbiddenError, NotFoundError } from '../../platform/domain/errors';
import { store } from './commands';
import type { RequestDeps } from './deps';
import { bump, event, moveTo, nextLevel, OPEN_STATUSES, type ServiceRequest, type Transition } from './request';

const chinaTime = (iso: string): string => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
const yesNo = (v: boolean, yes: string, no: string) => (v ? yes : no);

/** Who speaks for the platform on the timeline. */
const speaker = (actor: Actor): string => actor.partner?.name ?? '12345热线平台';

/** The item of a ticket, if the caller may answer for it (the platform's key or an admin of its street / community). */
async function ticketItem(deps: RequestDeps, actor: Actor, source: string, externalId: string): Promise<ServiceRequest> {
  const id = await deps.requests.idOfHotlineTicket(source, externalId);
  const r = id ? await deps.requests.get(id) : null;
  if (!r) throw new NotFoundError('热线工单');
  const allowed =
    actor.streetId === r.streetId && (!!actor.partner || hasRole(actor, 'street_admin') || (hasRole(actor, 'community_admin') && actor.communityId === r.communityId));
  if (!allowed) throw new ForbiddenError('无权处理该热线工单');
  return r;
}

/** Runs a platform answer: load, step, store (version-checked), again on a race with staff. */
async function answer(
  deps: RequestDeps,
  actor: Actor,
  source: string,
  externalId: string,
  now: Date,
  step: (r: ServiceRequest) => Transition | null,
): Promise<HotlineAnswerResponse> {
  for (let attempt = 0; ; attempt++) {
    const r = await ticketItem(deps, actor, source, externalId);
    const t = step(r);
    const after = t?.next ?? r; // null: a repeat of an answer already recorded
    try {
      if (t) await store(deps, r, t, [], now);
      return { requestId: after.id, status: after.status, hotlineDueAt: after.hotline?.dueAt ?? null };
    } catch (e) {
      if (!(e instanceof ConflictError) || e.code !== 'stale_version' || attempt >= 3) throw e;
    }
  }
}

/** The platform's answer to our request for more time: approved with a new deadline, or denied. */
export function extensionAnswered(r: ServiceRequest, body: HotlineExtensionAnswerBody, who: string, now: Date): Transition | null {
  const ext = r.hotline?.extension;
  if (!r.hotline || !ext) throw new ConflictError('该工单没有延期申请', 'no_extension_pending');
  const status = body.approved ? 'approved' : 'denied';
  if (ext.status !== 'pending') {
    if (ext.status === status) return null; // the same answer again
    throw new ConflictError('该延期申请已答复', 'extension_answered');
  }
  const at = now.toISOString();
  const dueAt = body.approved ? new Date(body.dueAt!).toISOString() : r.hotline.dueAt;
  const hotline = { ...r.hotline, dueAt, extension: { ...ext, status, answeredAt: at, comment: body.comment } } as const;
  const open = OPEN_STATUSES.has(r.status) && dueAt;
  const deadlines = open ? { resolveBy: dueAt, acceptBy: r.acceptBy && Date.parse(r.acceptBy) > Date.parse(dueAt) ? dueAt : r.acceptBy } : {};
  const next = bump(r, { hotline, ...deadlines }, now);
  const note = body.approved
    ? `${who}同意延期，热线时限改为 ${chinaTime(dueAt!)}${body.comment ? `：${body.comment}` : ''}`
    : `${who}未同意延期${body.comment ? `：${body.comment}` : ''}`;
  return { next, events: [event(next, 'extension_answered', null, who, at, note)] };
}

/**
 * The 12345 centre's return visit. Recorded as a revisit (method `hotline`) with 是否解决 and 是否满意.
 * Satisfied: a resolved item is closed. Not satisfied: it reopens as an unsatisfied rating does (at
 * the level that resolved it the first time, one level up after that), with the new deadline if given.
 */
export function hotlineVisited(r: ServiceRequest, body: HotlineVisitBody, who: string, by: string, now: Date, calendar: HolidayCalendar): Transition | null {
  const last = r.revisits.at(-1);
  if (last?.method === 'hotline' && last.outcome === body.comment && last.solved === body.solved && last.satisfied === body.satisfied) return null;
  if (r.status !== 'resolved' && r.status !== 'closed') throw new ConflictError('工单尚未办结，不能记录回访结果', 'not_resolved');
  const at = now.toISOString();
  const revisits = [...r.revisits, { at, by, method: 'hotline' as const, outcome: body.comment, solved: body.solved, satisfied: body.satisfied }];
  const note = `12345回访：${yesNo(body.solved, '已解决', '未解决')}，${yesNo(body.satisfied, '满意', '不满意')}。${body.comment}`;
  if (body.satisfied) {
    const next = bump(r, { revisits, status: 'closed' }, now);
    return { next, events: [event(next, 'revisited', null, who, at, note)] };
  }
  const hotline = r.hotline && body.dueAt ? { ...r.hotline, dueAt: new Date(body.dueAt).toISOString() } : r.hotline;
  const visited = bump(r, { revisits, hotline }, now);
  const resolvedAt = r.resolvedLevel ?? r.level;
  const up = nextLevel(r, resolvedAt);
  const target = r.reopenCount === 0 || !up || up === 'department' ? resolvedAt : up;
  const next: ServiceRequest = { ...visited, ...moveTo(visited, target, now, calendar), reopenCount: r.reopenCount + 1, result: null, overdueFlaggedFor: null };
  return {
    next,
    events: [
      event({ ...visited, status: r.status }, 'revisited', null, who, at, note),
      event(next, 'reopened', null, null, at, r.reopenCount === 0 ? '12345回访不满意，退回原办理单位重新办理' : '12345回访再次不满意，提级办理'),
    ],
  };
}

export const answerExtension = (deps: RequestDeps, actor: Actor, externalId: string, body: HotlineExtensionAnswerBody, now: Date) =>
  answer(deps, actor, body.source, externalId, now, (r) => extensionAnswered(r, body, speaker(actor), now));

export const recordHotlineVisit = (deps: RequestDeps, actor: Actor, externalId: string, body: HotlineVisitBody, now: Date) =>
  answer(deps, actor, body.source, externalId, now, (r) => hotlineVisited(r, body, speaker(actor), actor.userId, now, deps.calendar));
