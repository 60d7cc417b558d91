// Builds the extension the end-to-end tests load: the normal Chrome build, plus the Jira Data
// Center test origins that docs/surfaces.md describes (their permission granted at install). It goes to
// its own folder so that `npm run build` output never contains a test origin.
import { spawnSync } from 'node:child_process';

export const E2E_OUT_DIR = '.output/e2e';
export const E2E_JIRA_DC_ORIGINS = 'https://jira.acme-dc.example,https://tools.acme-dc.example';
// Shared-catalog tests serve catalogs from 127.0.0.1: its permission is granted at install, because
// headless Chromium leaves permissions.request() pending forever (no one can answer the prompt).
export const E2E_SOURCE_ORIGINS = 'http://127.0.0.1';
// A stalled catalog server fails after 3 s instead of 30 s, so the test of it stays quick.
export const E2E_SOURCE_TIMEOUT_MS = '3000';

const result = spawnSync('npx', ['wxt', 'build'], {
  stdio: 'inherit',
  env: {
    ...process.env,
    TANDEM_OUT_DIR: E2E_OUT_DIR,
    TANDEM_TEST_JIRA_DC_ORIGINS: E2E_JIRA_DC_ORIGINS,
    TANDEM_TEST_SOURCE_ORIGINS: E2E_SOURCE_ORIGINS,
    WXT_TANDEM_TEST_SOURCE_TIMEOUT_MS: E2E_SOURCE_TIMEOUT_MS,
  },
});
process.exit(result.status ?? 1);
