/**
 * The grid is a team (网格团队): community staff list, add, change and remove the members of a
 * grid's team. A member belongs to the community's team once, covering one or several of its grids
 * (一员多格) and, where set, only some category groups (specialties). Being a member gives the user
 * the 网格团队成员 role (so his older sessions stop on their next request), and taking him off his
 * last grid takes it away.
 */
import type { AddTeamMemberBody, ChangeTeamMemberBody, GridTeamResponse, GridTeamMemberDto } from '@linli/shared';
import { type Actor, hasRole } from '../../platform/domain/actor';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/domain/errors';
import type { GridRecord, PlaceRepository } from '../places-port';
import type { UserRecord, UserRepository } from '../ports';
import type { GridTeamRepository, TeamMemberRecord, UserChange } from '../team-port';

export interface GridTeamDeps {
  gridTeams: GridTeamRepository;
  users: UserRepository;
  places: PlaceRepository;
}

/** Only staff of the grid's own community manage its team. */
export function mayManageTeam(actor: Actor, communityId: string): boolean {
  return hasRole(actor, 'community_admin') && actor.communityId === communityId;
}

/** The user with the team role added (true) or taken away (false); null when nothing changes. */
export function withTeamRole(u: UserRecord, member: boolean): UserRecord | null {
  const has = u.roles.includes('team_member');
  // A grid worker works the team queue by his own role: no role to add (nor a session to end).
  if (has === member || (member && u.roles.includes('grid_worker'))) return null;
  const roles = member ? [...u.roles, 'team_member' as const] : u.roles.filter((r) => r !== 'team_member');
  return { ...u, roles: roles.length ? roles : ['resident'], rolesVersion: u.rolesVersion + 1 };
}

/** Grid ids of one community, checked; the first bad one is named by its field. */
export function checkGrids(ids: readonly string[], grids: readonly GridRecord[], field: string): string[] {
  const known = new Set(grids.map((g) => g.id));
  ids.forEach((id, i) => {
    if (!known.has(id)) throw new ValidationError('网格不存在或不属于本社区', [{ field: `${field}.${i}`, message: '请选择本社区的网格' }]);
  });
  return [...new Set(ids)];
}

/** The fields the API shows (the record's own bookkeeping, `updatedAt`, stays inside). */
export const toMemberDto = (m: TeamMemberRecord): GridTeamMemberDto => ({
  userId: m.userId, name: m.name, phone: m.phone, communityId: m.communityId, teamRole: m.teamRole,
  gridIds: m.gridIds, specialties: m.specialties, addedAt: m.addedAt, version: m.version,
});

async function gridManagedBy(deps: Pick<GridTeamDeps, 'places'>, actor: Actor, gridId: string): Promise<GridRecord> {
  const grid = await deps.places.getGrid(gridId);
  if (!grid) throw new NotFoundError('网格');
  if (!mayManageTeam(actor, grid.communityId)) throw new ForbiddenError('只有本社区工作人员可以管理网格团队');
  return grid;
}

async function userChange(deps: Pick<GridTeamDeps, 'users'>, userId: string, member: boolean): Promise<UserChange | null> {
  const u = await deps.users.get(userId);
  const next = u && withTeamRole(u, member);
  return u && next ? { next, userVersion: u.rolesVersion } : null;
}

/** The members covering a grid, grid leader first. */
export async function listGridTeam(deps: GridTeamDeps, actor: Actor, gridId: string): Promise<GridTeamResponse> {
  const grid = await gridManagedBy(deps, actor, gridId);
  const members = (await deps.gridTeams.membersOf(grid.communityId)).filter((m) => m.gridIds.includes(grid.id));
  const order = (m: TeamMemberRecord) => (m.teamRole === 'grid_leader' ? 0 : 1);
  members.sort((a, b) => order(a) - order(b) || a.name.localeCompare(b.name, 'zh'));
  return { grid: { id: grid.id, name: grid.name, communityId: grid.communityId }, members: members.map(toMemberDto) };
}

/**
 * Adds a person of the community to the grid's team. Primary course: he becomes a member covering
 * this grid and `alsoGrids`, with his team role and specialties, and gets the team role. Adding
 * someone already on the community's team adds the grids to those he covers (so a repeated add
 * changes nothing: the add is idempotent by the person).
 */
export async function addTeamMember(deps: GridTeamDeps, actor: Actor, gridId: string, body: AddTeamMemberBody, now: Date): Promise<{ member: GridTeamMemberDto; created: boolean }> {
  const grid = await gridManagedBy(deps, actor, gridId);
  const grids = [...new Set([grid.id, ...checkGrids(body.alsoGrids, await deps.places.listGridsOfCommunity(grid.communityId), 'alsoGrids')])];
  const user = await deps.users.get(body.userId);
  if (!user || user.deletedAt || user.communityId !== grid.communityId) {
    throw new ValidationError('此人不是本社区的用户', [{ field: 'userId', message: '请选择本社区已登记或已任职的人员' }]);
  }
  const at = now.toISOString();
  const existing = await deps.gridTeams.member(grid.communityId, user.id);
  if (existing) {
    const gridIds = [...new Set([...existing.gridIds, ...grids])];
    const same = gridIds.length === existing.gridIds.length && existing.teamRole === body.teamRole && sameList(existing.specialties, body.specialties);
    if (same) return { member: toMemberDto(existing), created: false };
    const next = { ...existing, gridIds, teamRole: body.teamRole, specialties: body.specialties, updatedAt: at, version: existing.version + 1 };
    await deps.gridTeams.save(next, existing.version, await userChange(deps, user.id, true));
    return { member: toMemberDto(next), created: false };
  }
  const member: TeamMemberRecord = {
    userId: user.id,
    name: user.name,
    phone: user.phone,
    communityId: grid.communityId,
    teamRole: body.teamRole,
    gridIds: grids,
    specialties: body.specialties,
    addedAt: at,
    updatedAt: at,
    version: 1,
  };
  await deps.gridTeams.save(member, null, await userChange(deps, user.id, true));
  return { member: toMemberDto(member), created: true };
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

async function memberOfGrid(deps: GridTeamDeps, grid: GridRecord, userId: string): Promise<TeamMemberRecord> {
  const m = await deps.gridTeams.member(grid.communityId, userId);
  if (!m || !m.gridIds.includes(grid.id)) throw new NotFoundError('该网格团队成员');
  return m;
}

/** Changes a member's team role, specialties or grids (version-checked: the one the admin saw). */
export async function changeTeamMember(deps: GridTeamDeps, actor: Actor, gridId: string, userId: string, body: ChangeTeamMemberBody, now: Date): Promise<GridTeamMemberDto> {
  const grid = await gridManagedBy(deps, actor, gridId);
  const m = await memberOfGrid(deps, grid, userId);
  if (m.version !== body.version) throw new ConflictError('该成员信息已更新，请刷新后再改', 'stale_version');
  const gridIds = body.gridIds ? checkGrids(body.gridIds, await deps.places.listGridsOfCommunity(grid.communityId), 'gridIds') : m.gridIds;
  const next: TeamMemberRecord = {
    ...m,
    teamRole: body.teamRole ?? m.teamRole,
    specialties: body.specialties ?? m.specialties,
    gridIds,
    updatedAt: now.toISOString(),
    version: m.version + 1,
  };
  await deps.gridTeams.save(next, m.version, null);
  return toMemberDto(next);
}

/**
 * Takes a member off this grid. Off his last grid he leaves the team and loses the team role (his
 * claimed items stay his until they move on, as an accepted item stays with who accepted it).
 */
export async function removeTeamMember(deps: GridTeamDeps, actor: Actor, gridId: string, userId: string, now: Date): Promise<{ removed: boolean; member: GridTeamMemberDto | null }> {
  const grid = await gridManagedBy(deps, actor, gridId);
  const m = await memberOfGrid(deps, grid, userId);
  const gridIds = m.gridIds.filter((g) => g !== grid.id);
  if (gridIds.length === 0) {
    await deps.gridTeams.remove(m, m.version, await userChange(deps, userId, false));
    return { removed: true, member: null };
  }
  const next = { ...m, gridIds, updatedAt: now.toISOString(), version: m.version + 1 };
  await deps.gridTeams.save(next, m.version, null);
  return { removed: false, member: toMemberDto(next) };
}
