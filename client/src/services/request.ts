/**
 * The one network wrapper: base URL, session token, typed errors. Responses are typed by the shared
 * schemas (`Out<typeof Schema>`) and not parsed again here: the API's presenters are typed by the same
 * schemas and the integration tests parse what it answers, so the client validates only what people
 * type (forms, with the schemas' Chinese messages) and keeps zod out of the main package (issue 13).
 */
import Taro from '@tarojs/taro';
import type { z } from 'zod';
import type { ErrorBody } from '@linli/shared';
import { clearSession, getSession } from './session';

const API_BASE = LINLI_API_BASE || (process.env.TARO_ENV === 'h5' ? '/api' : 'http://127.0.0.1:3000');

/** An API failure with the server's code, Chinese message and per-field problems. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: { field: string; message: string }[] = [],
  ) {
    super(message);
  }
}

type Query = Record<string, string | number | boolean | undefined>;

/**
 * weapp: how to sign in silently (wx.login) when a call needs a session and there is none — a
 * page opened from a shared link before any other — set once at app start; one sign-in at a time.
 */
let renewSession: (() => Promise<unknown>) | null = null;
let renewing: Promise<unknown> | null = null;
export const setSessionRenewer = (renew: () => Promise<unknown>): void => {
  renewSession = renew;
};
async function sessionForCall(): Promise<ReturnType<typeof getSession>> {
  if (!getSession() && renewSession) {
    renewing ??= renewSession()
      .catch(() => undefined)
      .finally(() => (renewing = null));
    await renewing;
  }
  return getSession();
}

function toQueryString(query?: Query): string {
  if (!query) return '';
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** What a response schema describes: `api<Out<typeof MeResponse>>('GET', '/me')`. */
export type Out<S extends z.ZodType> = z.output<S>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
/** The API's error envelope (`ErrorBody`): the code and message are what the client shows. */
const isErrorBody = (v: unknown): v is ErrorBody =>
  isRecord(v) && isRecord(v.error) && typeof v.error.code === 'string' && typeof v.error.message === 'string';

export async function api<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  opts: { query?: Query; body?: unknown; auth?: boolean; headers?: Record<string, string> } = {},
): Promise<T> {
  const header: Record<string, string> = { 'content-type': 'application/json', ...opts.headers };
  const session = opts.auth === false ? null : await sessionForCall();
  if (session) header.authorization = `Bearer ${session.token}`;
  let res: Taro.request.SuccessCallbackResult<string | Record<string, unknown>>;
  try {
    res = await Taro.request({
      url: `${API_BASE}${path}${toQueryString(opts.query)}`,
      method,
      header,
      data: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      dataType: 'json',
      timeout: 15000,
    });
  } catch {
    throw new ApiError(0, 'network', '网络连接失败，请检查网络后重试');
  }
  let data: unknown = res.data;
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data);
    } catch {
      /* leave as text */
    }
  }
  if (res.statusCode >= 400) {
    if (res.statusCode === 401) clearSession();
    if (isErrorBody(data)) {
      const e = data.error;
      throw new ApiError(res.statusCode, e.code, e.message, Array.isArray(e.fields) ? e.fields : []);
    }
    throw new ApiError(res.statusCode, 'http', `服务出错（${res.statusCode}），请稍后再试`);
  }
  // Every answer of the API is a JSON object; anything else (a proxy's HTML page) is not ours.
  if (!isRecord(data)) throw new ApiError(res.statusCode, 'bad_response', '服务返回的数据格式不正确');
  return data as T;
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;
/** An API error's field-level problems as field → message (null when it names no field). */
export const fieldErrorsOf = (e: unknown): Record<string, string> | null =>
  e instanceof ApiError && e.fields.length ? Object.fromEntries(e.fields.map((f) => [f.field, f.message])) : null;
export const errorMessage = (e: unknown): string => (e instanceof ApiError ? e.message : '出错了，请稍后再试');
