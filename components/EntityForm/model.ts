/**
 * The entity forms' model, pure: a draft is the entity as stored (so fields a newer catalog adds
 * survive an edit), read and written by path (`charter.url`, `customers[1].name`); before
 * validation empty strings, lists and objects are dropped and numbers read. Validation is the
 * catalog's own zod schema, the same an import runs; its issues and the background's answer are
 * both turned into errors keyed by the path of the field that shows them.
 */
import type { z } from 'zod';
import type { EntityKind } from '@/utils/catalog/kinds';
import { Link, Need, Person, Team } from '@/utils/catalog/schema';
import { formatPath } from '@/utils/catalog/validate';
import { fold } from '@/utils/search/fold';

export type Draft = Record<string, unknown>;
export type FieldErrors = Record<string, string[]>;

export const SCHEMAS: Record<EntityKind, z.ZodType> = {
  people: Person,
  teams: Team,
  needs: Need,
  links: Link,
};

/** `customers[1].name` -> ['customers', 1, 'name']. */
export function parsePath(path: string): (string | number)[] {
  const parts: (string | number)[] = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (match[2] !== undefined) parts.push(Number(match[2]));
    else if (match[1] !== undefined) parts.push(match[1]);
  }
  return parts;
}

export function getAt(draft: unknown, path: string): unknown {
  let node: unknown = draft;
  for (const part of parsePath(path)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[part];
  }
  return node;
}

/** A copy of `draft` with `value` at `path`; `undefined` removes the key. */
export function setAt(draft: Draft, path: string, value: unknown): Draft {
  const parts = parsePath(path);
  const write = (node: unknown, depth: number): unknown => {
    const part = parts[depth] as string | number;
    const container: Record<string | number, unknown> | unknown[] = Array.isArray(node)
      ? [...node]
      : typeof node === 'object' && node !== null
        ? { ...(node as Record<string, unknown>) }
        : typeof part === 'number'
          ? []
          : {};
    const target = container as Record<string | number, unknown>;
    if (depth === parts.length - 1) {
      if (value === undefined && !Array.isArray(container)) delete target[part];
      else target[part] = value;
    } else {
      target[part] = write(target[part], depth + 1);
    }
    return container;
  };
  return write(draft, 0) as Draft;
}

/** Paths that hold numbers, typed into text fields. */
const NUMBER_PATHS = new Set(['adoption.target', 'adoption.current']);

function clean(value: unknown, path: string): unknown {
  if (typeof value === 'string') {
    if (value.trim() === '') return undefined;
    if (NUMBER_PATHS.has(path) && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
    return value;
  }
  if (Array.isArray(value)) {
    const items = value
      .map((item, i) => clean(item, `${path}[${i}]`))
      // Blank lines of a text list go; list rows stay, so errors keep pointing at the row shown.
      .filter((item, i) => item !== undefined || typeof value[i] === 'object');
    return items.length > 0 ? items.map((item) => item ?? {}) : undefined;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      const cleaned = clean(child, path ? `${path}.${key}` : key);
      if (cleaned !== undefined) out[key] = cleaned;
    }
    return path !== '' && Object.keys(out).length === 0 ? undefined : out;
  }
  return value;
}

/** What is sent: the draft without empty fields. */
export function cleanDraft(draft: Draft): Draft {
  return (clean(draft, '') as Draft | undefined) ?? {};
}

function add(errors: FieldErrors, key: string, rule: string): void {
  const list = errors[key] ?? [];
  if (!list.includes(rule)) list.push(rule);
  errors[key] = list;
}

/** Which field shows an error at `path` (formatted, e.g. `jira.issue`, or '' for the whole entity). */
export function fieldFor(kind: EntityKind, path: string, rule: string): string {
  if (kind === 'links') {
    if (path === '') return /need or team/.test(rule) ? 'subject' : 'target';
    if (path === 'jira' || path === 'crm') return 'target';
  }
  return path === '' ? '(form)' : path;
}

const blank = (value: unknown) => typeof value !== 'string' || value.trim() === '';

/**
 * A link form always has a subject (need or team) and a target chosen; left empty, each is
 * "required" beside its own field rather than the schema's whole-link rule ("needs exactly one of
 * need or team"), which only a hand-written file can break.
 */
function linkRequired(draft: Draft): FieldErrors {
  const errors: FieldErrors = {};
  const subject = 'team' in draft ? 'team' : 'need';
  if (blank(draft[subject])) add(errors, subject, 'required');
  const jira = getAt(draft, 'jira') as Record<string, unknown> | undefined;
  const crm = getAt(draft, 'crm') as Record<string, unknown> | undefined;
  if (jira) {
    const by = ['issue', 'epic', 'project'].find((key) => key in jira) ?? 'issue';
    if (blank(jira[by])) add(errors, `jira.${by}`, 'required');
  } else if (crm) {
    const by = 'name' in crm ? 'name' : 'id';
    if (blank(crm[by])) add(errors, `crm.${by}`, 'required');
  }
  return errors;
}

/** Instant feedback: the catalog's schema, run in the page. */
export function validateDraft(kind: EntityKind, draft: Draft): FieldErrors {
  const result = SCHEMAS[kind].safeParse(cleanDraft(draft), { reportInput: true });
  const errors: FieldErrors = kind === 'links' ? linkRequired(draft) : {};
  if (result.success) return errors;
  const own = Object.keys(errors).length > 0;
  for (const issue of result.error.issues) {
    const rule = issue.code === 'invalid_type' && issue.input === undefined ? 'required' : issue.message;
    const path = issue.path.length === 0 ? '' : formatPath(issue.path);
    const field = fieldFor(kind, path, rule);
    // The whole-link rules only repeat what the "required" above already says.
    if (own && (field === 'subject' || field === 'target')) continue;
    add(errors, field, rule);
  }
  return errors;
}

/** The background's answer (`people.email`, `needs.itOwner`, `links`) as field errors. */
export function serverErrors(
  kind: EntityKind,
  errors: readonly { path: string; rule: string }[],
): FieldErrors {
  const out: FieldErrors = {};
  for (const { path, rule } of errors) {
    const local = path === kind ? '' : path.startsWith(`${kind}.`) ? path.slice(kind.length + 1) : path;
    add(out, fieldFor(kind, local, rule), rule);
  }
  return out;
}

const PREFIX: Record<EntityKind, string> = { people: 'p-', teams: 't-', needs: 'n-', links: 'l-' };

/** An id proposed from a name: `Zoë Ångström` -> `p-zoe-angstrom`. */
export function suggestId(kind: EntityKind, name: string): string {
  const slug = fold(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60 - PREFIX[kind].length);
  return slug ? `${PREFIX[kind]}${slug}` : '';
}

export function emptyDraft(kind: EntityKind): Draft {
  switch (kind) {
    case 'people':
      return { id: '', name: '' };
    case 'teams':
      return { id: '', name: '', approach: 'standard', businessLead: '', itLead: '' };
    case 'needs':
      return { id: '', title: '', status: 'discovery' };
    case 'links':
      return { need: '', jira: { issue: '' } };
  }
}
