/**
 * A grid's notice board (网格公示牌): the grid, its community and street, and whom to call — public,
 * as the printed board is. Its printable code opens the board's page in the mini-program (WeChat's
 * scanner), from where a resident calls the grid worker or files a request.
 */
import type { GridInfo, MiniProgramCodeResponse } from '@linli/shared';
import { type Actor, hasRole } from '../../platform/domain/actor';
import { ForbiddenError, NotFoundError } from '../../platform/domain/errors';
import { wgs84ToGcj02 } from '../../platform/domain/geo/datum';
import type { MiniProgramCodes } from '../../platform/ports/mini-program-codes';
import type { GridRecord, PlaceRepository } from '../places-port';
import type { UserRepository } from '../ports';

/** The mini-program page a grid's board code opens (its `scene` is the grid id). */
export const GRID_BOARD_PAGE = 'packages/grid/index';

/** A grid with its boundary (GCJ-02) and the staff to contact: the published contacts and whoever is appointed now. */
export async function gridInfo(deps: { places: PlaceRepository; users: UserRepository }, gridId: string): Promise<GridInfo> {
  const [grid, staff] = await Promise.all([deps.places.getGrid(gridId), deps.users.staffOf('grid', gridId)]);
  if (!grid) throw new NotFoundError('网格');
  // An invitation accepted shows at once.
  const appointed = staff
    .filter((u) => (u.roles.includes('grid_worker') || u.roles.includes('parttime_grid_worker')) && u.phone && !u.deletedAt && !grid.contacts.some((c) => c.userId === u.id))
    .map((u) => ({ userId: u.id, name: u.name, role: 'grid_worker' as const, phone: u.phone! }));
  const [community, street] = await Promise.all([deps.places.getCommunity(grid.communityId), deps.places.getStreet(grid.streetId)]);
  return {
    id: grid.id,
    name: grid.name,
    communityId: grid.communityId,
    communityName: community?.name ?? '',
    streetName: street?.name ?? '',
    households: grid.households,
    boundary: grid.boundary.map((p) => {
      const g = wgs84ToGcj02(p);
      return { lat: Math.round(g.lat * 1e6) / 1e6, lng: Math.round(g.lng * 1e6) / 1e6 };
    }),
    contacts: [...grid.contacts, ...appointed],
  };
}

/** Whether the actor looks after a grid: its grid worker, its community's or street's admins. */
export const looksAfterGrid = (actor: Actor, grid: Pick<GridRecord, 'id' | 'communityId' | 'streetId'>): boolean =>
  (hasRole(actor, 'grid_worker') && actor.gridId === grid.id) ||
  (hasRole(actor, 'community_admin') && actor.communityId === grid.communityId) ||
  (hasRole(actor, 'street_admin') && actor.streetId === grid.streetId);

/** The board's printable 小程序码, for those who look after the grid: its grid worker, its community's or street's admins. */
export async function gridBoardCode(deps: { places: PlaceRepository; codes: MiniProgramCodes }, actor: Actor, gridId: string): Promise<MiniProgramCodeResponse> {
  const grid = await deps.places.getGrid(gridId);
  if (!grid) throw new NotFoundError('网格');
  if (!looksAfterGrid(actor, grid)) throw new ForbiddenError('只能打印自己负责网格的公示牌二维码');
  return { image: await deps.codes.unlimited(GRID_BOARD_PAGE, grid.id), page: GRID_BOARD_PAGE, scene: grid.id };
}
