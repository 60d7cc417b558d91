/**
 * The repository carries its own contracts (docs/catalog-format.md, docs/surfaces.md,
 * docs/hosts.md), so nothing in it may send a reader to a document a clone does not have: a
 * sibling folder of the repository, or an issue tracker's number. Every Markdown file a source
 * names must exist in the repository.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFiles, ROOT, readRepoFile } from './files';

const EXTENSIONS = [
  '.ts',
  '.tsx',
  '.mts',
  '.mjs',
  '.js',
  '.json',
  '.md',
  '.html',
  '.css',
  '.yml',
  '.yaml',
  '.sh',
];
/** Generated files: they quote nothing but what the code writes. */
const GENERATED = new Set(['package-lock.json', 'schema/catalog-v1.schema.json']);
/** These tests' own examples are the forbidden forms, on purpose. */
const EXAMPLES = new Set(['tests/repo/citations.test.ts', 'tests/repo/docs-links.test.ts']);
/** Files the tools write at run time, which a fresh clone has not made yet. */
const WRITTEN_AT_RUN_TIME = /^bench\/out\//;

const SOURCES = [...listFiles([''], EXTENSIONS), '.ci/run'].filter(
  (file) => !GENERATED.has(file) && !EXAMPLES.has(file),
);

/** Addresses of public pages (another project's issue included) are citations a reader can open. */
const withoutUrls = (text: string) => text.replace(/\b(?:https?:\/\/|github\.com\/|gitlab\.com\/)\S+/g, '');

function outsideCitations(text: string): string[] {
  const found: string[] = [];
  const plain = withoutUrls(text);
  for (const match of plain.matchAll(
    /(?:\.\.\/)+shared\/\S*|\bshared\/(?:spec|reference)\/\S*|\/work\/\S+/g,
  )) {
    found.push(match[0]);
  }
  for (const match of plain.matchAll(/\bissues? #?\d+/gi)) found.push(match[0]);
  return found;
}

/** Markdown files named in `text` that resolve neither from the repository root nor from `file`'s folder. */
function missingMarkdown(file: string, text: string): string[] {
  const missing: string[] = [];
  for (const match of withoutUrls(text).matchAll(/[\w./-]*[\w-]\.md\b/g)) {
    const name = match[0].replace(/^\.\//, '');
    if (WRITTEN_AT_RUN_TIME.test(name)) continue;
    const candidates = [path.resolve(ROOT, name), path.resolve(ROOT, path.dirname(file), name)];
    const inside = candidates.filter((candidate) => !path.relative(ROOT, candidate).startsWith('..'));
    if (!inside.some((candidate) => existsSync(candidate))) missing.push(name);
  }
  return missing;
}

describe('outsideCitations', () => {
  it('finds sibling folders and issue numbers, but not public addresses', () => {
    expect(
      outsideCitations(
        'see ../shared/spec/catalog-v1.md, shared/reference/HOSTS.md and (issue 9, point 3); ' +
          'not github.com/w3c/webextensions/issues/446 nor https://example.com/issue/1',
      ),
    ).toEqual(['../shared/spec/catalog-v1.md,', 'shared/reference/HOSTS.md', 'issue 9']);
  });
});

describe('missingMarkdown', () => {
  it('accepts repository paths and paths beside the file, and names the rest', () => {
    expect(missingMarkdown('utils/x.ts', 'docs/hosts.md and README.md, not HOSTS.md §1')).toEqual([
      'HOSTS.md',
    ]);
    expect(missingMarkdown('docs/x.md', 'see surfaces.md')).toEqual([]);
    expect(missingMarkdown('utils/x.ts', 'see surfaces.md')).toEqual(['surfaces.md']);
  });
});

describe('citations in the repository', () => {
  it('reads the sources', () => {
    expect(SOURCES).toEqual(
      expect.arrayContaining(['README.md', 'utils/catalog/schema.ts', 'docs/hosts.md']),
    );
  });

  it('cites no document outside the repository and no issue number', () => {
    const problems = SOURCES.flatMap((file) => {
      const text = readRepoFile(file);
      return [
        ...outsideCitations(text).map((citation) => `${file}: ${citation}`),
        ...missingMarkdown(file, text).map((name) => `${file}: ${name} is not in the repository`),
      ];
    });
    expect(problems).toEqual([]);
  });
});
