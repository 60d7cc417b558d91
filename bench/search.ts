/**
 * Popup search micro-benchmark: builds the search index for a generated catalog of the format's
 * size (20,000 needs, 5,000 people, 1,000 teams, 100,000 links), then types queries one character
 * at a time, as a user does, and prints the time per keystroke (p50, p95, max) against the 16 ms
 * budget. Not a test: run it with `npx tsx bench/search.ts`.
 */
import { performance } from 'node:perf_hooks';
import { buildResolveIndex } from '../utils/catalog/resolve-index';
import type { Catalog } from '../utils/catalog/schema';
import { searchDocs } from '../utils/search/catalog-docs';
import { buildSearchIndex, createSearcher } from '../utils/search/engine';

const SIZE = { needs: 20_000, people: 5_000, teams: 1_000, links: 100_000 };
const BUDGET_MS = 16;

// A small deterministic generator, so every run measures the same catalog.
let seed = 42;
function random(): number {
  seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
  return seed / 0x7fffffff;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const WORDS = [
  'reorder',
  'invoice',
  'billing',
  'checkout',
  'export',
  'approval',
  'onboarding',
  'catalogue',
  'pricing',
  'contract',
  'renewal',
  'délai',
  'livraison',
  'größe',
  'Überweisung',
  'søknad',
  'portal',
  'dashboard',
  'self-service',
  'bulk',
  'upload',
  'réconciliation',
  'tax',
  'currency',
  'warehouse',
  'stock',
  'return',
  'refund',
  'loyalty',
  'discount',
  'quote',
  'SSO',
  'audit',
  'report',
  'mobile',
  'offline',
  'notification',
];
const FIRST = [
  'Zoë',
  'Maria',
  'Raj',
  'Kenji',
  'Amara',
  'Lena',
  'Diego',
  'Fatima',
  'Sam',
  'Tom',
  'Ångel',
  'Chloé',
];
const LAST = ['Ångström', 'González', 'Patel', 'Yamada', 'Okafor', 'Fischer', 'Rossi', 'Al-Sayed', 'Müller'];
const CUSTOMERS = [
  'Globex Corporation',
  'Initech',
  'Umbrella Retail',
  'Soylent',
  'Vandelay Industries',
  'Hooli',
];
const STATUSES = ['in-delivery', 'committed', 'discovery', 'released', 'adopted', 'parked'] as const;

function generate(): Catalog {
  const people = Array.from({ length: SIZE.people }, (_, i) => ({
    id: `p-${i}`,
    name: `${pick(FIRST)} ${pick(LAST)} ${i}`,
    email: `person${i}@acme.example`,
    title: `${pick(WORDS)} lead`,
  }));
  const teams = Array.from({ length: SIZE.teams }, (_, i) => ({
    id: `t-${i}`,
    name: `${pick(WORDS)} ${pick(WORDS)} team ${i}`,
    approach: 'standard' as const,
    businessLead: `p-${i * 2}`,
    itLead: `p-${i * 2 + 1}`,
    charter: { url: `https://wiki.acme.example/teams/${i}` },
  }));
  const needs = Array.from({ length: SIZE.needs }, (_, i) => ({
    id: `n-${i}`,
    title: `${pick(WORDS)} ${pick(WORDS)} for ${pick(WORDS)} ${i}`,
    status: pick(STATUSES),
    team: `t-${i % SIZE.teams}`,
    customers: [{ name: pick(CUSTOMERS) }],
  }));
  const links = Array.from({ length: SIZE.links }, (_, i) => ({
    id: `l-${i}`,
    need: `n-${i % SIZE.needs}`,
    jira: { issue: `SHOP-${i}` },
  }));
  return {
    format: 'tandem.catalog',
    version: 1,
    sites: { jira: ['https://acme.atlassian.net'] },
    people,
    teams,
    needs,
    links,
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const catalog = generate();
let start = performance.now();
const index = buildSearchIndex(searchDocs(buildResolveIndex(catalog)));
const buildMs = performance.now() - start;

const QUERIES = [
  'reorder',
  'zoe angstrom',
  'Größe',
  'invoice for',
  'globex',
  'n-19999',
  'team 42',
  'livraison',
  'maria',
  'self',
  'xyz',
  'a',
  'billing portal',
  'Überweisung',
  'chloe',
  'refund 123',
  'sso',
  'warehouse',
];

// Warm up the JIT the way a popup's first seconds would.
for (const query of QUERIES) createSearcher(index).search(query);

const keystrokes: number[] = [];
const cold: number[] = [];
for (let round = 0; round < 5; round++) {
  for (const query of QUERIES) {
    const searcher = createSearcher(index);
    for (let end = 1; end <= query.length; end++) {
      start = performance.now();
      searcher.search(query.slice(0, end));
      keystrokes.push(performance.now() - start);
    }
    start = performance.now();
    createSearcher(index).search(query);
    cold.push(performance.now() - start);
  }
}

const report = (name: string, times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  const [p50, p95, max] = [percentile(sorted, 50), percentile(sorted, 95), sorted[sorted.length - 1] ?? 0];
  console.info(
    `${name.padEnd(26)} n=${String(times.length).padStart(4)}  p50 ${p50.toFixed(2)} ms  p95 ${p95.toFixed(2)} ms  max ${max.toFixed(2)} ms  ${p95 < BUDGET_MS ? 'within' : 'OVER'} the ${BUDGET_MS} ms budget`,
  );
};

console.info(
  `search index: ${index.docs.length} entries (${SIZE.needs} needs, ${SIZE.teams} teams, ${SIZE.people} people), built in ${buildMs.toFixed(0)} ms`,
);
report('per keystroke (typing)', keystrokes);
report('whole query (pasted)', cold);
