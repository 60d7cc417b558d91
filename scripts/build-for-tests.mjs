// Builds the extension the end-to-end tests load: the normal Chrome build, plus the Jira Data
// Center test origins that surfaces.md describes (their permission granted at install). It goes to
// its own folder so that `npm run build` output never contains a test origin.
import { spawnSync } from 'node:child_process';

export const E2E_OUT_DIR = '.output/e2e';
export const E2E_JIRA_DC_ORIGINS = 'https://jira.acme-dc.example,https://tools.acme-dc.example';

const result = spawnSync('npx', ['wxt', 'build'], {
  stdio: 'inherit',
  env: { ...process.env, TANDEM_OUT_DIR: E2E_OUT_DIR, TANDEM_TEST_JIRA_DC_ORIGINS: E2E_JIRA_DC_ORIGINS },
});
process.exit(result.status ?? 1);
