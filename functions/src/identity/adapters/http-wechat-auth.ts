import { UpstreamError, ValidationError } from '../../platform/domain/errors';
import type { WeChatAccessToken } from '../../platform/adapters/wechat-access-token';
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
    private readonly accessToken: WeChatAccessToken,
    private readonly timeoutMs = 5000,
  ) {}

  /** `POST {base}/wxa/business/getuserphonenumber`: the number behind a getPhoneNumber button's one-time code. */
  async phoneNumber(code: string): Promise<string> {
    let reply: { errcode?: number; phone_info?: { purePhoneNumber?: string; countryCode?: string } };
    try {
      const url = new URL('/wxa/business/getuserphonenumber', this.baseUrl);
      url.search = new URLSearchParams({ access_token: await this.accessToken.get() }).toString();
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      reply = (await res.json()) as typeof reply;
    } catch {
      throw new UpstreamError('wechat_unavailable', '微信服务暂时不可用，请手动填写手机号', 502);
    }
    if (reply.errcode === 40001 || reply.errcode === 42001) this.accessToken.invalidate();
    const phone = reply.phone_info?.purePhoneNumber;
    if (reply.errcode === 40029) throw new ValidationError('手机号凭证无效', [{ field: 'phoneCode', message: '凭证已失效，请重新获取或手动填写手机号' }]);
    if (reply.errcode || !phone) throw new UpstreamError('wechat_phone_failed', '未能取得微信绑定的手机号，请手动填写', 502);
    return phone;
  }

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
