/**
 * A local stand-in for the WeChat server API (api.weixin.qq.com), for development and tests only.
 * `code2Session` accepts the login codes `demo-<role>` and answers with that demo user's openid,
 * and `newuser-<name>` as a brand-new WeChat user (openid `standin-<name>`); every other code gets
 * errcode 40029 (invalid code), as WeChat would answer a forged one. It also hands out access
 * tokens, accepts subscribe messages (订阅消息), recording each one sent, and answers
 * getPhoneNumber codes `phone-<11 digits>` with that number. Mini-program codes (getwxacodeunlimit)
 * come back as a real QR image (GIF) of `<page>?scene=<scene>`, checked as WeChat checks them.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import qrcode from 'qrcode-generator';
import { ROLES } from '@linli/shared';

export const demoOpenid = (role: string): string => `demo-openid-${role.replace(/_/g, '-')}`;
const DEMO_CODES = new Map(ROLES.map((r) => [`demo-${r.replace(/_/g, '-')}`, demoOpenid(r)]));

export interface WeChatStandIn {
  url: string;
  /** Every call received, with its JSON body (subscribe messages sent, for the tests to check). */
  calls: { path: string; query: Record<string, string>; body: unknown }[];
  /** Makes subscribe sends answer "system busy" (-1) until switched off (for retry tests). */
  failSends(on: boolean): void;
  /** Makes subscribe sends to this openid answer 43101 (the user refused the template). */
  refuse(openid: string): void;
  close(): Promise<void>;
}

export function startWeChatStandIn(port = 0): Promise<WeChatStandIn> {
  const calls: WeChatStandIn['calls'] = [];
  let busy = false;
  const refusing = new Set<string>();
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const query = Object.fromEntries(url.searchParams);
    let text = '';
    for await (const chunk of req) text += String(chunk);
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = text;
    }
    calls.push({ path: url.pathname, query, body });
    res.setHeader('content-type', 'application/json');
    if (url.pathname === '/cgi-bin/stable_token') {
      // Normal mode (force_refresh false) hands back the token still valid, as WeChat does.
      const b = (body ?? {}) as { grant_type?: string; appid?: string; secret?: string };
      const ok = req.method === 'POST' && b.grant_type === 'client_credential' && b.appid && b.secret;
      res.end(JSON.stringify(ok ? { access_token: 'standin-access-token', expires_in: 7200 } : { errcode: 40013, errmsg: 'invalid appid' }));
      return;
    }
    if (url.pathname === '/cgi-bin/token') {
      res.end(JSON.stringify(query.appid && query.secret ? { access_token: 'standin-access-token', expires_in: 7200 } : { errcode: 40013, errmsg: 'invalid appid' }));
      return;
    }
    if (url.pathname === '/cgi-bin/message/subscribe/send') {
      const b = body as { touser?: string; template_id?: string } | null;
      const ok = query.access_token === 'standin-access-token' && b?.touser && b.template_id;
      if (busy) res.end(JSON.stringify({ errcode: -1, errmsg: 'system error' }));
      else if (b?.touser && refusing.has(b.touser)) res.end(JSON.stringify({ errcode: 43101, errmsg: 'user refuse to accept the msg' }));
      else res.end(JSON.stringify(ok ? { errcode: 0, errmsg: 'ok' } : { errcode: 40003, errmsg: 'invalid openid or token' }));
      return;
    }
    if (url.pathname === '/wxa/business/getuserphonenumber') {
      // The getPhoneNumber button's code: `phone-<11 digits>` stands for a WeChat account bound to that number.
      const code = (body as { code?: string } | null)?.code ?? '';
      const phone = /^phone-(1\d{10})$/.exec(code)?.[1];
      if (query.access_token !== 'standin-access-token') res.end(JSON.stringify({ errcode: 40001, errmsg: 'invalid credential' }));
      else if (!phone) res.end(JSON.stringify({ errcode: 40029, errmsg: 'invalid code' }));
      else res.end(JSON.stringify({ errcode: 0, errmsg: 'ok', phone_info: { phoneNumber: phone, purePhoneNumber: phone, countryCode: '86' } }));
      return;
    }
    if (url.pathname === '/wxa/getwxacodeunlimit') {
      const b = (body ?? {}) as { scene?: string; page?: string };
      if (query.access_token !== 'standin-access-token') res.end(JSON.stringify({ errcode: 40001, errmsg: 'invalid credential' }));
      else if (!b.scene || b.scene.length > 32 || !/^[\w!#$&'()*+,/:;=?@.~-]+$/.test(b.scene)) res.end(JSON.stringify({ errcode: 40169, errmsg: 'invalid length for scene' }));
      else if (!b.page || b.page.startsWith('/') || b.page.includes('?')) res.end(JSON.stringify({ errcode: 41030, errmsg: 'invalid page' }));
      else {
        const qr = qrcode(0, 'M');
        qr.addData(`${b.page}?scene=${encodeURIComponent(b.scene)}`);
        qr.make();
        res.setHeader('content-type', 'image/gif');
        res.end(Buffer.from(qr.createDataURL(4, 8).split(',')[1]!, 'base64'));
      }
      return;
    }
    if (url.pathname === '/sns/jscode2session') {
      const code = query.js_code ?? '';
      const openid = DEMO_CODES.get(code) ?? (/^demo-u-[a-z-]{1,30}$/.test(code) ? demoOpenid(code.slice(5)) : undefined) ?? (/^newuser-[\w-]{1,40}$/.test(code) ? `standin-${code.slice(8)}` : undefined);
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
        failSends: (on) => {
          busy = on;
        },
        refuse: (openid) => {
          refusing.add(openid);
        },
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}
