import { defineConfig } from 'vitest/config';

/**
 * `npm run test:cluster`: the scaled-out topology (Redis, three built instances, HAProxy) started
 * once for the file; one worker, since the processes already share the two cores.
 */
export default defineConfig({
  test: {
    include: ['tests/cluster/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['tests/setup/zodCompile.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    maxWorkers: 1,
    fileParallelism: false,
  },
});
