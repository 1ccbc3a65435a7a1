/**
 * Staff join by invitation: an admin invites someone to a role and a place; the invitee opens the
 * code in WeChat, signs in and accepts; the admin lists and revokes. Accepting or revoking changes
 * the user's roles and place and bumps his roles version, so his older sessions stop working on
 * their next request (a revoked grid worker loses his grid's queue at once).
 */
import type { InvitationDto, LoginResponse } from '@linli/shared';
import type { z } from 'zod';
import type { CreateInvitationBody as CreateSchema } from '@linli/shared';
import { type Actor, hasRole } from '../../platform/domain/actor';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/domain/errors';
import { claimFor, replayOf } from '../../platform/domain/idempotency';
import type { MiniProgramCodes } from '../../platform/ports/mini-program-codes';
import type { TokenService } from '../../platform/ports/tokens';
import type { PlaceRepository } from '../places-port';
import type { InvitationRepository, UserRecord, UserRepository } from '../ports';
import type { PropertyCompanyRepository } from '../team-port';
import {
  COMMUNITY_ROLES,
  GRID_ROLES,
  INVITATION_TTL_MS,
  INVITE_PAGE,
  invitationCode,
  invitationPath,
  type InvitationRecord,
  LABELLED_ROLES,
  mayAppoint,
  otherPost,
  roleLabel,
  statusAt,
  withAppointment,
  withoutAppointment,
} from './invitation';
import { issueSession } from './login';

export interface InvitationDeps {
  invitations: InvitationRepository;
  propertyCompanies: Pick<PropertyCompanyRepository, 'companiesOf'>;
  users: UserRepository;
  places: PlaceRepository;
  tokens: TokenService;
  codes: MiniProgramCodes;
  departments: readonly { id: string; name: string }[];
  randomBytes: (n: number) => Uint8Array;
  hash: (text: string) => string;
}

type Body = z.output<typeof CreateSchema>;

export const toInvitationDto = (i: InvitationRecord, now: Date): InvitationDto => ({
  code: i.code,
  role: i.role,
  roleLabel: roleLabel(i.role),
  streetId: i.streetId,
  communityId: i.communityId,
  gridId: i.gridId,
  departmentId: i.departmentId,
  placeName: i.placeName,
  label: i.label,
  inviteeName: i.inviteeName,
  invitedBy: i.invitedBy,
  inviterName: i.inviterName,
  status: statusAt(i, now),
  createdAt: i.createdAt,
  expiresAt: i.expiresAt,
  acceptedBy: i.acceptedBy,
  acceptedAt: i.acceptedAt,
  revokedAt: i.revokedAt,
  revokedBy: i.revokedBy,
  path: invitationPath(i.code),
});

const field = (f: string, message: string) => new ValidationError('邀请信息有误', [{ field: f, message }]);

/** The place an invitation gives, resolved and checked: grid roles need a grid, community roles a community. */
async function placeFor(deps: InvitationDeps, actor: Actor, body: Body) {
  if (GRID_ROLES.includes(body.role)) {
    if (!body.gridId) throw field('gridId', '请选择网格');
    const grid = await deps.places.getGrid(body.gridId);
    if (!grid) throw field('gridId', '网格不存在');
    const community = await deps.places.getCommunity(grid.communityId);
    return { streetId: grid.streetId, communityId: grid.communityId, gridId: grid.id, departmentId: null, words: [community?.name ?? '', grid.name] };
  }
  if (COMMUNITY_ROLES.includes(body.role)) {
    const communityId = body.communityId ?? actor.communityId;
    if (!communityId) throw field('communityId', '请选择社区');
    const community = await deps.places.getCommunity(communityId);
    if (!community) throw field('communityId', '社区不存在');
    return { streetId: community.streetId, communityId: community.id, gridId: null, departmentId: null, words: [community.name] };
  }
  const streetId = body.streetId ?? actor.streetId;
  if (!streetId) throw field('streetId', '请选择街道');
  const street = await deps.places.getStreet(streetId);
  if (!street) throw field('streetId', '街道不存在');
  if (body.role === 'department_staff') {
    const dept = deps.departments.find((d) => d.id === body.departmentId);
    if (!dept) throw field('departmentId', '请从部门清单中选择');
    return { streetId, communityId: null, gridId: null, departmentId: dept.id, words: [street.name, dept.name] };
  }
  return { streetId, communityId: null, gridId: null, departmentId: null, words: [street.name] };
}

/** Invites someone to a role and a place (idempotent by the key the admin's tap sends). */
export async function createInvitation(
  deps: InvitationDeps,
  actor: Actor,
  body: Body,
  idempotencyKey: string,
  now: Date,
): Promise<{ invitation: InvitationDto; created: boolean }> {
  const claim = claimFor('identity.invite', actor.userId, idempotencyKey, body, now, deps.hash);
  if (LABELLED_ROLES.includes(body.role) && !body.label) {
    throw field('label', body.role === 'building_leader' ? '请填写负责的楼栋' : '请填写服务的小区');
  }
  const place = await placeFor(deps, actor, body);
  if (!mayAppoint(actor, body.role, place)) throw new ForbiddenError('只能邀请本社区（街道）的人员担任本社区（街道）的岗位');
  const inviter = await deps.users.get(actor.userId);
  for (let attempt = 0; ; attempt++) {
    const record: InvitationRecord = {
      code: invitationCode(deps.randomBytes(8)),
      role: body.role,
      streetId: place.streetId,
      communityId: place.communityId,
      gridId: place.gridId,
      departmentId: place.departmentId,
      placeName: [...place.words, body.label].filter(Boolean).join(' '),
      label: body.label ?? null,
      inviteeName: body.inviteeName,
      invitedBy: actor.userId,
      inviterName: inviter?.name ?? '',
      status: 'open',
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + INVITATION_TTL_MS).toISOString(),
      acceptedBy: null,
      acceptedAt: null,
      revokedBy: null,
      revokedAt: null,
    };
    try {
      const outcome = await deps.invitations.create(record, claim);
      if (outcome.created) return { invitation: toInvitationDto(record, now), created: true };
      const earlier = await deps.invitations.get(replayOf(claim, outcome.receipt).code);
      if (!earlier) throw new NotFoundError('邀请');
      return { invitation: toInvitationDto(earlier, now), created: false };
    } catch (e) {
      if (!(e instanceof ConflictError && e.code === 'code_taken') || attempt >= 3) throw e;
    }
  }
}

async function requireInvitation(deps: InvitationDeps, code: string): Promise<InvitationRecord> {
  const inv = await deps.invitations.get(code);
  if (!inv) throw new NotFoundError('邀请码');
  return inv;
}

/** What an invitation offers (anyone signed in who holds the code). */
export async function getInvitation(deps: InvitationDeps, code: string, now: Date): Promise<InvitationDto> {
  return toInvitationDto(await requireInvitation(deps, code), now);
}

/**
 * An admin's invitations: a community admin's community, a street admin's street (or one community
 * of it), a platform administrator the street-admin invitations of the street he names.
 */
export async function listInvitations(
  deps: InvitationDeps,
  actor: Actor,
  q: { status?: InvitationDto['status']; communityId?: string; streetId?: string },
  now: Date,
): Promise<InvitationDto[]> {
  let list: InvitationRecord[];
  if (hasRole(actor, 'platform_admin')) {
    if (!q.streetId) throw new ValidationError('请选择街道', [{ field: 'streetId', message: '请选择要查看的街道' }]);
    if (!(await deps.places.getStreet(q.streetId))) throw new NotFoundError('街道');
    list = (await deps.invitations.listOf('street', q.streetId, 500)).filter((i) => i.role === 'street_admin');
  } else if (hasRole(actor, 'street_admin') && actor.streetId) {
    if (q.communityId) {
      const c = await deps.places.getCommunity(q.communityId);
      if (!c || c.streetId !== actor.streetId) throw new ForbiddenError('只能查看本街道的邀请');
      list = await deps.invitations.listOf('community', q.communityId, 500);
    } else list = await deps.invitations.listOf('street', actor.streetId, 500);
  } else if (hasRole(actor, 'community_admin') && actor.communityId) {
    if (q.communityId && q.communityId !== actor.communityId) throw new ForbiddenError('只能查看本社区的邀请');
    list = await deps.invitations.listOf('community', actor.communityId, 500);
  } else throw new ForbiddenError();
  return list.map((i) => toInvitationDto(i, now)).filter((i) => !q.status || i.status === q.status);
}

/**
 * The invitee accepts: he takes the role and its place (his home address stays), and gets a new
 * session. One appointment at a time: someone who holds another appointed role is refused until
 * it is revoked. Accepting twice is harmless; someone else's accepted code is refused.
 */
export async function acceptInvitation(deps: InvitationDeps, actor: Actor, code: string, now: Date): Promise<LoginResponse> {
  const inv = await requireInvitation(deps, code);
  const user = await deps.users.get(actor.userId);
  if (!user) throw new NotFoundError('用户');
  const status = statusAt(inv, now);
  if (status === 'accepted' && inv.acceptedBy === user.id) return issueSession(deps.tokens, user, now);
  if (status === 'accepted') throw new ConflictError('该邀请码已被使用', 'invitation_used');
  if (status === 'revoked') throw new ConflictError('该邀请已被撤销', 'invitation_revoked');
  if (status === 'expired') throw new ConflictError('该邀请已过期，请联系邀请人重新邀请', 'invitation_expired');
  const other = otherPost(user, inv.role);
  if (other) throw new ConflictError(`您已担任${roleLabel(other)}，请先由原单位撤销后再接受`, 'already_appointed');
  // Someone who never gave his name is called as the admin invited him.
  const appointed = { ...withAppointment(user, inv), ...(user.realName ? {} : { name: inv.inviteeName, realName: true }) };
  // Property staff of a compound a company serves work for that company (its queue is theirs).
  const company =
    inv.role === 'property_staff' && inv.communityId && appointed.compound
      ? (await deps.propertyCompanies.companiesOf(inv.communityId)).find((c) => c.compounds.includes(appointed.compound!))
      : undefined;
  const next = { ...appointed, companyId: company?.id ?? null };
  await deps.invitations.settle({ ...inv, status: 'accepted', acceptedBy: user.id, acceptedAt: now.toISOString() }, 'open', { next, userVersion: user.rolesVersion });
  return issueSession(deps.tokens, next, now);
}

/**
 * An admin revokes an invitation: an open one can no longer be accepted; an accepted one takes the
 * role away (the user goes back to his home place) and his sessions stop working at once.
 */
export async function revokeInvitation(deps: InvitationDeps, actor: Actor, code: string, now: Date): Promise<InvitationDto> {
  const inv = await requireInvitation(deps, code);
  if (!mayAppoint(actor, inv.role, inv)) throw new ForbiddenError('只能撤销本社区（街道）的邀请');
  if (inv.status === 'revoked') return toInvitationDto(inv, now);
  const revoked: InvitationRecord = { ...inv, status: 'revoked', revokedBy: actor.userId, revokedAt: now.toISOString() };
  let change: { next: UserRecord; userVersion: number } | null = null;
  if (inv.status === 'accepted' && inv.acceptedBy) {
    const user = await deps.users.get(inv.acceptedBy);
    if (user) change = { next: withoutAppointment(user, inv.role), userVersion: user.rolesVersion };
  }
  await deps.invitations.settle(revoked, inv.status, change);
  return toInvitationDto(revoked, now);
}

/**
 * The 小程序码 of an open invitation, for the admin who may give it: WeChat's own scanner opens the
 * accepting page with the code as `scene`.
 */
export async function invitationMiniProgramCode(deps: InvitationDeps, actor: Actor, code: string, now: Date) {
  const inv = await requireInvitation(deps, code);
  if (!mayAppoint(actor, inv.role, inv)) throw new ForbiddenError('只能查看本社区（街道）的邀请');
  const status = statusAt(inv, now);
  if (status !== 'open') throw new ConflictError('该邀请已不能接受，无需二维码', `invitation_${status}`);
  return { image: await deps.codes.unlimited(INVITE_PAGE, inv.code), page: INVITE_PAGE, scene: inv.code };
}
