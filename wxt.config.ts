import { defineConfig } from 'wxt';
import { buildManifest, testJiraDcOrigins } from './utils/manifest';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // The end-to-end build (scripts/build-for-tests.mjs) goes to its own folder.
  outDir: process.env.TANDEM_OUT_DIR ?? '.output',
  manifest: ({ browser }) => buildManifest(browser, process.env),
  vite: () => ({
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    define: {
      // A build without the variable contains no test origin at all.
      'import.meta.env.TANDEM_TEST_JIRA_DC_ORIGINS': JSON.stringify(testJiraDcOrigins(process.env).join(',')),
    },
  }),
});
