import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// End-to-end tests drive Debian's Chromium with the built extension; one browser at a time keeps
// them inside two cores and avoids port and profile clashes.
export default defineConfig({
  // The `@/` imports of the modules the harness shares with the extension (the unit tests get it from WxtVitest).
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    // Firefox's files have a config of their own (vitest.firefox.config.ts), run after these.
    exclude: ['tests/e2e/firefox-*.e2e.ts', 'tests/e2e/policy-firefox.e2e.ts', '**/node_modules/**'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});
