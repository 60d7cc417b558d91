/**
 * What "link this record" and "new need from this record" write: a link from the record to a
 * need, and a local need prefilled from the page. Pure; the background validates both again
 * with the catalog's own schema before storing them.
 */

import type { RecordRef } from '@/utils/catalog/view';
import { safeHttpsUrl } from '@/utils/safe-url';

/** A link from the record on screen to `need`: the issue key, or the CRM system, object and id. */
export function linkValue(record: RecordRef, need: string): Record<string, unknown> {
  return record.kind === 'jira'
    ? { need, jira: { issue: record.key } }
    : { need, crm: { system: record.host, object: record.object, id: record.id } };
}

/** The title a new need starts with: the customer's name the page showed, else the record itself. */
export function suggestedTitle(record: RecordRef, recordLabel: string): string {
  return record.kind === 'crm' ? (record.names?.[0] ?? recordLabel) : record.key;
}

/** A refusal from the background, naming the field by its path (`needs.title`). */
export interface FieldError {
  path: string;
  rule: string;
}

export interface NewNeedInput {
  title: string;
  businessOwner?: string;
  itOwner?: string;
}

/** Local ids: a prefix no shared catalog is likely to use, time-ordered, unique enough per browser. */
export function localId(prefix: string, now: Date, random: () => number = Math.random): string {
  return `${prefix}-local-${now.getTime().toString(36)}-${random().toString(36).slice(2, 8)}`;
}

export function newNeedValue(
  input: NewNeedInput,
  page: { record: RecordRef; recordLabel: string; hostLabel: string; url: string },
  now: Date,
): Record<string, unknown> {
  const evidence = safeHttpsUrl(page.url);
  const customer = page.record.kind === 'crm' ? page.record.names?.[0] : undefined;
  return {
    id: localId('n', now),
    title: input.title.trim(),
    status: 'discovery',
    ...(input.businessOwner ? { businessOwner: input.businessOwner } : {}),
    ...(input.itOwner ? { itOwner: input.itOwner } : {}),
    ...(customer ? { customers: [{ name: customer }] } : {}),
    // Only an https page is kept as evidence: the catalog accepts no other links.
    ...(evidence ? { evidence: [{ label: `${page.hostLabel} ${page.recordLabel}`, url: evidence }] } : {}),
  };
}
