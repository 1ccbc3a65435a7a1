import Taro from '@tarojs/taro';
import type { LoginResponse, User } from '@linli/shared';

const KEY = 'linli.session';

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
  return s;
}

export function clearSession(): void {
  Taro.removeStorageSync(KEY);
}

/** Keeps the stored session's token and replaces its user with a fresher copy (from GET /me). */
export function updateSessionUser(user: User): Session | null {
  const s = getSession();
  if (!s) return null;
  const next: Session = { ...s, user };
  Taro.setStorageSync(KEY, next);
  return next;
}
