/** Composition root: builds every dependency once per process (Lambda cold start) from config. */
import { CN_HOLIDAYS, type HolidayCalendar } from '@linli/shared';
import { makeDocumentClient } from './platform/adapters/dynamodb/client';
import { DynamoApiKeyRepository } from './platform/adapters/dynamodb/api-key-repository';
import { DynamoUserRepository } from './identity/adapters/dynamodb-user-repository';
import { DynamoPlaceRepository } from './identity/adapters/dynamodb-place-repository';
import { DynamoCategoryRepository, DynamoRequestRepository } from './requests/adapters/dynamodb-request-repository';
import { DynamoStationRepository } from './stations/adapters/dynamodb-station-repository';
import { sha256 } from './platform/adapters/hash';
import { S3ObjectStorage } from './platform/adapters/s3-object-storage';
import { newUlid } from './platform/adapters/ids';
import { HmacTokenService } from './platform/adapters/hmac-token-service';
import { HttpWeChatAuth } from './identity/adapters/http-wechat-auth';
import { disabledNotifier, WeChatSubscribeNotifier } from './platform/adapters/wechat-subscribe-messenger';
import { loadConfig, type Config } from './platform/config';
import type { TokenService, UserRepository, WeChatAuth } from './identity/ports';
import type { PlaceRepository } from './identity/places-port';
import type { ApiKeyRepository } from './platform/ports/api-keys';
import type { ObjectStorage } from './platform/ports/object-storage';
import type { CategoryRepository, Notifier, RequestRepository } from './requests/ports';
import type { StationRepository } from './stations/ports';

export interface Deps {
  config: Config;
  stations: StationRepository;
  requests: RequestRepository;
  categories: CategoryRepository;
  places: PlaceRepository;
  users: UserRepository;
  tokens: TokenService;
  wechat: WeChatAuth;
  calendar: HolidayCalendar;
  newId: () => string;
  hash: (text: string) => string;
  departments: readonly { id: string; name: string }[];
  notifier: Notifier;
  duplicateRadiusMeters: number;
  storage: ObjectStorage;
  apiKeys: ApiKeyRepository;
  subscribeTemplates: { accepted: string; escalated: string; resolved: string };
  now: () => Date;
}

export function buildDeps(config: Config): Deps {
  const doc = makeDocumentClient({ region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT });
  const users = new DynamoUserRepository(doc, config.TABLE_NAME);
  const templates =
    config.WECHAT_TEMPLATE_ACCEPTED && config.WECHAT_TEMPLATE_ESCALATED && config.WECHAT_TEMPLATE_RESOLVED
      ? { accepted: config.WECHAT_TEMPLATE_ACCEPTED, escalated: config.WECHAT_TEMPLATE_ESCALATED, resolved: config.WECHAT_TEMPLATE_RESOLVED }
      : null;
  return {
    config,
    stations: new DynamoStationRepository(doc, config.TABLE_NAME),
    requests: new DynamoRequestRepository(doc, config.TABLE_NAME),
    categories: new DynamoCategoryRepository(doc, config.TABLE_NAME),
    places: new DynamoPlaceRepository(doc, config.TABLE_NAME),
    users,
    tokens: new HmacTokenService(config.SESSION_SECRET, config.SESSION_TTL_SECONDS),
    wechat: new HttpWeChatAuth(config.WECHAT_API_BASE, config.WECHAT_APP_ID, config.WECHAT_APP_SECRET),
    calendar: CN_HOLIDAYS,
    newId: () => newUlid(),
    hash: sha256,
    departments: config.DEPARTMENTS,
    duplicateRadiusMeters: config.DUPLICATE_RADIUS_M,
    apiKeys: new DynamoApiKeyRepository(doc, config.TABLE_NAME),
    storage: new S3ObjectStorage(config.UPLOAD_BUCKET, { region: config.AWS_REGION, endpoint: config.S3_ENDPOINT }),
    notifier: templates
      ? new WeChatSubscribeNotifier(config.WECHAT_API_BASE, config.WECHAT_APP_ID, config.WECHAT_APP_SECRET, templates, async (id) => (await users.get(id))?.openid ?? null)
      : disabledNotifier,
    subscribeTemplates: templates ?? { accepted: '', escalated: '', resolved: '' },
    now: () => new Date(),
  };
}

let deps: Deps | undefined;

/** The process-wide dependencies, built from the environment on first use. */
export function getDeps(): Deps {
  deps ??= buildDeps(loadConfig());
  return deps;
}
