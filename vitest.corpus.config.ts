import { defineConfig } from 'vitest/config';

// The corpus suite (`npm run test:corpus`): thousands of damaged real-world inputs per parser. Kept out of `npm test`.
export default defineConfig({
  test: {
    include: ['test/corpus/**/*.test.ts'],
    setupFiles: ['test/helpers/setup.ts'],
    testTimeout: 600_000,
    pool: 'forks',
  },
});
