/**
 * One WeChat access token per app, shared by every Lambda container through the store: 20 cold
 * containers asking at once make one `stable_token` call; a rejected token is fetched anew once;
 * a token near its expiry is refreshed before it lapses; a failed refresh frees the lease.
 */
import { makeDocumentClient } from '../../functions/src/platform/adapters/dynamodb/client';
import { DynamoAccessTokenStore } from '../../functions/src/platform/adapters/dynamodb/access-tokens';
import { WeChatAccessToken } from '../../functions/src/platform/adapters/wechat-access-token';
import { startTestApi, type TestApi } from '../support/harness';

describe('the shared WeChat access token', () => {
  let api: TestApi;
  let store: DynamoAccessTokenStore;
  const stableCalls = () => api.stack.wechat.calls.filter((c) => c.path === '/cgi-bin/stable_token').length;
  /** A cold container: nothing in memory. */
  const container = (appId: string, opts: ConstructorParameters<typeof WeChatAccessToken>[4] = {}) =>
    new WeChatAccessToken(api.stack.wechat.url, appId, 'secret', store, opts);

  beforeAll(async () => {
    api = await startTestApi({ seed: false });
    store = new DynamoAccessTokenStore(makeDocumentClient({ region: 'local', endpoint: process.env.LINLI_TEST_DB! }), api.stack.table);
  });
  afterAll(() => api.stop());

  it('20 cold containers at once make one token call and all use that token', async () => {
    const before = stableCalls();
    const tokens = await Promise.all(Array.from({ length: 20 }, () => container('wx-race').get()));
    expect(stableCalls() - before).toBe(1);
    expect(new Set(tokens)).toEqual(new Set(['standin-access-token']));
    // Later containers read it from the store; a warm one from memory.
    const warm = container('wx-race');
    await warm.get();
    await warm.get();
    expect(stableCalls() - before).toBe(1);
    expect(await store.read('wx-race')).toMatchObject({ value: 'standin-access-token' });
  });

  it('a container that found no token while another was fetching it reads the new one instead of fetching again', async () => {
    const before = stableCalls();
    let release!: () => void;
    const othersDone = new Promise<void>((r) => (release = r));
    // A reads the store (nothing there), then stalls until B has fetched, saved and freed the lease.
    const slowRead: typeof store = Object.assign(Object.create(store), {
      read: async (id: string) => {
        const seen = await store.read(id);
        await othersDone;
        return seen;
      },
    });
    const a = new WeChatAccessToken(api.stack.wechat.url, 'wx-late', 'secret', slowRead).get();
    expect(await container('wx-late').get()).toBe('standin-access-token');
    release();
    expect(await a).toBe('standin-access-token');
    expect(stableCalls() - before).toBe(1);
  });

  it('a token WeChat rejected is fetched anew once, however many callers saw the rejection', async () => {
    const a = container('wx-rejected');
    await a.get();
    const before = stableCalls();
    a.invalidate();
    await Promise.all([a.get(), a.get(), a.get()]);
    expect(stableCalls() - before).toBe(1);
    await a.get();
    expect(stableCalls() - before).toBe(1);
  });

  it('refreshes five minutes before expiry, not after', async () => {
    let now = Date.now();
    const c = container('wx-expiry', { now: () => now });
    await c.get();
    const before = stableCalls();
    now += (7200 - 6 * 60) * 1000; // six minutes left: still good
    await c.get();
    expect(stableCalls() - before).toBe(0);
    now += 2 * 60 * 1000; // four minutes left: refreshed, and saved for the others
    await c.get();
    expect(stableCalls() - before).toBe(1);
    expect((await store.read('wx-expiry'))!.expiresAt).toBeGreaterThan(now + 7000 * 1000);
  });

  it('a refused refresh fails that call and frees the lease for the next one', async () => {
    const bad = new WeChatAccessToken(api.stack.wechat.url, 'wx-refused', '', store);
    await expect(bad.get()).rejects.toThrow(/access token refused/);
    const good = container('wx-refused', { sleep: async () => undefined });
    await expect(good.get()).resolves.toBe('standin-access-token');
  });
});
