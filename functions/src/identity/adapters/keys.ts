/** Keys of identity and places: users, their openid claims and sessions, streets, communities, grids. */
import type { Key } from '../../platform/adapters/dynamodb/keys';

export const userKey = (id: string): Key => ({ PK: `USER#${id}`, SK: 'PROFILE' });
export const userSessionKey = (id: string): Key => ({ PK: `USER#${id}`, SK: 'WXSESSION' });
export const openidKey = (openid: string): Key => ({ PK: `OPENID#${openid}`, SK: 'USER' });
/** GSI1 partition of the staff of a grid, community or street. */
export const staffIndex = (scope: 'GRID' | 'COMMUNITY' | 'STREET', id: string) => ({ GSI1PK: `STAFF#${scope}#${id}` });
export const streetKey = (id: string): Key => ({ PK: `STREET#${id}`, SK: 'META' });
export const communityKey = (id: string): Key => ({ PK: `COMMUNITY#${id}`, SK: 'META' });
export const gridKey = (id: string): Key => ({ PK: `GRID#${id}`, SK: 'META' });
export const gridsOfCommunity = (communityId: string) => ({ GSI1PK: `COMMUNITY#${communityId}#GRIDS` });
export const communitiesOfStreet = (streetId: string) => ({ GSI1PK: `STREET#${streetId}#COMMUNITIES` });
/** GSI1 partition listing every street (the registration search starts here). */
export const ALL_STREETS = 'STREETS';
/** A grid's entry in the cell index: one item per precision-5 geohash cell its bounding box touches. */
export const GRID_CELL_PRECISION = 5;
export const gridCellKey = (cell: string, gridId: string): Key => ({ PK: `GRIDCELL#${cell}`, SK: `GRID#${gridId}` });
/** GSI2: residents registered in a grid (or, without a grid, in a community); unverified (U) sort before verified (V). */
export const residentsOf = (scope: 'GRID' | 'COMMUNITY', id: string): string => `RESIDENTS#${scope}#${id}`;
export const residentSort = (verified: boolean, registeredAt: string, userId: string): string => `${verified ? 'V' : 'U'}#${registeredAt}#${userId}`;
/** GSI3: a community's registered residents who gave their real name, by name (staff find a person by the first characters). */
export const residentNamesOf = (communityId: string): string => `RESNAMES#COMMUNITY#${communityId}`;
export const residentNameSort = (name: string, userId: string): string => `${name}#${userId}`;
/** An invitation by its code; listed per street (GSI1) and per community (GSI2), newest first. */
export const invitationKey = (code: string): Key => ({ PK: `INVITE#${code}`, SK: 'META' });
export const invitationsOf = (scope: 'STREET' | 'COMMUNITY', id: string): string => `INVITES#${scope}#${id}`;
/** A family-link request by its code; the links themselves sit under both users. */
export const familyCodeKey = (code: string): Key => ({ PK: `FAMILYCODE#${code}`, SK: 'META' });
export const FAMILY_PREFIX = 'FAMILY#';
export const familyLinkKey = (userId: string, otherId: string): Key => ({ PK: `USER#${userId}`, SK: `${FAMILY_PREFIX}${otherId}` });
/** A rider's application to help as a part-time grid worker; listed per community (GSI2), newest first. */
export const applicationKey = (id: string): Key => ({ PK: `APPLICATION#${id}`, SK: 'META' });
export const applicationsOf = (communityId: string): string => `APPLICATIONS#COMMUNITY#${communityId}`;
/** GSI1: a person's own applications. */
export const applicationsByUser = (userId: string): string => `APPLICATIONS#USER#${userId}`;
/** A staged map import: its header and its parts (the checked map as JSON, in pieces under 350 KB). */
export const mapImportKey = (id: string): Key => ({ PK: `MAPIMPORT#${id}`, SK: 'META' });
export const mapImportPartKey = (id: string, n: number): Key => ({ PK: `MAPIMPORT#${id}`, SK: `PART#${String(n).padStart(4, '0')}` });
/** The listing copies of an activated map version (the street's lists and locating read these). */
export const mapCopyKey = (version: string, kind: 'COMMUNITY' | 'GRID' | 'BUILDING', id: string): Key => ({ PK: `MAPV#${version}#${kind}#${id}`, SK: 'META' });
/** Version-suffixed list partitions (no suffix: places loaded before map imports, as the demo data). */
export const versioned = (partition: string, version: string | null | undefined): string => (version ? `${partition}#${version}` : partition);
/** A member of a community's grid team (网格团队); the team is one partition per community. */
export const teamOf = (communityId: string): string => `TEAM#COMMUNITY#${communityId}`;
export const teamMemberKey = (communityId: string, userId: string): Key => ({ PK: teamOf(communityId), SK: `MEMBER#${userId}` });
/** A property company (物业公司), and its listing under each community it serves (with the compounds there). */
export const propertyCompanyKey = (id: string): Key => ({ PK: `PROPCO#${id}`, SK: 'META' });
export const PROPCO_PREFIX = 'PROPCO#';
export const companiesOfCommunity = (communityId: string): string => `PROPCOS#COMMUNITY#${communityId}`;
export const companyOfCommunityKey = (communityId: string, companyId: string): Key => ({ PK: companiesOfCommunity(communityId), SK: `${PROPCO_PREFIX}${companyId}` });
