import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';
import { buildManifest, testJiraDcOrigins, withContentScriptHosts } from './utils/manifest';

/**
 * Content scripts use the browser's own promise-based API (Chromium's MV3 `chrome.*` and Firefox's
 * `browser.*` both return promises for everything they call), not webextension-polyfill: it is a
 * pass-through there and costs every host page about 2.6 KB of gzip. Extension pages keep it.
 */
function nativeBrowserInContentScripts(): Plugin {
  let contentScript = false;
  return {
    name: 'tandem:native-browser-in-content-scripts',
    enforce: 'pre',
    buildStart(options) {
      const inputs = Object.values(
        typeof options.input === 'string' ? [options.input] : (options.input ?? {}),
      );
      contentScript = inputs.length > 0 && inputs.every((input) => /\.content[\\/]/.test(String(input)));
    },
    resolveId(source, importer, resolveOptions) {
      if (!contentScript || source !== '@wxt-dev/webextension-polyfill/browser') return null;
      return this.resolve('@wxt-dev/browser', importer, { ...resolveOptions, skipSelf: true });
    },
  };
}

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // The end-to-end build (scripts/build-for-tests.mjs) goes to its own folder.
  outDir: process.env.TANDEM_OUT_DIR ?? '.output',
  manifest: ({ browser }) => buildManifest(browser, process.env),
  hooks: {
    // WXT writes content_scripts from the entrypoints: the hosts they name become host permissions.
    'build:manifestGenerated': (_wxt, manifest) => withContentScriptHosts(manifest),
  },
  vite: () => ({
    plugins: [nativeBrowserInContentScripts()],
    // Terser's second pass saves about 1 KB of gzip per content script over esbuild's minifier;
    // content scripts load on every host page, so the slower build is worth it.
    build: {
      minify: 'terser' as const,
      // TANDEM_SOURCEMAP=1: source maps, to see which modules a content script's bytes come from.
      sourcemap: process.env.TANDEM_SOURCEMAP === '1',
      terserOptions: { compress: { passes: 2 }, format: { comments: false } },
    },
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    define: {
      // A build without the variable contains no test origin at all.
      'import.meta.env.TANDEM_TEST_JIRA_DC_ORIGINS': JSON.stringify(testJiraDcOrigins(process.env).join(',')),
    },
  }),
});
