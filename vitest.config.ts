import { defineConfig } from 'vitest/config';

// The web app's vite.config.ts sets root to src/web; tests run from the repository root.
export default defineConfig({
  test: {
    root: '.',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['test/global-setup.ts'],
  },
});
