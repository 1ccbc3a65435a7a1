/**
 * The points job's part: ledger, redemption sites, redemptions, activities, needs, teams, units,
 * service reports; the topics it delivers (service verified by another job → points, expiry notices).
 */
import { SERVICE_VERIFIED } from '../platform/domain/events';
import { lazy, type Part } from '../platform/wiring';
import { DynamoActivityRepository } from './adapters/dynamodb-activity-repository';
import { dynamoTeams, dynamoUnits } from './adapters/dynamodb-group-repository';
import { DynamoLedgerRepository } from './adapters/dynamodb-ledger-repository';
import { DynamoNeedRepository } from './adapters/dynamodb-need-repository';
import { DynamoRedemptionRepository } from './adapters/dynamodb-redemption-repository';
import { DynamoServiceReportRepository } from './adapters/dynamodb-service-report-repository';
import { DynamoSiteRepository } from './adapters/dynamodb-site-repository';
import { EXPIRING_TOPIC, expiringHandler } from './domain/expiry';
import { serviceHandler } from './domain/service';

export const pointsPart: Part = (d, ctx) => {
  const { doc, table, config, longTerm } = ctx;
  Object.assign(d, { pointsTemplates: { expiring: config.WECHAT_TEMPLATE_POINTS_EXPIRING }, expiryYears: config.POINTS_EXPIRY_YEARS });
  lazy(d, 'ledger', () => new DynamoLedgerRepository(doc, table));
  lazy(d, 'sites', () => new DynamoSiteRepository(doc, table));
  lazy(d, 'redemptions', () => new DynamoRedemptionRepository(doc, table, longTerm));
  lazy(d, 'activities', () => new DynamoActivityRepository(doc, table));
  lazy(d, 'needs', () => new DynamoNeedRepository(doc, table));
  lazy(d, 'teams', () => dynamoTeams(doc, table));
  lazy(d, 'units', () => dynamoUnits(doc, table));
  lazy(d, 'serviceReports', () => new DynamoServiceReportRepository(doc, table));
  ctx.topics[SERVICE_VERIFIED] = (all) => serviceHandler(all);
  ctx.noticeTopics.add(EXPIRING_TOPIC);
  ctx.topics[EXPIRING_TOPIC] = (all) =>
    expiringHandler({ ledger: all.ledger, consents: all.consents, messenger: all.messenger, template: config.WECHAT_TEMPLATE_POINTS_EXPIRING });
};
