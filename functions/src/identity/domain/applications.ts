/**
 * Riders declare themselves (骑手), and a rider may apply to help his grid as a part-time grid
 * worker (兼职网格员, as the articles describe riders "joining the grid"); the community decides.
 * An approval is an appointment like an accepted invitation, so it is revoked the same way.
 */
import type { ApplicationDto, LoginResponse } from '@linli/shared';
import { type Actor, hasRole } from '../../platform/domain/actor';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/domain/errors';
import { claimFor, replayOf } from '../../platform/domain/idempotency';
import type { TokenService } from '../../platform/ports/tokens';
import type { PlaceRepository } from '../places-port';
import type { ApplicationRecord, ApplicationRepository, UserRecord, UserRepository } from '../ports';
import { invitationCode, type InvitationRecord, mayAppoint, otherPost, roleLabel, withAppointment } from './invitation';
import { issueSession } from './login';

export interface ApplicationDeps {
  applications: ApplicationRepository;
  users: UserRepository;
  places: PlaceRepository;
  tokens: TokenService;
  newId: () => string;
  randomBytes: (n: number) => Uint8Array;
  hash: (text: string) => string;
}

/** A rider says he is one (or no longer is); the new session says so at once. */
export async function declareRider(deps: ApplicationDeps, actor: Actor, body: { rider: boolean; platform?: string }, now: Date): Promise<LoginResponse> {
  if (body.rider && !body.platform) throw new ValidationError('请选择配送平台', [{ field: 'platform', message: '请选择配送平台' }]);
  return issueSession(deps.tokens, await deps.users.declareRider(actor.userId, body.rider, body.rider ? body.platform! : null), now);
}

/** `people`: the applicants of a list, read together by the caller; without it, this one is read. */
async function toDto(deps: ApplicationDeps, a: ApplicationRecord, people?: ReadonlyMap<string, UserRecord>): Promise<ApplicationDto> {
  const applicant = people ? (people.get(a.userId) ?? null) : await deps.users.get(a.userId);
  return {
    id: a.id,
    userId: a.userId,
    applicantName: applicant?.realName ? applicant.name : '微信用户',
    role: 'parttime_grid_worker',
    gridId: a.gridId,
    communityId: a.communityId,
    placeName: a.placeName,
    note: a.note,
    status: a.status,
    createdAt: a.createdAt,
    decidedAt: a.decidedAt,
    decisionNote: a.decisionNote,
    invitationCode: a.invitationCode,
  };
}

/** A rider applies for a grid (idempotent by the key of his tap). */
export async function applyAsGridHelper(
  deps: ApplicationDeps,
  actor: Actor,
  body: { gridId: string; note: string },
  idempotencyKey: string,
  now: Date,
): Promise<{ application: ApplicationDto; created: boolean }> {
  if (!hasRole(actor, 'rider')) throw new ForbiddenError('请先在"我的"中登记为骑手');
  const claim = claimFor('identity.apply', actor.userId, idempotencyKey, body, now, deps.hash);
  const grid = await deps.places.getGrid(body.gridId);
  if (!grid) throw new ValidationError('网格不存在', [{ field: 'gridId', message: '请选择网格' }]);
  const community = await deps.places.getCommunity(grid.communityId);
  const record: ApplicationRecord = {
    id: deps.newId(),
    userId: actor.userId,
    gridId: grid.id,
    communityId: grid.communityId,
    streetId: grid.streetId,
    placeName: [community?.name, grid.name].filter(Boolean).join(' '),
    note: body.note,
    status: 'pending',
    createdAt: now.toISOString(),
    decidedBy: null,
    decidedAt: null,
    decisionNote: null,
    invitationCode: null,
  };
  const outcome = await deps.applications.create(record, claim);
  if (outcome.created) return { application: await toDto(deps, record), created: true };
  const earlier = await deps.applications.get(replayOf(claim, outcome.receipt).id);
  if (!earlier) throw new NotFoundError('申请');
  return { application: await toDto(deps, earlier), created: false };
}

/** A community's applications for its admins (a street admin names the community). */
export async function listApplications(deps: ApplicationDeps, actor: Actor, q: { status?: ApplicationRecord['status']; communityId?: string }): Promise<ApplicationDto[]> {
  const communityId = q.communityId ?? actor.communityId;
  if (!communityId) throw new ValidationError('请选择社区', [{ field: 'communityId', message: '请选择社区' }]);
  const community = await deps.places.getCommunity(communityId);
  if (!community || !mayAppoint(actor, 'parttime_grid_worker', { streetId: community.streetId, communityId })) throw new ForbiddenError('只能查看本社区的申请');
  const list = await deps.applications.listOfCommunity(communityId, 500);
  return listed(deps, list.filter((a) => !q.status || a.status === q.status));
}

/** The applicants of a list in one BatchGet (per 100), not a GetItem per application. */
async function listed(deps: ApplicationDeps, list: ApplicationRecord[]): Promise<ApplicationDto[]> {
  const people = await deps.users.getMany([...new Set(list.map((a) => a.userId))]);
  return Promise.all(list.map((a) => toDto(deps, a, people)));
}

/** A rider's own applications, newest first, with their outcome. */
export async function myApplications(deps: ApplicationDeps, actor: Actor): Promise<ApplicationDto[]> {
  return listed(deps, await deps.applications.listOfUser(actor.userId, 50));
}

/** The community approves (the rider is a part-time grid worker of that grid at once) or declines. */
export async function decideApplication(deps: ApplicationDeps, actor: Actor, id: string, body: { approve: boolean; note?: string }, now: Date): Promise<ApplicationDto> {
  const app = await deps.applications.get(id);
  if (!app) throw new NotFoundError('申请');
  if (!mayAppoint(actor, 'parttime_grid_worker', app)) throw new ForbiddenError('只能审核本社区的申请');
  if (app.status !== 'pending') throw new ConflictError('该申请已审核', 'application_decided');
  const decided: ApplicationRecord = { ...app, status: body.approve ? 'approved' : 'rejected', decidedBy: actor.userId, decidedAt: now.toISOString(), decisionNote: body.note ?? null };
  if (!body.approve) {
    await deps.applications.decide(decided, null);
    return toDto(deps, decided);
  }
  const [user, decider] = await Promise.all([deps.users.get(app.userId), deps.users.get(actor.userId)]);
  if (!user) throw new NotFoundError('申请人');
  const other = otherPost(user, 'parttime_grid_worker');
  if (other) throw new ConflictError(`申请人已担任${roleLabel(other)}`, 'already_appointed');
  const invitation: InvitationRecord = {
    code: invitationCode(deps.randomBytes(8)),
    role: 'parttime_grid_worker',
    streetId: app.streetId,
    communityId: app.communityId,
    gridId: app.gridId,
    departmentId: null,
    placeName: app.placeName,
    label: null,
    inviteeName: user.realName ? user.name : '微信用户',
    invitedBy: actor.userId,
    inviterName: decider?.name ?? '',
    status: 'accepted',
    createdAt: now.toISOString(),
    expiresAt: now.toISOString(),
    acceptedBy: user.id,
    acceptedAt: now.toISOString(),
    revokedBy: null,
    revokedAt: null,
  };
  const approved = { ...decided, invitationCode: invitation.code };
  await deps.applications.decide(approved, { invitation, user: withAppointment(user, invitation), userVersion: user.rolesVersion });
  return toDto(deps, approved);
}
