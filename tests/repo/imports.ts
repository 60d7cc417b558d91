/**
 * The import graph of the project's own modules: static imports, `export … from`, type-only imports
 * and dynamic `import()` all count, because a circle of any of them is a circle a reader has to
 * hold in the head. Read with regular expressions (the TypeScript in use, 7, has no JS API): the
 * code base writes imports one way, which its formatter keeps.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { listFiles, ROOT, readRepoFile } from './files';

export type ImportGraph = Map<string, Set<string>>;

const EXTENSIONS = ['.ts', '.tsx'];

/** The repository file `specifier` names from `from`, or null for packages and virtual modules. */
export function resolveImport(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith('@/') || specifier.startsWith('~/')) base = specifier.slice(2);
  else if (specifier.startsWith('.')) base = path.posix.join(path.posix.dirname(from), specifier);
  else return null;
  const candidates = [
    base,
    ...EXTENSIONS.map((extension) => base + extension),
    ...EXTENSIONS.map((extension) => `${base}/index${extension}`),
  ];
  return (
    candidates.find((candidate) => /\.tsx?$/.test(candidate) && existsSync(path.join(ROOT, candidate))) ??
    null
  );
}

const STATIC = /^\s*(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"\n]+)['"]/gm;
const DYNAMIC = /\bimport\(\s*['"]([^'"\n]+)['"]\s*\)/g;

/** Every module specifier a source file imports or re-exports from, comments left out. */
export function importSpecifiers(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return [...code.matchAll(STATIC), ...code.matchAll(DYNAMIC)].map((match) => match[1] ?? '');
}

export function importGraph(dirs: readonly string[]): ImportGraph {
  const graph: ImportGraph = new Map();
  for (const file of listFiles(dirs, EXTENSIONS)) {
    const targets = new Set<string>();
    for (const specifier of importSpecifiers(readRepoFile(file))) {
      const target = resolveImport(file, specifier);
      if (target && target !== file) targets.add(target);
    }
    graph.set(file, targets);
  }
  return graph;
}

/** Strongly connected parts with more than one member (Tarjan): each one is an import circle. */
export function circles(graph: ImportGraph): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) ?? 0, index.get(next) ?? 0));
      }
    }
    if (low.get(node) === index.get(node)) {
      const part: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop();
        if (member === undefined) break;
        onStack.delete(member);
        part.push(member);
      } while (member !== node);
      if (part.length > 1) found.push(part.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

/**
 * The folder a file belongs to, as a room of the house: `utils/page`, `components/Panel`. The loose
 * modules at the top of `utils/` and `components/` are rooms of their own, not one big one.
 */
export function roomOf(file: string): string {
  const folder = path.posix.dirname(file);
  return folder === 'utils' || folder === 'components' ? file : folder;
}

/** The same graph with each file replaced by its room. */
export function folderGraph(graph: ImportGraph): ImportGraph {
  const folders: ImportGraph = new Map();
  for (const [file, targets] of graph) {
    const from = roomOf(file);
    const edges = folders.get(from) ?? new Set<string>();
    for (const target of targets) {
      const to = roomOf(target);
      if (to !== from) edges.add(to);
    }
    folders.set(from, edges);
  }
  return folders;
}
