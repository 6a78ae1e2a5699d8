/** One jest run, one project per workspace. TypeScript is transpiled by ts-jest in isolated
 *  mode (fast); type checking is `npm run typecheck`. */
const tsJest = ['ts-jest', { tsconfig: { isolatedModules: true, module: 'commonjs', moduleResolution: 'node10', jsx: 'react-jsx', esModuleInterop: true } }];
const base = (name, extra = {}) => ({
  displayName: name,
  testEnvironment: 'node',
  transform: { '^.+\\.tsx?$': tsJest },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  ...extra,
});
module.exports = {
  // Tests talk to real PostgreSQL, Redis and Chromium; bcrypt alone costs ~70 ms per login.
  testTimeout: 30_000,
  projects: [
    base('core', { testMatch: ['<rootDir>/packages/core/test/**/*.test.ts'] }),
    base('db', { testMatch: ['<rootDir>/packages/db/test/**/*.test.ts'] }),
    base('services', { testMatch: ['<rootDir>/packages/services/test/**/*.test.ts'] }),
    base('api', { testMatch: ['<rootDir>/apps/api/test/**/*.test.ts'] }),
    base('worker', { testMatch: ['<rootDir>/apps/worker/test/**/*.test.ts'] }),
    base('cli', { testMatch: ['<rootDir>/apps/cli/test/**/*.test.ts'] }),
    base('web', {
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/apps/web/test/**/*.test.tsx'],
      setupFilesAfterEnv: ['<rootDir>/apps/web/test/setup.ts'],
    }),
    base('e2e', { testMatch: ['<rootDir>/e2e/**/*.test.ts'] }),
  ],
};
