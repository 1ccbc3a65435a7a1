/** Composition root: builds every dependency once per process (Lambda cold start) from config. */
import { CN_HOLIDAYS, type HolidayCalendar } from '@linli/shared';
import { makeDocumentClient } from './adapters/dynamodb/client';
import { DynamoApiKeyRepository } from './adapters/dynamodb/api-key-repository';
import { DynamoUserRepository } from './adapters/dynamodb/identity-repository';
import { DynamoPlaceRepository } from './adapters/dynamodb/place-repository';
import { DynamoCategoryRepository, DynamoRequestRepository } from './adapters/dynamodb/request-repository';
import { DynamoStationRepository } from './adapters/dynamodb/station-repository';
import { sha256 } from './adapters/hash';
import { S3ObjectStorage } from './adapters/s3/object-storage';
import { newUlid } from './adapters/ids';
import { HmacTokenService } from './adapters/token/hmac-token-service';
import { HttpWeChatAuth } from './adapters/wechat/http-wechat-auth';
import { disabledNotifier, WeChatSubscribeNotifier } from './adapters/wechat/subscribe-notifier';
import { loadConfig, type Config } from './config';
import type { TokenService, UserRepository, WeChatAuth } from './ports/identity';
import type { PlaceRepository } from './ports/place-repository';
import type { ApiKeyRepository } from './ports/api-keys';
import type { ObjectStorage } from './ports/object-storage';
import type { CategoryRepository, Notifier, RequestRepository } from './ports/request-repository';
import type { StationRepository } from './ports/station-repository';

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
