/**
 * Reads an issue's epic, parent, labels and components through the Jira site's own REST API,
 * same-origin, with the user's session (docs/hosts.md). The answer is untrusted input and
 * is parsed with `zod/mini` before any of it reaches a record.
 */
import * as z from 'zod/mini';
import type { JiraRecord } from '@/utils/hosts/record-ref';
import { lazily } from '@/utils/lazily';

/** Built on first use, when an answer arrives, not while the Jira page loads (see content-messages.ts). */
function buildRestSchemas() {
  const KEY = /^[A-Z][A-Z0-9_]+-\d+$/i;
  const Key = z.string().check(z.regex(KEY));
  const Name = z.string().check(z.minLength(1), z.maxLength(255));

  const IssueAnswer = z.object({
    key: z.optional(z.string()),
    fields: z.record(z.string(), z.unknown()),
  });

  const Parent = z.object({ key: Key });
  const Labels = z.array(Name).check(z.maxLength(200));
  const Components = z.array(z.object({ name: Name })).check(z.maxLength(200));

  const FieldList = z
    .array(
      z.object({
        id: z.string(),
        name: z.optional(z.string()),
        schema: z.optional(z.object({ custom: z.optional(z.string()) })),
      }),
    )
    .check(z.maxLength(5000));

  return { Key, IssueAnswer, Parent, Labels, Components, FieldList };
}

type RestSchemas = ReturnType<typeof buildRestSchemas>;

const restSchemas = lazily(buildRestSchemas);

/** Jira Cloud's Epic Link field id on company-managed projects (docs/hosts.md). */
export const CLOUD_EPIC_LINK_FIELD = 'customfield_10014';
const EPIC_LINK_SCHEMA = 'com.pyxis.greenhopper.jira:gh-epic-link';

export interface JiraRestRequest {
  fetch: typeof fetch;
  signal: AbortSignal;
  /** Hands the issue's status fields on (the background shows them where its own read fails). */
  seen?(key: string, fields: Record<string, unknown>): void;
}

async function getJson(url: string, { fetch, signal }: JiraRestRequest): Promise<unknown> {
  const response = await fetch(url, {
    credentials: 'same-origin',
    headers: { Accept: 'application/json' },
    signal,
  });
  if (!response.ok) throw new Error(`${response.status}`);
  return response.json();
}

/** What the issue's fields add to the record; unknown or malformed fields are left out. */
export function detailsFromFields(
  record: JiraRecord,
  fields: Record<string, unknown>,
  epicField: string | null,
): JiraRecord {
  const { Parent, Key, Labels, Components } = restSchemas();
  const parent = Parent.safeParse(fields.parent);
  const epicValue = epicField ? fields[epicField] : undefined;
  const epic = Key.safeParse(epicValue);
  const labels = Labels.safeParse(fields.labels);
  const components = Components.safeParse(fields.components);
  return {
    ...record,
    ...(parent.success ? { parent: parent.data.key.toUpperCase() } : {}),
    ...(epic.success ? { epic: epic.data.toUpperCase() } : {}),
    ...(labels.success ? { labels: labels.data } : {}),
    ...(components.success ? { components: components.data.map((component) => component.name) } : {}),
  };
}

// status, assignee, fixVersions, duedate: what the background's status view shows.
const DETAIL_FIELDS = 'parent,labels,components,project,issuetype,status,assignee,fixVersions,duedate';

export async function fetchCloudIssueDetails(
  origin: string,
  record: JiraRecord,
  request: JiraRestRequest,
): Promise<JiraRecord> {
  const url = `${origin}/rest/api/3/issue/${encodeURIComponent(record.key)}?fields=${DETAIL_FIELDS},${CLOUD_EPIC_LINK_FIELD}`;
  const answer = restSchemas().IssueAnswer.parse(await getJson(url, request));
  request.seen?.(record.key, answer.fields);
  return detailsFromFields(record, answer.fields, CLOUD_EPIC_LINK_FIELD);
}

/** The Epic Link field's id differs per Data Center instance; it is looked up once per page. */
const epicFieldIds = new Map<string, Promise<string | null>>();

export function findEpicLinkField(fields: z.infer<RestSchemas['FieldList']>): string | null {
  const field =
    fields.find((candidate) => candidate.schema?.custom === EPIC_LINK_SCHEMA) ??
    fields.find((candidate) => candidate.name === 'Epic Link');
  return field?.id ?? null;
}

export async function fetchDataCenterIssueDetails(
  base: string,
  record: JiraRecord,
  request: JiraRestRequest,
): Promise<JiraRecord> {
  let epicField = epicFieldIds.get(base);
  if (!epicField) {
    epicField = getJson(`${base}/rest/api/2/field`, request)
      .then((answer) => findEpicLinkField(restSchemas().FieldList.parse(answer)))
      .catch(() => {
        // Not remembered: a signed-out or slow moment must not cost the epic for the whole page.
        epicFieldIds.delete(base);
        return null;
      });
    epicFieldIds.set(base, epicField);
  }
  const epicId = await epicField;
  const fields = epicId ? `${DETAIL_FIELDS},${epicId}` : DETAIL_FIELDS;
  const url = `${base}/rest/api/2/issue/${encodeURIComponent(record.key)}?fields=${fields}`;
  const answer = restSchemas().IssueAnswer.parse(await getJson(url, request));
  request.seen?.(record.key, answer.fields);
  return detailsFromFields(record, answer.fields, epicId);
}
