import type { Config } from 'jest';

// AXIOS_UNDER_TEST=lowest runs every suite against the lowest axios of the peer range, installed
// as the alias `axios-lowest` by scripts/test-axios-versions.sh (axios-mock-adapter sees it too).
const lowest = process.env.AXIOS_UNDER_TEST === 'lowest';

const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  // AXIOS_ADAPTER=http|fetch picks the adapter every axios.create() instance defaults to.
  setupFiles: ['<rootDir>/__tests__/helpers/adapter-env.ts'],
  moduleNameMapper: {
    // examples/ import the package by name, as users do.
    '^axios-status-policy$': '<rootDir>/src/index.ts',
    '^axios-status-policy/redis$': '<rootDir>/src/redis.ts',
    '^axios-status-policy/otel$': '<rootDir>/src/otel.ts',
    ...(lowest && {
      '^axios$': '<rootDir>/node_modules/axios-lowest/dist/node/axios.cjs',
      '^axios/(.*)$': '<rootDir>/node_modules/axios-lowest/$1',
    }),
  },
  // Every test must settle on its own; a hang is a failure, not a slow pass.
  testTimeout: 20_000,
};

export default config;
