import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const WEAPP_DIST = path.resolve(__dirname, '../../client/dist/weapp');

function size(dir: string, skip: Set<string>): number {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (skip.has(p)) continue;
    total += e.isDirectory() ? size(p, skip) : e.name.endsWith('.LICENSE.txt') ? 0 : statSync(p).size;
  }
  return total;
}

/** Bytes of the weapp main package: everything in dist/weapp except subpackage roots and licence files. */
export function mainPackageBytes(): number {
  const app = JSON.parse(readFileSync(path.join(WEAPP_DIST, 'app.json'), 'utf8')) as {
    subPackages?: { root: string }[];
    subpackages?: { root: string }[];
  };
  const subs = [...(app.subPackages ?? []), ...(app.subpackages ?? [])].map((s) => path.join(WEAPP_DIST, s.root.replace(/\/$/, '')));
  return size(WEAPP_DIST, new Set(subs));
}

/** Bytes of each subpackage, by root. */
export function subPackageBytes(): Record<string, number> {
  const app = JSON.parse(readFileSync(path.join(WEAPP_DIST, 'app.json'), 'utf8')) as { subPackages?: { root: string }[] };
  return Object.fromEntries((app.subPackages ?? []).map((s) => [s.root, size(path.join(WEAPP_DIST, s.root.replace(/\/$/, '')), new Set())]));
}
