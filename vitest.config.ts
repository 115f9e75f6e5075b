import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'flows/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    // Test servers train the intent classifier per process: several seconds on a loaded 2-core machine.
    hookTimeout: 60_000,
  },
});
