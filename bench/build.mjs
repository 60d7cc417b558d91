// Builds the extension the benchmark loads: the normal Chrome build (no test origins), into its own
// folder so that a benchmark never races another build of .output/chrome-mv3 or .output/e2e.
import { spawnSync } from 'node:child_process';

export const BENCH_OUT_DIR = '.output/bench';

const result = spawnSync('npx', ['wxt', 'build'], {
  stdio: 'inherit',
  env: { ...process.env, TANDEM_OUT_DIR: BENCH_OUT_DIR },
});
process.exit(result.status ?? 1);
