import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Import patterns the pure domain may not use (every job's and the platform's). */
const PURE_DOMAIN = [
  { group: ['@aws-sdk/*', 'aws-lambda'], message: 'Domain code must not depend on AWS: use a port.' },
  { group: ['**/adapters/**', '**/http/**', '**/composition', '**/config', '**/routes', '**/handlers/**'], message: 'Domain code must not import adapters, HTTP, routes or config.' },
  { group: ['node:*', 'fs', 'http', 'https', 'child_process'], message: 'Domain code must not do I/O.' },
];
const NO_JOB = { group: ['**/stations/**', '**/requests/**', '**/booking/**', '**/identity/**', '**/composition', '**/api'], message: 'Platform code must not depend on a job.' };

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '.serverless/**',
      '.esbuild/**',
      '.data/**',
      'coverage/**',
      'client/.swc/**',
      'tests/e2e/artifacts/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', __dirname: 'readonly', process: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' } },
  },
  {
    // The domain is pure: no AWS SDK, no environment, no I/O adapters (every job's and the platform's).
    files: ['functions/src/**/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...PURE_DOMAIN,
            { group: ['**/stations/**', '**/requests/**', '**/booking/**'], message: 'A job imports no other job (identity and platform are shared); use the outbox for events between jobs.' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Domain code must not read process.env: take config as a parameter.' },
      ],
    },
  },

  {
    // Adapters implement ports; they never reach up into HTTP, routes, handlers or the composition root.
    files: ['functions/src/**/adapters/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/http/**', '**/routes', '**/handlers/**', '**/composition'], message: 'Adapters must not import the HTTP layer, routes or the composition root.' }] },
      ],
    },
  },
  {
    // The platform is used by every job and knows none of them (its routes file and HTTP format excepted).
    files: ['functions/src/platform/**/*.ts'],
    ignores: ['functions/src/platform/routes.ts', 'functions/src/platform/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [NO_JOB] },
      ],
    },
  },

  {
    // The weapp main package (the tab pages and all they import outside packages/) stays free of zod
    // (issue 13): values come from `@linli/shared/plain`; `@linli/shared` and `zod` give types only.
    // Forms in the subpackages validate with the schemas (and their Chinese messages) as before.
    files: ['client/src/**/*.ts', 'client/src/**/*.tsx'],
    ignores: ['client/src/packages/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@linli/shared', allowTypeImports: true, message: 'Outside packages/ import values from @linli/shared/plain (zod-free); @linli/shared for types only.' },
            { name: 'zod', allowTypeImports: true, message: 'zod stays out of the main package: validate in a subpackage, or with a check from @linli/shared/plain.' },
          ],
        },
      ],
    },
  },
  {
    // The platform's domain: pure, and knows no job.
    files: ['functions/src/platform/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...PURE_DOMAIN, NO_JOB] },
      ],
    },
  },
);
