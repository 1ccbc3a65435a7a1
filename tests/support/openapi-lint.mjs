/**
 * Lints an OpenAPI document (JSON on stdin) with Redocly's `recommended` rules, offline, and prints
 * the problems as JSON. A separate process: @redocly/openapi-core is an ES module, which jest's
 * CommonJS module system cannot load. Rules switched off, each with its reason: redocly.yaml.
 */
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = readFileSync(0, 'utf8');
const config = await createConfig(readFileSync(fileURLToPath(new URL('../../redocly.yaml', import.meta.url)), 'utf8'));
const problems = await lintFromString({ source, absoluteRef: 'openapi.json', config });
process.stdout.write(
  JSON.stringify(problems.map((p) => ({ severity: p.severity, rule: p.ruleId, message: p.message, at: p.location[0]?.pointer }))),
);
