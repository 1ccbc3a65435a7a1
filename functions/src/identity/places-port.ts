/** Streets, communities and grids (read side for now). */
export interface StreetRecord {
  id: string;
  name: string;
  city: string;
  /** The active map import (lists and locating read that version); absent for places loaded before imports. */
  mapVersion?: string | null;
}

export interface CommunityRecord {
  id: string;
  streetId: string;
  name: string;
}

export interface GridContact {
  userId: string;
  name: string;
  role: 'grid_leader' | 'grid_worker';
  phone: string;
}

export interface GridRecord {
  /** 普通网格, 专属网格 or 微网格 (absent: ordinary). */
  kind?: 'ordinary' | 'dedicated' | 'micro';
  id: string;
  communityId: string;
  streetId: string;
  name: string;
  households: number;
  /** Boundary polygon, WGS-84, first point not repeated. */
  boundary: { lat: number; lng: number }[];
  contacts: GridContact[];
}

/** A building from the street's imported map, in the most specific grid holding it. */
export interface BuildingRecord {
  id: string;
  name: string;
  compound: string;
  gridId: string;
  communityId: string;
  location: { lat: number; lng: number };
}

export interface PlaceRepository {
  /** The buildings of a community in the street's active map (none for places loaded before imports). */
  listBuildingsOfCommunity(communityId: string): Promise<BuildingRecord[]>;
  listStreets(): Promise<StreetRecord[]>;
  /** Grids whose cell index covers a WGS-84 point (candidates: the caller checks the polygon). */
  gridsNear(point: { lat: number; lng: number }): Promise<GridRecord[]>;
  getStreet(id: string): Promise<StreetRecord | null>;
  getCommunity(id: string): Promise<CommunityRecord | null>;
  getGrid(id: string): Promise<GridRecord | null>;
  /**
   * The grids of a community in its street's active map; `known`: the community and its street when the
   * caller has read them already (not read again).
   */
  listGridsOfCommunity(communityId: string, known?: { community: CommunityRecord; street?: StreetRecord }): Promise<GridRecord[]>;
  listCommunitiesOfStreet(streetId: string): Promise<CommunityRecord[]>;
  putStreet(s: StreetRecord): Promise<void>;
  putCommunity(c: CommunityRecord): Promise<void>;
  putGrid(g: GridRecord): Promise<void>;
}
