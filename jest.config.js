/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
  },
  moduleNameMapper: { '^@linli/shared$': '<rootDir>/shared/src/index.ts', '^@linli/shared/plain$': '<rootDir>/shared/src/plain/index.ts' },
  // Longest files first (see the file); npm test runs three workers, as browser files mostly wait.
  testSequencer: '<rootDir>/tests/support/sequencer.js',
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  // A minute per test unless a file says otherwise: three test files share CI's two cores.
  testTimeout: 60000,
};
