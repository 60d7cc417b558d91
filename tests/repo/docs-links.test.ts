/**
 * Every relative link in README.md and docs/*.md must open a file of this repository: a clone has
 * nothing beside it, so a link that climbs out of it (or to a file since moved) is dead.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFiles, ROOT, readRepoFile } from './files';

const DOCUMENTS = ['README.md', ...listFiles(['docs'], ['.md'])];

/** Targets of inline links and images, `[text](target)` and `![alt](target "title")`, outside code. */
function markdownTargets(markdown: string): string[] {
  const withoutCode = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  const targets: string[] = [];
  for (const match of withoutCode.matchAll(
    /!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g,
  )) {
    if (match[1]) targets.push(match[1]);
  }
  // Reference-style definitions: `[label]: target`.
  for (const match of withoutCode.matchAll(/^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)) {
    if (match[1]) targets.push(match[1]);
  }
  return targets;
}

function isRelative(target: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('#') && !target.startsWith('//');
}

describe('markdownTargets', () => {
  it('finds links, images and reference definitions, and skips code', () => {
    const markdown = [
      'See [the format](docs/catalog-format.md#top) and ![shot](docs/a.png "A").',
      '`[not](a-link.md)`',
      '```',
      '[nor](this.md)',
      '```',
      '[ref]: ../outside.md',
    ].join('\n');
    expect(markdownTargets(markdown)).toEqual(['docs/catalog-format.md#top', 'docs/a.png', '../outside.md']);
  });
});

describe('relative links in README.md and docs/', () => {
  it('reads the README and at least the three contracts', () => {
    expect(DOCUMENTS).toEqual(
      expect.arrayContaining(['README.md', 'docs/catalog-format.md', 'docs/surfaces.md', 'docs/hosts.md']),
    );
  });

  it.each(DOCUMENTS)('%s links only to files inside the repository', (document) => {
    const problems: string[] = [];
    for (const target of markdownTargets(readRepoFile(document)).filter(isRelative)) {
      const file = decodeURIComponent(target.replace(/[?#].*$/, ''));
      if (!file) continue;
      const resolved = path.resolve(ROOT, path.dirname(document), file);
      if (path.relative(ROOT, resolved).startsWith('..')) problems.push(`${target}: outside the repository`);
      else if (!existsSync(resolved)) problems.push(`${target}: no such file`);
    }
    expect(problems).toEqual([]);
  });
});
