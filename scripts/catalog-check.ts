/**
 * `npm run catalog:check -- FILE`: validates a catalog file with the same rules as import.
 * Prints `FILE: path: rule` for each problem and exits 1, or a one-line summary and exits 0.
 * Exits 2 when no file is given or it cannot be read. The logic is in utils/catalog/check-report.ts.
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  type CheckReport,
  checkCatalogText,
  sizeReport,
  unreadableReport,
  usageReport,
} from '../utils/catalog/check-report';

function run(args: readonly string[]): CheckReport {
  const [file, ...extra] = args;
  if (file === undefined || file === '') return usageReport('no catalog file given');
  if (extra.length > 0) return usageReport(`one file at a time (got ${args.length})`);
  // npm runs scripts from the package root; INIT_CWD is where the user typed the command.
  const path = resolve(process.env.INIT_CWD ?? process.cwd(), file);
  try {
    const stats = statSync(path);
    if (!stats.isFile()) return unreadableReport(file, 'not a file');
    // Refuse before reading: a file over the limit is never loaded into memory.
    const tooBig = sizeReport(file, stats.size);
    if (tooBig) return tooBig;
    return checkCatalogText(file, readFileSync(path, 'utf8'));
  } catch (error) {
    return unreadableReport(file, error instanceof Error ? error.message : String(error));
  }
}

const report = run(process.argv.slice(2));
const write = report.exitCode === 2 ? console.error : console.info;
for (const line of report.lines) write(line);
// exitCode rather than exit(): lets stdout drain when it is a pipe.
process.exitCode = report.exitCode;
