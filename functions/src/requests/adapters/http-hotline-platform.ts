/** The 12345 hotline platform over HTTP: one POST per outbound message, with the platform's token. */
import type { HotlineOutboundMessage } from '@linli/shared';
import type { HotlinePlatform, HotlineSendResult } from '../ports';

/** Longer than this and the send counts as a passing failure (the outbox lease is far longer). */
const TIMEOUT_MS = 10_000;

/**
 * `POST {base}/tickets/{externalId}/messages` with the message as JSON, `Authorization: Bearer
 * <token>` and `X-Message-Id` (the platform drops a repeat). 2xx and 409 (already received) are
 * delivered; 408, 429, 5xx and network errors are passing; other 4xx are lasting.
 */
export class HttpHotlinePlatform implements HotlinePlatform {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async send(message: HotlineOutboundMessage): Promise<HotlineSendResult> {
    const url = `${this.baseUrl.replace(/\/$/, '')}/tickets/${encodeURIComponent(message.externalId)}/messages`;
    try {
      const res = await this.fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}`, 'x-message-id': message.messageId },
        body: JSON.stringify(message),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      const text = await res.text().catch(() => '');
      if (res.ok || res.status === 409) return { ok: true };
      const passing = res.status === 408 || res.status === 429 || res.status >= 500;
      return { ok: false, retry: passing, reason: `HTTP ${res.status}${text ? ` ${text.slice(0, 200)}` : ''}` };
    } catch (e) {
      return { ok: false, retry: true, reason: e instanceof Error ? e.message : String(e) };
    }
  }
}

/** Where no platform is configured: nothing can be sent, and the timeline says so. */
export const unconfiguredHotlinePlatform: HotlinePlatform = {
  send: async () => ({ ok: false, retry: false, reason: '未配置12345热线平台地址' }),
};
