/**
 * The deploy package as Lambda sees it: each function's zip size and the time to load its bundle
 * in a fresh Node process (the cold start's module-load share). Reads what `npm run package` left
 * (.serverless/*.zip, .esbuild/.build/functions/src/handlers/*.js); runs it first if missing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const BUILT = path.join(ROOT, '.esbuild/.build/functions/src/handlers');

/** Milliseconds to require a bundle in a new process (median of `runs`), with the env its config needs. */
function loadMs(bundle: string, runs = 5): number {
  const env = { ...process.env, TABLE_NAME: 't', SESSION_SECRET: 'x'.repeat(32), WECHAT_APP_ID: 'a', WECHAT_APP_SECRET: 'b', UPLOAD_BUCKET: 'b', AWS_REGION: 'cn-northwest-1' };
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(bundle)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  const times = Array.from({ length: runs }, () => Number(execFileSync(process.execPath, ['-e', script], { env }).toString()));
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

export function packageFigures(): { name: string; zipBytes: number; bundleBytes: number; initMs: number }[] {
  if (!existsSync(path.join(ROOT, '.serverless')) || !existsSync(BUILT)) {
    const r = spawnSync('npm', ['run', 'package'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('npm run package failed');
  }
  return readdirSync(path.join(ROOT, '.serverless'))
    .filter((f) => f.endsWith('.zip'))
    .map((f) => {
      const name = f.replace(/\.zip$/, '');
      const bundle = path.join(BUILT, `${name}.js`);
      return { name, zipBytes: statSync(path.join(ROOT, '.serverless', f)).size, bundleBytes: statSync(bundle).size, initMs: loadMs(bundle) };
    });
}
