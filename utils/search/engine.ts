/**
 * The search behind the popup: a precomputed index of folded strings, and a query that ranks
 * exact matches first, then prefixes, then word prefixes, then substrings, then entries where every
 * word of the query appears somewhere (an id, an e-mail, a customer). Pure: the background builds
 * one index per catalog revision; the benchmark (bench/search.ts) drives the same code in Node.
 *
 * Entries are sorted once, at build time, by label length and then label, so each rank's matches
 * come out of the scan already in order and a query never sorts. A query never scans the whole
 * index: the build keeps, for every one- and two-character string, the entries whose text holds
 * it, so a query scans at most the entries holding its rarest pair of characters, or the previous
 * query's matches when it extends that one (the user typed one more character). The first one or
 * two characters, which match almost everything, stop as soon as a page of prefix matches is found.
 */
import { fold, foldQuery } from '@/utils/search/fold';

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
  /** Entries (ascending) whose haystack holds each pair of characters, by `gramKey`. */
  readonly grams: ReadonlyMap<number, Int32Array>;
  /** Entries (ascending) whose folded id is at most two characters long: an exact id match the
   *  early stop of a one- or two-character query could otherwise miss. */
  readonly shortIds: readonly number[];
}

/** One key per pair of UTF-16 code units. */
function gramKey(first: number, second: number): number {
  return first * 65536 + second;
}

function gramsOf(haystacks: readonly string[]): Map<number, Int32Array> {
  const lists = new Map<number, number[]>();
  const add = (key: number, entry: number) => {
    const list = lists.get(key);
    if (!list) lists.set(key, [entry]);
    else if (list[list.length - 1] !== entry) list.push(entry);
  };
  haystacks.forEach((haystack, entry) => {
    for (let at = 1; at < haystack.length; at++) {
      add(gramKey(haystack.charCodeAt(at - 1), haystack.charCodeAt(at)), entry);
    }
  });
  const grams = new Map<number, Int32Array>();
  for (const [key, list] of lists) grams.set(key, Int32Array.from(list));
  return grams;
}

const NOTHING = new Int32Array(0);

/** The entries that may hold `token`: those holding its rarest pair of characters (exactly its
 *  matches for two characters), or null (any entry) for a single character. */
function candidatesFor(grams: ReadonlyMap<number, Int32Array>, token: string): Int32Array | null {
  if (token.length < 2) return null;
  let rarest: Int32Array | undefined;
  for (let at = 1; at < token.length; at++) {
    const list = grams.get(gramKey(token.charCodeAt(at - 1), token.charCodeAt(at))) ?? NOTHING;
    if (!rarest || list.length < rarest.length) rarest = list;
    if (list.length === 0) break;
  }
  return rarest as Int32Array;
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
  const haystacks = folded.map(({ input, label, id }) =>
    [label, id, ...(input.keys ?? []).map(foldQuery)].join('\u0001'),
  );
  const shortIds: number[] = [];
  folded.forEach((entry, i) => {
    if (entry.id.length <= 2) shortIds.push(i);
  });
  return {
    docs: folded.map(({ input: { kind, id, label, detail, open } }) => ({ kind, id, label, detail, open })),
    labels: folded.map((entry) => entry.label),
    ids: folded.map((entry) => entry.id),
    haystacks,
    grams: gramsOf(haystacks),
    shortIds,
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
 * user typed one more character), every match of the new query is among those. It scans the
 * smaller of those and the entries holding the query's rarest pair of characters.
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
      const { labels, ids, haystacks, docs, grams } = index;
      // A lone token of one or two characters matches nearly everything: the scan stops once a
      // page of exact and prefix matches is found, so it cannot leave a complete list behind.
      const stopEarly = tokens.length === 1 && q.length <= 2;
      let scan: Int32Array | null = null; // null: every entry
      for (const token of tokens) {
        const candidates = candidatesFor(grams, token);
        if (candidates && (!scan || candidates.length < scan.length)) scan = candidates;
      }
      const narrowing = lastQuery !== null && lastMatches !== null && q.startsWith(lastQuery);
      if (!stopEarly && narrowing && (!scan || (lastMatches as Int32Array).length < scan.length)) {
        scan = lastMatches;
      }
      const total = scan ? scan.length : labels.length;
      const matches = stopEarly ? NOTHING : new Int32Array(total);
      let matched = 0;
      const ranks: number[][] = [[], [], [], [], []];
      let worst = 4;
      let lastScanned = -1;
      for (let k = 0; k < total; k++) {
        const i = scan ? (scan[k] as number) : k;
        lastScanned = i;
        const haystack = haystacks[i] as string;
        let all = true;
        for (const token of tokens) {
          if (!haystack.includes(token)) {
            all = false;
            break;
          }
        }
        if (!all) continue;
        if (!stopEarly) matches[matched++] = i;
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
        // Exact and prefix matches fill the page. Labels are sorted by length, so every label
        // equal to the query is behind us, and later prefix matches would land past the page:
        // only an exact id can still come, and the few short ids are checked below.
        if (stopEarly && worst <= 1) {
          const exact = ranks[0] as number[];
          for (const later of index.shortIds) {
            if (later > lastScanned && ids[later] === q && exact.length < limit) exact.push(later);
          }
          break;
        }
      }
      lastQuery = q;
      // Two characters: the pair's entries are exactly the matches, whatever the scan saw.
      lastMatches = stopEarly ? (q.length === 2 ? scan : null) : matches.subarray(0, matched);
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
