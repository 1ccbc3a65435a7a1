/**
 * The local H5 server (infra/local/static-server.ts, what `npm start` and the browser tests use) serves
 * the build as the CDN does: brotli or gzip as Accept-Encoding allows (the decoded body is the file),
 * a year of caching for hashed assets, index.html revalidated, client-side routes answered with it.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { precompress, startStaticServer, type StaticServer } from '../../infra/local/static-server';

interface Got {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A raw GET (fetch would decode the body and hide Content-Encoding). */
function get(url: string, headers: Record<string, string> = {}): Promise<Got> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

const ROOT = path.resolve(__dirname, '../..');
const BUILD = process.env.LINLI_H5_DIR ? path.resolve(process.env.LINLI_H5_DIR) : path.join(ROOT, 'client/dist/h5');

const decode = (r: Got): Buffer =>
  r.headers['content-encoding'] === 'br' ? zlib.brotliDecompressSync(r.body) : r.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(r.body) : r.body;

/** Text that compresses like a bundle does (repetitive, but not trivially). */
const script = (n: number) => Array.from({ length: n }, (_, i) => `function f${i}(a,b){return a*${i}+b/${(i % 7) + 1}}`).join(';\n');

describe('local H5 server', () => {
  let root: string;
  let web: StaticServer;
  const files: Record<string, string> = {
    'index.html': `<!doctype html><html><head><title>邻里</title><script defer src="/js/app.0123abcd.js"></script></head><body><div id="app"></div>${'<!-- pad -->'.repeat(100)}</body></html>`,
    'js/app.0123abcd.js': script(2000),
    'css/app.a1b2c3d4.css': Array.from({ length: 200 }, (_, i) => `.c${i}{margin:${i}px}`).join(''),
    'chunk/42.deadbeef.js': 'var tiny=1;',
    'static/images/logo.5f5f5f5f.png': '\x89PNG not really',
  };
  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'linli-h5-static-'));
    for (const [f, body] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
      writeFileSync(path.join(root, f), body);
    }
    web = await startStaticServer({ root, apiUrl: 'http://127.0.0.1:9' });
  });
  afterAll(async () => {
    await web.close();
    rmSync(root, { recursive: true, force: true });
  });

  it.each([
    ['br', 'gzip, deflate, br, zstd'],
    ['gzip', 'gzip, deflate'],
    ['gzip', 'br;q=0, gzip;q=0.8'],
    ['the file as it is', ''],
    ['the file as it is', 'identity'],
  ])('sends %s for Accept-Encoding "%s", and the decoded body is the file', async (label, accept) => {
    const encoding = label === 'br' || label === 'gzip' ? label : undefined;
    for (const file of ['js/app.0123abcd.js', 'css/app.a1b2c3d4.css', 'index.html']) {
      const r = await get(`${web.url}/${file}`, accept ? { 'accept-encoding': accept } : {});
      expect(r.status).toBe(200);
      expect(r.headers['content-encoding']).toBe(encoding);
      expect(r.headers.vary).toBe('Accept-Encoding');
      expect(Number(r.headers['content-length'])).toBe(r.body.length);
      expect(decode(r).equals(readFileSync(path.join(root, file)))).toBe(true);
      if (encoding) expect(r.body.length).toBeLessThan(readFileSync(path.join(root, file)).length / 2);
    }
  });

  it('caches hashed assets for a year and makes index.html revalidate', async () => {
    const br = { 'accept-encoding': 'br' };
    for (const f of ['js/app.0123abcd.js', 'css/app.a1b2c3d4.css', 'chunk/42.deadbeef.js', 'static/images/logo.5f5f5f5f.png']) {
      expect((await get(`${web.url}/${f}`, br)).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
    const page = await get(`${web.url}/`, br);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    // Revalidation is cheap: the same ETag answers 304 without a body.
    const again = await get(`${web.url}/`, { ...br, 'if-none-match': String(page.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it('leaves small files and images as they are', async () => {
    const tiny = await get(`${web.url}/chunk/42.deadbeef.js`, { 'accept-encoding': 'br, gzip' });
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body.toString()).toBe(files['chunk/42.deadbeef.js']);
    const png = await get(`${web.url}/static/images/logo.5f5f5f5f.png`, { 'accept-encoding': 'br, gzip' });
    expect(png.headers['content-encoding']).toBeUndefined();
    expect(png.headers['content-type']).toBe('image/png');
  });

  it('answers client-side routes with index.html and a missing asset with 404', async () => {
    const route = await get(`${web.url}/pages/requests/index`);
    expect(route.status).toBe(200);
    expect(route.body.toString()).toContain('<div id="app">');
    expect(route.headers['cache-control']).toBe('no-cache');
    const missing = await get(`${web.url}/js/app.ffffffff.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers['cache-control']).toBe('no-cache');
  });

  it('compresses once per build: nothing the second time, a changed file again', () => {
    expect(precompress(root)).toBe(0);
    const file = path.join(root, 'js/app.0123abcd.js');
    writeFileSync(file, script(2100));
    const later = new Date(statSync(`${file}.br`).mtimeMs + 5000);
    utimesSync(file, later, later);
    expect(precompress(root)).toBe(2); // .br and .gz of the changed file
    expect(zlib.brotliDecompressSync(readFileSync(`${file}.br`)).equals(readFileSync(file))).toBe(true);
  });

  it('serves everything uncompressed when told to (the bench’s "before")', async () => {
    const plain = await startStaticServer({ root, apiUrl: 'http://127.0.0.1:9', compress: false });
    try {
      const r = await get(`${plain.url}/js/app.0123abcd.js`, { 'accept-encoding': 'br, gzip' });
      expect(r.headers['content-encoding']).toBeUndefined();
      expect(r.body.equals(readFileSync(path.join(root, 'js/app.0123abcd.js')))).toBe(true);
      expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    } finally {
      await plain.close();
    }
  });
});

/** The real build, as `npm test` (and `npm start`) leave it. */
(existsSync(path.join(BUILD, 'index.html')) ? describe : describe.skip)('local H5 server on the real build', () => {
  it('sends every file of the build brotli-compressed where it pays, hashed ones cached a year, and decoding gives the file', async () => {
    const web = await startStaticServer({ root: BUILD, apiUrl: 'http://127.0.0.1:9' });
    try {
      const page = await get(`${web.url}/`, { 'accept-encoding': 'gzip, deflate, br' });
      expect(page.headers['cache-control']).toBe('no-cache');
      const assets = [...page.body.length ? decode(page).toString().matchAll(/(?:src|href)="\/([^"]+)"/g) : []].map((m) => m[1]!);
      expect(assets.length).toBeGreaterThanOrEqual(2);
      let raw = 0;
      let sent = 0;
      for (const a of assets) {
        const r = await get(`${web.url}/${a}`, { 'accept-encoding': 'gzip, deflate, br' });
        expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
        expect(r.headers['content-encoding']).toBe('br');
        const file = readFileSync(path.join(BUILD, a));
        expect(decode(r).equals(file)).toBe(true);
        raw += file.length;
        sent += r.body.length;
      }
      expect(sent / raw).toBeLessThan(0.4);
    } finally {
      await web.close();
    }
  }, 60_000);
});
