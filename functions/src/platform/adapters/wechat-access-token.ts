/**
 * The WeChat server API's access token, one per app for every Lambda container. It comes from
 * `/cgi-bin/stable_token` (normal mode: WeChat hands back the token still valid instead of
 * replacing it, so no container invalidates another's) and is kept in the store with its expiry.
 * A container asks WeChat only when the shared token is missing, rejected or within five minutes
 * of expiring, and only while it holds the store's refresh lease; the others wait for the token it
 * saves. Each container also keeps it in memory until that margin.
 */
import type { AccessTokenStore, SharedToken } from '../ports/access-tokens';

/** Refresh this long before WeChat's expiry (its tokens last 7,200 s). */
const MARGIN_MS = 5 * 60_000;
/** How long a refresh may hold the lease (a container that dies holding it frees it by then). */
const LEASE_MS = 10_000;
/** How long a waiting container polls the store for the token another one is fetching. */
const WAIT_MS = 12_000;

export interface AccessTokenOptions {
  timeoutMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export class WeChatAccessToken {
  private local: SharedToken | null = null;
  /** The token a WeChat API call rejected (40001 / 42001): not used again, even if still in the store. */
  private rejected: string | null = null;
  private pending: Promise<string> | null = null;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly timeoutMs: number;

  constructor(
    private readonly baseUrl: string,
    private readonly appId: string,
    private readonly appSecret: string,
    private readonly store: AccessTokenStore,
    options: AccessTokenOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.timeoutMs = options.timeoutMs ?? 5000;
  }

  async get(): Promise<string> {
    if (this.usable(this.local)) return this.local!.value;
    // One look-up at a time per container: concurrent callers share it.
    this.pending ??= this.fromStore().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  /** Forgets the token after WeChat called it invalid or expired (40001, 42001): the next get refreshes it. */
  invalidate(): void {
    if (this.local) this.rejected = this.local.value;
    this.local = null;
  }

  private usable(token: SharedToken | null): boolean {
    return token !== null && token.value !== this.rejected && token.expiresAt - MARGIN_MS > this.now();
  }

  private async fromStore(): Promise<string> {
    const giveUpAt = this.now() + WAIT_MS;
    for (let round = 0; ; round++) {
      const shared = await this.store.read(this.appId);
      if (this.usable(shared)) return this.keep(shared!);
      const now = this.now();
      // Only if the token is still the stale one read: a refresh finished meanwhile is read, not repeated.
      if (await this.store.lease(this.appId, now, now + LEASE_MS, shared)) {
        let fresh: SharedToken;
        try {
          fresh = await this.fetchStable();
        } catch (e) {
          await this.store.release(this.appId).catch(() => undefined);
          throw e;
        }
        await this.store.save(this.appId, fresh);
        this.rejected = null; // what WeChat just handed out is current, even if it is the same string
        return this.keep(fresh);
      }
      if (this.now() >= giveUpAt) throw new Error('access token: another container is still refreshing it');
      await this.sleep(Math.min(50 * 2 ** round, 400) + Math.floor(Math.random() * 50));
    }
  }

  private keep(token: SharedToken): string {
    this.local = token;
    return token.value;
  }

  private async fetchStable(): Promise<SharedToken> {
    const res = await fetch(new URL('/cgi-bin/stable_token', this.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credential', appid: this.appId, secret: this.appSecret, force_refresh: false }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const body = (await res.json()) as { access_token?: string; expires_in?: number; errcode?: number };
    if (!body.access_token) throw new Error(`access token refused: ${body.errcode}`);
    return { value: body.access_token, expiresAt: this.now() + (body.expires_in ?? 7200) * 1000 };
  }
}
