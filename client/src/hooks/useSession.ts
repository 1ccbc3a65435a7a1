import { useDidShow } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { goLoginAndReturn, loginWithWeChat } from '../services/auth';
import { getSession, type Session, signedOut } from '../services/session';

/**
 * The current session. In the mini-program a missing session is renewed silently with wx.login;
 * in H5 the user picks a login on the 我的 page. Someone who signed out or deleted his account is
 * not signed in again behind his back (that would make a new account at once): he taps 登录.
 */
export function useSession() {
  const [session, setSession] = useState<Session | null>(() => getSession());
  const [loginError, setLoginError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    const s = getSession();
    if (s || process.env.TARO_ENV !== 'weapp' || signedOut()) {
      setSession(s);
      return;
    }
    try {
      setSession(await loginWithWeChat());
      setLoginError(null);
    } catch (e) {
      setLoginError((e as Error).message || '登录失败');
    }
  }, []);

  useDidShow(() => {
    void refresh();
  });

  const goLogin = (): Promise<unknown> => goLoginAndReturn();
  return { session, loginError, refresh, goLogin };
}
