/**
 * `npm run simulate -- --size street|district|city [--seed N] [--days N] [--from YYYY-MM-DD] [--dir D] [--store D] [--resume] [--price false]`
 * (`npm run simulate --size street` works too: npm passes it as npm_config_size). Prints progress on
 * stderr and the result as one JSON line on stdout; exits 1 on a recount mismatch or a server error.
 */
import './env';
import path from 'node:path';
import type { SizeName } from './city/model';
import { simulate } from './simulate';
import { SIZES } from './sizes';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1] && !process.argv[i + 1]!.startsWith('--') ? process.argv[i + 1] : 'true';
  const fromNpm = process.env[`npm_config_${name}`];
  return fromNpm && fromNpm !== '' ? fromNpm : undefined;
}

async function main(): Promise<void> {
  const size = (arg('size') ?? 'street') as SizeName;
  if (!(size in SIZES)) throw new Error(`--size must be one of ${Object.keys(SIZES).join(', ')}`);
  const dir = path.resolve(arg('dir') ?? `.data/sim-${size}`);
  const result = await simulate({
    size,
    seed: arg('seed') ? Number(arg('seed')) : undefined,
    days: arg('days') ? Number(arg('days')) : undefined,
    from: arg('from'),
    dir,
    storeDir: arg('store') ? path.resolve(arg('store')!) : undefined,
    resume: arg('resume') === 'true',
    price: arg('price') !== 'false',
    log: (m) => process.stderr.write(`# ${m}\n`),
  });
  process.stdout.write(`${JSON.stringify(result)}\n`);
  if (result.mismatch || result.serverErrors.length) process.exitCode = 1;
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
