/**
 * Joining as a resident (居民登记): find the place one lives (by location or by search), give the
 * building, unit and room, a real name and a phone; the grid worker then confirms (核实).
 * Registering changes the places in the session token, so it bumps the user's roles version and
 * answers with a new token (other sessions of the user must sign in again).
 */
import {
  formatAddress,
  type LoginResponse,
  type PlaceDto,
  type RegisterBody,
  type ResidentDto,
  RegisterBody as RegisterSchema,
} from '@linli/shared';
import type { z } from 'zod';
import { type Actor, hasRole } from '../../platform/domain/actor';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/domain/errors';
import { ERASED_NAME, USER_ERASED, type UserErased } from '../../platform/domain/events';
import type { OutboxDispatcher } from '../../platform/domain/outbox';
import { convertDatum, wgs84ToGcj02 } from '../../platform/domain/geo/datum';
import { pointInPolygon, polygonArea } from '../../platform/domain/geo/polygon';
import { maskPhone } from '../../platform/domain/privacy';
import type { TokenService } from '../../platform/ports/tokens';
import type { GridRecord, PlaceRepository } from '../places-port';
import type { FamilyRepository, Registration, UserRecord, UserRepository, WeChatAuth } from '../ports';
import { looksAfterGrid } from './grid-board';
import { issueSession } from './login';

export interface RegistrationDeps {
  users: UserRepository;
  places: PlaceRepository;
  wechat: WeChatAuth;
  tokens: TokenService;
}

/** Roles whose place is given by their appointment (invitation), not by where they live. */
const APPOINTED = ['grid_worker', 'community_admin', 'street_admin', 'station_keeper', 'platform_admin'] as const;

const gcj = (p: { lat: number; lng: number }) => {
  const g = wgs84ToGcj02(p);
  return { lat: Math.round(g.lat * 1e6) / 1e6, lng: Math.round(g.lng * 1e6) / 1e6 };
};

/** The grid holding a WGS-84 point: the most specific (smallest) of those whose boundary contains it. */
export function mostSpecificGrid(candidates: readonly GridRecord[], p: { lat: number; lng: number }): GridRecord | null {
  const holding = candidates.filter((g) => pointInPolygon(p, g.boundary));
  holding.sort((a, b) => polygonArea(a.boundary) - polygonArea(b.boundary));
  return holding[0] ?? null;
}

async function describe(places: PlaceRepository, communityId: string, grid: GridRecord | null): Promise<PlaceDto> {
  const community = await places.getCommunity(communityId);
  if (!community) throw new NotFoundError('社区');
  const street = await places.getStreet(community.streetId);
  return {
    streetId: community.streetId,
    streetName: street?.name ?? '',
    communityId: community.id,
    communityName: community.name,
    gridId: grid?.id ?? null,
    gridName: grid?.name ?? null,
    boundary: grid ? grid.boundary.map(gcj) : [],
  };
}

/** Where a point is: street, community and grid, or 404 when no grid we serve holds it. */
export async function locatePlace(deps: Pick<RegistrationDeps, 'places'>, point: { lat: number; lng: number; datum: 'gcj02' | 'wgs84' }): Promise<PlaceDto> {
  const p = convertDatum(point, point.datum, 'wgs84');
  const grid = mostSpecificGrid(await deps.places.gridsNear(p), p);
  if (!grid) throw new NotFoundError('您所在位置尚未开通服务的网格，请手动选择', 'place_not_covered');
  return describe(deps.places, grid.communityId, grid);
}

export async function listStreets(deps: Pick<RegistrationDeps, 'places'>) {
  return (await deps.places.listStreets()).map((s) => ({ id: s.id, name: s.name, city: s.city }));
}

/** A community's buildings, compound by compound (registration: … → compound → building). */
export async function buildingsOfCommunity(deps: Pick<RegistrationDeps, 'places'>, communityId: string) {
  if (!(await deps.places.getCommunity(communityId))) throw new NotFoundError('社区');
  const list = await deps.places.listBuildingsOfCommunity(communityId);
  return list.sort((a, b) => a.compound.localeCompare(b.compound, 'zh') || a.name.localeCompare(b.name, 'zh', { numeric: true })).map((b) => ({ id: b.id, name: b.name, compound: b.compound, gridId: b.gridId }));
}

export async function communitiesOfStreet(deps: Pick<RegistrationDeps, 'places'>, streetId: string) {
  const street = await deps.places.getStreet(streetId);
  if (!street) throw new NotFoundError('街道');
  const communities = await deps.places.listCommunitiesOfStreet(streetId);
  // One Query of grids per community; the community and street are known, not read again for each.
  return Promise.all(
    communities.map(async (c) => ({ id: c.id, name: c.name, grids: (await deps.places.listGridsOfCommunity(c.id, { community: c, street })).map((g) => ({ id: g.id, name: g.name })) })),
  );
}

/** The place a registration names: the located grid, or the chosen community (and grid, if chosen). */
async function placeOf(deps: RegistrationDeps, place: z.output<typeof RegisterSchema>['place']): Promise<{ streetId: string; communityId: string; gridId: string | null }> {
  if (place.by === 'location') {
    const p = convertDatum(place.location, place.location.datum, 'wgs84');
    const grid = mostSpecificGrid(await deps.places.gridsNear(p), p);
    if (!grid) throw new ValidationError('该位置尚未开通服务', [{ field: 'place.location', message: '您所在位置尚未开通服务的网格，请手动选择' }]);
    return { streetId: grid.streetId, communityId: grid.communityId, gridId: grid.id };
  }
  const community = await deps.places.getCommunity(place.communityId);
  if (!community) throw new ValidationError('社区不存在', [{ field: 'place.communityId', message: '请从列表中选择社区' }]);
  if (place.buildingId) {
    // A building of the imported map places the resident in its grid (the most specific one holding it).
    const building = (await deps.places.listBuildingsOfCommunity(community.id)).find((b) => b.id === place.buildingId);
    if (!building) throw new ValidationError('楼栋不在该社区', [{ field: 'place.buildingId', message: '请从列表中选择楼栋' }]);
    return { streetId: community.streetId, communityId: community.id, gridId: building.gridId };
  }
  if (place.gridId) {
    const grid = await deps.places.getGrid(place.gridId);
    if (!grid || grid.communityId !== community.id) throw new ValidationError('网格不属于该社区', [{ field: 'place.gridId', message: '请选择本社区的网格' }]);
  }
  return { streetId: community.streetId, communityId: community.id, gridId: place.gridId ?? null };
}

/**
 * Registers (or moves) the caller. Staff keep the place of their appointment: only their home
 * address, name and phone are recorded.
 */
export async function register(deps: RegistrationDeps, actor: Actor, body: z.output<typeof RegisterSchema>, now: Date): Promise<LoginResponse> {
  const [place, phone] = await Promise.all([placeOf(deps, body.place), body.phoneCode ? deps.wechat.phoneNumber(body.phoneCode) : Promise.resolve(body.phone)]);
  const appointed = hasRole(actor, ...APPOINTED);
  const current = await deps.users.get(actor.userId);
  if (!current) throw new NotFoundError('用户');
  const samePlace = current.homePlace?.communityId === place.communityId && current.homePlace.gridId === place.gridId;
  const sameAddress = current.address !== null && formatAddress(current.address) === formatAddress(body.address);
  const moved = current.registeredAt !== null && current.address !== null && !(samePlace && sameAddress);
  const r: Registration = {
    keepVerification: current.verifiedAt !== null && samePlace && sameAddress,
    // Moving house keeps where he lived before (newest last, the last 20).
    moves: moved
      ? [
          ...current.moves,
          { communityId: current.homePlace?.communityId ?? current.communityId, gridId: current.homePlace?.gridId ?? current.gridId, address: formatAddress(current.address!), from: current.registeredAt!, to: now.toISOString() },
        ].slice(-20)
      : current.moves,
    streetId: appointed ? current.streetId : place.streetId,
    communityId: appointed ? current.communityId : place.communityId,
    gridId: appointed ? current.gridId : place.gridId,
    address: body.address,
    registeredAt: now.toISOString(),
    homePlace: place,
    ...(body.name ? { name: body.name, realName: true } : {}),
    ...(phone ? { phone } : {}),
  };
  return issueSession(deps.tokens, await deps.users.register(actor.userId, r), now);
}

export const toResidentDto = (u: UserRecord): ResidentDto => ({
  userId: u.id,
  name: u.realName ? u.name : '未填写姓名',
  phoneMasked: maskPhone(u.phone),
  address: u.address ? formatAddress(u.address) : '',
  gridId: u.gridId,
  registeredAt: u.registeredAt ?? u.createdAt,
  verified: u.verifiedAt !== null,
  verifiedAt: u.verifiedAt,
});

/** Whether the actor looks after a grid's residents: its grid worker, its community's or street's staff. */
async function caresFor(deps: Pick<RegistrationDeps, 'places'>, actor: Actor, gridId: string): Promise<GridRecord> {
  const grid = await deps.places.getGrid(gridId);
  if (!grid) throw new NotFoundError('网格');
  if (!looksAfterGrid(actor, grid)) throw new ForbiddenError('只能查看自己负责网格的居民');
  return grid;
}

/** The residents registered in a grid (new ones first) for its grid worker to confirm. */
export async function gridResidents(deps: RegistrationDeps, actor: Actor, gridId: string, status: 'unverified' | 'all'): Promise<ResidentDto[]> {
  await caresFor(deps, actor, gridId);
  return (await deps.users.residentsOfGrid(gridId, status === 'unverified')).map(toResidentDto);
}

/** How many residents one name search returns (type more characters to narrow it). */
export const NAME_SEARCH_LIMIT = 20;

/**
 * A community's registered residents whose real name starts with `name` — with a grid or without —
 * for its staff (community admins, the street's admins) to find a person, e.g. the neighbour a good
 * deed is credited to. Residents who gave no real name are not found by name.
 */
export async function communityResidents(deps: RegistrationDeps, actor: Actor, communityId: string, name: string): Promise<ResidentDto[]> {
  const c = await deps.places.getCommunity(communityId);
  if (!c) throw new NotFoundError('社区');
  const ok = (hasRole(actor, 'community_admin') && actor.communityId === c.id) || (hasRole(actor, 'street_admin') && actor.streetId === c.streetId);
  if (!ok) throw new ForbiddenError('只能查找本社区（本街道）的居民');
  return (await deps.users.residentsNamed(c.id, name, NAME_SEARCH_LIMIT)).map(toResidentDto);
}

/** The grid worker confirms a resident (核实), correcting the address or moving him to another grid of the community. */
export async function verifyResident(
  deps: RegistrationDeps,
  actor: Actor,
  userId: string,
  body: { address?: RegisterBody['address']; gridId?: string },
  now: Date,
): Promise<ResidentDto> {
  const resident = await deps.users.get(userId);
  if (!resident?.registeredAt || !resident.gridId) throw new NotFoundError('登记的居民');
  const grid = await caresFor(deps, actor, resident.gridId);
  if (body.gridId && body.gridId !== grid.id) {
    const target = await deps.places.getGrid(body.gridId);
    if (!target || target.communityId !== grid.communityId) throw new ValidationError('网格不属于本社区', [{ field: 'gridId', message: '请选择本社区的网格' }]);
  }
  const changes = { ...(body.address ? { address: { ...body.address } } : {}), ...(body.gridId ? { gridId: body.gridId } : {}) };
  return toResidentDto(await deps.users.verify(userId, resident.gridId, changes, actor.userId, now.toISOString()));
}


/**
 * Deletes the caller's account (注销). Staff must first be released from their post. The name,
 * phone and addresses are erased at once; the other jobs erase what they copied (the name and phone
 * on filed requests and their timelines) from an at-least-once outbox event; filed requests stay.
 * Signing in with the same WeChat account afterwards starts a new account.
 */
export async function deleteAccount(deps: RegistrationDeps & { outbox: OutboxDispatcher; family: FamilyRepository }, actor: Actor, now: Date): Promise<void> {
  const user = await deps.users.get(actor.userId);
  if (!user) throw new NotFoundError('用户');
  const post = user.roles.find((r) => (APPOINTED as readonly string[]).includes(r));
  if (post) throw new ConflictError('您仍担任工作岗位，请先由所在单位撤销后再注销', 'still_appointed');
  // A grid team member's record holds his name and phone: the community takes him off the team first.
  if (user.roles.includes('team_member')) throw new ConflictError('您仍是网格团队成员，请先由社区工作人员移出后再注销', 'still_appointed');
  const erased: UserRecord = {
    ...user,
    openid: '',
    name: ERASED_NAME,
    realName: false,
    phone: null,
    roles: ['resident'],
    streetId: null,
    communityId: null,
    gridId: null,
    address: null,
    registeredAt: null,
    verifiedAt: null,
    verifiedBy: null,
    homePlace: null,
    departmentId: null,
    moves: [],
    deletedAt: now.toISOString(),
    rolesVersion: user.rolesVersion + 1,
  };
  // Family links go both ways: neither side keeps a link to a deleted account.
  for (const l of await deps.family.linksOf(user.id)) await deps.family.unlink(user.id, l.otherId);
  const payload: UserErased = { userId: user.id };
  const entries = await deps.users.erase(erased, user.rolesVersion, { topic: USER_ERASED, subject: `user#${user.id}`, payload: { ...payload } });
  await deps.outbox.deliver(entries, now);
}
