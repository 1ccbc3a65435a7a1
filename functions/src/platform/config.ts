import * as z from 'zod';

/** WeCom group robots' webhook (企业微信群机器人); only the local stack may point elsewhere (its stand-in). */
const WECOM_BASE = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send';

const Env = z.object({
  STAGE: z.string().min(1).default('local'),
  AWS_REGION: z.string().min(1).default('cn-northwest-1'),
  TABLE_NAME: z.string().min(1),
  /** The role GET routes query the table as (reads only, and the WeChat token cache); set in AWS by serverless.yml. */
  READONLY_ROLE_ARN: z.preprocess((v) => v || undefined, z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@-]+$/, 'must be an IAM role ARN').optional()),
  /** DynamoDB Local endpoint; unset in AWS. */
  DYNAMODB_ENDPOINT: z.url().optional(),
  /**
   * Where the secrets live in SSM Parameter Store (`/linli/<stage>/`; platform/secrets.ts). Unset
   * locally: then SESSION_SECRET, WECHAT_APP_SECRET and HOTLINE_PLATFORM_TOKEN come from the environment.
   */
  SECRETS_PATH: z.preprocess((v) => v || undefined, z.string().regex(/^\/[A-Za-z0-9_./-]+\/$/, 'must be a parameter path like /linli/dev/').optional()),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SESSION_TTL_SECONDS: z.coerce.number().int().min(60).max(30 * 86400).default(12 * 3600),
  WECHAT_API_BASE: z.url().default('https://api.weixin.qq.com'),
  WECHAT_APP_ID: z.string().min(1),
  WECHAT_APP_SECRET: z.string().min(1).optional(),
  /** Which build a mini-program code (小程序码) opens: release, trial (体验版) or develop. */
  WECHAT_ENV_VERSION: z.enum(['release', 'trial', 'develop']).default('release'),
  /** Bucket for photos (uploads straight from the phone). */
  UPLOAD_BUCKET: z.string().min(3),
  /** S3-compatible endpoint for local development; unset in AWS. */
  S3_ENDPOINT: z.url().optional(),
  /** Subscribe-message template ids (订阅消息); notices are off unless all three are set. */
  WECHAT_TEMPLATE_ACCEPTED: z.string().optional().transform((v) => v || undefined),
  WECHAT_TEMPLATE_ESCALATED: z.string().optional().transform((v) => v || undefined),
  WECHAT_TEMPLATE_RESOLVED: z.string().optional().transform((v) => v || undefined),
  /** Booking notices (订阅消息): the afternoon before, an hour before, a waitlist place held; each off when unset. */
  WECHAT_TEMPLATE_BOOKING_DAY_BEFORE: z.string().optional().transform((v) => v ?? ''),
  WECHAT_TEMPLATE_BOOKING_HOUR_BEFORE: z.string().optional().transform((v) => v ?? ''),
  WECHAT_TEMPLATE_WAITLIST_OFFER: z.string().optional().transform((v) => v ?? ''),
  WECHAT_TEMPLATE_BOOKING_CHANGED: z.string().optional().transform((v) => v ?? ''),
  /** Points earned in year Y are spendable to 31 December of Y + this (0: the same year). */
  POINTS_EXPIRY_YEARS: z.coerce.number().int().min(0).max(5).default(1),
  /** Points notice (订阅消息): points expiring within a month; off when unset. */
  WECHAT_TEMPLATE_POINTS_EXPIRING: z.string().optional().transform((v) => v ?? ''),
  /** Long-term subscribe templates (长期订阅, where the platform grants them), comma-separated: never used up. */
  WECHAT_LONG_TERM_TEMPLATES: z
    .string()
    .default('')
    .transform((s) => s.split(',').map((t) => t.trim()).filter(Boolean)),
  /** The 12345 hotline platform that replies, refusals and extension requests go back to; unset: none is sent. */
  HOTLINE_PLATFORM_URL: z.preprocess((v) => v || undefined, z.url().optional()),
  /** The bearer token the platform issued us (required with the URL). */
  HOTLINE_PLATFORM_TOKEN: z.string().optional().transform((v) => v || undefined),
  /** The webhook base staff-alert robot URLs must start with (`<base>?key=…`); not changeable outside STAGE=local. */
  WECOM_WEBHOOK_BASE: z.url().default(WECOM_BASE),
  /** Overdue requests the tick escalates at once (a wave of thousands due in one minute; see docs/capacity.md). */
  ESCALATION_CONCURRENCY: z.coerce.number().int().min(1).max(128).default(24),
  /** Radius (m) in which open requests of the same category are offered as duplicates. */
  DUPLICATE_RADIUS_M: z.coerce.number().int().min(10).max(1000).default(100),
  /**
   * Dispatch targets of the street: `id:名称` pairs separated by commas, with `:water`, `:power` or
   * `:gas` after a water, power or gas company (供水/供电/燃气), which is called like a department.
   */
  DEPARTMENTS: z
    .string()
    .default(
      'cgj:城市管理局,zjj:住房和城乡建设局,swj:水务局,gdj:供电公司:power,scjg:市场监督管理局,pcs:公安派出所,mzj:民政局,wjj:卫生健康局,hbj:生态环境局,zls:自来水公司:water,rqgs:燃气公司:gas',
    )
    .transform((s, ctx) => {
      const items = s.split(',').map((pair) => pair.trim().split(':'));
      const kinds = ['department', 'water', 'power', 'gas'] as const;
      type Kind = (typeof kinds)[number];
      if (items.some((p) => p.length < 2 || p.length > 3 || !/^[A-Za-z0-9_-]{1,64}$/.test(p[0]!) || !p[1] || (p[2] !== undefined && !kinds.includes(p[2] as Kind)))) {
        ctx.addIssue({ code: 'custom', message: 'expected id:名称 or id:名称:water|power|gas pairs separated by commas' });
        return z.NEVER;
      }
      return items.map(([id, name, kind]) => ({ id: id!, name: name!, kind: (kind ?? 'department') as Kind }));
    }),
});

export type Config = z.infer<typeof Env>;

const Checked = Env.superRefine((c, ctx) => {
  if (!c.SECRETS_PATH && !c.SESSION_SECRET) ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'must be set when SECRETS_PATH is not' });
  if (!c.SECRETS_PATH && !c.WECHAT_APP_SECRET) ctx.addIssue({ code: 'custom', path: ['WECHAT_APP_SECRET'], message: 'must be set when SECRETS_PATH is not' });
  if (c.SECRETS_PATH && (c.SESSION_SECRET || c.WECHAT_APP_SECRET || c.HOTLINE_PLATFORM_TOKEN)) ctx.addIssue({ code: 'custom', path: ['SECRETS_PATH'], message: 'secrets come from Parameter Store when it is set; do not also put them in the environment' });
  if (c.HOTLINE_PLATFORM_URL && !c.HOTLINE_PLATFORM_TOKEN && !c.SECRETS_PATH) ctx.addIssue({ code: 'custom', path: ['HOTLINE_PLATFORM_TOKEN'], message: 'must be set with HOTLINE_PLATFORM_URL' });
  if (c.STAGE !== 'local' && c.WECOM_WEBHOOK_BASE !== WECOM_BASE) ctx.addIssue({ code: 'custom', path: ['WECOM_WEBHOOK_BASE'], message: `must be ${WECOM_BASE} outside STAGE=local` });
});

/** Parses the environment once; throws naming every variable that is missing or malformed. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = Checked.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) =>
      i.code === 'invalid_type' && i.input === undefined
        ? `${i.path.join('.')} environment variable is not set`
        : `${i.path.join('.')} environment variable is invalid: ${i.message}`,
    );
    throw new Error(problems.join('; '));
  }
  return parsed.data;
}
