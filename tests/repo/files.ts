/**
 * The repository's own files, read from disk for the tests that keep the repository honest about
 * itself (links, citations, imports). Build output, dependencies and generated reports are not
 * the project's text, so they are skipped.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = process.cwd();

const SKIPPED = new Set(['node_modules', '.output', '.wxt', '.git', '.tmp', 'demo-screenshots', 'out']);

/** Paths relative to the repository root, with `/` separators, of files under `dirs` ending in one of `extensions`. */
export function listFiles(dirs: readonly string[], extensions: readonly string[]): string[] {
  const found: string[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(ROOT, relative), { withFileTypes: true })) {
      if (SKIPPED.has(entry.name)) continue;
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (extensions.some((extension) => entry.name.endsWith(extension))) found.push(child);
    }
  };
  for (const dir of dirs) walk(dir);
  return found.sort();
}

export function readRepoFile(relative: string): string {
  return readFileSync(path.join(ROOT, relative), 'utf8');
}
