/** Filing a request: the resident's submit, idempotent by the key he sends. */
import { ROLE_LABELS, type RequestDetail, type SubmitRequestBody } from '@linli/shared';
import { type Actor, hasRole } from '../../platform/domain/actor';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/domain/errors';
import { convertDatum } from '../../platform/domain/geo/datum';
import { claimFor, type Once, replayOf } from '../../platform/domain/idempotency';
import { shanghaiDate } from '../../platform/domain/opening-hours';
import { verifyPhotos } from '../../platform/domain/photos';
import type { RequestDeps } from './deps';
import { metricDeltas } from './metrics';
import { templatesOf } from './notices';
import { gridAt } from './placement';
import { present, toDetail } from './present';
import { propertyRoute, propertyServing } from './property';
import { filesStaffOnly, neighbourAddress, OTHER_CATEGORY, requestNumber, staffOnlyRefusal } from './filing';
import { newRequest, roleOf, type ServiceRequest } from './request';
import { alertMessage } from './staff-alerts';

/** Tries at a free request number before giving up (racers after a counter reset may take a few). */
const NUMBER_ATTEMPTS = 5;

/**
 * A resident files a request.
 * Primary course: check the category is on his community's list (and not one only staff file),
 * find the grid whose boundary holds the point (none: the community queue), set the first stage's
 * deadlines, and store the item
 * with its first timeline event, the consents he gave at the tap and the idempotency receipt, so a
 * retried submit returns the same item instead of a second one. The item gets the day's next request
 * number (受理编号) the resident can quote on the phone.
 */
export async function submitRequest(
  deps: RequestDeps,
  actor: Actor,
  body: SubmitRequestBody,
  idempotencyKey: string,
  now: Date,
): Promise<{ request: RequestDetail; created: boolean }> {
  if (!actor.communityId || !actor.streetId) {
    throw new ValidationError('请先登记所在社区后再反映问题', [{ field: 'communityId', message: '尚未登记所在社区' }]);
  }
  const claim = claimFor('requests.submit', actor.userId, idempotencyKey, body, now, deps.hash);
  const [stored, grids, reporter, photos, served] = await Promise.all([
    deps.categories.get(actor.communityId, body.categoryId),
    deps.places.listGridsOfCommunity(actor.communityId),
    deps.users.get(actor.userId),
    verifyPhotos(deps.storage, actor, body.photos),
    body.compound ? propertyServing(deps, actor.communityId) : new Map<string, { id: string; name: string } | null>(),
  ]);
  // 其他 is offered by every community, stored or not: a resident always finds a fitting category.
  const category = stored ?? (body.categoryId === OTHER_CATEGORY.id ? OTHER_CATEGORY : null);
  if (!category) throw new ValidationError('事项类别不在本社区的准入清单中', [{ field: 'categoryId', message: '未知的事项类别' }]);
  if (category.staffOnly && !filesStaffOnly(actor)) {
    const refusal = staffOnlyRefusal(category.name);
    throw new ValidationError(refusal.message, refusal.fields);
  }
  const filer = reporter?.name ?? '';
  if (body.forNeighbour && !hasRole(actor, 'building_leader', 'grid_worker', 'parttime_grid_worker')) {
    throw new ForbiddenError('只有楼长和网格员可以代邻居反映');
  }
  if (reporter && !reporter.realName) {
    throw new ValidationError('请先在"我的"中填写真实姓名后再反映问题', [{ field: 'name', message: '反映问题需要真实姓名，便于网格员联系您' }]);
  }
  const location = convertDatum(body.location, body.location.datum, 'wgs84');
  const compound = propertyRoute(category, body.compound, [...served.keys()]);
  const filed = newRequest({
    id: deps.newId(),
    // A grid worker filing what he found on his rounds: 未诉先办, the same loop (for a neighbour it is the neighbour's).
    source: hasRole(actor, 'grid_worker') && !body.forNeighbour ? 'patrol' : 'resident',
    category,
    description: body.description,
    photos,
    location,
    sourceDatum: body.location.datum,
    address: body.address ?? (body.forNeighbour ? neighbourAddress(body.forNeighbour) : null),
    anonymous: body.anonymous,
    reporter: body.forNeighbour
      ? { id: actor.userId, name: body.forNeighbour.name, phone: body.forNeighbour.phone ?? null }
      : { id: actor.userId, name: reporter?.name ?? '居民', phone: reporter?.phone ?? null },
    streetId: actor.streetId,
    communityId: actor.communityId,
    gridId: gridAt(grids, location),
    compound,
    companyId: compound ? (served.get(compound)?.id ?? null) : null,
    now,
    calendar: deps.calendar,
    actor,
    forNeighbour: body.forNeighbour
      ? { name: body.forNeighbour.name, phone: body.forNeighbour.phone, building: body.forNeighbour.building, room: body.forNeighbour.room, filedByName: filer || null, filedByRole: roleOf(actor) }
      : null,
  });
  const { next } = filed;
  // The timeline says who filed it for whom (the neighbour stays the reporter on record).
  const events = body.forNeighbour
    ? filed.events.map((e) => ({ ...e, actorName: filer, note: `由${ROLE_LABELS[roleOf(actor)]}${filer}代邻居反映` }))
    : filed.events;
  const extras = { claim, metrics: metricDeltas(null, { next, events }, now), consents: templatesOf(body.notify, deps.subscribeTemplates) };
  // The staff's group is told of the new item (its robot is looked up when the alert goes).
  // The request number: the day's next sequence, held by this item alone. A number found taken means
  // the counter was set back: it catches up with the numbers held and the filing takes the next one.
  const day = shanghaiDate(now);
  let numbered: ServiceRequest = next;
  let outcome: Once<{ requestId: string }>;
  for (let attempt = 1; ; attempt++) {
    numbered = { ...next, number: requestNumber(day, await deps.requests.nextNumber(day)) };
    try {
      const stored = await deps.requests.create(numbered, events, { ...extras, outbox: [alertMessage(numbered, 'new')] });
      outcome = stored;
      if (stored.outbox) await deps.outbox.deliver(stored.outbox, now);
      break;
    } catch (e) {
      if (!(e instanceof ConflictError && e.code === 'number_taken') || attempt >= NUMBER_ATTEMPTS) throw e;
      await deps.requests.catchUpNumbers(day);
    }
  }
  if (outcome.created) return { request: await present(deps.storage, toDetail(numbered, events, actor, now)), created: true };
  const { requestId } = replayOf(claim, outcome.receipt);
  const existing = await deps.requests.getWithTimeline(requestId);
  if (!existing) throw new NotFoundError('事项');
  return { request: await present(deps.storage, toDetail(existing.request, existing.events, actor, now, existing.followers)), created: false };
}
