import Taro from '@tarojs/taro';
import type { LoginResponse, MeResponse, MyGridResponse } from '@linli/shared';
import { api, type Out } from './request';
import { saveSession, type Session } from './session';

/** Logs in with a WeChat login code (`Taro.login` in the mini-program, a demo code locally). */
export async function loginWithCode(code: string): Promise<Session> {
  return saveSession(await api<Out<typeof LoginResponse>>('POST', '/auth/wechat', { body: { code }, auth: false }));
}

/** The real WeChat flow: wx.login → our backend → code2Session. */
export async function loginWithWeChat(): Promise<Session> {
  const { code } = await Taro.login();
  return loginWithCode(code);
}

export const fetchMe = () => api<Out<typeof MeResponse>>('GET', '/me');
export const fetchMyGrid = () => api<Out<typeof MyGridResponse>>('GET', '/me/grid');

export const DEMO_LOGIN_ENABLED = LINLI_DEMO_LOGIN === 'true';

const RETURN_KEY = 'linli.returnTo';
const RETURN_TTL_MS = 30 * 60_000;

/**
 * A page to open again once the user has signed in on 我的 (tab pages take no query, so it is kept
 * in storage): e.g. the invitation he opened before signing in. Kept for half an hour.
 */
export function rememberReturnTo(url: string): void {
  Taro.setStorageSync(RETURN_KEY, { url, at: Date.now() });
}

/** The page to return to after signing in (a subpackage page of this app), once. */
export function takeReturnTo(): string | null {
  const r = Taro.getStorageSync<{ url: string; at: number } | ''>(RETURN_KEY);
  if (!r) return null;
  Taro.removeStorageSync(RETURN_KEY);
  return Date.now() - r.at < RETURN_TTL_MS && /^\/packages\//.test(r.url) ? r.url : null;
}

/** The page on top with its query (Taro's own parameters left out), e.g. /packages/request-detail/index?id=…. */
function currentUrl(): string | null {
  const router = Taro.getCurrentInstance().router;
  if (!router?.path) return null;
  const path = router.path.split('?')[0]!.replace(/^\/?/, '/');
  const query = Object.entries(router.params ?? {})
    .filter(([k, v]) => !k.startsWith('$') && k !== 'stamp' && v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  return query ? `${path}?${query}` : path;
}

/**
 * 去登录 from any page: 我的 signs in, then this very page (with its query) opens again — a shared
 * or deep link opened signed out ends where it pointed. A page may name the URL itself (e.g. the
 * invitation with its code written the canonical way).
 */
export function goLoginAndReturn(url?: string): Promise<unknown> {
  const here = url ?? currentUrl();
  if (here) rememberReturnTo(here);
  return Taro.switchTab({ url: '/pages/me/index' });
}
