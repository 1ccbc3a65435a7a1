/**
 * The local stack: DynamoDB Local + the WeChat stand-in + the API running the Lambda handlers, with
 * the demo data. Used by `npm start` (persisted under .data/) and by the tests (in memory).
 */
import { type ApiServer, startApiServer } from './api-server';
import { type DynamoLocal, ensureMainTable, startDynamoLocal } from './dynamodb-local';
import { seedDemo } from './seed';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type S3Local, startS3Local } from './s3-local';
import { startWeChatStandIn, type WeChatStandIn } from './wechat-standin';
import { type HotlineStandIn, LOCAL_HOTLINE_TOKEN, startHotlineStandIn } from './hotline-standin';
import { startWeComStandIn, type WeComStandIn } from './wecom-standin';

export interface LocalStack {
  db: DynamoLocal;
  s3: S3Local;
  wechat: WeChatStandIn;
  /** The 12345 platform stand-in: what replies, refusals and extension requests it received. */
  hotline: HotlineStandIn;
  /** WeCom group robots (企业微信群机器人): what staff alerts were sent. */
  wecom: WeComStandIn;
  api: ApiServer;
  table: string;
  stop(): Promise<void>;
}

export interface StackOptions {
  dataDir?: string;
  dbPort?: number;
  apiPort?: number;
  wechatPort?: number;
  hotlinePort?: number;
  wecomPort?: number;
  s3Port?: number;
  /** Where the S3 stand-in keeps its objects (default: `s3` beside `dataDir`, else a temporary directory). */
  s3Dir?: string;
  table?: string;
  seed?: boolean;
  /** Reuse an already running DynamoDB Local (tests share one per run). */
  dbEndpoint?: string;
}

export const LOCAL_SESSION_SECRET = 'local-only-session-secret-not-for-production-000';

export async function startLocalStack(opts: StackOptions = {}): Promise<LocalStack> {
  const table = opts.table ?? 'linli-local-main';
  const db: DynamoLocal = opts.dbEndpoint
    ? { endpoint: opts.dbEndpoint, port: Number(new URL(opts.dbEndpoint).port), stop: async () => {} }
    : await startDynamoLocal({ port: opts.dbPort, dataDir: opts.dataDir });
  try {
    await ensureMainTable(db.endpoint, table);
    if (opts.seed !== false) await seedDemo(db.endpoint, table);
    // Photos: under the data directory when persisted, else in a temporary folder removed on stop.
    const s3Dir = opts.s3Dir ?? (opts.dataDir ? path.join(path.dirname(opts.dataDir), 's3') : mkdtempSync(path.join(os.tmpdir(), 'linli-s3-')));
    const s3 = await startS3Local({ directory: s3Dir, port: opts.s3Port });
    const wechat = await startWeChatStandIn(opts.wechatPort ?? 0);
    const hotline = await startHotlineStandIn(opts.hotlinePort ?? 0);
    const wecom = await startWeComStandIn(opts.wecomPort ?? 0);
    Object.assign(process.env, {
      STAGE: 'local',
      AWS_REGION: 'local',
      TABLE_NAME: table,
      DYNAMODB_ENDPOINT: db.endpoint,
      SESSION_SECRET: process.env.SESSION_SECRET ?? LOCAL_SESSION_SECRET,
      WECHAT_API_BASE: wechat.url,
      WECOM_WEBHOOK_BASE: wecom.webhookBase,
      WECHAT_APP_ID: 'wx-local-demo',
      WECHAT_APP_SECRET: 'local-demo-secret',
      WECHAT_ENV_VERSION: 'develop',
      WECHAT_TEMPLATE_ACCEPTED: 'local-tmpl-accepted',
      WECHAT_TEMPLATE_ESCALATED: 'local-tmpl-escalated',
      WECHAT_TEMPLATE_RESOLVED: 'local-tmpl-resolved',
      WECHAT_TEMPLATE_BOOKING_DAY_BEFORE: 'local-tmpl-booking-day',
      WECHAT_TEMPLATE_BOOKING_HOUR_BEFORE: 'local-tmpl-booking-hour',
      WECHAT_TEMPLATE_WAITLIST_OFFER: 'local-tmpl-waitlist-offer',
      WECHAT_TEMPLATE_BOOKING_CHANGED: 'local-tmpl-booking-changed',
      WECHAT_TEMPLATE_POINTS_EXPIRING: 'local-tmpl-points-expiring',
      HOTLINE_PLATFORM_URL: hotline.url,
      HOTLINE_PLATFORM_TOKEN: LOCAL_HOTLINE_TOKEN,
      UPLOAD_BUCKET: s3.bucket,
      S3_ENDPOINT: s3.endpoint,
      AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1',
      // CloudWatch metrics (EMF) mean nothing locally: off unless asked for.
      POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
    });
    const api = await startApiServer({ port: opts.apiPort ?? 0 });
    return {
      db,
      s3,
      wechat,
      hotline,
      wecom,
      api,
      table,
      stop: async () => {
        await api.close();
        await wechat.close();
        await hotline.close();
        await wecom.close();
        await s3.close();
        if (!opts.dataDir && !opts.s3Dir) rmSync(s3Dir, { recursive: true, force: true });
        await db.stop();
      },
    };
  } catch (e) {
    await db.stop();
    throw e;
  }
}
