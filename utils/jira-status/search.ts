/**
 * One batched read of work-item status from a Jira site (docs/jira-status.md): the JQL search URL
 * for Cloud (`/rest/api/3/search/jql`) or Data Center (`/rest/api/2/search`), the answer parsed with
 * zod (it is untrusted input), and every failure turned into one line that says what to do.
 * Background only: content scripts never bundle this module.
 */
import { z } from 'zod';
import { JIRA_KEY_PATTERN } from '@/utils/catalog/schema';
import type { StatusCategory } from '@/utils/catalog/warnings';
import { isJiraCloudHost } from '@/utils/hosts/jira-cloud';

/** Only what the panel shows: a wider read would fetch data Tandem has no use for. */
export const STATUS_FIELDS = ['status', 'assignee', 'fixVersions', 'duedate'] as const;
/** Keys per request; a record links far fewer, and one JQL stays well inside URL limits. */
export const MAX_KEYS_PER_READ = 50;

export type JiraFlavour = 'cloud' | 'dc';

/** Atlassian's hosted sites (`*.atlassian.net`, the legacy `*.jira.com`); every other origin is a Data Center site. */
export function flavourOf(origin: string): JiraFlavour {
  return isJiraCloudHost(new URL(origin).hostname) ? 'cloud' : 'dc';
}

export function searchUrl(origin: string, keys: readonly string[]): string {
  const valid = keys.filter((key) => JIRA_KEY_PATTERN.test(key));
  const url = new URL(
    flavourOf(origin) === 'cloud' ? '/rest/api/3/search/jql' : '/rest/api/2/search',
    origin,
  );
  url.searchParams.set('jql', `key in (${valid.join(',')})`);
  url.searchParams.set('fields', STATUS_FIELDS.join(','));
  url.searchParams.set('maxResults', String(valid.length));
  // Data Center: a key that does not exist (or that the user may not see) becomes a warning
  // instead of failing the whole search. Cloud's /search/jql answers such keys by leaving them out.
  if (flavourOf(origin) === 'dc') url.searchParams.set('validateQuery', 'warn');
  return url.href;
}

export interface WorkStatus {
  key: string;
  category: StatusCategory;
  status: string;
  assignee?: string;
  /** The first fix version's name. */
  fixVersion?: string;
  /** `YYYY-MM-DD`. */
  due?: string;
}

const Name = z.string().trim().min(1).max(255);
const CATEGORY_KEYS = ['new', 'indeterminate', 'done', 'undefined'] as const;

/** One issue of a search answer; Cloud v3 and Data Center v2 agree on these fields. */
const IssueAnswer = z.object({
  key: z.string().regex(/^[A-Za-z][A-Za-z0-9_]+-\d+$/),
  fields: z.object({
    status: z.object({
      name: Name,
      statusCategory: z.object({ key: z.string().max(40) }).optional(),
    }),
    assignee: z.object({ displayName: Name }).nullish(),
    fixVersions: z
      .array(z.object({ name: Name }))
      .max(500)
      .nullish(),
    duedate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .nullish(),
  }),
});

/** Cloud v3 answers `{issues, nextPageToken?, isLast?}`; Data Center v2 `{startAt, total, issues}`. */
export const SearchAnswer = z.object({
  issues: z.array(z.unknown()).max(1000),
});

function categoryOf(key: string | undefined): StatusCategory {
  return key && (CATEGORY_KEYS as readonly string[]).includes(key) && key !== 'undefined'
    ? (key as StatusCategory)
    : 'unknown';
}

/**
 * The statuses in a search answer, keyed upper-case. Issues that do not parse are left out (their
 * keys then show without a status) rather than failing the read; the answer's own shape must hold.
 */
export function parseSearchAnswer(body: unknown): Map<string, WorkStatus> | { error: string } {
  const answer = SearchAnswer.safeParse(body);
  if (!answer.success) {
    const issue = answer.error.issues[0];
    return {
      error: `Jira answered in an unexpected shape (${issue?.path.join('.') || 'answer'}: ${issue?.message})`,
    };
  }
  const found = new Map<string, WorkStatus>();
  for (const raw of answer.data.issues) {
    const parsed = IssueAnswer.safeParse(raw);
    if (!parsed.success) continue;
    const { key, fields } = parsed.data;
    const upper = key.toUpperCase();
    found.set(upper, {
      key: upper,
      category: categoryOf(fields.status.statusCategory?.key),
      status: fields.status.name,
      ...(fields.assignee ? { assignee: fields.assignee.displayName } : {}),
      ...(fields.fixVersions?.[0] ? { fixVersion: fields.fixVersions[0].name } : {}),
      ...(fields.duedate ? { due: fields.duedate } : {}),
    });
  }
  return found;
}

/** Why a read failed, in one line the panel shows as it is. */
export type ReadProblem =
  | 'sign-in'
  | 'no-permission'
  | 'not-found'
  | 'busy'
  | 'server'
  | 'offline'
  | 'answer';

export function problemOfStatus(status: number): ReadProblem {
  if (status === 401) return 'sign-in';
  if (status === 403) return 'no-permission';
  if (status === 404) return 'not-found';
  if (status === 429) return 'busy';
  return 'server';
}

export function problemLine(problem: ReadProblem, origin: string): string {
  const host = new URL(origin).host;
  switch (problem) {
    case 'sign-in':
      return `Sign in to Jira at ${host} to see status.`;
    case 'no-permission':
      return `No permission to read these issues at ${host}.`;
    case 'not-found':
      return `Jira at ${host} has no search API here: check the catalog’s Jira site.`;
    case 'busy':
      return `Jira at ${host} asked Tandem to slow down: status will refresh shortly.`;
    case 'server':
      return `Jira at ${host} could not answer just now: status will refresh shortly.`;
    case 'offline':
      return `Offline: could not reach Jira at ${host}.`;
    case 'answer':
      return `Jira at ${host} answered in an unexpected shape.`;
  }
}
