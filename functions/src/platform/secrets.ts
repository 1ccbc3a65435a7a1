/**
 * The secrets a function needs (the session signing secret, the WeChat app secret, the 12345
 * platform's token). In AWS they live in SSM Parameter Store as SecureStrings under SECRETS_PATH
 * (`/linli/<stage>/`), never in serverless.yml or the template: read with one GetParameters call
 * when a container first needs them, then kept (AWS Lambda Powertools' Parameters cache, 15 min;
 * a rotated secret reaches every container within that). The local stack and the tests give them
 * as environment variables instead.
 */
import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import { SSMClient } from '@aws-sdk/client-ssm';
import type { Config } from './config';

export interface Secrets {
  sessionSecret: string;
  wechatAppSecret: string;
  /** The 12345 platform's bearer token, when the platform is configured. */
  hotlineToken?: string;
}

/** The names of the secrets under SECRETS_PATH; a function's IAM role grants only those it lists (access-policy.json). */
export type SecretName = 'session-secret' | 'wechat-app-secret' | 'hotline-platform-token';

/** How long a container keeps a secret before asking again (seconds). */
export const SECRETS_MAX_AGE_S = 900;

const NAMES = { sessionSecret: 'session-secret', wechatAppSecret: 'wechat-app-secret', hotlineToken: 'hotline-platform-token' } as const;

/** Reads the secrets from Parameter Store (cached), or from the config where SECRETS_PATH is unset. */
export class SecretSource {
  private current: Secrets | undefined;
  private loading: Promise<Secrets> | undefined;
  private readonly provider: SSMProvider | undefined;

  /** `granted`: the secrets this function may read in Parameter Store (every one where they come from the environment). */
  constructor(
    private readonly config: Config,
    client?: SSMClient,
    private readonly granted: readonly SecretName[] = Object.values(NAMES),
  ) {
    if (!config.SECRETS_PATH) {
      this.current = {
        sessionSecret: config.SESSION_SECRET!,
        wechatAppSecret: config.WECHAT_APP_SECRET!,
        ...(config.HOTLINE_PLATFORM_TOKEN ? { hotlineToken: config.HOTLINE_PLATFORM_TOKEN } : {}),
      };
    } else {
      this.provider = new SSMProvider({ awsSdkV3Client: client ?? new SSMClient({ region: config.AWS_REGION }) });
    }
  }

  /** The secrets as last loaded; only after `load` where they come from Parameter Store. */
  get(): Secrets {
    if (!this.current) throw new Error('secrets are not loaded yet (prepare runs before any route)');
    return this.current;
  }

  /** Loads (or refreshes from the cache) the secrets; concurrent callers share one call. */
  async load(): Promise<Secrets> {
    if (!this.provider) return this.get();
    this.loading ??= this.fetch().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async fetch(): Promise<Secrets> {
    const path = this.config.SECRETS_PATH!;
    const wanted = this.granted.filter((n) => n !== NAMES.hotlineToken || this.config.HOTLINE_PLATFORM_URL);
    const byName = Object.fromEntries(wanted.map((n) => [`${path}${n}`, {}]));
    const values = (await this.provider!.getParametersByName(byName, { decrypt: true, maxAge: SECRETS_MAX_AGE_S, throwOnError: true })) as Record<string, unknown>;
    const read = (n: SecretName): string => {
      const v = values[`${path}${n}`];
      if (typeof v !== 'string' || !v) throw new Error(`secret ${path}${n} is missing or empty in Parameter Store`);
      return v;
    };
    // A secret this function is not granted reads as a refusal where it is used, never as a wrong value.
    const denied = (n: SecretName) => () => {
      throw new Error(`this function may not read the secret ${n} (access-policy.json)`);
    };
    const loaded = {} as Secrets;
    for (const [key, n] of Object.entries(NAMES) as [keyof Secrets, SecretName][]) {
      if (wanted.includes(n)) Object.defineProperty(loaded, key, { value: read(n), enumerable: true });
      else if (n !== NAMES.hotlineToken) Object.defineProperty(loaded, key, { get: denied(n), enumerable: false });
    }
    if (wanted.includes(NAMES.sessionSecret) && loaded.sessionSecret.length < 32) throw new Error(`secret ${path}${NAMES.sessionSecret} must be at least 32 characters`);
    this.current = loaded;
    return loaded;
  }
}
