/** Which grid a point falls in (公示 grid boundaries), for filing, hotline tickets and Open311 posts. */
import { pointInPolygon } from '../../platform/domain/geo/polygon';
import type { GridRecord, PlaceRepository } from '../../identity/places-port';

/** The grid of a community whose boundary holds the point (WGS-84), or null. */
export function gridAt(grids: readonly GridRecord[], p: { lat: number; lng: number }): string | null {
  return grids.find((g) => pointInPolygon(p, g.boundary))?.id ?? null;
}

/**
 * The grids of a street's communities (optionally one community only), read once per call: the
 * street once, then one Query per community (not its community and street read again each).
 */
export async function gridsOfStreet(places: PlaceRepository, streetId: string, onlyCommunity?: string | null): Promise<Map<string, GridRecord[]>> {
  const [street, all] = await Promise.all([places.getStreet(streetId), places.listCommunitiesOfStreet(streetId)]);
  const communities = all.filter((c) => !onlyCommunity || c.id === onlyCommunity);
  return new Map(await Promise.all(communities.map(async (c) => [c.id, await places.listGridsOfCommunity(c.id, { community: c, street: street ?? undefined })] as const)));
}

/** The community and grid of a street holding the point, or null when it is outside every grid. */
export function placeInStreet(grids: Map<string, GridRecord[]>, p: { lat: number; lng: number }): { communityId: string; gridId: string } | null {
  for (const [communityId, list] of grids) {
    const gridId = gridAt(list, p);
    if (gridId) return { communityId, gridId };
  }
  return null;
}
