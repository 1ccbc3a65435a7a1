import type { HotlineImportBody, HotlineImportResponse, HotlineTicket } from '@linli/shared';
import { ForbiddenError, ValidationError } from '../../platform/domain/errors';
import { convertDatum } from '../../platform/domain/geo/datum';
import { type Actor, hasRole } from '../../platform/domain/actor';
import type { GridRecord } from '../../identity/places-port';
import { metricDeltas } from './metrics';
import { alertMessage } from './staff-alerts';
import { gridsOfStreet, placeInStreet } from './placement';
import { newRequest } from './request';
import type { RequestDeps } from './deps';
import { claimFor } from '../../platform/domain/idempotency';
import { inPool } from '../../platform/domain/pool';

/** The admitted item every hotline ticket without a usable category hint is filed under. */
export const HOTLINE_FALLBACK_CATEGORY = 'hotline-other';
const IMPORT_CONCURRENCY = 8;
const RECEIPT_TTL_S = 400 * 86400;

interface Place {
  communityId: string;
  gridId: string | null;
}

/**
 * 网格+热线: imports a batch of 12345 hotline tickets into the same loop as residents' requests.
 * Primary course: place each ticket (its point in a grid of the caller's street, else its given
 * community's queue), file it under the hinted category when admitted there (else the hotline
 * catch-all), and store it with its external id as the idempotency key: the same ticket imported
 * twice is one request. One bad ticket does not stop the batch.
 */
export async function importHotlineTickets(
  deps: RequestDeps,
  actor: Actor,
  body: HotlineImportBody,
  now: Date,
): Promise<HotlineImportResponse> {
  const streetId = actor.streetId;
  const onlyCommunity = hasRole(actor, 'community_admin') ? actor.communityId : null;
  if (!streetId || (!actor.partner && !hasRole(actor, 'street_admin', 'community_admin'))) {
    throw new ForbiddenError('只有街道、社区或热线系统可以导入工单');
  }
  const gridsByCommunity = await gridsOfStreet(deps.places, streetId, onlyCommunity);

  const place = (t: HotlineTicket): Place => {
    const placed = t.location ? placeInStreet(gridsByCommunity, convertDatum(t.location, t.location.datum, 'wgs84')) : null;
    if (placed) return placed;
    if (t.communityId && gridsByCommunity.has(t.communityId)) return { communityId: t.communityId, gridId: null };
    throw new ValidationError(t.communityId ? '社区不在本街道' : '工单位置不在任何网格内，请提供所属社区', []);
  };

  const items = await inPool(body.tickets, IMPORT_CONCURRENCY, async (t): Promise<HotlineImportResponse['items'][number]> => {
    try {
      const { communityId, gridId } = place(t);
      const category =
        (t.categoryHint && (await deps.categories.get(communityId, t.categoryHint))) ||
        (await deps.categories.get(communityId, HOTLINE_FALLBACK_CATEGORY));
      if (!category) throw new ValidationError('社区未配置热线转办事项', []);
      const { next: request, events } = newRequest({
        id: deps.newId(),
        source: 'hotline',
        category,
        description: t.text,
        photos: [],
        location: t.location ? convertDatum(t.location, t.location.datum, 'wgs84') : centroid(gridsByCommunity.get(communityId)!, gridId),
        sourceDatum: t.location?.datum ?? 'wgs84',
        address: t.address,
        anonymous: false,
        reporter: { id: `hotline-${body.source}`, name: `${body.source}热线市民`, phone: t.phone },
        streetId,
        communityId,
        gridId,
        compound: null,
        now,
        calendar: deps.calendar,
        actor: null,
        hotline: { source: body.source, externalId: t.externalId, dueAt: t.dueAt ? new Date(t.dueAt).toISOString() : null, extension: null },
      });
      // Idempotent by the ticket's external id; receipts are kept long, as tickets may be re-sent for months.
      const claim = { ...claimFor('requests.hotline', `hotline-${body.source}`, t.externalId, t, now, deps.hash), expiresAt: Math.floor(now.getTime() / 1000) + RECEIPT_TTL_S };
      const outcome = await deps.requests.create(request, events, {
        claim,
        metrics: metricDeltas(null, { next: request, events }, now),
        hotlineTicket: { source: body.source, externalId: t.externalId },
        // The staff's group is told of the new item. A batch may hold thousands: the tick's outbox drain sends
        // them at the robots' pace (a busy robot is retried) rather than this call.
        outbox: [alertMessage(request, 'new')],
      });
      return outcome.created
        ? { externalId: t.externalId, requestId: request.id, outcome: 'created', error: null }
        : { externalId: t.externalId, requestId: outcome.receipt.outcome.requestId, outcome: 'duplicate', error: null };
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      return { externalId: t.externalId, requestId: null, outcome: 'failed', error: e.message };
    }
  });
  return {
    created: items.filter((x) => x.outcome === 'created').length,
    duplicates: items.filter((x) => x.outcome === 'duplicate').length,
    failed: items.filter((x) => x.outcome === 'failed').length,
    items,
  };
}

/** A ticket without a point is placed at the middle of its grid (or of its community's grids). */
function centroid(grids: GridRecord[], gridId: string | null): { lat: number; lng: number } {
  const pts = (gridId ? grids.filter((g) => g.id === gridId) : grids).flatMap((g) => g.boundary);
  if (pts.length === 0) return { lat: 0, lng: 0 };
  return { lat: pts.reduce((a, p) => a + p.lat, 0) / pts.length, lng: pts.reduce((a, p) => a + p.lng, 0) / pts.length };
}
