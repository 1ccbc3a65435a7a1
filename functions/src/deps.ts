/**
 * What the handlers and use cases may ask for: every port the jobs use, by name. Types only: each
 * Lambda function wires just the parts its job needs (platform/wiring.ts and <job>/wiring.ts).
 */
import type { DepartmentKind } from '@linli/shared';
import type { GridTeamRepository, PropertyCompanyRepository } from './identity/team-port';
import type { PlaceRepository } from './identity/places-port';
import type { StreetMapRepository, ApplicationRepository, FamilyRepository, InvitationRepository, UserRepository, WeChatAuth } from './identity/ports';
import type { MiniProgramCodes } from './platform/ports/mini-program-codes';
import type { Config } from './platform/config';
import type { CalendarCache } from './platform/domain/calendar';
import type { OutboxDispatcher } from './platform/domain/outbox';
import type { ApiKeyRepository } from './platform/ports/api-keys';
import type { CalendarStore } from './platform/ports/calendar';
import type { TaskStateStore } from './platform/ports/task-state';
import type { ConsentStore } from './platform/ports/consents';
import type { Messenger } from './platform/ports/messenger';
import type { ObjectStorage } from './platform/ports/object-storage';
import type { TokenService } from './platform/ports/tokens';
import type { GroupRobot } from './platform/ports/group-robot';
import type { RequestTemplates } from './requests/domain/deps';
import type { CategoryRepository, CommunityListRepository, HotlinePlatform, RequestRepository } from './requests/ports';
import type { HotlineImportJobRepository } from './requests/domain/hotline-import-jobs';
import type { BookingTemplates } from './booking/domain/reminders';
import type { BookingRepository, CentreRepository, ErrandRepository, WaitlistRepository } from './booking/ports';
import type { ActivityRepository, LedgerRepository, NeedRepository, RedemptionRepository, ServiceReportRepository, SiteRepository, TeamRepository, UnitRepository } from './points/ports';
import type { StationRepository } from './stations/ports';

export interface Deps {
  config: Config;
  stations: StationRepository;
  requests: RequestRepository;
  categories: CategoryRepository;
  places: PlaceRepository;
  users: UserRepository;
  invitations: InvitationRepository;
  gridTeams: GridTeamRepository;
  propertyCompanies: PropertyCompanyRepository;
  family: FamilyRepository;
  applications: ApplicationRepository;
  streetMaps: StreetMapRepository;
  randomBytes: (n: number) => Uint8Array;
  tokens: TokenService;
  wechat: WeChatAuth;
  centres: CentreRepository;
  bookings: BookingRepository;
  waitlist: WaitlistRepository;
  errands: ErrandRepository;
  bookingTemplates: BookingTemplates;
  pointsTemplates: { expiring: string };
  expiryYears: number;
  ledger: LedgerRepository;
  sites: SiteRepository;
  redemptions: RedemptionRepository;
  activities: ActivityRepository;
  needs: NeedRepository;
  teams: TeamRepository;
  units: UnitRepository;
  serviceReports: ServiceReportRepository;
  /** Mini-program codes (小程序码) for invitation and family codes. */
  codes: MiniProgramCodes;
  /** The holiday calendar, cached per container (refreshed by `prepare` when stale). */
  calendar: CalendarCache;
  calendarStore: CalendarStore;
  taskState: TaskStateStore;
  prepare: (now: Date) => Promise<void>;
  rolesVersionOf: (userId: string) => Promise<number | null>;
  newId: () => string;
  hash: (text: string) => string;
  departments: readonly { id: string; name: string; kind: DepartmentKind }[];
  messenger: Messenger;
  consents: ConsentStore;
  outbox: OutboxDispatcher;
  duplicateRadiusMeters: number;
  storage: ObjectStorage;
  apiKeys: ApiKeyRepository;
  subscribeTemplates: RequestTemplates;
  /** The 12345 platform (replies, refusals, extension requests). */
  hotline: HotlinePlatform;
  /** Duty lists and staff-alert robots of communities. */
  communityLists: CommunityListRepository;
  /** WeCom group robots (企业微信群机器人) staff are alerted through, and the webhook base their URLs must have. */
  robot: GroupRobot;
  robotBase: string;
  /** Batch imports of 12345 ticket files. */
  importJobs: HotlineImportJobRepository;
  now: () => Date;
}
