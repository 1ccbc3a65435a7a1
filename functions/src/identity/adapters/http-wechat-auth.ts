import { UpstreamError } from '../../platform/domain/errors';
import type { WeChatAuth, WeChatSession } from '../ports';

interface Code2SessionReply {
  openid?: string;
  session_key?: string;
  unionid?: string;
  errcode?: number;
  errmsg?: string;
}

/** WeChat's code2Session over HTTPS (`GET {base}/sns/jscode2session`). */
export class HttpWeChatAuth implements WeChatAuth {
  constructor(
    private readonly baseUrl: string,
    private readonly appId: string,
    private readonly appSecret: string,
    private readonly timeoutMs = 5000,
  ) {}

  async code2Session(code: string): Promise<WeChatSession> {
    const url = new URL('/sns/jscode2session', this.baseUrl);
    url.search = new URLSearchParams({
      appid: this.appId,
      secret: this.appSecret,
      js_code: code,
      grant_type: 'authorization_code',
    }).toString();
    let reply: Code2SessionReply;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(this.timeoutMs) });
      reply = (await res.json()) as Code2SessionReply;
    } catch {
      throw new UpstreamError('wechat_unavailable', '微信登录服务暂时不可用，请稍后再试', 502);
    }
    if (reply.errcode) throw mapWeChatError(reply.errcode);
    if (!reply.openid || !reply.session_key) {
      throw new UpstreamError('wechat_unavailable', '微信登录服务返回异常，请稍后再试', 502);
    }
    return { openid: reply.openid, sessionKey: reply.session_key, ...(reply.unionid ? { unionid: reply.unionid } : {}) };
  }
}

/** WeChat error codes worth telling apart (see TOOLCHAIN.md). */
export function mapWeChatError(errcode: number): UpstreamError {
  switch (errcode) {
    case 40029:
    case 40163:
      return new UpstreamError('wechat_code_invalid', '登录凭证无效或已使用，请重新登录', 401);
    case 45011:
      return new UpstreamError('wechat_rate_limited', '登录太频繁，请稍后再试', 429);
    case 40226:
      return new UpstreamError('wechat_user_blocked', '该微信账号已被限制登录', 403);
    default:
      return new UpstreamError('wechat_unavailable', `微信登录失败（${errcode}），请稍后再试`, 502);
  }
}
