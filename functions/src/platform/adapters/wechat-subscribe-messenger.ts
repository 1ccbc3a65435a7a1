/**
 * WeChat subscribe messages (订阅消息) through the server API (`/cgi-bin/message/subscribe/send`).
 * Knows nothing of any job: the job renders the message.
 */
import { logger } from '../logger';
import type { WeChatAccessToken } from './wechat-access-token';
import type { Messenger, SendOutcome, SubscribeMessage } from '../ports/messenger';

/** WeChat errors worth retrying: system busy, access token invalid or expired, rate limits. */
const RETRYABLE = new Set([-1, 40001, 42001, 45009, 45011]);

export class WeChatSubscribeMessenger implements Messenger {
  constructor(
    private readonly baseUrl: string,
    private readonly accessToken: WeChatAccessToken,
    private readonly openidOf: (userId: string) => Promise<string | null>,
    private readonly timeoutMs = 5000,
  ) {}

  async send(m: SubscribeMessage): Promise<SendOutcome> {
    try {
      const openid = await this.openidOf(m.userId);
      if (!openid) return 'rejected';
      const url = new URL('/cgi-bin/message/subscribe/send', this.baseUrl);
      url.search = new URLSearchParams({ access_token: await this.accessToken.get() }).toString();
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        signal: AbortSignal.timeout(this.timeoutMs),
        body: JSON.stringify({
          touser: openid,
          template_id: m.templateId,
          page: m.page,
          data: Object.fromEntries(Object.entries(m.data).map(([k, value]) => [k, { value }])),
        }),
      });
      const body = (await res.json()) as { errcode?: number; errmsg?: string };
      if (!body.errcode) return 'sent';
      logger.info('subscribe message not sent', { page: m.page, templateId: m.templateId, errcode: body.errcode, errmsg: body.errmsg });
      if (body.errcode === 40001 || body.errcode === 42001) this.accessToken.invalidate(); // expired: fetch anew next time
      return RETRYABLE.has(body.errcode) ? 'failed' : 'rejected';
    } catch (e) {
      logger.error('subscribe message failed', { page: m.page, templateId: m.templateId, error: String(e) });
      return 'failed';
    }
  }
}

/** When no templates are configured: messages are dropped (logged). */
export const disabledMessenger: Messenger = {
  async send(m) {
    logger.info('subscribe messages not configured; message dropped', { page: m.page });
    return 'rejected';
  },
};
