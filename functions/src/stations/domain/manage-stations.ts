import type {
  CreateStationBody,
  HolidayCalendar,
  PatchStationBody,
  StationDetailDto,
} from '@linli/shared';
import { convertDatum } from '../../platform/domain/geo/datum';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/domain/errors';
import { type Actor, hasRole } from '../../platform/domain/actor';
import { shanghaiDate } from '../../platform/domain/opening-hours';
import type { PlaceRepository } from '../../identity/places-port';
import type { StationChanges, StationRepository } from '../ports';
import { type Station, toStationDetailDto } from './station';

export interface ManageDeps {
  stations: StationRepository;
  places: PlaceRepository;
  calendar: HolidayCalendar;
  newId: () => string;
}

/** Whether the actor administers stations of this community (community staff, or the street above it). */
export function administers(actor: Actor, station: { communityId: string; streetId: string }): boolean {
  return (
    (hasRole(actor, 'community_admin') && actor.communityId === station.communityId) ||
    (hasRole(actor, 'street_admin') && actor.streetId === station.streetId)
  );
}

export const keeps = (actor: Actor, station: Station): boolean =>
  hasRole(actor, 'station_keeper') && station.keeperId === actor.userId;

/** Loads a station or fails with 404. */
export async function requireStation(stations: StationRepository, id: string): Promise<Station> {
  const station = await stations.get(id);
  if (!station) throw new NotFoundError('驿站');
  return station;
}

/** One station with today's visitor count. */
export async function getStation(
  deps: Pick<ManageDeps, 'stations' | 'calendar'>,
  id: string,
  now: Date,
): Promise<StationDetailDto> {
  const [station, visitors] = await Promise.all([
    requireStation(deps.stations, id),
    deps.stations.visitorsOn(id, shanghaiDate(now)),
  ]);
  return toStationDetailDto(station, now, deps.calendar, visitors);
}

/**
 * Registers a new station.
 * Primary course: a community admin registers it in his community (a street admin in any community
 * of his street); the point is stored in WGS-84 with the datum it was entered in.
 */
export async function createStation(
  deps: ManageDeps,
  actor: Actor,
  body: CreateStationBody,
  now: Date,
): Promise<StationDetailDto> {
  const communityId = body.communityId ?? actor.communityId;
  if (!communityId) throw new ValidationError('请指定驿站所属社区', [{ field: 'communityId', message: '必填' }]);
  const community = await deps.places.getCommunity(communityId);
  if (!community) throw new ValidationError('社区不存在', [{ field: 'communityId', message: '社区不存在' }]);
  if (!administers(actor, { communityId, streetId: community.streetId })) {
    throw new ForbiddenError('只能在自己管理的社区登记驿站');
  }
  const at = now.toISOString();
  const station: Station = {
    id: deps.newId(),
    name: body.name,
    address: body.address,
    location: convertDatum(body.location, body.location.datum, 'wgs84'),
    sourceDatum: body.location.datum,
    amenities: [...new Set(body.amenities)],
    outOfOrder: {},
    hours: body.hours,
    status: 'open',
    closureNote: null,
    phone: body.phone,
    keeperId: body.keeperId,
    communityId,
    streetId: community.streetId,
    lastConfirmed: { at, by: 'admin' },
    openIssues: {},
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  await deps.stations.create(station);
  return toStationDetailDto(station, now, deps.calendar, 0);
}

const KEEPER_FIELDS = new Set(['status', 'closureNote', 'outOfOrder', 'confirm', 'hours', 'phone']);

/**
 * Changes a station.
 * Primary course: an admin of its community changes anything; its keeper changes day-to-day state
 * (temporary closure, amenities out of order, hours, phone) and confirms the information is current.
 */
export async function patchStation(
  deps: ManageDeps,
  actor: Actor,
  id: string,
  body: PatchStationBody,
  now: Date,
): Promise<StationDetailDto> {
  const station = await requireStation(deps.stations, id);
  const isAdmin = administers(actor, station);
  if (!isAdmin) {
    if (!keeps(actor, station)) throw new ForbiddenError('只有本驿站站长或社区管理员可以修改');
    const denied = Object.keys(body).filter((k) => !KEEPER_FIELDS.has(k));
    if (denied.length > 0) {
      throw new ForbiddenError(`站长不能修改：${denied.join('、')}（请联系社区）`);
    }
  }
  const at = now.toISOString();
  const changes: StationChanges = {};
  if (body.name !== undefined) changes.name = body.name;
  if (body.address !== undefined) changes.address = body.address;
  if (body.amenities !== undefined) changes.amenities = [...new Set(body.amenities)];
  if (body.hours !== undefined) changes.hours = body.hours;
  if (body.phone !== undefined) changes.phone = body.phone;
  if (body.keeperId !== undefined) changes.keeperId = body.keeperId;
  if (body.status !== undefined) {
    changes.status = body.status;
    if (body.status === 'open' && body.closureNote === undefined) changes.closureNote = null;
  }
  if (body.closureNote !== undefined) changes.closureNote = body.closureNote;
  if (body.outOfOrder !== undefined) {
    const amenities = changes.amenities ?? station.amenities;
    const unknown = body.outOfOrder.filter((o) => !amenities.includes(o.amenity));
    if (unknown.length > 0) {
      throw new ValidationError('驿站没有这项设施', [{ field: 'outOfOrder', message: '驿站没有这项设施' }]);
    }
    const next: Station['outOfOrder'] = {};
    for (const o of body.outOfOrder) {
      next[o.amenity] = station.outOfOrder[o.amenity] ?? { since: at, ...(o.note ? { note: o.note } : {}) };
      if (o.note) next[o.amenity]!.note = o.note;
    }
    changes.outOfOrder = next;
  }
  changes.lastConfirmed = { at, by: isAdmin && !keeps(actor, station) ? 'admin' : 'keeper' };
  const updated = await deps.stations.update(id, station.version, changes, at);
  const visitors = await deps.stations.visitorsOn(id, shanghaiDate(now));
  return toStationDetailDto(updated, now, deps.calendar, visitors);
}
