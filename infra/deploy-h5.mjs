// Uploads the H5 build (client/dist/h5) to the site's bucket (infra/h5-site.js):
//
//   node infra/deploy-h5.mjs --bucket <H5BucketName output> [--region cn-northwest-1] [--dir client/dist/h5]
//   node infra/deploy-h5.mjs --dry-run [--dir …]     # prints what it would upload, one JSON line a file
//
// Each object gets its Content-Type and Cache-Control: hashed assets (a content hash in the name)
// `public, max-age=31536000, immutable`, the rest (index.html) `no-cache`, as the local server sends
// them (infra/local/static-server.ts). Objects are stored uncompressed, without Content-Encoding:
// CloudFront compresses them, brotli or gzip, as each browser's Accept-Encoding allows. The local
// server's precompressed `.br`/`.gz` files are not uploaded. Hashed assets go up first and index.html
// last, so no visitor gets a page naming scripts not there yet; old assets stay (pages opened before
// the deploy still load their chunks).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const assets = createRequire(import.meta.url)('./h5-assets.json');
const HASHED_ASSET = new RegExp(assets.hashedAsset, 'i');
const TYPES = assets.types;

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}

/** What to upload, in upload order: hashed assets, then the rest, index.html last. */
export function plan(dir) {
  const items = filesUnder(dir)
    .filter((f) => !/\.(br|gz|tmp)$/.test(f))
    .map((f) => {
      const key = path.relative(dir, f).split(path.sep).join('/');
      const hashed = HASHED_ASSET.test(path.basename(f));
      return {
        file: f,
        key,
        contentType: TYPES[path.extname(f)] ?? 'application/octet-stream',
        cacheControl: hashed ? assets.cacheImmutable : assets.cacheRevalidate,
        bytes: statSync(f).size,
      };
    });
  const rank = (i) => (i.key === 'index.html' ? 2 : i.cacheControl === assets.cacheRevalidate ? 1 : 0);
  return items.sort((a, b) => rank(a) - rank(b) || a.key.localeCompare(b.key));
}

async function main() {
  const dir = path.resolve(ROOT, arg('dir', 'client/dist/h5'));
  const items = plan(dir);
  if (!items.some((i) => i.key === 'index.html')) throw new Error(`no index.html in ${dir}: build it first (npm run build:h5 -w client)`);
  if (process.argv.includes('--dry-run')) {
    for (const { key, contentType, cacheControl, bytes } of items) process.stdout.write(`${JSON.stringify({ key, contentType, cacheControl, bytes })}\n`);
    return;
  }
  const bucket = arg('bucket', process.env.LINLI_H5_BUCKET);
  if (!bucket) throw new Error('--bucket <name> (the stack output H5BucketName; `npx osls info --verbose --stage <stage>`)');
  const { S3Client, PutObjectCommand } = await import('@aws-sdk/client-s3');
  const s3 = new S3Client({ region: arg('region', process.env.AWS_REGION ?? 'cn-northwest-1') });
  for (const i of items) {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: i.key, Body: readFileSync(i.file), ContentType: i.contentType, CacheControl: i.cacheControl }));
    process.stdout.write(`uploaded ${i.key} (${i.bytes} bytes, ${i.cacheControl})\n`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
