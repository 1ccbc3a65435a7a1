import type { z } from 'zod';
import type {
  LocateResponse,
  LoginResponse,
  RegisterBody,
  ResidentResponse,
  ResidentsResponse,
  StreetCommunitiesResponse,
  StreetsResponse,
  VerifyResidentBody,
} from '@linli/shared';
import { api, type Out } from './request';
import { saveSession, type Session } from './session';

/** The place (street, community, grid and its boundary in GCJ-02) containing a point; 404 `place_not_covered` outside every community served. */
export const locatePlace = (p: { lat: number; lng: number; datum: 'gcj02' | 'wgs84' }) =>
  api<Out<typeof LocateResponse>>('GET', '/places/locate', { query: p });

export const fetchStreets = () => api<Out<typeof StreetsResponse>>('GET', '/places/streets');
export const fetchStreetCommunities = (streetId: string) =>
  api<Out<typeof StreetCommunitiesResponse>>('GET', `/places/streets/${encodeURIComponent(streetId)}/communities`);

/**
 * Registers (or changes) where the user lives. The server re-issues the session token, since the
 * community and grid live in it: the new token and user are stored exactly as after a login.
 */
export async function register(body: RegisterBody): Promise<Session> {
  return saveSession(await api<Out<typeof LoginResponse>>('PUT', '/me/registration', { body }));
}

/** Residents of a grid (unverified by default) for its grid worker and the community/street above. */
export const fetchGridResidents = (gridId: string, status: 'unverified' | 'all' = 'unverified') =>
  api<Out<typeof ResidentsResponse>>('GET', `/grids/${encodeURIComponent(gridId)}/residents`, { query: { status } });

/**
 * A community's registered residents whose real name starts with `name` (at most 20, in name
 * order), for its community and street admins: grid or not.
 */
export const findCommunityResidents = (communityId: string, name: string) =>
  api<Out<typeof ResidentsResponse>>('GET', `/communities/${encodeURIComponent(communityId)}/residents`, { query: { name } });

/** The grid worker confirms a resident (`{}` confirms as registered). */
export const verifyResident = (userId: string, body: z.input<typeof VerifyResidentBody> = {}) =>
  api<Out<typeof ResidentResponse>>('POST', `/residents/${encodeURIComponent(userId)}/verification`, { body });
