import Taro from '@tarojs/taro';
import { LoginResponse, MeResponse, MyGridResponse } from '@linli/shared';
import { api } from './request';
import { saveSession, type Session } from './session';

/** Logs in with a WeChat login code (`Taro.login` in the mini-program, a demo code locally). */
export async function loginWithCode(code: string): Promise<Session> {
  return saveSession(await api('POST', '/auth/wechat', LoginResponse, { body: { code }, auth: false }));
}

/** The real WeChat flow: wx.login → our backend → code2Session. */
export async function loginWithWeChat(): Promise<Session> {
  const { code } = await Taro.login();
  return loginWithCode(code);
}

export const fetchMe = () => api('GET', '/me', MeResponse);
export const fetchMyGrid = () => api('GET', '/me/grid', MyGridResponse);

export const DEMO_LOGIN_ENABLED = LINLI_DEMO_LOGIN === 'true';
