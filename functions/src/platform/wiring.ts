/**
 * The generic wiring of a Lambda function: a function is composed of *parts* (the platform's and
 * one per job, `<job>/wiring.ts`), each defining the dependencies it owns as lazy properties (built
 * on first use, once per container) and the outbox topics it delivers. A function's bundle holds
 * only the parts it imports; asking for a dependency no part wired is a programming error named at
 * once instead of an `undefined` deep in a use case.
 */
import { randomBytes } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../deps';
import { DynamoApiKeyRepository } from './adapters/dynamodb/api-key-repository';
import { makeDocumentClient } from './adapters/dynamodb/client';
import { DynamoCalendarStore, DynamoTaskStateStore } from './adapters/dynamodb/calendar';
import { DynamoConsentStore } from './adapters/dynamodb/consents';
import { DynamoOutboxStore } from './adapters/dynamodb/outbox';
import { DynamoAccessTokenStore } from './adapters/dynamodb/access-tokens';
import { sha256 } from './adapters/hash';
import { HmacTokenService } from './adapters/hmac-token-service';
import { newUlid } from './adapters/ids';
import { WeChatAccessToken } from './adapters/wechat-access-token';
import { WeChatMiniProgramCodes } from './adapters/wechat-mini-program-codes';
import { disabledMessenger, WeChatSubscribeMessenger } from './adapters/wechat-subscribe-messenger';
import { loadConfig, type Config } from './config';
import { SecretSource, type SecretName } from './secrets';
import { ACCESS_POLICY } from './adapters/dynamodb/access-guard';
import { CalendarCache } from './domain/calendar';
import { NOTICE_TOPIC, noticeHandler } from './domain/notices';
import { OutboxDispatcher, type TopicRegistration } from './domain/outbox';
import { logger } from './logger';
import { count } from './metrics';

export type { TopicRegistration };

/** What every part may use while wiring: the config and the one document client of the container. */
export interface WiringContext {
  config: Config;
  doc: DynamoDBDocumentClient;
  table: string;
  /** Long-term subscribe templates (never used up by a send). */
  longTerm: Set<string>;
  /** The app's one WeChat access token (shared through the store by every container); built on first use, after the secrets are loaded. */
  readonly accessToken: WeChatAccessToken;
  /** The secrets (Parameter Store in AWS; loaded by `prepare` before any route runs). */
  secrets: SecretSource;
  /** The topics this function delivers, each built on first delivery. */
  topics: Record<string, (d: Deps) => TopicRegistration>;
  /** Which of them are messages to people (subscribe messages): one not sent counts in `NoticesNotSent`. */
  noticeTopics: Set<string>;
}

/** One part of a function's dependencies. */
export type Part = (d: Partial<Deps>, ctx: WiringContext) => void;

/** Defines `name` on `target` as built by `make` on first read, then kept. */
export function lazy<K extends keyof Deps>(target: Partial<Deps>, name: K, make: () => Deps[K]): void {
  let value: Deps[K] | undefined;
  Object.defineProperty(target, name, { enumerable: true, configurable: true, get: () => (value ??= make()) });
}

/** Property names probed by the runtime itself (promise resolution, inspection), never dependencies. */
const PROBES = new Set(['then', 'toJSON', 'inspect', 'constructor', 'asymmetricMatch', 'nodeType', 'tagName', '$$typeof', '@@__IMMUTABLE_ITERABLE__@@', '@@__IMMUTABLE_RECORD__@@', '_isMockFunction']);

/** The platform's own part, in every function: ids, clock, sessions, calendar, consents, notices, outbox. */
export const platformPart: Part = (d, ctx) => {
  const { config, doc, table, longTerm, secrets } = ctx;
  Object.assign(d, {
    config,
    newId: () => newUlid(),
    randomBytes: (n: number) => randomBytes(n),
    hash: sha256,
    departments: config.DEPARTMENTS,
    now: () => new Date(),
  });
  const calendarStore = new DynamoCalendarStore(doc, table);
  const calendar = new CalendarCache(calendarStore, logger);
  Object.assign(d, {
    calendarStore,
    calendar,
    prepare: async (now: Date) => {
      await secrets.load();
      await calendar.refresh(now);
    },
  });
  lazy(d, 'taskState', () => new DynamoTaskStateStore(doc, table));
  lazy(d, 'tokens', () => new HmacTokenService(secrets.get().sessionSecret, config.SESSION_TTL_SECONDS));
  lazy(d, 'apiKeys', () => new DynamoApiKeyRepository(doc, table));
  lazy(d, 'consents', () => new DynamoConsentStore(doc, table, longTerm));
  lazy(d, 'codes', () => new WeChatMiniProgramCodes(config.WECHAT_API_BASE, ctx.accessToken, config.WECHAT_ENV_VERSION));
  lazy(d, 'messenger', () =>
    (config.WECHAT_TEMPLATE_ACCEPTED && config.WECHAT_TEMPLATE_ESCALATED && config.WECHAT_TEMPLATE_RESOLVED) ||
    config.WECHAT_TEMPLATE_BOOKING_DAY_BEFORE ||
    config.WECHAT_TEMPLATE_BOOKING_HOUR_BEFORE ||
    config.WECHAT_TEMPLATE_WAITLIST_OFFER ||
    config.WECHAT_TEMPLATE_BOOKING_CHANGED ||
    config.WECHAT_TEMPLATE_POINTS_EXPIRING
      ? new WeChatSubscribeMessenger(config.WECHAT_API_BASE, ctx.accessToken, async (id: string) => (await d.users!.get(id))?.openid ?? null)
      : disabledMessenger,
  );
  ctx.topics[NOTICE_TOPIC] = (all) => noticeHandler(all.consents, all.messenger);
  ctx.noticeTopics.add(NOTICE_TOPIC);
};

/**
 * Builds a function's dependencies from its parts. `name` is the function's (for the error when a
 * use case asks for what its function does not wire); the tick wires every part and alone drops
 * outbox entries of unknown topics.
 */
export function compose(config: Config, name: string, parts: readonly Part[], opts: { everyTopic?: boolean } = {}): Deps {
  const doc = makeDocumentClient({ region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT, functionName: name, readOnlyRoleArn: config.READONLY_ROLE_ARN });
  const table = config.TABLE_NAME;
  const secrets = new SecretSource(config, undefined, ACCESS_POLICY.functions[name]?.secrets as SecretName[] | undefined);
  let accessToken: WeChatAccessToken | undefined;
  const ctx: WiringContext = {
    config,
    doc,
    table,
    longTerm: new Set(config.WECHAT_LONG_TERM_TEMPLATES),
    secrets,
    get accessToken() {
      return (accessToken ??= new WeChatAccessToken(config.WECHAT_API_BASE, config.WECHAT_APP_ID, secrets.get().wechatAppSecret, new DynamoAccessTokenStore(doc, table)));
    },
    topics: {},
    noticeTopics: new Set(),
  };
  const d: Partial<Deps> = {};
  for (const part of [platformPart, ...parts]) part(d, ctx);
  const deps = new Proxy(d, {
    get(target, key, receiver) {
      if (typeof key === 'string' && !(key in target) && !PROBES.has(key)) {
        throw new Error(`dependency "${key}" is not wired into the ${name} function (add its part in handlers/${name}.ts)`);
      }
      return Reflect.get(target, key, receiver);
    },
  }) as Deps;
  lazy(d, 'outbox', () => {
    const handlers = Object.fromEntries(Object.entries(ctx.topics).map(([topic, make]) => [topic, make(deps)]));
    const notSent = (topic: string) => ctx.noticeTopics.has(topic) && count('NoticesNotSent');
    return new OutboxDispatcher(new DynamoOutboxStore(doc, table), handlers, logger.error, opts.everyTopic ? 'drop' : 'leave', notSent);
  });
  return deps;
}

const built = new Map<string, Deps>();

/**
 * A function's dependencies, built from the environment on first use and kept for the container.
 * The config is parsed once per build.
 */
export function depsOf(name: string, parts: readonly Part[], opts: { everyTopic?: boolean } = {}): () => Deps {
  return () => {
    let deps = built.get(name);
    if (!deps) {
      deps = compose(loadConfig(), name, parts, opts);
      built.set(name, deps);
    }
    return deps;
  };
}

/** Forgets every function's dependencies so that the next use builds them from the environment again (benchmarks that switch stores). */
export function forgetDeps(): void {
  built.clear();
}
