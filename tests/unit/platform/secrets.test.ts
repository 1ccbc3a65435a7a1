/**
 * Secrets come from SSM Parameter Store (SecureString) once per container, cached: a fake SSM
 * endpoint speaking the real wire protocol counts the calls the AWS SDK makes.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SSMClient } from '@aws-sdk/client-ssm';
import { loadConfig } from '../../../functions/src/platform/config';
import { SecretSource } from '../../../functions/src/platform/secrets';

const STORE: Record<string, string> = {
  '/linli/prod/session-secret': 's'.repeat(40),
  '/linli/prod/wechat-app-secret': 'wx-app-secret',
  '/linli/prod/hotline-platform-token': 'hotline-token',
};

let server: http.Server;
let endpoint: string;
const calls: { target: string; body: { Names: string[]; WithDecryption?: boolean } }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = JSON.parse(raw) as { Names: string[]; WithDecryption?: boolean };
      calls.push({ target: String(req.headers['x-amz-target']), body });
      const found = body.Names.filter((n) => n in STORE);
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      res.end(JSON.stringify({ Parameters: found.map((Name) => ({ Name, Value: STORE[Name], Type: 'SecureString', Version: 1 })), InvalidParameters: body.Names.filter((n) => !(n in STORE)) }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => (calls.length = 0));

const env = { TABLE_NAME: 't', WECHAT_APP_ID: 'wx1', UPLOAD_BUCKET: 'photos', SECRETS_PATH: '/linli/prod/', AWS_REGION: 'cn-northwest-1' };
const client = () => new SSMClient({ region: 'cn-northwest-1', endpoint, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });

describe('secrets from Parameter Store', () => {
  it('are read with one decrypting GetParameters call per container, whatever the number of invocations', async () => {
    const source = new SecretSource(loadConfig({ ...env, HOTLINE_PLATFORM_URL: 'https://hotline.example.cn/api' }), client());
    expect(() => source.get()).toThrow(/not loaded/);
    const first = await Promise.all(Array.from({ length: 20 }, () => source.load()));
    for (let i = 0; i < 20; i++) await source.load();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.target).toBe('AmazonSSM.GetParameters');
    expect(calls[0]!.body.WithDecryption).toBe(true);
    expect(calls[0]!.body.Names.sort()).toEqual(Object.keys(STORE).sort());
    expect(first[0]).toEqual({ sessionSecret: 's'.repeat(40), wechatAppSecret: 'wx-app-secret', hotlineToken: 'hotline-token' });
    expect(source.get().wechatAppSecret).toBe('wx-app-secret');
  });

  it('asks only for the hotline token when the platform is configured, and names a missing secret', async () => {
    const source = new SecretSource(loadConfig(env), client());
    await source.load();
    expect(calls[0]!.body.Names.sort()).toEqual(['/linli/prod/session-secret', '/linli/prod/wechat-app-secret']);
    const missing = new SecretSource(loadConfig({ ...env, SECRETS_PATH: '/linli/staging/' }), client());
    await expect(missing.load()).rejects.toThrow(/linli\/staging\/(session-secret|wechat-app-secret)/);
  });

  it('are read only as far as the function is granted: another secret is a refusal where used, never a value', async () => {
    const stations = new SecretSource(loadConfig(env), client(), ['session-secret']);
    await stations.load();
    expect(calls[0]!.body.Names).toEqual(['/linli/prod/session-secret']);
    expect(stations.get().sessionSecret).toBe('s'.repeat(40));
    expect(() => stations.get().wechatAppSecret).toThrow(/may not read the secret wechat-app-secret/);
  });

  it('are refused in the environment when Parameter Store is configured, and required there when it is not', () => {
    expect(() => loadConfig({ ...env, SESSION_SECRET: 'x'.repeat(32) })).toThrow(/SECRETS_PATH/);
    const { SECRETS_PATH: _path, ...local } = env;
    expect(() => loadConfig(local)).toThrow(/SESSION_SECRET environment variable is invalid: must be set when SECRETS_PATH is not/);
    const fromEnv = new SecretSource(loadConfig({ ...local, SESSION_SECRET: 'x'.repeat(32), WECHAT_APP_SECRET: 'local' }));
    expect(fromEnv.get()).toEqual({ sessionSecret: 'x'.repeat(32), wechatAppSecret: 'local' });
  });
});
