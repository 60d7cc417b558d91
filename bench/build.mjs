// Builds the extensions the benchmark loads: the normal Chrome and Firefox builds (no test
// origins), into their own folder so that a benchmark never races another build of .output/chrome-mv3
// or .output/e2e. Firefox's (.output/bench/firefox-mv2) is for the outcomes page's figure in
// Firefox ESR (bench/outcomes-firefox.ts).
import { spawnSync } from 'node:child_process';

export const BENCH_OUT_DIR = '.output/bench';

// `--chrome-only`: `npm run bench:ci`, which measures nothing in Firefox, skips that build's 25 s.
const chromeOnly = process.argv.includes('--chrome-only');
const builds = [
  // Chromium: .output/bench/chrome-mv3
  [],
  // Firefox: .output/bench/firefox-mv2 (its manifest names the gecko id the harness installs it under)
  ...(chromeOnly ? [] : [['-b', 'firefox']]),
];
for (const args of builds) {
  const result = spawnSync('npx', ['wxt', 'build', ...args], {
    stdio: 'inherit',
    env: { ...process.env, TANDEM_OUT_DIR: BENCH_OUT_DIR },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
