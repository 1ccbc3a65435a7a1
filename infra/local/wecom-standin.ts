/**
 * A local stand-in for WeCom group robots (企业微信群机器人, qyapi.weixin.qq.com), for development and
 * tests only. `POST /cgi-bin/webhook/send?key=<key>` records the message and answers as WeCom does
 * (`{"errcode":0,"errmsg":"ok"}`); a key starting `busy-` answers 45009 (too many messages) to its
 * first message, so retries can be seen; a key starting `strict-` takes at most 20 messages a minute
 * (WeCom's documented limit) and answers 45009 beyond. `GET /received?key=` lists what a key received
 * (all without key).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RobotMessage {
  key: string;
  at: string;
  body: { msgtype?: string; markdown?: { content?: string }; text?: { content?: string } } | null;
}

export interface WeComStandIn {
  url: string;
  /** The webhook base robot URLs start with (`<url>/cgi-bin/webhook/send`). */
  webhookBase: string;
  /** Every message received, oldest first. */
  received: RobotMessage[];
  /** Messages refused for the rate (45009), oldest first. */
  refused: { key: string; at: string }[];
  close(): Promise<void>;
}

export function startWeComStandIn(port = 0): Promise<WeComStandIn> {
  const received: RobotMessage[] = [];
  const refused: { key: string; at: string }[] = [];
  const busyOnce = new Set<string>();
  /** A rate-limited key's accepted messages in the last minute (epoch ms). */
  const sentAt = new Map<string, number[]>();
  const overLimit = (key: string): boolean => {
    const now = Date.now();
    const recent = (sentAt.get(key) ?? []).filter((t) => t > now - 60_000);
    sentAt.set(key, recent);
    if (recent.length >= 20) return true;
    recent.push(now);
    return false;
  };
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const key = url.searchParams.get('key') ?? '';
    let text = '';
    for await (const chunk of req) text += String(chunk);
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && url.pathname === '/received') {
      return answer(200, { items: received.filter((m) => !key || m.key === key) });
    }
    if (req.method !== 'POST' || url.pathname !== '/cgi-bin/webhook/send') return answer(404, { errcode: 404, errmsg: 'not found' });
    if (!key) return answer(200, { errcode: 93000, errmsg: 'invalid webhook url' });
    if (key.startsWith('busy-') && !busyOnce.has(key)) {
      busyOnce.add(key);
      return answer(200, { errcode: 45009, errmsg: 'api freq out of limit' });
    }
    if (key.startsWith('strict-') && overLimit(key)) {
      refused.push({ key, at: new Date().toISOString() });
      return answer(200, { errcode: 45009, errmsg: 'api freq out of limit' });
    }
    let body: RobotMessage['body'] = null;
    try {
      body = text ? (JSON.parse(text) as RobotMessage['body']) : null;
    } catch {
      return answer(200, { errcode: 40035, errmsg: 'invalid json' });
    }
    received.push({ key, at: new Date().toISOString(), body });
    return answer(200, { errcode: 0, errmsg: 'ok' });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      resolve({ url, webhookBase: `${url}/cgi-bin/webhook/send`, received, refused, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}
