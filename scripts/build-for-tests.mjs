// Builds the extension the end-to-end tests load: the normal Chrome build, plus the Jira Data
// Center test origins that docs/surfaces.md describes (their permission granted at install). It goes to
// its own folder so that `npm run build` output never contains a test origin.
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

export const E2E_OUT_DIR = '.output/e2e';
export const E2E_JIRA_DC_ORIGINS = 'https://jira.acme-dc.example,https://tools.acme-dc.example';
// Shared-catalog tests serve catalogs from 127.0.0.1: its permission is granted at install, because
// headless Chromium leaves permissions.request() pending forever (no one can answer the prompt).
export const E2E_SOURCE_ORIGINS = 'http://127.0.0.1';
// A stalled catalog server fails after 3 s instead of 30 s, so the test of it stays quick.
export const E2E_SOURCE_TIMEOUT_MS = '3000';

const testEnv = {
  ...process.env,
  TANDEM_OUT_DIR: E2E_OUT_DIR,
  TANDEM_TEST_JIRA_DC_ORIGINS: E2E_JIRA_DC_ORIGINS,
  TANDEM_TEST_SOURCE_ORIGINS: E2E_SOURCE_ORIGINS,
  WXT_TANDEM_TEST_SOURCE_TIMEOUT_MS: E2E_SOURCE_TIMEOUT_MS,
};
// The policy tests' Chromium build: the e2e build plus a fixed manifest `key`, so Chromium gives it
// a known id that a policy file can name, different from the e2e build's own (other Chromium runs
// on the same machine never see the policy). A public key only; no private key exists anywhere.
export const E2E_POLICY_DIR = '.output/e2e-policy/chrome-mv3';
export const E2E_POLICY_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAoea3ImCAYKTNOeWmyPJCdvDZjGfAc+IanhIApQxfOjftiNbZGyYtuhXhycygIxdEs/afwsoA3KjexzuQyWN9kV22miuajgGKPCynL450bqtTwcvfDpQZP5q00X+9ZbZDO5TNzK+JQmTFQTW8jEZLp6kch7wTC31u0xsqhZRFmOMHUQA5hUmvKMJ8ZFpgh2JrqCcVZAVs3HzyQ/8xGslBJ2IzGSsSmrIrlAcNybHC8ns5CFokuHST46oPluN0u3QXEMCJRUMKs0o45OIOrtpFtk0H0yH+r2Y3HMjtsFMk/4YhzOgbPpSckwHlgMssx6HV5rbzqG8ikDQjwEeAqP/TywIDAQAB';

// `--only chrome|firefox` builds one of them (a quicker loop while working on one browser).
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const builds = [
  // Chromium: .output/e2e/chrome-mv3
  { name: 'chrome', args: [], env: {} },
  // Firefox: .output/e2e/firefox-mv2, loaded as a temporary add-on over WebDriver BiDi.
  { name: 'firefox', args: ['-b', 'firefox'], env: {} },
];
for (const build of builds) {
  if (only && build.name !== only) continue;
  const result = spawnSync('npx', ['wxt', 'build', ...build.args], {
    stdio: 'inherit',
    env: { ...testEnv, ...build.env },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!only || only === 'chrome') {
  rmSync(E2E_POLICY_DIR, { recursive: true, force: true });
  cpSync(`${E2E_OUT_DIR}/chrome-mv3`, E2E_POLICY_DIR, { recursive: true });
  const manifestFile = `${E2E_POLICY_DIR}/manifest.json`;
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  writeFileSync(manifestFile, JSON.stringify({ ...manifest, key: E2E_POLICY_KEY }));
}
