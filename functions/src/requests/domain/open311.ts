/** Open311 GeoReport v2 mapped onto our own model: posted requests enter the same loop and queues. */
import {
  type Category,
  LEVEL_LABELS,
  type Open311PostBody,
  type Open311Request,
  type Open311RequestsQuery,
  type Open311Service,
  REQUEST_STATUS_LABELS,
} from '@linli/shared';
import type { z } from 'zod';
import { NotFoundError, ValidationError } from '../../platform/domain/errors';
import type { Actor } from '../../platform/domain/actor';
import { metricDeltas } from './metrics';
import { alertMessage } from './staff-alerts';
import { gridsOfStreet, placeInStreet } from './placement';
import { newRequest, OPEN_STATUSES, type ServiceRequest } from './request';
import type { RequestDeps } from './deps';
import { claimFor } from '../../platform/domain/idempotency';

type Service = z.infer<typeof Open311Service>;
type Item = z.infer<typeof Open311Request>;

const MAX_RESULTS = 1000;
const DEFAULT_WINDOW_DAYS = 90;

/** The admitted item types of the partner's street, as Open311 services (service_code = our category id). */
export async function listServices(deps: Pick<RequestDeps, 'places' | 'categories'>, partner: Actor): Promise<Service[]> {
  const byId = new Map<string, Category>();
  for (const c of await deps.places.listCommunitiesOfStreet(partner.streetId!)) {
    // Partner apps serve residents: staff-only items (12345 热线转办) are not offered to them.
    for (const cat of await deps.categories.listOfCommunity(c.id)) if (!byId.has(cat.id) && !cat.staffOnly) byId.set(cat.id, cat);
  }
  return [...byId.values()]
    .sort((a, b) => a.order - b.order)
    .map((c) => ({
      service_code: c.id,
      service_name: c.name,
      description: `${c.group}：${c.name}${c.urgent ? '（紧急）' : ''}`,
      metadata: false,
      type: 'realtime' as const,
      keywords: c.group,
      group: c.group,
    }));
}

export async function serviceDefinition(deps: Pick<RequestDeps, 'places' | 'categories'>, partner: Actor, code: string) {
  const services = await listServices(deps, partner);
  if (!services.some((s) => s.service_code === code)) throw new NotFoundError(`service_code ${code} `);
  return { service_code: code, attributes: [] };
}

/**
 * POST requests.json: a partner system files a request. Primary course: the point (WGS-84, as
 * GeoReport uses) must lie in a grid of the partner's street; the service must be admitted in
 * that community; the request then enters the grid's queue like any resident's.
 */
export async function postOpen311Request(deps: RequestDeps, partner: Actor, body: Open311PostBody, idempotencyKey: string, now: Date) {
  if (body.lat === undefined || body.long === undefined) {
    throw new ValidationError('lat and long are required to place the request (addresses are not geocoded)', [{ field: 'lat', message: 'required' }]);
  }
  const point = { lat: body.lat, lng: body.long };
  const placed = placeInStreet(await gridsOfStreet(deps.places, partner.streetId!), point);
  if (!placed) throw new ValidationError('the location is outside the jurisdiction', [{ field: 'lat', message: 'outside every grid' }]);
  const category = await deps.categories.get(placed.communityId, body.service_code);
  if (!category || category.staffOnly) {
    throw new ValidationError(`service_code ${body.service_code} is not offered here`, [{ field: 'service_code', message: 'unknown' }]);
  }
  const name = [body.last_name, body.first_name].filter(Boolean).join('') || `${partner.partner!.name}用户`;
  const { next, events } = newRequest({
    id: deps.newId(),
    source: 'open311',
    category,
    description: body.description,
    photos: [],
    location: point,
    sourceDatum: 'wgs84',
    address: body.address_string ?? null,
    anonymous: false,
    reporter: { id: `open311-${partner.partner!.id}`, name, phone: body.phone ?? null },
    streetId: partner.streetId!,
    communityId: placed.communityId,
    gridId: placed.gridId,
    compound: null,
    now,
    calendar: deps.calendar,
    actor: null,
  });
  const claim = claimFor('requests.open311', `open311-${partner.partner!.id}`, idempotencyKey, body, now, deps.hash);
  // The staff's group is told of the new item, as of a resident's.
  const outcome = await deps.requests.create(next, events, { claim, metrics: metricDeltas(null, { next, events }, now), outbox: [alertMessage(next, 'new')] });
  if (outcome.created && outcome.outbox) await deps.outbox.deliver(outcome.outbox, now);
  const id = outcome.created ? next.id : outcome.receipt.outcome.requestId;
  return [{ service_request_id: id, service_notice: `已登记，由${LEVEL_LABELS[next.level]}受理办理`, account_id: body.account_id ?? null }];
}

export function toOpen311(r: ServiceRequest): Item {
  const open = OPEN_STATUSES.has(r.status);
  const agency = r.level === 'department' && r.departments.length ? r.departments.map((d) => d.name).join('、') : LEVEL_LABELS[r.level];
  return {
    service_request_id: r.id,
    status: open ? 'open' : 'closed',
    status_notes: [REQUEST_STATUS_LABELS[r.status], r.result].filter(Boolean).join('：') || null,
    service_name: r.categoryName,
    service_code: r.categoryId,
    description: r.description,
    agency_responsible: agency,
    service_notice: null,
    requested_datetime: r.createdAt,
    updated_datetime: r.updatedAt,
    expected_datetime: open ? r.resolveBy : null,
    address: r.address,
    address_id: null,
    zipcode: null,
    lat: r.location.lat,
    long: r.location.lng,
    media_url: null,
  };
}

/** GET requests.json: by ids, or the street's requests in a date window, filtered by code and status. */
export async function listOpen311Requests(deps: Pick<RequestDeps, 'requests'>, partner: Actor, q: Open311RequestsQuery, now: Date): Promise<Item[]> {
  let items: ServiceRequest[];
  if (q.service_request_id) {
    items = await deps.requests.getMany([...new Set(q.service_request_id.split(',').filter(Boolean))].slice(0, 100));
  } else {
    const end = q.end_date ? new Date(q.end_date) : now;
    const start = q.start_date ? new Date(q.start_date) : new Date(end.getTime() - DEFAULT_WINDOW_DAYS * 86400_000);
    if (start > end) throw new ValidationError('start_date must be before end_date', [{ field: 'start_date', message: 'after end_date' }]);
    items = await deps.requests.listOfStreet(partner.streetId!, start.toISOString(), end.toISOString(), MAX_RESULTS);
  }
  const codes = q.service_code ? new Set(q.service_code.split(',')) : null;
  return items
    .filter((r) => r.streetId === partner.streetId && r.status !== 'merged')
    .map(toOpen311)
    .filter((r) => !codes || codes.has(r.service_code))
    .filter((r) => !q.status || q.status.split(',').includes(r.status));
}

export async function getOpen311Request(deps: Pick<RequestDeps, 'requests'>, partner: Actor, id: string): Promise<Item[]> {
  const r = await deps.requests.get(id);
  if (!r || r.streetId !== partner.streetId) throw new NotFoundError(`service_request_id ${id} `);
  return [toOpen311(r)];
}
