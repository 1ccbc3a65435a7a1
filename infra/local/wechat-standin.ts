/**
 * A local stand-in for the WeChat server API (api.weixin.qq.com), for development and tests only.
 * `code2Session` accepts the login codes `demo-<role>` and answers with that demo user's openid,
 * and `newuser-<name>` as a brand-new WeChat user (openid `standin-<name>`); every other code gets
 * errcode 40029 (invalid code), as WeChat would answer a forged one.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ROLES } from '@linli/shared';

export const demoOpenid = (role: string): string => `demo-openid-${role.replace(/_/g, '-')}`;
const DEMO_CODES = new Map(ROLES.map((r) => [`demo-${r.replace(/_/g, '-')}`, demoOpenid(r)]));

export interface WeChatStandIn {
  url: string;
  calls: { path: string; query: Record<string, string> }[];
  close(): Promise<void>;
}

export function startWeChatStandIn(port = 0): Promise<WeChatStandIn> {
  const calls: WeChatStandIn['calls'] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const query = Object.fromEntries(url.searchParams);
    calls.push({ path: url.pathname, query });
    res.setHeader('content-type', 'application/json');
    if (url.pathname === '/sns/jscode2session') {
      const code = query.js_code ?? '';
      const openid = DEMO_CODES.get(code) ?? (/^newuser-[\w-]{1,40}$/.test(code) ? `standin-${code.slice(8)}` : undefined);
      if (!query.appid || !query.secret) {
        res.end(JSON.stringify({ errcode: 40013, errmsg: 'invalid appid' }));
      } else if (!openid) {
        res.end(JSON.stringify({ errcode: 40029, errmsg: 'invalid code' }));
      } else {
        res.end(JSON.stringify({ openid, session_key: `standin-session-key-${Date.now()}` }));
      }
      return;
    }
    res.statusCode = 404;
    res.end(JSON.stringify({ errcode: -1, errmsg: 'not served by the local stand-in' }));
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${actual}`,
        calls,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}
