/** Changes to an item: staff actions, the reporter's updates and rating, "me too", merging duplicates. */
import type { HolidayCalendar, NoticeKind, RatingBody, RequestDetail, ResidentActionBody, StaffActionBody } from '@linli/shared';
import type { Actor } from '../../platform/domain/actor';
import type { OutboxEntry } from '../../platform/domain/outbox';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/domain/errors';
import { verifyPhotos } from '../../platform/domain/photos';
import type { RequestDeps } from './deps';
import { metricDeltas } from './metrics';
import { noticesFor, templatesOf } from './notices';
import { serviceEventsOf } from './service-events';
import { requestExtension, returnToHotline, withHotlineOutbound } from './hotline-outbound';
import { alertsOf } from './staff-alerts';
import { present, toDetail } from './present';
import { loadVisible } from './queries';
import {
  accept,
  addInfo,
  addNote,
  assign,
  canView,
  dispatch,
  escalate,
  follow,
  handOver,
  merge,
  phoneUpdate,
  rate,
  refuse,
  reportIn,
  resolve,
  revisit,
  type ServiceRequest,
  type Transition,
  withdraw,
} from './request';

type StepContext = { actor: Actor; actorName: string; now: Date; calendar: HolidayCalendar };

/**
 * Applies one change: load, check the version the caller saw, run the pure step, store the result
 * with its events, counters and outbox messages in one version-guarded transaction, then deliver
 * the messages at once (what cannot go now stays in the outbox for the tick).
 */
async function apply(
  deps: RequestDeps,
  actor: Actor,
  id: string,
  now: Date,
  expectedVersion: number | null,
  step: (r: ServiceRequest, ctx: StepContext) => Transition | Promise<Transition>,
): Promise<RequestDetail> {
  const { request, events, followers } = await loadVisible(deps, actor, id);
  if (expectedVersion !== null && expectedVersion !== request.version) {
    throw new ConflictError('该事项已更新，请刷新后再操作', 'stale_version');
  }
  const me = await deps.users.get(actor.userId);
  const t = await store(deps, request, await step(request, { actor, actorName: me?.name ?? '', now, calendar: deps.calendar }), followers, now);
  return present(deps.storage, toDetail(t.next, [...events, ...t.events], actor, now, followers));
}

/**
 * Stores a transition of `before` and delivers its messages (shared by staff actions and the escalation
 * task). With `defer`, the stored messages are handed back there instead of delivered now (the
 * escalation task delivers a wave's messages after the wave; until then they wait in the outbox).
 */
export async function store(deps: RequestDeps, before: ServiceRequest, change: Transition, followers: readonly string[], now: Date, defer?: OutboxEntry[]): Promise<Transition> {
  const { t, outbox: hotline } = withHotlineOutbound(change);
  const outbox = [...(await noticesFor(t, followers, deps.subscribeTemplates, deps.consents)), ...serviceEventsOf(before, t), ...hotline, ...alertsOf(t)];
  const entries = await deps.requests.save(t.next, before.version, t.events, {
    refusedBy: t.refusedBy,
    metrics: metricDeltas(before, t, now),
    outbox,
  });
  if (defer) defer.push(...entries);
  else await deps.outbox.deliver(entries, now);
  return t;
}

/** A grid of the item's community, or a 400 naming the field. */
async function gridOfCommunity(deps: Pick<RequestDeps, 'places'>, r: ServiceRequest, gridId: string): Promise<string> {
  const grid = await deps.places.getGrid(gridId);
  if (!grid || grid.communityId !== r.communityId) {
    throw new ValidationError('网格不存在或不属于本社区', [{ field: 'gridId', message: '请选择本社区的网格' }]);
  }
  return grid.id;
}

function department(deps: Pick<RequestDeps, 'departments'>, id: string, field: string): { id: string; name: string } {
  const d = deps.departments.find((x) => x.id === id);
  if (!d) throw new ValidationError('未知的部门', [{ field, message: '请从部门清单中选择' }]);
  return { id: d.id, name: d.name };
}

/** Every staff action, each a conditional write on the item's current version. */
export function staffAction(deps: RequestDeps, actor: Actor, id: string, body: StaffActionBody, now: Date): Promise<RequestDetail> {
  if (body.action === 'merge') return mergeRequests(deps, actor, id, body.into, body.version, now);
  return apply(deps, actor, id, now, body.version, async (r, ctx): Promise<Transition> => {
    switch (body.action) {
      case 'accept':
        return accept(r, ctx);
      case 'note':
        return addNote(r, ctx, body.note, await verifyPhotos(deps.storage, actor, body.photos));
      case 'resolve':
        return resolve(r, ctx, body.result, await verifyPhotos(deps.storage, actor, body.photos));
      case 'escalate':
        return escalate(r, ctx, body.reason);
      case 'refuse':
        return refuse(r, ctx, body.reason);
      case 'hand_over':
        return handOver(r, ctx, await gridOfCommunity(deps, r, body.gridId), body.reason);
      case 'assign':
        return assign(r, ctx, await gridOfCommunity(deps, r, body.gridId), body.note ?? null);
      case 'dispatch':
        return dispatch(
          r,
          ctx,
          department(deps, body.lead, 'lead'),
          body.others.map((o, i) => department(deps, o, `others.${i}`)),
          body.note ?? null,
        );
      case 'report_in':
        return reportIn(r, ctx, body.department, body.note);
      case 'revisit':
        return revisit(r, ctx, body.method, body.outcome, { solved: body.solved, satisfied: body.satisfied });
      case 'return_to_hotline':
        return returnToHotline(r, ctx, body.reason);
      case 'request_extension':
        return requestExtension(r, ctx, body.reason, body.dueAt);
      case 'phone_update':
        return phoneUpdate(r, ctx, body.told, body.calledAt);
    }
  });
}

/**
 * Staff merge a duplicate into another open item of the community.
 * Primary course: both items change in one transaction (each version-checked); every follower of
 * the duplicate, its reporter included, follows the survivor from then on (their consents are
 * theirs, per template, so they carry over by themselves).
 */
async function mergeRequests(deps: RequestDeps, actor: Actor, id: string, intoId: string, version: number, now: Date): Promise<RequestDetail> {
  const dup = await loadVisible(deps, actor, id);
  if (dup.request.version !== version) throw new ConflictError('该事项已更新，请刷新后再操作', 'stale_version');
  const survivor = await deps.requests.getWithTimeline(intoId);
  if (!survivor || !canView(actor, survivor.request)) {
    throw new ValidationError('目标事项不存在', [{ field: 'into', message: '目标事项不存在' }]);
  }
  const newFollowers = dup.followers.filter((f) => !survivor.followers.includes(f));
  const me = await deps.users.get(actor.userId);
  const t = merge(dup.request, survivor.request, newFollowers.length, { actor, actorName: me?.name ?? '', now, calendar: deps.calendar });
  await deps.requests.merge(
    { next: t.duplicate.next, expectedVersion: dup.request.version, events: t.duplicate.events },
    { next: t.survivor.next, expectedVersion: survivor.request.version, events: t.survivor.events },
    newFollowers,
    metricDeltas(dup.request, t.duplicate, now),
  );
  return present(deps.storage, toDetail(t.duplicate.next, [...dup.events, ...t.duplicate.events], actor, now, dup.followers));
}

/** "Me too": a resident follows an open item instead of filing a duplicate (with the messages he agreed to). */
export async function followRequest(deps: RequestDeps, actor: Actor, id: string, notify: NoticeKind[], now: Date): Promise<RequestDetail> {
  for (let attempt = 0; ; attempt++) {
    const found = await deps.requests.getWithTimeline(id);
    if (!found) throw new NotFoundError('事项');
    if (found.followers.includes(actor.userId)) return present(deps.storage, toDetail(found.request, found.events, actor, now, found.followers));
    const next = follow(found.request, now);
    try {
      await deps.requests.follow(next, found.request.version, actor.userId, templatesOf(notify, deps.subscribeTemplates));
      return present(deps.storage, toDetail(next, found.events, actor, now, [...found.followers, actor.userId]));
    } catch (e) {
      if (!(e instanceof ConflictError) || attempt >= 3) throw e;
    }
  }
}

/** The reporter withdraws or adds information. */
export function residentUpdate(deps: RequestDeps, actor: Actor, id: string, body: ResidentActionBody, now: Date): Promise<RequestDetail> {
  return apply(deps, actor, id, now, null, async (r, ctx) =>
    body.action === 'withdraw' ? withdraw(r, ctx, body.reason ?? null) : addInfo(r, ctx, body.note, await verifyPhotos(deps.storage, actor, body.photos)),
  );
}

/** The reporter rates the result. */
export function rateRequest(deps: RequestDeps, actor: Actor, id: string, body: RatingBody, now: Date): Promise<RequestDetail> {
  return apply(deps, actor, id, now, null, (r, ctx) => rate(r, ctx, body.score, body.comment, { solved: body.solved, satisfied: body.satisfied }));
}
