/**
 * Composition root: builds each dependency once per process (Lambda cold start) from config, on
 * first use, so a function builds only what its routes touch.
 */
import type { DepartmentKind } from '@linli/shared';
import { DynamoPlaceRepository } from './identity/adapters/dynamodb-place-repository';
import { DynamoGridTeamRepository, DynamoPropertyCompanyRepository } from './identity/adapters/dynamodb-grid-team-repository';
import type { GridTeamRepository, PropertyCompanyRepository } from './identity/team-port';
import { DynamoUserRepository } from './identity/adapters/dynamodb-user-repository';
import { HttpWeChatAuth } from './identity/adapters/http-wechat-auth';
import type { PlaceRepository } from './identity/places-port';
import type { StreetMapRepository, ApplicationRepository, FamilyRepository, InvitationRepository, UserRepository, WeChatAuth } from './identity/ports';
import { DynamoInvitationRepository } from './identity/adapters/dynamodb-invitation-repository';
import { DynamoFamilyRepository } from './identity/adapters/dynamodb-family-repository';
import { DynamoApplicationRepository } from './identity/adapters/dynamodb-application-repository';
import { DynamoStreetMapRepository } from './identity/adapters/dynamodb-street-map-repository';
import { randomBytes } from 'node:crypto';
import { DynamoApiKeyRepository } from './platform/adapters/dynamodb/api-key-repository';
import { makeDocumentClient } from './platform/adapters/dynamodb/client';
import { DynamoCalendarStore, DynamoTaskStateStore } from './platform/adapters/dynamodb/calendar';
import { DynamoConsentStore } from './platform/adapters/dynamodb/consents';
import { DynamoOutboxStore } from './platform/adapters/dynamodb/outbox';
import { sha256 } from './platform/adapters/hash';
import { HmacTokenService } from './platform/adapters/hmac-token-service';
import { newUlid } from './platform/adapters/ids';
import { DynamoAccessTokenStore } from './platform/adapters/dynamodb/access-tokens';
import { WeChatAccessToken } from './platform/adapters/wechat-access-token';
import { WeChatMiniProgramCodes } from './platform/adapters/wechat-mini-program-codes';
import type { MiniProgramCodes } from './platform/ports/mini-program-codes';
import { S3ObjectStorage } from './platform/adapters/s3-object-storage';
import { disabledMessenger, WeChatSubscribeMessenger } from './platform/adapters/wechat-subscribe-messenger';
import { loadConfig, type Config } from './platform/config';
import { CalendarCache } from './platform/domain/calendar';
import { NOTICE_TOPIC, noticeHandler } from './platform/domain/notices';
import { OutboxDispatcher } from './platform/domain/outbox';
import type { TickTask } from './platform/domain/tick';
import { logger } from './platform/logger';
import type { ApiKeyRepository } from './platform/ports/api-keys';
import type { CalendarStore } from './platform/ports/calendar';
import type { TaskStateStore } from './platform/ports/task-state';
import type { ConsentStore } from './platform/ports/consents';
import type { Messenger } from './platform/ports/messenger';
import type { ObjectStorage } from './platform/ports/object-storage';
import type { TokenService } from './platform/ports/tokens';
import { DynamoCategoryRepository } from './requests/adapters/dynamodb-category-repository';
import { DynamoRequestRepository } from './requests/adapters/dynamodb-request-repository';
import { DynamoCommunityListRepository } from './requests/adapters/dynamodb-community-lists';
import { STAFF_ALERT_TOPIC, staffAlertHandler } from './requests/domain/staff-alerts';
import { WeComRobot } from './platform/adapters/wecom-robot';
import type { GroupRobot } from './platform/ports/group-robot';
import type { RequestTemplates } from './requests/domain/deps';
import { escalationTask } from './requests/domain/escalation';
import { erasureHandler } from './requests/domain/erasure';
import { SERVICE_VERIFIED, USER_ERASED } from './platform/domain/events';
import { deadlineRecomputeTask } from './requests/domain/recompute';
import type { CategoryRepository, HotlinePlatform, RequestRepository } from './requests/ports';
import { HttpHotlinePlatform, unconfiguredHotlinePlatform } from './requests/adapters/http-hotline-platform';
import { HOTLINE_OUTBOUND, hotlineOutboundHandler } from './requests/domain/hotline-outbound';
import type { CommunityListRepository } from './requests/ports';
import { hotlineImportTask, type HotlineImportJobRepository } from './requests/domain/hotline-import-jobs';
import { DynamoHotlineImportJobs } from './requests/adapters/dynamodb-hotline-import-jobs';
import { DynamoBookingRepository } from './booking/adapters/dynamodb-booking-repository';
import { DynamoCentreRepository } from './booking/adapters/dynamodb-centre-repository';
import { DynamoWaitlistRepository } from './booking/adapters/dynamodb-waitlist-repository';
import { DynamoErrandRepository } from './booking/adapters/dynamodb-errand-repository';
import { lapseOffersTask } from './booking/domain/waitlist';
import { REMIND_TOPIC, reminderHandler, type BookingTemplates } from './booking/domain/reminders';
import type { BookingRepository, CentreRepository, ErrandRepository, WaitlistRepository } from './booking/ports';
import { DynamoActivityRepository } from './points/adapters/dynamodb-activity-repository';
import { DynamoLedgerRepository } from './points/adapters/dynamodb-ledger-repository';
import { DynamoRedemptionRepository } from './points/adapters/dynamodb-redemption-repository';
import { DynamoSiteRepository } from './points/adapters/dynamodb-site-repository';
import { DynamoNeedRepository } from './points/adapters/dynamodb-need-repository';
import { dynamoTeams, dynamoUnits } from './points/adapters/dynamodb-group-repository';
import { DynamoServiceReportRepository } from './points/adapters/dynamodb-service-report-repository';
import { EXPIRING_TOPIC, expiringHandler, expiryTask } from './points/domain/expiry';
import { lapseRedemptionsTask } from './points/domain/redeem';
import { serviceHandler } from './points/domain/service';
import type { ActivityRepository, LedgerRepository, NeedRepository, RedemptionRepository, ServiceReportRepository, SiteRepository, TeamRepository, UnitRepository } from './points/ports';
import { DynamoStationRepository } from './stations/adapters/dynamodb-station-repository';
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

/** Defines `name` on `target` as built by `make` on first read, then kept. */
function lazy<T extends object, K extends keyof T>(target: Partial<T>, name: K, make: () => T[K]): void {
  let value: T[K] | undefined;
  Object.defineProperty(target, name, { enumerable: true, get: () => (value ??= make()) });
}

export function buildDeps(config: Config): Deps {
  const doc = makeDocumentClient({ region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT });
  const table = config.TABLE_NAME;
  const templates: RequestTemplates =
    config.WECHAT_TEMPLATE_ACCEPTED && config.WECHAT_TEMPLATE_ESCALATED && config.WECHAT_TEMPLATE_RESOLVED
      ? { accepted: config.WECHAT_TEMPLATE_ACCEPTED, escalated: config.WECHAT_TEMPLATE_ESCALATED, resolved: config.WECHAT_TEMPLATE_RESOLVED }
      : { accepted: '', escalated: '', resolved: '' };
  const longTerm = new Set(config.WECHAT_LONG_TERM_TEMPLATES);
  const bookingTemplates: BookingTemplates = {
    day_before: config.WECHAT_TEMPLATE_BOOKING_DAY_BEFORE,
    hour_before: config.WECHAT_TEMPLATE_BOOKING_HOUR_BEFORE,
    offer: config.WECHAT_TEMPLATE_WAITLIST_OFFER,
    changed: config.WECHAT_TEMPLATE_BOOKING_CHANGED,
  };
  const d: Partial<Deps> = {
    config,
    newId: () => newUlid(),
    randomBytes: (n: number) => randomBytes(n),
    hash: sha256,
    departments: config.DEPARTMENTS,
    duplicateRadiusMeters: config.DUPLICATE_RADIUS_M,
    subscribeTemplates: templates,
    bookingTemplates,
    pointsTemplates: { expiring: config.WECHAT_TEMPLATE_POINTS_EXPIRING },
    expiryYears: config.POINTS_EXPIRY_YEARS,
    robotBase: config.WECOM_WEBHOOK_BASE,
    now: () => new Date(),
  };
  const calendarStore = new DynamoCalendarStore(doc, table);
  const calendar = new CalendarCache(calendarStore, logger);
  Object.assign(d, { calendarStore, calendar, prepare: (now: Date) => calendar.refresh(now), rolesVersionOf: (id: string) => d.users!.rolesVersion(id) });
  lazy(d, 'taskState', () => new DynamoTaskStateStore(doc, table));
  lazy(d, 'stations', () => new DynamoStationRepository(doc, table));
  lazy(d, 'requests', () => new DynamoRequestRepository(doc, table, longTerm));
  lazy(d, 'categories', () => new DynamoCategoryRepository(doc, table));
  lazy(d, 'communityLists', () => new DynamoCommunityListRepository(doc, table));
  lazy(d, 'robot', () => new WeComRobot(logger.error));
  lazy(d, 'places', () => new DynamoPlaceRepository(doc, table));
  lazy(d, 'users', () => new DynamoUserRepository(doc, table));
  lazy(d, 'invitations', () => new DynamoInvitationRepository(doc, table));
  lazy(d, 'gridTeams', () => new DynamoGridTeamRepository(doc, table));
  lazy(d, 'propertyCompanies', () => new DynamoPropertyCompanyRepository(doc, table));
  lazy(d, 'family', () => new DynamoFamilyRepository(doc, table));
  lazy(d, 'applications', () => new DynamoApplicationRepository(doc, table));
  lazy(d, 'centres', () => new DynamoCentreRepository(doc, table));
  lazy(d, 'bookings', () => new DynamoBookingRepository(doc, table, longTerm));
  lazy(d, 'waitlist', () => new DynamoWaitlistRepository(doc, table, longTerm));
  lazy(d, 'errands', () => new DynamoErrandRepository(doc, table));
  lazy(d, 'ledger', () => new DynamoLedgerRepository(doc, table));
  lazy(d, 'sites', () => new DynamoSiteRepository(doc, table));
  lazy(d, 'redemptions', () => new DynamoRedemptionRepository(doc, table, longTerm));
  lazy(d, 'activities', () => new DynamoActivityRepository(doc, table));
  lazy(d, 'needs', () => new DynamoNeedRepository(doc, table));
  lazy(d, 'teams', () => dynamoTeams(doc, table));
  lazy(d, 'units', () => dynamoUnits(doc, table));
  lazy(d, 'serviceReports', () => new DynamoServiceReportRepository(doc, table));
  lazy(d, 'streetMaps', () => new DynamoStreetMapRepository(doc, table));
  lazy(d, 'tokens', () => new HmacTokenService(config.SESSION_SECRET, config.SESSION_TTL_SECONDS));
  const accessToken = new WeChatAccessToken(config.WECHAT_API_BASE, config.WECHAT_APP_ID, config.WECHAT_APP_SECRET, new DynamoAccessTokenStore(doc, table));
  lazy(d, 'wechat', () => new HttpWeChatAuth(config.WECHAT_API_BASE, config.WECHAT_APP_ID, config.WECHAT_APP_SECRET, accessToken));
  lazy(d, 'codes', () => new WeChatMiniProgramCodes(config.WECHAT_API_BASE, accessToken, config.WECHAT_ENV_VERSION));
  lazy(d, 'apiKeys', () => new DynamoApiKeyRepository(doc, table));
  lazy(d, 'storage', () => new S3ObjectStorage(config.UPLOAD_BUCKET, { region: config.AWS_REGION, endpoint: config.S3_ENDPOINT }));
  lazy(d, 'hotline', () =>
    config.HOTLINE_PLATFORM_URL && config.HOTLINE_PLATFORM_TOKEN ? new HttpHotlinePlatform(config.HOTLINE_PLATFORM_URL, config.HOTLINE_PLATFORM_TOKEN) : unconfiguredHotlinePlatform,
  );
  lazy(d, 'importJobs', () => new DynamoHotlineImportJobs(doc, table));
  lazy(d, 'consents', () => new DynamoConsentStore(doc, table, longTerm));
  lazy(d, 'messenger', () =>
    templates.accepted || Object.values(bookingTemplates).some(Boolean) || config.WECHAT_TEMPLATE_POINTS_EXPIRING
      ? new WeChatSubscribeMessenger(config.WECHAT_API_BASE, accessToken, async (id: string) => (await d.users!.get(id))?.openid ?? null)
      : disabledMessenger,
  );
  lazy(d, 'outbox', () => new OutboxDispatcher(new DynamoOutboxStore(doc, table), { [NOTICE_TOPIC]: noticeHandler(d.consents!, d.messenger!), [USER_ERASED]: erasureHandler(d as Deps), [SERVICE_VERIFIED]: serviceHandler(d as Deps), [EXPIRING_TOPIC]: expiringHandler({ ledger: d.ledger!, consents: d.consents!, messenger: d.messenger!, template: config.WECHAT_TEMPLATE_POINTS_EXPIRING }), [REMIND_TOPIC]: reminderHandler({ bookings: d.bookings!, waitlist: d.waitlist!, centres: d.centres!, consents: d.consents!, messenger: d.messenger!, templates: bookingTemplates }), [HOTLINE_OUTBOUND]: { leased: hotlineOutboundHandler({ requests: d.requests!, hotline: d.hotline! }) }, [STAFF_ALERT_TOPIC]: staffAlertHandler({ communityLists: d.communityLists!, robot: d.robot! }) }, logger.error));
  return d as Deps;
}

/** The tasks of the every-minute tick, from every job. */
export const tickTasks = (deps: Deps): TickTask[] => [
  escalationTask(deps),
  deadlineRecomputeTask(deps),
  lapseOffersTask(deps),
  lapseRedemptionsTask(deps),
  expiryTask(deps),
  hotlineImportTask(deps),
  {
    name: 'platform.outbox',
    budget: 200,
    async run(now, budget) {
      const { more, ...stats } = await deps.outbox.drain(now, budget);
      return { handled: stats.sent + stats.retried + stats.dropped, more, stats };
    },
  },
];

let deps: Deps | undefined;

/** The process-wide dependencies, built from the environment on first use. */
export function getDeps(): Deps {
  deps ??= buildDeps(loadConfig());
  return deps;
}

/** Forgets the dependencies so that the next use builds them from the environment again (benchmarks that switch stores). */
export function resetDeps(): void {
  deps = undefined;
}
