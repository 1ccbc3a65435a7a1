import type { NoticeKind } from '@linli/shared';
import { LEVEL_LABELS } from '@linli/shared';
import type { ServiceRequest } from '../../requests/domain/request';
import { logger } from '../logger';
import type { Notifier } from '../../requests/ports';

export type Templates = Record<NoticeKind, string>;

/** WeChat errors worth retrying: system busy, access token invalid or expired, rate limits. */
const RETRYABLE = new Set([-1, 40001, 42001, 45009, 45011]);

/** `phrase` values are at most 5 characters. */
const PHRASES: Record<NoticeKind, string> = { accepted: '已受理', escalated: '已上报', resolved: '已办结' };
const HINTS: Record<NoticeKind, string> = { accepted: '正在办理', escalated: '转上级办理', resolved: '请评价办理结果' };
const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * WeChat subscribe messages (订阅消息) through the server API: an access token from
 * `/cgi-bin/token` (cached until shortly before it expires) and `/cgi-bin/message/subscribe/send`.
 */
export class WeChatSubscribeNotifier implements Notifier {
  private token: { value: string; until: number } | null = null;

  constructor(
    private readonly baseUrl: string,
    private readonly appId: string,
    private readonly appSecret: string,
    private readonly templates: Templates,
    private readonly openidOf: (userId: string) => Promise<string | null>,
    private readonly timeoutMs = 5000,
  ) {}

  private async accessToken(): Promise<string> {
    if (this.token && this.token.until > Date.now()) return this.token.value;
    const url = new URL('/cgi-bin/token', this.baseUrl);
    url.search = new URLSearchParams({ grant_type: 'client_credential', appid: this.appId, secret: this.appSecret }).toString();
    const res = await fetch(url, { signal: AbortSignal.timeout(this.timeoutMs) });
    const body = (await res.json()) as { access_token?: string; expires_in?: number; errcode?: number };
    if (!body.access_token) throw new Error(`access token refused: ${body.errcode}`);
    this.token = { value: body.access_token, until: Date.now() + ((body.expires_in ?? 7200) - 300) * 1000 };
    return body.access_token;
  }

  async notify(userId: string, kind: NoticeKind, r: ServiceRequest): Promise<'sent' | 'rejected' | 'failed'> {
    try {
      const openid = await this.openidOf(userId);
      if (!openid) return 'rejected';
      const url = new URL('/cgi-bin/message/subscribe/send', this.baseUrl);
      url.search = new URLSearchParams({ access_token: await this.accessToken() }).toString();
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        signal: AbortSignal.timeout(this.timeoutMs),
        body: JSON.stringify({
          touser: openid,
          template_id: this.templates[kind],
          page: `packages/request-detail/index?id=${r.id}`,
          data: {
            thing1: { value: clip(r.categoryName, 20) },
            phrase2: { value: PHRASES[kind] },
            thing3: { value: clip(`${LEVEL_LABELS[r.level]}${HINTS[kind]}：${r.description}`, 20) },
            time4: { value: new Date(Date.parse(r.updatedAt) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') },
          },
        }),
      });
      const body = (await res.json()) as { errcode?: number; errmsg?: string };
      if (!body.errcode) return 'sent';
      logger.info('subscribe message not sent', { requestId: r.id, kind, errcode: body.errcode, errmsg: body.errmsg });
      if (body.errcode === 40001 || body.errcode === 42001) this.token = null; // token expired: fetch anew next time
      return RETRYABLE.has(body.errcode) ? 'failed' : 'rejected';
    } catch (e) {
      logger.error('subscribe message failed', { requestId: r.id, kind, error: String(e) });
      return 'failed';
    }
  }
}

/** When no templates are configured: notices are dropped (logged once per call). */
export const disabledNotifier: Notifier = {
  async notify(_userId, kind, r) {
    logger.info('subscribe messages not configured; notice dropped', { requestId: r.id, kind });
    return 'rejected';
  },
};
