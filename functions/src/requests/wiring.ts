/**
 * The requests job's part: requests, categories, community lists, the 12345 platform, hotline file
 * imports, WeCom robots; the outbox topics it delivers (12345 replies, staff alerts, erasing the
 * names it copied when a user deletes the account).
 */
import { USER_ERASED } from '../platform/domain/events';
import { WeComRobot } from '../platform/adapters/wecom-robot';
import { logger } from '../platform/logger';
import { lazy, type Part } from '../platform/wiring';
import { DynamoCategoryRepository } from './adapters/dynamodb-category-repository';
import { DynamoCommunityListRepository } from './adapters/dynamodb-community-lists';
import { DynamoHotlineImportJobs } from './adapters/dynamodb-hotline-import-jobs';
import { DynamoRequestRepository } from './adapters/dynamodb-request-repository';
import { HttpHotlinePlatform, unconfiguredHotlinePlatform } from './adapters/http-hotline-platform';
import type { RequestTemplates } from './domain/deps';
import { erasureHandler } from './domain/erasure';
import { HOTLINE_OUTBOUND, hotlineOutboundHandler } from './domain/hotline-outbound';
import { STAFF_ALERT_TOPIC, staffAlertHandler } from './domain/staff-alerts';

export const requestsPart: Part = (d, ctx) => {
  const { doc, table, config, longTerm } = ctx;
  const templates: RequestTemplates =
    config.WECHAT_TEMPLATE_ACCEPTED && config.WECHAT_TEMPLATE_ESCALATED && config.WECHAT_TEMPLATE_RESOLVED
      ? { accepted: config.WECHAT_TEMPLATE_ACCEPTED, escalated: config.WECHAT_TEMPLATE_ESCALATED, resolved: config.WECHAT_TEMPLATE_RESOLVED }
      : { accepted: '', escalated: '', resolved: '' };
  Object.assign(d, { subscribeTemplates: templates, duplicateRadiusMeters: config.DUPLICATE_RADIUS_M, robotBase: config.WECOM_WEBHOOK_BASE });
  lazy(d, 'requests', () => new DynamoRequestRepository(doc, table, longTerm));
  lazy(d, 'categories', () => new DynamoCategoryRepository(doc, table));
  lazy(d, 'communityLists', () => new DynamoCommunityListRepository(doc, table));
  lazy(d, 'robot', () => new WeComRobot(logger.error));
  lazy(d, 'importJobs', () => new DynamoHotlineImportJobs(doc, table));
  lazy(d, 'hotline', () => {
    const token = ctx.secrets.get().hotlineToken;
    return config.HOTLINE_PLATFORM_URL && token ? new HttpHotlinePlatform(config.HOTLINE_PLATFORM_URL, token) : unconfiguredHotlinePlatform;
  });
  ctx.topics[USER_ERASED] = (all) => erasureHandler(all);
  ctx.topics[HOTLINE_OUTBOUND] = (all) => ({ leased: hotlineOutboundHandler({ requests: all.requests, hotline: all.hotline }) });
  ctx.topics[STAFF_ALERT_TOPIC] = (all) => staffAlertHandler({ communityLists: all.communityLists, robot: all.robot });
};
