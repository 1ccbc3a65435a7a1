// `npm run package`: osls package, offline, with dummy credentials (the secrets are not part of the
// package: the functions read them from SSM Parameter Store at run time).
// Output: .serverless/ (CloudFormation template + one zip per function).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';

const env = {
  ...process.env,
  AWS_ACCESS_KEY_ID: 'AKIAPACKAGEONLY0000',
  AWS_SECRET_ACCESS_KEY: 'package-only-dummy-secret',
  AWS_REGION: process.env.AWS_REGION ?? 'cn-northwest-1',
  LINLI_WECHAT_APP_ID: process.env.LINLI_WECHAT_APP_ID ?? 'wx-package-only',
  SLS_TELEMETRY_DISABLED: '1',
  SLS_NOTIFICATIONS_MODE: 'off',
};
const stage = process.argv[2] ?? 'dev';
const r = spawnSync('npx', ['--no-install', 'osls', 'package', '--stage', stage], { stdio: 'inherit', env });
if (r.status === 0) {
  // The source maps stay out of the zips (serverless.yml); keep them beside the package to decode stack traces.
  const built = '.esbuild/.build/functions/src/handlers';
  mkdirSync('.serverless/sourcemaps', { recursive: true });
  for (const f of readdirSync(built).filter((n) => n.endsWith('.js.map'))) copyFileSync(`${built}/${f}`, `.serverless/sourcemaps/${f}`);
}
process.exit(r.status ?? 1);
