/**
 * Starts the API (the real handlers) on the shared DynamoDB Local with a fresh table and the demo
 * data. One per test file: the handlers build their dependencies once per module registry, as a
 * Lambda container does.
 */
import { randomBytes } from 'node:crypto';
import type { Role } from '@linli/shared';
import { openApiDocument } from '../../functions/src/api';
import { startLocalStack, type LocalStack } from '../../infra/local/stack';
import { checkedAnswers, responseChecker, type ResponseChecker } from './openapi-check';

let checker: ResponseChecker | undefined;

export interface TestApi {
  url: string;
  stack: LocalStack;
  /** Signs in as the demo user of a role and returns the bearer token. */
  tokenFor(role: Role): Promise<string>;
  /** Forgets a role's token (after a change that makes it stale), so the next tokenFor signs in again. */
  forgetToken(role: Role): void;
  /** Signs in as a brand-new WeChat user (the stand-in's `newuser-<name>` code). */
  newUser(name?: string): Promise<{ token: string; userId: string }>;
  /**
   * Calls the API. Every answer of an API route is checked against the OpenAPI document (status
   * declared, body matching that status's schema): a mismatch throws, failing the test.
   */
  call(
    method: string,
    path: string,
    opts?: { token?: string | null; body?: unknown; rawBody?: string; headers?: Record<string, string> },
  ): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

export async function startTestApi(opts: { seed?: boolean } = {}): Promise<TestApi> {
  const endpoint = process.env.LINLI_TEST_DB;
  if (!endpoint) throw new Error('LINLI_TEST_DB is not set: run tests through jest (globalSetup)');
  const stack = await startLocalStack({
    dbEndpoint: endpoint,
    table: `t-${randomBytes(5).toString('hex')}`,
    seed: opts.seed ?? true,
  });
  const tokens = new Map<Role, string>();
  const call: TestApi['call'] = async (method, path, o = {}) => {
    const headers: Record<string, string> = {};
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    if (o.body !== undefined || o.rawBody !== undefined) headers['content-type'] = 'application/json';
    Object.assign(headers, o.headers);
    const res = await fetch(`${stack.api.url}${path}`, {
      method,
      headers,
      body: o.rawBody ?? (o.body === undefined ? undefined : JSON.stringify(o.body)),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* keep text */
    }
    checker ??= responseChecker(openApiDocument());
    const { operation, problems } = checker.check({ method, path, status: res.status, contentType: res.headers.get('content-type'), body });
    if (problems.length) {
      throw new Error(`the answer does not match /openapi.json:\n  ${problems.slice(0, 10).join('\n  ')}\nbody: ${text.slice(0, 1500)}`);
    }
    if (operation) {
      const seen = checkedAnswers.get(operation) ?? new Set<number>();
      checkedAnswers.set(operation, seen.add(res.status));
    }
    return { status: res.status, body };
  };
  return {
    url: stack.api.url,
    stack,
    call,
    async tokenFor(role) {
      const cached = tokens.get(role);
      if (cached) return cached;
      const res = await call('POST', '/auth/wechat', { body: { code: `demo-${role.replace(/_/g, '-')}` } });
      if (res.status !== 200) throw new Error(`login as ${role} failed: ${res.status} ${JSON.stringify(res.body)}`);
      tokens.set(role, res.body.token);
      return res.body.token;
    },
    forgetToken: (role) => void tokens.delete(role),
    async newUser(name = `u${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`) {
      const res = await call('POST', '/auth/wechat', { body: { code: `newuser-${name}` } });
      if (res.status !== 200) throw new Error(`new user login failed: ${res.status} ${JSON.stringify(res.body)}`);
      return { token: res.body.token, userId: res.body.user.id };
    },
    stop: () => stack.stop(),
  };
}
