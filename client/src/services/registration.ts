import type { z } from 'zod';
import {
  LocateResponse,
  LoginResponse,
  type RegisterBody,
  ResidentResponse,
  ResidentsResponse,
  StreetCommunitiesResponse,
  StreetsResponse,
  type VerifyResidentBody,
} from '@linli/shared';
import { api } from './request';
import { saveSession, type Session } from './session';

/** The place (street, community, grid and its boundary in GCJ-02) containing a point; 404 `place_not_covered` outside every community served. */
export const locatePlace = (p: { lat: number; lng: number; datum: 'gcj02' | 'wgs84' }) =>
  api('GET', '/places/locate', LocateResponse, { query: p });

export const fetchStreets = () => api('GET', '/places/streets', StreetsResponse);
export const fetchStreetCommunities = (streetId: string) =>
  api('GET', `/places/streets/${encodeURIComponent(streetId)}/communities`, StreetCommunitiesResponse);

/**
 * Registers (or changes) where the user lives. The server re-issues the session token, since the
 * community and grid live in it: the new token and user are stored exactly as after a login.
 */
export async function register(body: RegisterBody): Promise<Session> {
  return saveSession(await api('PUT', '/me/registration', LoginResponse, { body }));
}

/** Residents of a grid (unverified by default) for its grid worker and the community/street above. */
export const fetchGridResidents = (gridId: string, status: 'unverified' | 'all' = 'unverified') =>
  api('GET', `/grids/${encodeURIComponent(gridId)}/residents`, ResidentsResponse, { query: { status } });

/**
 * A community's registered residents whose real name starts with `name` (at most 20, in name
 * order), for its community and street admins: grid or not.
 */
export const findCommunityResidents = (communityId: string, name: string) =>
  api('GET', `/communities/${encodeURIComponent(communityId)}/residents`, ResidentsResponse, { query: { name } });

/** The grid worker confirms a resident (`{}` confirms as registered). */
export const verifyResident = (userId: string, body: z.input<typeof VerifyResidentBody> = {}) =>
  api('POST', `/residents/${encodeURIComponent(userId)}/verification`, ResidentResponse, { body });
