/**
 * A street loads its own map: the street admin uploads communities and grids (GeoJSON) and
 * buildings (CSV); the whole file is checked and staged (nothing visible), then activated, when
 * the street's lists and locating switch to it at once. Uploading again (a corrected file) makes a
 * new import that replaces the map when activated; activating twice is harmless.
 */
import type { MapImportDto } from '@linli/shared';
import { type Actor, hasRole } from '../../platform/domain/actor';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/domain/errors';
import { claimFor, replayOf } from '../../platform/domain/idempotency';
import type { PlaceRepository } from '../places-port';
import type { MapImportRecord, StreetMapRepository } from '../ports';
import { createInvitation, type InvitationDeps } from './invitations';
import { checkBuildings, checkMap, checkStaff, type StreetMap } from './street-map';

export interface MapImportDeps extends InvitationDeps {
  streetMaps: StreetMapRepository;
  places: PlaceRepository;
  newId: () => string;
  hash: (text: string) => string;
}

const toDto = (r: MapImportRecord, invitations: MapImportDto['invitations'] = []): MapImportDto => ({ ...r, invitations });

function requireStreetAdmin(actor: Actor, streetId: string): void {
  if (!(hasRole(actor, 'street_admin') && actor.streetId === streetId)) throw new ForbiddenError('只有本街道的工作人员可以导入街道地图');
}

/** Checks the whole file and stages it; every problem comes back field by field (nothing is stored then). */
export async function importStreetMap(
  deps: MapImportDeps,
  actor: Actor,
  streetId: string,
  body: { geojson: Record<string, unknown>; buildingsCsv?: string; staffCsv?: string },
  idempotencyKey: string,
  now: Date,
): Promise<{ import: MapImportDto; created: boolean }> {
  requireStreetAdmin(actor, streetId);
  if (!(await deps.places.getStreet(streetId))) throw new NotFoundError('街道');
  // The claim hashes the file; a retried upload of the same file replays the same import.
  const claim = claimFor('identity.map_import', actor.userId, idempotencyKey, { streetId, ...body }, now, deps.hash);
  const { map, problems } = checkMap(body.geojson);
  const buildings = body.buildingsCsv ? checkBuildings(body.buildingsCsv, map.grids) : { buildings: [], problems: [] };
  const staff = body.staffCsv ? checkStaff(body.staffCsv, map) : { staff: [], problems: [] };
  const all = [...problems, ...buildings.problems, ...staff.problems];
  if (all.length) throw new ValidationError(`地图文件有 ${all.length} 处问题，未导入`, all);
  if (!map.communities.length) throw new ValidationError('地图文件中没有社区', [{ field: 'geojson', message: '至少需要一个社区' }]);
  const header: MapImportRecord = {
    id: deps.newId(),
    streetId,
    status: 'staged',
    counts: { communities: map.communities.length, grids: map.grids.length, buildings: buildings.buildings.length, staff: staff.staff.length },
    createdAt: now.toISOString(),
    createdBy: actor.userId,
    activatedAt: null,
  };
  const outcome = await deps.streetMaps.stage(header, { ...map, buildings: buildings.buildings, staff: staff.staff }, claim);
  if (outcome.created) return { import: toDto(header), created: true };
  const earlier = await deps.streetMaps.get(replayOf(claim, outcome.receipt).id);
  if (!earlier) throw new NotFoundError('导入');
  return { import: toDto(earlier), created: false };
}

/**
 * The staff file's invitations, made once per row: each row's idempotency key is the import and
 * the row, so activating again lists the same codes instead of inviting twice.
 */
async function inviteStaff(deps: MapImportDeps, actor: Actor, importId: string, map: StreetMap, now: Date): Promise<MapImportDto['invitations']> {
  const out: MapImportDto['invitations'] = [];
  for (const [i, s] of (map.staff ?? []).entries()) {
    const { invitation } = await createInvitation(deps, actor, s, `map-${importId}-${i}`, now);
    out.push({ inviteeName: invitation.inviteeName, roleLabel: invitation.roleLabel, placeName: invitation.placeName, code: invitation.code });
  }
  return out;
}

/** Switches the street to a staged import at once, then invites the staff of its staff file. */
export async function activateStreetMap(deps: MapImportDeps, actor: Actor, streetId: string, importId: string, now: Date): Promise<MapImportDto> {
  requireStreetAdmin(actor, streetId);
  const [header, street] = await Promise.all([deps.streetMaps.get(importId), deps.places.getStreet(streetId)]);
  if (!header || header.streetId !== streetId || !street) throw new NotFoundError('导入');
  const active = header.status === 'active' && street.mapVersion === importId;
  if (!active && header.status !== 'staged') throw new ConflictError('该导入已被更新的导入取代', 'import_superseded');
  const map = await deps.streetMaps.load(importId);
  if (!active) await deps.streetMaps.activate(header, map, street.mapVersion ?? null, now.toISOString());
  const done: MapImportRecord = active ? header : { ...header, status: 'active', activatedAt: now.toISOString() };
  return toDto(done, await inviteStaff(deps, actor, importId, map, now));
}
