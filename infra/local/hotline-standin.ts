/**
 * A local stand-in for the 12345 hotline platform, for development and tests only. It takes what
 * Linli sends back (`POST /tickets/{externalId}/messages`: 办结回复, 退单, 延期申请) with the bearer
 * token `LOCAL_HOTLINE_TOKEN`, records every call, and answers a message id it has seen before with
 * 200 `{ duplicate: true }`, as the platform drops repeats. It can be made to fail for retry tests.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HotlineOutboundMessage } from '@linli/shared';

export const LOCAL_HOTLINE_TOKEN = 'local-hotline-platform-token';

export interface HotlineStandIn {
  url: string;
  /** Every accepted message, in the order received (repeats included, marked). */
  received: (HotlineOutboundMessage & { duplicate: boolean })[];
  /** Makes every send answer 503 until switched off. */
  failSends(on: boolean): void;
  /** Messages for one ticket (repeats included). */
  forTicket(externalId: string): (HotlineOutboundMessage & { duplicate: boolean })[];
  close(): Promise<void>;
}

export function startHotlineStandIn(port = 0): Promise<HotlineStandIn> {
  const received: HotlineStandIn['received'] = [];
  const seen = new Set<string>();
  let failing = false;
  const server = http.createServer(async (req, res) => {
    let text = '';
    for await (const chunk of req) text += String(chunk);
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const match = /^\/tickets\/([^/]+)\/messages$/.exec(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (req.method !== 'POST' || !match) return answer(404, { error: 'not found' });
    if (req.headers.authorization !== `Bearer ${LOCAL_HOTLINE_TOKEN}`) return answer(401, { error: 'bad token' });
    if (failing) return answer(503, { error: 'platform busy' });
    let parsed: HotlineOutboundMessage;
    try {
      parsed = HotlineOutboundMessage.parse(JSON.parse(text));
    } catch (e) {
      return answer(400, { error: String(e) });
    }
    if (parsed.externalId !== decodeURIComponent(match[1]!)) return answer(400, { error: 'ticket mismatch' });
    const duplicate = seen.has(parsed.messageId);
    seen.add(parsed.messageId);
    received.push({ ...parsed, duplicate });
    answer(200, { ok: true, duplicate });
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const { port: p } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${p}`,
        received,
        failSends: (on) => void (failing = on),
        forTicket: (id) => received.filter((m) => m.externalId === id),
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
