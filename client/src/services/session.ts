import Taro from '@tarojs/taro';
import type { LoginResponse, User } from '@linli/shared';

const KEY = 'linli.session';
/** Set when the user signed out or deleted his account: no silent wx.login until he taps 登录. */
const SIGNED_OUT = 'linli.signedOut';

export interface Session {
  token: string;
  expiresAt: string;
  user: User;
}

/** The signed-in session, if any and not expired. */
export function getSession(): Session | null {
  const s = Taro.getStorageSync<Session | ''>(KEY);
  if (!s || !s.token || Date.parse(s.expiresAt) <= Date.now()) return null;
  return s;
}

export function saveSession(login: LoginResponse): Session {
  const s: Session = { token: login.token, expiresAt: login.expiresAt, user: login.user };
  Taro.setStorageSync(KEY, s);
  Taro.removeStorageSync(SIGNED_OUT);
  return s;
}

/** Forgets a session that stopped working (expired, stale): the mini-program may sign in again silently. */
export function clearSession(): void {
  Taro.removeStorageSync(KEY);
}

/** The user's own 退出登录 or 注销: forget the session and stay signed out until he signs in himself. */
export function signOut(): void {
  Taro.removeStorageSync(KEY);
  Taro.setStorageSync(SIGNED_OUT, true);
}

export const signedOut = (): boolean => Boolean(Taro.getStorageSync<boolean | ''>(SIGNED_OUT));

/** Keeps the stored session's token and replaces its user with a fresher copy (from GET /me). */
export function updateSessionUser(user: User): Session | null {
  const s = getSession();
  if (!s) return null;
  const next: Session = { ...s, user };
  Taro.setStorageSync(KEY, next);
  return next;
}
