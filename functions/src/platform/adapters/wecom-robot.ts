/** WeCom group robots (企业微信群机器人): `POST <webhook>` with `{"msgtype":"markdown",…}`. */
import type { GroupRobot } from '../ports/group-robot';

/** WeCom answers these when it did not take the message: system busy, more than 20 a minute. */
const TRY_AGAIN = new Set([-1, 45009]);
/** Connection errors raised before anything was sent. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

export class WeComRobot implements GroupRobot {
  constructor(
    private readonly onError: (message: string, context: Record<string, unknown>) => void = () => {},
    private readonly timeoutMs = 3000,
  ) {}

  async post(webhook: string, markdown: string): Promise<'sent' | 'retry' | 'failed'> {
    let res: Response;
    try {
      res = await fetch(webhook, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ msgtype: 'markdown', markdown: { content: markdown } }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      const code = (e as { cause?: { code?: string } }).cause?.code ?? '';
      this.onError('wecom robot unreachable', { code, error: String(e) });
      // Refused or not found: nothing left; a timeout may have delivered it, so it is not sent again.
      return NOT_SENT.has(code) ? 'retry' : 'failed';
    }
    if (res.status === 429 || res.status === 503) return 'retry';
    const body = (await res.json().catch(() => null)) as { errcode?: number; errmsg?: string } | null;
    if (res.ok && body?.errcode === 0) return 'sent';
    if (body && TRY_AGAIN.has(body.errcode ?? 0)) return 'retry';
    this.onError('wecom robot refused the message', { status: res.status, errcode: body?.errcode, errmsg: body?.errmsg });
    return 'failed';
  }
}
