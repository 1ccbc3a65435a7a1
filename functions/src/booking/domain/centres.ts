/** Finding and running service centres (党群服务中心): residents list them, admins publish their settings. */
import type { CentreDto, CentreSettings } from '@linli/shared';
import type { z } from 'zod';
import type { CentreListQuery, CreateCentreBody, UpdateCentreBody } from '@linli/shared';
import { type Actor } from '../../platform/domain/actor';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/domain/errors';
import { convertDatum } from '../../platform/domain/geo/datum';
import { distanceMeters } from '../../platform/domain/geo/distance';
import { claimFor, replayOf } from '../../platform/domain/idempotency';
import { shanghaiDate } from '../../platform/domain/opening-hours';
import { runsCentre } from './access';
import { assertSettings, type CentreRecord, openNote, rosterWarnings } from './centre';
import type { BookingDeps } from './deps';
import type { CommunityRecord } from '../../identity/places-port';

type Point = { lat: number; lng: number };

/** `communities`: the communities of a list's street, read once by the caller; one not among them (or none given) is read. */
export async function toCentreDto(
  deps: Pick<BookingDeps, 'places' | 'calendar'>,
  c: CentreRecord,
  actor: Actor,
  now: Date,
  from: Point | null,
  communities?: ReadonlyMap<string, CommunityRecord>,
): Promise<CentreDto> {
  const community = communities?.get(c.communityId) ?? (await deps.places.getCommunity(c.communityId));
  const gcj = convertDatum(c.location, 'wgs84', 'gcj02');
  return {
    ...settingsOf(c),
    id: c.id,
    communityId: c.communityId,
    communityName: community?.name ?? '',
    streetId: c.streetId,
    location: { lat: gcj.lat, lng: gcj.lng },
    version: c.version,
    distanceM: from ? Math.round(distanceMeters(from, c.location)) : null,
    mine: actor.communityId === c.communityId,
    openNote: openNote(c, now, deps.calendar),
    warnings: runsCentre(actor, c) ? rosterWarnings(c, shanghaiDate(now)) : [],
  };
}

const settingsOf = (c: CentreRecord): CentreSettings => ({
  name: c.name,
  address: c.address,
  location: { ...c.location },
  phone: c.phone,
  staffTotal: c.staffTotal,
  rooms: c.rooms,
  offerings: c.offerings,
  rules: c.rules,
  exceptions: c.exceptions,
  policy: c.policy,
});

export async function requireCentre(deps: Pick<BookingDeps, 'centres'>, id: string): Promise<CentreRecord> {
  const c = await deps.centres.get(id);
  if (!c) throw new NotFoundError('服务中心');
  return c;
}

/**
 * The centres a resident may use (就近办): his own community's first, then the others of the street
 * by distance from where he is (when he says), each with when it is next open.
 */
export async function listCentres(deps: BookingDeps, actor: Actor, q: z.output<typeof CentreListQuery>, now: Date): Promise<CentreDto[]> {
  const from = q.lat !== undefined && q.lng !== undefined ? convertDatum({ lat: q.lat, lng: q.lng }, q.datum, 'wgs84') : null;
  let streetId = actor.streetId;
  if (!streetId && from) streetId = (await deps.places.gridsNear(from))[0]?.streetId ?? null;
  if (!streetId) throw new ValidationError('请先登记所在社区，或允许使用位置以查找附近的服务中心', [{ field: 'lat', message: '需要所在社区或当前位置' }]);
  // The street's communities in one Query (their names), not a GetItem per centre.
  const [centres, communities] = await Promise.all([deps.centres.ofStreet(streetId), deps.places.listCommunitiesOfStreet(streetId)]);
  const byId = new Map(communities.map((c) => [c.id, c]));
  const dtos = await Promise.all(centres.map((c) => toCentreDto(deps, c, actor, now, from, byId)));
  return dtos.sort((a, b) => Number(b.mine) - Number(a.mine) || (a.distanceM ?? 0) - (b.distanceM ?? 0) || a.name.localeCompare(b.name, 'zh'));
}

const withWgs84 = (s: CentreSettings): CentreRecord['location'] => {
  const p = convertDatum({ lat: s.location.lat, lng: s.location.lng }, s.location.datum, 'wgs84');
  return { lat: p.lat, lng: p.lng, datum: 'wgs84' };
};

/** A community's admin (or the street's) opens a centre for booking (idempotent by key). */
export async function createCentre(deps: BookingDeps, actor: Actor, body: z.output<typeof CreateCentreBody>, key: string, now: Date) {
  const claim = claimFor('booking.centre', actor.userId, key, body, now, deps.hash);
  assertSettings(body);
  const community = await deps.places.getCommunity(body.communityId);
  if (!community) throw new ValidationError('社区不存在', [{ field: 'communityId', message: '社区不存在' }]);
  if (!runsCentre(actor, { communityId: community.id, streetId: community.streetId })) throw new ForbiddenError('只能为本社区（街道）开设服务中心');
  const { communityId: _c, ...settings } = body;
  const at = now.toISOString();
  const record: CentreRecord = { ...settings, location: withWgs84(body), id: deps.newId(), communityId: community.id, streetId: community.streetId, version: 1, createdAt: at, updatedAt: at };
  const outcome = await deps.centres.create(record, claim);
  const stored = outcome.created ? record : await requireCentre(deps, replayOf(claim, outcome.receipt).id);
  return { centre: await toCentreDto(deps, stored, actor, now, null), created: outcome.created };
}

/** Staff replace the centre's settings (conditional on the version they edited). */
export async function updateCentre(deps: BookingDeps, actor: Actor, id: string, body: z.output<typeof UpdateCentreBody>, now: Date): Promise<CentreDto> {
  const c = await requireCentre(deps, id);
  if (!runsCentre(actor, c)) throw new ForbiddenError('只能管理本社区（街道）的服务中心');
  assertSettings(body);
  const { version, ...settings } = body;
  const next: CentreRecord = { ...c, ...settings, location: withWgs84(body), version: version + 1, updatedAt: now.toISOString() };
  await deps.centres.update(next, version);
  return toCentreDto(deps, next, actor, now, null);
}

export async function getCentre(deps: BookingDeps, actor: Actor, id: string, now: Date): Promise<CentreDto> {
  return toCentreDto(deps, await requireCentre(deps, id), actor, now, null);
}
