import { formatAddress, type GridInfo, type LoginResponse, type User } from '@linli/shared';
import { ConflictError, NotFoundError, UnauthenticatedError } from '../../platform/domain/errors';
import { gridInfo } from './grid-board';
import type { TokenService } from '../../platform/ports/tokens';
import type { UserRecord, UserRepository, WeChatAuth } from '../ports';
import type { CommunityRecord, PlaceRepository, StreetRecord } from '../places-port';
import { maskPhone } from '../../platform/domain/privacy';
import type { Actor } from '../../platform/domain/actor';

export interface IdentityDeps {
  users: UserRepository;
  wechat: WeChatAuth;
  tokens: TokenService;
  newId: () => string;
}

/** A user as a first WeChat login creates him: a resident with no place, name or phone yet. */
export function newUserRecord(id: string, openid: string, now: Date, fields: Partial<UserRecord> = {}): UserRecord {
  return {
    id, openid, name: PLACEHOLDER_NAME, phone: null, roles: ['resident'], streetId: null, communityId: null, gridId: null,
    createdAt: now.toISOString(), realName: false, address: null, registeredAt: null, verifiedAt: null, verifiedBy: null,
    rolesVersion: 1, homePlace: null, departmentId: null, moves: [], deletedAt: null,
    ...fields,
  };
}

/** The name a new WeChat user has until he gives his own. */
export const PLACEHOLDER_NAME = '微信用户';

export const toUserDto = (u: UserRecord): User => ({
  id: u.id,
  name: u.name,
  roles: u.roles,
  streetId: u.streetId,
  communityId: u.communityId,
  gridId: u.gridId,
  phoneMasked: maskPhone(u.phone),
  address: u.address ? formatAddress(u.address) : null,
  realName: u.realName,
  verified: u.verifiedAt !== null,
});

/** A session token carrying the user's roles, places and roles version. */
export function issueSession(tokens: TokenService, user: UserRecord, now: Date): LoginResponse {
  const { token, expiresAt } = tokens.sign(
    { sub: user.id, roles: user.roles, streetId: user.streetId, communityId: user.communityId, gridId: user.gridId, departmentId: user.departmentId, compound: user.compound ?? null, companyId: user.companyId ?? null, rv: user.rolesVersion },
    now,
  );
  return { token, expiresAt: expiresAt.toISOString(), user: toUserDto(user) };
}

/**
 * WeChat login.
 * Primary course: exchange the `wx.login` code for the openid through code2Session, find the user by
 * openid (a first login registers a resident with no community yet), keep the session key on the
 * server, and issue a signed, expiring session token.
 */
export async function loginWithWeChat(deps: IdentityDeps, code: string, now: Date): Promise<LoginResponse> {
  const session = await deps.wechat.code2Session(code);
  let user = await deps.users.getByOpenid(session.openid);
  if (!user) {
    const fresh = newUserRecord(deps.newId(), session.openid, now);
    try {
      await deps.users.create(fresh);
      user = fresh;
    } catch (e) {
      if (!(e instanceof ConflictError)) throw e;
      user = await deps.users.getByOpenid(session.openid); // a concurrent first login won
      if (!user) throw e;
    }
  }
  await deps.users.saveSessionKey(user.id, session.sessionKey, now.toISOString());
  return issueSession(deps.tokens, user, now);
}

export async function getMe(deps: { users: UserRepository }, actor: Actor): Promise<User> {
  const user = await deps.users.get(actor.userId);
  if (!user) throw new UnauthenticatedError('账号不存在，请重新登录');
  return toUserDto(user);
}

/** The caller's grid with its boundary and the staff to contact (公示网格信息), in GCJ-02. */
export async function getMyGrid(deps: { places: PlaceRepository; users: UserRepository }, actor: Actor): Promise<GridInfo> {
  if (!actor.gridId) throw new NotFoundError('您登记的网格');
  return gridInfo(deps, actor.gridId);
}

/** The communities a staff member oversees (his own, or all of his street's), with their grids. */
export async function myCommunities(
  deps: { places: PlaceRepository },
  actor: Actor,
): Promise<{ id: string; name: string; streetId: string; grids: { id: string; name: string }[] }[]> {
  let list: CommunityRecord[] = [];
  let street: StreetRecord | null = null;
  if (actor.roles.includes('street_admin') && actor.streetId) [street, list] = await Promise.all([deps.places.getStreet(actor.streetId), deps.places.listCommunitiesOfStreet(actor.streetId)]);
  else if (actor.communityId) {
    const c = await deps.places.getCommunity(actor.communityId);
    list = c ? [c] : [];
  }
  // One Query of grids per community; the community (and the street's map version) not read again for each.
  return Promise.all(
    list.map(async (c) => ({
      id: c.id,
      name: c.name,
      streetId: c.streetId,
      grids: (await deps.places.listGridsOfCommunity(c.id, { community: c, street: street ?? undefined })).map((g) => ({ id: g.id, name: g.name })),
    })),
  );
}
