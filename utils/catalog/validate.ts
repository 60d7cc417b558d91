/**
 * Turns untrusted catalog input into a `Catalog`, or into errors that each name a JSON path and
 * the rule broken (`needs[3].itOwner: no person "p-raj"`). Used by import, shared-catalog refresh
 * and `npm run catalog:check`, so every edge reports the same way.
 */
import type { z } from 'zod';
import { CATALOG_FORMAT, CATALOG_VERSION, type Catalog, CatalogShape } from '@/utils/catalog/schema';
import { MAX_NESTING, tooDeep } from '@/utils/nesting';

/** Largest catalog accepted. The 20,000-need catalog of docs/catalog-format.md is about 30 MB. */
export const MAX_CATALOG_BYTES = 64 * 1024 * 1024;
/** Largest entity (person, team, need or link), serialized: from any edge, a file, a source or a form. */
export const MAX_ENTITY_BYTES = 64 * 1024;
/** An import that breaks many rules lists this many, then says how many more there were. */
export const MAX_REPORTED_ERRORS = 200;

export interface CatalogError {
  path: string;
  rule: string;
}

export type CatalogResult = { ok: true; catalog: Catalog } | { ok: false; errors: CatalogError[] };

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(document)';
}

export function formatError(error: CatalogError): string {
  return `${error.path}: ${error.rule}`;
}

function newerVersionError(input: unknown): CatalogError | null {
  if (typeof input !== 'object' || input === null || !('version' in input) || !('format' in input))
    return null;
  const { version, format } = input;
  if (format !== CATALOG_FORMAT) return null; // not a Tandem catalog at all: report everything
  if (typeof version !== 'number' || !(version > CATALOG_VERSION)) return null;
  return {
    path: 'version',
    rule: `version ${version} is newer than this Tandem reads (${CATALOG_VERSION}); update the extension`,
  };
}

/** A path this many keys long is cut short in an error: the rule says how deep it goes. */
const SHOWN_PATH_KEYS = 8;

/** The level of an entity in a catalog document: the document, its list, the entity. */
export const ENTITY_LEVEL = 3;

/**
 * The first array or object in `input` nested deeper than `MAX_NESTING` levels, counted from the
 * document: `input` sits at `level` (1 for a document, `ENTITY_LEVEL` for one entity) and its
 * path is `base`. Unknown fields are kept as they are, and a value nested thousands of levels
 * deep would break every later step that walks it (storage, export).
 */
export function nestingError(
  input: unknown,
  { level = 1, base = [] }: { level?: number; base?: readonly PropertyKey[] } = {},
): CatalogError | null {
  const path = tooDeep(input, MAX_NESTING - level + 1);
  if (!path) return null;
  const cut = path.length > SHOWN_PATH_KEYS;
  return {
    path: `${formatPath([...base, ...path.slice(0, SHOWN_PATH_KEYS)])}${cut ? '…' : ''}`,
    rule: `is nested too deep: a catalog may nest at most ${MAX_NESTING} levels`,
  };
}

function ruleOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'required';
  return issue.message;
}

/**
 * The document's shape only, without the rules that span it: for one layer of a merged catalog,
 * whose references may point into another layer.
 */
export function parseCatalogShape(input: unknown): CatalogResult {
  const deep = nestingError(input);
  if (deep) return { ok: false, errors: [deep] };
  const newer = newerVersionError(input);
  if (newer) return { ok: false, errors: [newer] };
  const shaped = CatalogShape.safeParse(input, { reportInput: true });
  if (shaped.success) return { ok: true, catalog: shaped.data };
  return {
    ok: false,
    errors: capErrors(
      shaped.error.issues.map((issue) => ({ path: formatPath(issue.path), rule: ruleOf(issue) })),
    ),
  };
}

export function parseCatalog(input: unknown): CatalogResult {
  // Before anything else walks it: nothing of a document nested too deep is worked on.
  const deep = nestingError(input);
  if (deep) return { ok: false, errors: [deep] };
  // A newer format is refused on that ground alone: its other "errors" are only things this
  // version does not know.
  const newer = newerVersionError(input);
  if (newer) return { ok: false, errors: [newer] };
  // zod 4 drops `input` from issues unless asked, and `ruleOf` needs it to tell a missing field from a
  // wrong-typed one.
  const shaped = CatalogShape.safeParse(input, { reportInput: true });
  if (!shaped.success) {
    return {
      ok: false,
      errors: capErrors(
        shaped.error.issues.map((issue) => ({ path: formatPath(issue.path), rule: ruleOf(issue) })),
      ),
    };
  }
  const crossErrors = crossReferenceIssues(shaped.data);
  if (crossErrors.length > 0) return { ok: false, errors: capErrors(crossErrors) };
  return { ok: true, catalog: shaped.data };
}

const ENTITY_LISTS = ['people', 'teams', 'needs', 'links'] as const;

/** Why an entity is too large once serialized (`is 79 KB; …`), or null when it is within the limit. */
export function oversizeRule(entity: unknown): string | null {
  const text = JSON.stringify(entity);
  // UTF-8 takes at most three bytes per UTF-16 unit: only a text that could be over is measured.
  if (text.length * 3 <= MAX_ENTITY_BYTES) return null;
  const bytes = utf8Length(text);
  return bytes > MAX_ENTITY_BYTES
    ? `is ${Math.ceil(bytes / 1024)} KB; one entity may be at most ${MAX_ENTITY_BYTES / 1024} KB`
    : null;
}

/** Entities larger than `MAX_ENTITY_BYTES` once serialized, each named by its path. */
export function entitySizeErrors(catalog: Catalog): CatalogError[] {
  const errors: CatalogError[] = [];
  for (const list of ENTITY_LISTS) {
    catalog[list].forEach((entity, index) => {
      const rule = oversizeRule(entity);
      if (rule) errors.push({ path: formatPath([list, index]), rule });
    });
  }
  return capErrors(errors);
}

/** A parse result with the entity size limit applied. */
export function withEntityLimit(result: CatalogResult): CatalogResult {
  if (!result.ok) return result;
  const errors = entitySizeErrors(result.catalog);
  return errors.length > 0 ? { ok: false, errors } : result;
}

/** Parses JSON text after checking its size, so an oversized file never reaches the parser. */
export function parseCatalogText(text: string, { crossReferences = true } = {}): CatalogResult {
  // Cheap first: UTF-8 never takes fewer bytes than UTF-16 code units. Only text that could be over
  // the limit once encoded is measured exactly.
  if (text.length > MAX_CATALOG_BYTES) return { ok: false, errors: [tooLarge(text.length)] };
  if (text.length * 3 > MAX_CATALOG_BYTES) {
    const bytes = utf8Length(text);
    if (bytes > MAX_CATALOG_BYTES) return { ok: false, errors: [tooLarge(bytes)] };
  }
  let json: unknown;
  try {
    // Editors on Windows often save a byte-order mark, which JSON.parse refuses.
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    return {
      ok: false,
      errors: [{ path: '(document)', rule: `is not valid JSON (${(error as Error).message})` }],
    };
  }
  return withEntityLimit(crossReferences ? parseCatalog(json) : parseCatalogShape(json));
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4; // a surrogate pair is one four-byte character
      i++;
    } else bytes += 3;
  }
  return bytes;
}

export function tooLarge(bytes: number): CatalogError {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return { path: '(document)', rule: `is ${mb(bytes)}; the limit is ${mb(MAX_CATALOG_BYTES)}` };
}

function capErrors(errors: CatalogError[]): CatalogError[] {
  if (errors.length <= MAX_REPORTED_ERRORS) return errors;
  const rest = errors.length - MAX_REPORTED_ERRORS;
  return [...errors.slice(0, MAX_REPORTED_ERRORS), { path: '(document)', rule: `and ${rest} more errors` }];
}

/** Ids defined outside the document (other catalog layers) that its references may use. */
export interface KnownIds {
  people?: ReadonlySet<string>;
  teams?: ReadonlySet<string>;
  needs?: ReadonlySet<string>;
}

/** Ids unique within their kind; every person, team and need reference resolves. */
export function crossReferenceIssues(catalog: Catalog, known: KnownIds = {}): CatalogError[] {
  const errors: CatalogError[] = [];
  const withKnown = (own: Set<string>, extra: ReadonlySet<string> | undefined) => {
    for (const id of extra ?? []) own.add(id);
    return own;
  };
  const people = withKnown(uniqueIds('people', catalog.people, errors), known.people);
  const teams = withKnown(uniqueIds('teams', catalog.teams, errors), known.teams);
  const needs = withKnown(uniqueIds('needs', catalog.needs, errors), known.needs);
  uniqueIds(
    'links',
    catalog.links.filter((link) => link.id !== undefined),
    errors,
    catalog.links,
  );

  const expect = (set: Set<string>, kind: string, id: string | undefined, path: string) => {
    if (id !== undefined && !set.has(id)) errors.push({ path, rule: `no ${kind} "${id}"` });
  };
  catalog.teams.forEach((team, i) => {
    expect(people, 'person', team.businessLead, `teams[${i}].businessLead`);
    expect(people, 'person', team.itLead, `teams[${i}].itLead`);
    team.members?.forEach((member, m) => {
      expect(people, 'person', member, `teams[${i}].members[${m}]`);
    });
  });
  catalog.needs.forEach((need, i) => {
    expect(teams, 'team', need.team, `needs[${i}].team`);
    expect(people, 'person', need.businessOwner, `needs[${i}].businessOwner`);
    expect(people, 'person', need.itOwner, `needs[${i}].itOwner`);
  });
  catalog.links.forEach((link, i) => {
    expect(needs, 'need', link.need, `links[${i}].need`);
    expect(teams, 'team', link.team, `links[${i}].team`);
  });
  return errors;
}

function uniqueIds(
  kind: string,
  items: readonly { id?: string | undefined }[],
  errors: CatalogError[],
  indexIn: readonly unknown[] = items,
): Set<string> {
  const seen = new Set<string>();
  for (const item of items) {
    if (item.id === undefined) continue;
    if (seen.has(item.id)) {
      errors.push({ path: `${kind}[${indexIn.indexOf(item)}].id`, rule: `duplicate id "${item.id}"` });
    }
    seen.add(item.id);
  }
  return seen;
}
