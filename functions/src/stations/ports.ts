import type { KeyRange } from '../platform/domain/geo/search-plan';
import type { IdempotencyClaim, Once } from '../platform/domain/idempotency';
import type { Station } from './domain/station';
import type { StationReport } from './domain/report';

/** Result of reading geo index ranges: the stations and how many index items were read. */
export interface GeoReadResult {
  stations: Station[];
  itemsRead: number;
}

/** Fields a patch may set on a station (everything else is owned by other operations). */
export type StationChanges = Partial<
  Pick<
    Station,
    | 'name'
    | 'address'
    | 'amenities'
    | 'hours'
    | 'phone'
    | 'keeperId'
    | 'status'
    | 'closureNote'
    | 'outOfOrder'
    | 'lastConfirmed'
  >
>;

export interface StationRepository {
  get(id: string): Promise<Station | null>;
  /** Creates a station; fails with ConflictError if the id exists. */
  create(station: Station): Promise<void>;
  /** Applies changes if the stored version is still `expectedVersion`; ConflictError otherwise. */
  update(id: string, expectedVersion: number, changes: StationChanges, updatedAt: string): Promise<Station>;
  /** Reads the geo index over the given key ranges, one Query per range, in parallel. */
  readGeoRanges(ranges: readonly KeyRange[]): Promise<GeoReadResult>;

  /** Stores a report and lists it among the station's open issues, atomically. */
  /** Stores a new report once per idempotency claim (a retry gets the first report's id back). */
  addReport(report: StationReport, claim: IdempotencyClaim): Promise<Once<{ reportId: string }>>;
  getReport(stationId: string, reportId: string): Promise<StationReport | null>;
  /** Closes an open report and removes it from the station's open issues; ConflictError if already closed. */
  closeReport(report: StationReport): Promise<void>;
  listOpenReportsOfStation(stationId: string): Promise<StationReport[]>;
  /** The station's closed reports, newest first, at most `limit` (however many open ones are newer). */
  listRecentClosedReportsOfStation(stationId: string, limit: number): Promise<StationReport[]>;
  listOpenReportsOfCommunity(communityId: string): Promise<StationReport[]>;

  /**
   * Records one visit of a user on a day and marks the station as confirmed; a second check-in the
   * same day is not counted. Returns the day's visitor count.
   */
  checkIn(stationId: string, userId: string, day: string, at: string): Promise<CheckInOutcome>;
  visitorsOn(stationId: string, day: string): Promise<number>;
}

/** A check-in as stored, or why nothing was: no such station, or one that is not open. */
export type CheckInOutcome = { counted: boolean; visitors: number } | { refused: 'missing' | 'closed' };
