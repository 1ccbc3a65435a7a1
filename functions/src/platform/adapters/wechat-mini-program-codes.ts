import { UpstreamError } from '../domain/errors';
import type { MiniProgramCodes } from '../ports/mini-program-codes';
import type { WeChatAccessToken } from './wechat-access-token';

/**
 * WeChat's `getwxacodeunlimit` (`POST {base}/wxa/getwxacodeunlimit`): unlimited codes keyed by
 * `scene`. WeChat answers with the image itself, or with JSON carrying an errcode. `envVersion`
 * picks the release, trial or develop build (a page not yet released needs `check_path: false`).
 */
export class WeChatMiniProgramCodes implements MiniProgramCodes {
  constructor(
    private readonly baseUrl: string,
    private readonly accessToken: WeChatAccessToken,
    private readonly envVersion: 'release' | 'trial' | 'develop',
    private readonly timeoutMs = 5000,
  ) {}

  async unlimited(page: string, scene: string): Promise<string> {
    for (let attempt = 0; attempt < 2; attempt++) {
      let res: Response;
      try {
        const url = new URL('/wxa/getwxacodeunlimit', this.baseUrl);
        url.search = new URLSearchParams({ access_token: await this.accessToken.get() }).toString();
        res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ scene, page, check_path: this.envVersion === 'release', env_version: this.envVersion, width: 430 }),
          signal: AbortSignal.timeout(this.timeoutMs),
        });
      } catch {
        throw new UpstreamError('wechat_unavailable', '微信服务暂时不可用，请使用邀请码', 502);
      }
      const type = res.headers.get('content-type') ?? '';
      if (type.startsWith('image/')) return `data:${type.split(';')[0]};base64,${Buffer.from(await res.arrayBuffer()).toString('base64')}`;
      const reply = (await res.json().catch(() => ({}))) as { errcode?: number };
      // An expired or revoked access token: fetch a new one and try once more.
      if ((reply.errcode === 40001 || reply.errcode === 42001) && attempt === 0) {
        this.accessToken.invalidate();
        continue;
      }
      throw new UpstreamError('wechat_code_failed', `未能生成小程序码（${reply.errcode ?? res.status}），请使用邀请码`, 502);
    }
    throw new UpstreamError('wechat_code_failed', '未能生成小程序码，请使用邀请码', 502);
  }
}
