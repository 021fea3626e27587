import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The cluster harness needs the built app, Redis and HAProxy: `npm run test:cluster`.
    exclude: [...configDefaults.exclude, 'tests/cluster/**'],
    environment: 'node',
    setupFiles: ['tests/setup/zodCompile.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Integration tests start real servers; two cores, so keep the pool small.
    maxWorkers: 2,
  },
});
