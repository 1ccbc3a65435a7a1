/**
 * The WeChat server API's access token (`/cgi-bin/token`), cached until shortly before it expires
 * and shared by every caller in the container (subscribe messages, phone numbers).
 */
export class WeChatAccessToken {
  private token: { value: string; until: number } | null = null;

  constructor(
    private readonly baseUrl: string,
    private readonly appId: string,
    private readonly appSecret: string,
    private readonly timeoutMs = 5000,
  ) {}

  async get(): Promise<string> {
    if (this.token && this.token.until > Date.now()) return this.token.value;
    const url = new URL('/cgi-bin/token', this.baseUrl);
    url.search = new URLSearchParams({ grant_type: 'client_credential', appid: this.appId, secret: this.appSecret }).toString();
    const res = await fetch(url, { signal: AbortSignal.timeout(this.timeoutMs) });
    const body = (await res.json()) as { access_token?: string; expires_in?: number; errcode?: number };
    if (!body.access_token) throw new Error(`access token refused: ${body.errcode}`);
    this.token = { value: body.access_token, until: Date.now() + ((body.expires_in ?? 7200) - 300) * 1000 };
    return body.access_token;
  }

  /** Forgets the token after WeChat called it invalid or expired (40001, 42001). */
  invalidate(): void {
    this.token = null;
  }
}
