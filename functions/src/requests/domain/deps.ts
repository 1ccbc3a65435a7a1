import type { DepartmentKind, HolidayCalendar } from '@linli/shared';
import type { PlaceRepository } from '../../identity/places-port';
import type { UserRepository } from '../../identity/ports';
import type { GridTeamRepository, PropertyCompanyRepository } from '../../identity/team-port';
import type { OutboxDispatcher } from '../../platform/domain/outbox';
import type { ConsentStore } from '../../platform/ports/consents';
import type { ObjectStorage } from '../../platform/ports/object-storage';
import type { CategoryRepository, CommunityListRepository, HotlinePlatform, RequestRepository } from '../ports';

/** Subscribe-message templates of request progress; empty strings when notices are off. */
export interface RequestTemplates {
  accepted: string;
  escalated: string;
  resolved: string;
}

/** What the request use cases need (built by the composition root). */
export interface RequestDeps {
  requests: RequestRepository;
  categories: CategoryRepository;
  places: PlaceRepository;
  users: UserRepository;
  /** Grid teams (the team queue and claiming read memberships) and property companies (routing, 红黑榜). */
  gridTeams: GridTeamRepository;
  propertyCompanies: PropertyCompanyRepository;
  calendar: HolidayCalendar;
  newId: () => string;
  /** A stable digest of a string (idempotency: same key, same body). */
  hash: (text: string) => string;
  /** The departments the street can dispatch to (from config). */
  departments: readonly { id: string; name: string; kind: DepartmentKind }[];
  subscribeTemplates: RequestTemplates;
  consents: ConsentStore;
  outbox: OutboxDispatcher;
  storage: ObjectStorage;
  /** The 12345 platform the outcomes of hotline items go back to. */
  hotline: HotlinePlatform;
  /** Duty lists and staff-alert robots of communities. */
  communityLists: CommunityListRepository;
  /** The webhook base a robot URL must start with (WeCom's; the local stand-in's locally). */
  robotBase: string;
}
