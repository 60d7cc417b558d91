// Rewrites relative imports (`./x`, `../x`) in utils/, components/ and entrypoints/ as `@/` imports,
// the project's one import style (biome.json enforces it). For merging branches written before the
// rule: `node scripts/imports-from-root.mjs && npx biome check --write .`
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const DIRS = ['utils', 'components', 'entrypoints'];
const SPECIFIER = /(\bfrom\s+|\bimport\s*\(\s*|^\s*import\s+)(['"])(\.{1,2}\/[^'"]*)\2/gm;

function* sources(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const child = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(child);
    else if (/\.(ts|tsx)$/.test(entry.name)) yield child;
  }
}

let changed = 0;
for (const dir of DIRS) {
  for (const file of sources(dir)) {
    const before = readFileSync(file, 'utf8');
    const after = before.replace(
      SPECIFIER,
      (_, lead, quote, specifier) =>
        `${lead}${quote}@/${path.posix.join(path.posix.dirname(file), specifier)}${quote}`,
    );
    if (after !== before) {
      writeFileSync(file, after);
      changed++;
    }
  }
}
console.log(`${changed} files rewritten`);
