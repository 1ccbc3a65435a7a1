/**
 * The client's Babel plugin marks the shared schemas' construction pure (so webpack drops the
 * schemas a package does not use) — and never a call inside a function: `ctx.addIssue(...)` in a
 * refinement marked pure is dropped by the minifier and every custom check silently passes.
 */
import path from 'node:path';
import { transformSync, type PluginItem } from '@babel/core';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require('../../client/babel.config.js') as { plugins: PluginItem[] };
const plugin = config.plugins[0]!;

const SOURCE = `
import * as z from 'zod';
export const Block = z.object({ a: z.number() }).superRefine((b, ctx) => {
  if (b.a > 1) ctx.addIssue({ code: 'custom', path: ['a'], message: '太大' });
  helper(b);
});
`;

const transform = (filename: string) => transformSync(SOURCE, { filename, plugins: [plugin], babelrc: false, configFile: false })!.code!;

describe("the client's pure-schema Babel plugin", () => {
  it('marks the top-level schema construction pure and leaves the calls inside refinements alone', () => {
    const out = transform(path.resolve(__dirname, '../../shared/src/schemas/example.ts'));
    expect(out).toMatch(/\/\*#__PURE__\*\/z\.object/);
    expect(out).toMatch(/[^/]\s*ctx\.addIssue\(/);
    expect(out).not.toMatch(/__PURE__\*\/\s*ctx\.addIssue/);
    expect(out).not.toMatch(/__PURE__\*\/\s*helper\(/);
  });

  it('touches nothing outside the shared schemas', () => {
    expect(transform(path.resolve(__dirname, '../../client/src/pages/example.ts'))).not.toContain('__PURE__');
  });
});
