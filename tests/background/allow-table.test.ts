import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALLOWED_SENDERS, isAllowed } from '@/utils/background/allow-table';
import { Protocol } from '@/utils/messages';

describe('allow table', () => {
  it('has a row for every request type of the protocol, and none other', () => {
    // Derived from the protocol's schemas: a new request type without a row fails here.
    expect(Object.keys(ALLOWED_SENDERS).sort()).toEqual(Object.keys(Protocol).sort());
  });

  it('lets extension pages send everything but the panel-only capture.load', () => {
    for (const type of Object.keys(Protocol) as (keyof typeof Protocol)[])
      expect(isAllowed(type, 'extension-page'), type).toBe(type !== 'capture.load');
  });

  it('lets content scripts send only what a panel needs', () => {
    const panel = (Object.keys(Protocol) as (keyof typeof Protocol)[]).filter((type) =>
      isAllowed(type, 'content-script'),
    );
    expect(panel.sort()).toEqual(
      [
        'capture.load',
        'entity.delete',
        'entity.save',
        'needs.search',
        'options.open',
        'people.search',
        'placement.miss',
        'resolve',
        'settings.get',
        'settings.update',
        'workStatus.get',
        'workStatus.seen',
      ].sort(),
    );
  });
});

/** The allow table as docs/security.md shows it, generated from the code. */
function allowTableMarkdown(): string {
  const rows = (Object.keys(ALLOWED_SENDERS) as (keyof typeof ALLOWED_SENDERS)[]).sort().map((type) => {
    const senders = ALLOWED_SENDERS[type];
    const page = senders.includes('extension-page') ? 'yes' : 'no';
    const content = senders.includes('content-script') ? 'yes' : 'no';
    return `| \`${type}\` | ${page} | ${content} |`;
  });
  return ['| request type | extension page | content script |', '| --- | --- | --- |', ...rows].join('\n');
}

describe('docs/security.md', () => {
  it('shows the allow table exactly as the code has it', () => {
    const doc = readFileSync(path.join(__dirname, '../../docs/security.md'), 'utf8');
    const start = doc.indexOf('<!-- allow-table:start -->');
    const end = doc.indexOf('<!-- allow-table:end -->');
    expect(start, 'docs/security.md has the allow-table markers').toBeGreaterThan(-1);
    const shown = doc
      .slice(start + '<!-- allow-table:start -->'.length, end)
      .trim()
      .split('\n')
      .map((line) =>
        line
          .split('|')
          .map((cell) => cell.trim().replace(/^-+$/, '---'))
          .join('|'),
      )
      .join('\n');
    const expected = allowTableMarkdown()
      .split('\n')
      .map((line) =>
        line
          .split('|')
          .map((cell) => cell.trim())
          .join('|'),
      )
      .join('\n');
    // On a mismatch, paste `allowTableMarkdown()` between the markers (Biome's formatter aligns it).
    expect(shown).toBe(expected);
  });
});
