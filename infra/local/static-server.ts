/**
 * Serves the H5 build (dist/h5) and proxies `/api/*` to the local API, so the H5 client talks to the
 * API on its own origin. Unknown paths without a file extension fall back to index.html (client-side
 * routes); a missing asset is a 404, never the page under an asset's name and cache headers.
 *
 * As the CDN serves it (infra/h5-site.js): text files are sent brotli- or gzip-compressed as the
 * browser's Accept-Encoding allows, from `.br`/`.gz` files written beside them once per build (at
 * start-up, when missing or older than the file); assets with a content hash in their name are cached
 * for a year (`immutable`), everything else (index.html) is revalidated on every visit (`no-cache`).
 */
import { createReadStream, existsSync, readdirSync, renameSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import assets from '../h5-assets.json';

const TYPES: Record<string, string> = assets.types;

/** Text worth compressing (images and woff2 are compressed already); smaller files gain nothing. */
const COMPRESSIBLE = /\.(html|js|css|json|txt|svg|ttf)$/;
const MIN_COMPRESS_BYTES = 1024;
/** `app.3f9a2c1d.js`: the name changes whenever the content does (client/config `h5.output`). */
export const HASHED_ASSET = new RegExp(assets.hashedAsset, 'i');
export const CACHE_IMMUTABLE = assets.cacheImmutable;
export const CACHE_REVALIDATE = assets.cacheRevalidate;

/** The Cache-Control a file of the H5 build is served with, here and from S3/CloudFront (infra/deploy-h5.mjs). */
export const cacheControlFor = (file: string): string => (HASHED_ASSET.test(path.basename(file)) ? CACHE_IMMUTABLE : CACHE_REVALIDATE);

const ENCODINGS = [
  { name: 'br', ext: '.br', compress: (b: Buffer) => zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: b.length } }) },
  { name: 'gzip', ext: '.gz', compress: (b: Buffer) => zlib.gzipSync(b, { level: 9 }) },
] as const;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}

const fresh = (sibling: string, file: string): boolean => existsSync(sibling) && statSync(sibling).mtimeMs >= statSync(file).mtimeMs;

/**
 * Writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip -9) beside every compressible file of
 * the build that lacks a fresh one; returns how many it wrote. Written under a temporary name and
 * renamed, so a server reading them (or another one writing them) never sees half a file.
 */
export function precompress(root: string): number {
  let written = 0;
  for (const file of filesUnder(root)) {
    if (!COMPRESSIBLE.test(file) || statSync(file).size < MIN_COMPRESS_BYTES) continue;
    for (const enc of ENCODINGS) {
      const sibling = file + enc.ext;
      if (fresh(sibling, file)) continue;
      const tmp = `${sibling}.${process.pid}.tmp`;
      writeFileSync(tmp, enc.compress(readFileSync(file)));
      renameSync(tmp, sibling);
      written++;
    }
  }
  return written;
}

/** The encodings the request accepts (`Accept-Encoding: gzip, deflate, br;q=0` → gzip, deflate). */
function accepted(header: string | string[] | undefined): Set<string> {
  const out = new Set<string>();
  for (const part of [header ?? ''].flat().join(',').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)).find(Boolean);
    if (name && !(q && Number(q[1]) === 0)) out.add(name);
  }
  return out;
}

export interface StaticServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * `compress: false` serves every file as it is (the bench's "before" figure); by default the build is
 * precompressed first (a few seconds after each build, nothing after).
 */
export function startStaticServer(opts: { root: string; apiUrl: string; port?: number; host?: string; compress?: boolean }): Promise<StaticServer> {
  const api = new URL(opts.apiUrl);
  const root = path.resolve(opts.root);
  if (opts.compress !== false) {
    try {
      precompress(root);
    } catch (e) {
      // A read-only build directory: serve it uncompressed rather than not at all.
      process.stderr.write(`H5 files not precompressed (${e instanceof Error ? e.message : String(e)}); serving them uncompressed\n`);
    }
  }
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
      const upstream = http.request(
        {
          host: api.hostname,
          port: api.port,
          method: req.method,
          path: url.pathname.slice(4) + url.search || '/',
          headers: { ...req.headers, host: api.host },
        },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.on('error', () => {
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'api_unreachable', message: '本地接口未启动' } }));
      });
      req.pipe(upstream);
      return;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const rel = path.normalize(decoded).replace(/^(\.\.[/\\])+/, '');
    let file = path.join(root, rel);
    if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) {
      if (path.extname(rel) !== '') {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': CACHE_REVALIDATE }).end('not found');
        return;
      }
      file = path.join(root, 'index.html');
    }
    const headers: http.OutgoingHttpHeaders = {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': cacheControlFor(file),
    };
    let body = file;
    if (opts.compress !== false && COMPRESSIBLE.test(file)) {
      headers.vary = 'Accept-Encoding';
      const ok = accepted(req.headers['accept-encoding']);
      const enc = ENCODINGS.find((e) => ok.has(e.name) && fresh(file + e.ext, file));
      if (enc) {
        body = file + enc.ext;
        headers['content-encoding'] = enc.name;
      }
    }
    const stat = statSync(body);
    headers['content-length'] = stat.size;
    headers.etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}${headers['content-encoding'] ? `-${String(headers['content-encoding'])}` : ''}"`;
    if (req.headers['if-none-match'] === headers.etag) {
      res.writeHead(304, { etag: headers.etag, 'cache-control': headers['cache-control'], ...(headers.vary ? { vary: headers.vary } : {}) }).end();
      return;
    }
    res.writeHead(200, headers);
    if (req.method === 'HEAD') res.end();
    else createReadStream(body).pipe(res);
  });
  const host = opts.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://${host}:${port}`,
        port,
        close: () =>
          new Promise((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}
