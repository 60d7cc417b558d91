import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The Firefox end-to-end files (firefox-esr over WebDriver BiDi, tests/e2e/harness/firefox.ts) and
// the Firefox policy test, run after the Chromium ones by `npm run test:e2e`; one browser at a time.
export default defineConfig({
  // The `@/` imports of the modules the harness shares with the extension (the unit tests get it from WxtVitest).
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    include: ['tests/e2e/firefox-*.e2e.ts', 'tests/e2e/policy-firefox.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});
