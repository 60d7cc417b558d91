/**
 * The search behind the popup: a precomputed index of folded strings, and a query that ranks
 * exact matches first, then prefixes, then word prefixes, then substrings, then entries where every
 * word of the query appears somewhere (an id, an e-mail, a customer). Pure: the background builds
 * one index per catalog revision; the benchmark (bench/search.ts) drives the same code in Node.
 *
 * Entries are sorted once, at build time, by label length and then label, so each rank's matches
 * come out of the scan already in order and a query never sorts. While the user keeps typing
 * (each query extends the last), only the previous query's matches are scanned again.
 */
import { fold, foldQuery } from './fold';

export type SearchKind = 'need' | 'team' | 'person';

export const MATCH_RANKS = ['exact', 'prefix', 'word', 'substring', 'words'] as const;
export type MatchRank = (typeof MATCH_RANKS)[number];

export interface SearchDoc {
  kind: SearchKind;
  id: string;
  label: string;
  /** A second line: a need's status and team, a team's leads, a person's title. */
  detail: string;
  /** What Enter opens: an https or mailto URL, or `#kind/id` for the options page entry. */
  open: string;
}

export interface SearchInput extends SearchDoc {
  /** More text the entry is found by, but not ranked on (id, e-mail, customers…). */
  keys?: readonly string[];
}

export interface SearchHit extends SearchDoc {
  rank: MatchRank;
}

export interface SearchIndex {
  readonly docs: readonly SearchDoc[];
  /** Folded labels, ids and haystacks (label + keys), by entry. */
  readonly labels: readonly string[];
  readonly ids: readonly string[];
  readonly haystacks: readonly string[];
}

const KIND_ORDER: Record<SearchKind, number> = { team: 0, person: 1, need: 2 };

export function buildSearchIndex(inputs: readonly SearchInput[]): SearchIndex {
  const folded = inputs.map((input) => ({
    input,
    label: foldQuery(input.label),
    id: fold(input.id),
  }));
  folded.sort(
    (a, b) =>
      a.label.length - b.label.length ||
      (a.label < b.label ? -1 : a.label > b.label ? 1 : 0) ||
      KIND_ORDER[a.input.kind] - KIND_ORDER[b.input.kind],
  );
  return {
    docs: folded.map(({ input: { kind, id, label, detail, open } }) => ({ kind, id, label, detail, open })),
    labels: folded.map((entry) => entry.label),
    ids: folded.map((entry) => entry.id),
    haystacks: folded.map(({ input, label, id }) =>
      [label, id, ...(input.keys ?? []).map(foldQuery)].join('\u0001'),
    ),
  };
}

/** Folded text is lower case without marks: a word character is a-z, 0-9 or any non-ASCII letter. */
function isWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code > 127;
}

const NO_MATCH = 5;

/**
 * How `label` (or the id) matches the whole query `q`: 0 exact, 1 prefix, 2 word prefix,
 * 3 substring, 4 only word by word. Ranks above `worst` are not worth telling apart (better ones
 * already fill the page), so the costlier tests are skipped and NO_MATCH is returned.
 */
function rankLabel(label: string, id: string, q: string, worst: number): number {
  if (label === q || id === q) return 0;
  if (label.startsWith(q)) return 1;
  if (worst < 2) return NO_MATCH;
  let at = label.indexOf(q, 1);
  if (at === -1) return 4 <= worst ? 4 : NO_MATCH;
  while (at > 0) {
    if (!isWordChar(label.charCodeAt(at - 1))) return 2;
    if (worst < 3) return NO_MATCH;
    at = label.indexOf(q, at + 1);
  }
  return 3;
}

export interface Searcher {
  search(query: string, limit?: number): SearchHit[];
}

/**
 * A searcher remembers which entries matched the last query: when the next query extends it (the
 * user typed one more character), every match of the new query is among those, so only they are
 * scanned. Any other query scans the whole index.
 */
export function createSearcher(index: SearchIndex): Searcher {
  let lastQuery: string | null = null;
  let lastMatches: Int32Array | null = null;

  return {
    search(query, limit = 20) {
      const q = foldQuery(query);
      if (q === '') {
        lastQuery = null;
        lastMatches = null;
        return [];
      }
      const tokens = q.split(' ');
      const { labels, ids, haystacks, docs } = index;
      const narrowing = lastQuery !== null && lastMatches !== null && q.startsWith(lastQuery);
      const scan = narrowing ? (lastMatches as Int32Array) : null;
      const total = scan ? scan.length : labels.length;
      const matches = new Int32Array(total);
      let matched = 0;
      const ranks: number[][] = [[], [], [], [], []];
      let worst = 4;
      for (let k = 0; k < total; k++) {
        const i = scan ? (scan[k] as number) : k;
        const haystack = haystacks[i] as string;
        let all = true;
        for (const token of tokens) {
          if (!haystack.includes(token)) {
            all = false;
            break;
          }
        }
        if (!all) continue;
        matches[matched++] = i;
        const rank = rankLabel(labels[i] as string, ids[i] as string, q, worst);
        if (rank === NO_MATCH) continue;
        const bucket = ranks[rank] as number[];
        if (bucket.length < limit) {
          bucket.push(i);
          // Once the ranks up to some r hold a whole page, nothing ranked after r can show.
          let held = 0;
          for (let r = 0; r < worst; r++) {
            held += (ranks[r] as number[]).length;
            if (held >= limit) {
              worst = r;
              break;
            }
          }
        }
      }
      lastQuery = q;
      lastMatches = matches.subarray(0, matched);
      const hits: SearchHit[] = [];
      for (let rank = 0; rank < ranks.length && hits.length < limit; rank++) {
        for (const i of ranks[rank] as number[]) {
          if (hits.length >= limit) break;
          hits.push({ ...(docs[i] as SearchDoc), rank: MATCH_RANKS[rank] as MatchRank });
        }
      }
      return hits;
    },
  };
}
