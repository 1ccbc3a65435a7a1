/**
 * The simulated city (`npm run simulate`): what the seeded generator (generate.ts) produces and the
 * loader (load.ts) writes into the store, and what the driver's actors use. Every place and person
 * is a product record, so the loader writes them through the product's own repositories (or, for
 * the streets' maps, the map import use case) and the driver needs no second model.
 * Coordinates WGS-84 (the phone's GCJ-02 is derived where a phone reports a point).
 */
import type { TeamMemberRecord, PropertyCompanyRecord } from '../../../functions/src/identity/team-port';
import type { CommunityRecord, GridRecord, StreetRecord, BuildingRecord } from '../../../functions/src/identity/places-port';
import type { UserRecord } from '../../../functions/src/identity/ports';
import type { CentreRecord } from '../../../functions/src/booking/domain/centre';
import type { RewardRecord, SiteRecord, TeamRecord } from '../../../functions/src/points/ports';
import type { Station } from '../../../functions/src/stations/domain/station';

export type SizeName = 'street' | 'district' | 'city';
export type Point = { lat: number; lng: number };
export type Ring = Point[];

export interface District {
  id: string;
  name: string;
  boundary: Ring;
}

/** A street with its district and outline (the product's StreetRecord has no district). */
export interface SimStreet extends StreetRecord {
  districtId: string;
  boundary: Ring;
}

export interface SimCommunity extends CommunityRecord {
  boundary: Ring;
}

/** A grid; dedicated (专属) and micro (微) grids name the ordinary grid they lie in. */
export interface SimGrid extends GridRecord {
  parentId: string | null;
}

/** A person and where he lives (residents: a building's point; staff: their office). */
export interface SimPerson {
  user: UserRecord;
  home: Point;
  /** Likes to use care mode, books in the daytime, files by phone rarely. */
  elder: boolean;
  /** Habits the driver draws from (0..1): how often he files, books, volunteers, rides. */
  activity: number;
}

export interface SimSite {
  site: SiteRecord;
  rewards: RewardRecord[];
  /** The popular reward (small stock, released at set times by the driver). */
  popularRewardId?: string;
}

export interface City {
  seed: number;
  size: SizeName;
  districts: District[];
  streets: SimStreet[];
  communities: SimCommunity[];
  grids: SimGrid[];
  buildings: BuildingRecord[];
  /** Residents, riders, volunteers and staff of every role (staff ids referenced by grids' contacts, teams, centres). */
  people: SimPerson[];
  teamMembers: TeamMemberRecord[];
  companies: PropertyCompanyRecord[];
  centres: CentreRecord[];
  sites: SimSite[];
  volunteerTeams: TeamRecord[];
  stations: Station[];
}
