/** Keys of rider stations: the station, its geo index entry, keeper index, reports and check-ins. */
import type { Key } from '../../platform/adapters/dynamodb/keys';

export const stationKey = (id: string): Key => ({ PK: `STATION#${id}`, SK: 'META' });
/** GSI2: stations by precision-4 geohash cell, sorted by their 9-character geohash. */
export const geoPartition = (geohash4: string): string => `GEO#${geohash4}`;
export const geoSort = (geohash9: string, id: string): string => `${geohash9}#${id}`;
export const keeperIndex = (keeperId: string) => ({ GSI1PK: `KEEPER#${keeperId}` });
export const REPORT_PREFIX = 'REPORT#';
export const reportKey = (stationId: string, reportId: string): Key => ({ PK: `STATION#${stationId}`, SK: `${REPORT_PREFIX}${reportId}` });
export const openReportsOfStation = (stationId: string): string => `OPENREPORTS#STATION#${stationId}`;
export const openReportsOfCommunity = (communityId: string): string => `OPENREPORTS#COMMUNITY#${communityId}`;
export const checkInKey = (stationId: string, day: string, userId: string): Key => ({ PK: `STATION#${stationId}`, SK: `CHECKIN#${day}#${userId}` });
export const visitsKey = (stationId: string, day: string): Key => ({ PK: `STATION#${stationId}`, SK: `VISITS#${day}` });
