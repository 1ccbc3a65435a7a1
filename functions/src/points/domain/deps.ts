import type { PlaceRepository } from '../../identity/places-port';
import type { UserRepository } from '../../identity/ports';
import type { ObjectStorage } from '../../platform/ports/object-storage';
import type { ActivityRepository, LedgerRepository, RedemptionRepository, SiteRepository, TeamRepository, UnitRepository } from '../ports';

/** What the points use cases need (built by the composition root). */
export interface PointsDeps {
  ledger: LedgerRepository;
  sites: SiteRepository;
  redemptions: RedemptionRepository;
  activities: ActivityRepository;
  teams: TeamRepository;
  units: UnitRepository;
  users: UserRepository;
  places: PlaceRepository;
  storage: ObjectStorage;
  newId: () => string;
  hash: (text: string) => string;
  randomBytes: (n: number) => Uint8Array;
  /** Points earned in year Y expire at the end of Y + this (default 1). */
  expiryYears?: number;
  /** Subscribe-message templates of the points job ('' when off). */
  pointsTemplates?: { expiring: string };
}
