/**
 * No import circles among the extension's own modules, type-only imports included, and none
 * between folders either: a circle makes two modules one, which no reader can take apart.
 */
import { describe, expect, it } from 'vitest';
import { circles, folderGraph, importGraph, importSpecifiers, resolveImport } from './imports';

const graph = importGraph(['utils', 'components', 'entrypoints']);

describe('the import reader', () => {
  it('sees static, type-only, re-exported, side-effect and dynamic imports, and no comments', () => {
    const source = [
      "import { a } from '@/utils/a';",
      "import type {\n  B,\n  C,\n} from './b';",
      "export { d } from '../d';",
      "export type * from './e';",
      "import './f.css';",
      "const g = await import('./g');",
      "// import { no } from './commented';",
      "/* import { nor } from './block'; */",
    ].join('\n');
    expect(importSpecifiers(source).sort()).toEqual(['../d', './b', './e', './f.css', './g', '@/utils/a']);
  });

  it('resolves @/ and relative specifiers to files, and leaves packages out', () => {
    expect(resolveImport('utils/page/run-host.ts', '@/utils/catalog/view')).toBe('utils/catalog/view.ts');
    expect(resolveImport('utils/page/run-host.ts', '../catalog/view')).toBe('utils/catalog/view.ts');
    expect(resolveImport('utils/page/run-host.ts', 'wxt/browser')).toBeNull();
  });

  it('finds a circle and a folder circle', () => {
    const made = new Map([
      ['a/x.ts', new Set(['b/y.ts'])],
      ['b/y.ts', new Set(['a/z.ts'])],
      ['a/z.ts', new Set<string>()],
    ]);
    expect(circles(made)).toEqual([]);
    expect(circles(folderGraph(made))).toEqual([['a', 'b']]);
    made.get('a/z.ts')?.add('a/x.ts');
    expect(circles(made)).toEqual([['a/x.ts', 'a/z.ts', 'b/y.ts']]);
  });

  it('reads the whole extension', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('utils/messages.ts')).toContain('utils/content-messages.ts');
  });
});

describe('utils/, components/ and entrypoints/', () => {
  it('have no import circles between modules', () => {
    expect(circles(graph)).toEqual([]);
  });

  it('have no import circles between folders', () => {
    expect(circles(folderGraph(graph))).toEqual([]);
  });
});
