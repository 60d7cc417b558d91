/**
 * What the panel draws for a record's work items, worked out in the background from the needs and
 * the cached statuses (content scripts only draw it): each key's status, assignee and plan, where
 * a status came from a Jira tab how old it is, and the needs that look shipped.
 */

import type { NeedView } from '@/utils/catalog/view';
import { isShippedButInDelivery, type StatusCategory } from '@/utils/catalog/warnings';
import type { WorkItemStatus } from '@/utils/content-messages';
import type { CachedStatus } from '@/utils/jira-status/cache';

/** `just now`, `5 min ago`, `3 h ago`, `2 d ago`. */
export function ageText(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} d ago`;
}

/**
 * Undefined while Jira has not answered for the key (the panel then shows the key alone); `unknown`
 * when it answered without it (an issue that does not exist or that the user may not see).
 */
export function workItemStatus(
  key: string,
  entry: CachedStatus | undefined,
  now: number,
): WorkItemStatus | undefined {
  if (!entry) return undefined;
  const status = entry.status;
  if (!status) return { key, category: 'unknown' };
  const plan = status.fixVersion
    ? `Fix version ${status.fixVersion}`
    : status.due
      ? `Due ${status.due}`
      : undefined;
  return {
    key,
    category: status.category,
    status: status.status,
    ...(status.assignee ? { assignee: status.assignee } : {}),
    ...(plan ? { plan } : {}),
    ...(entry.from === 'tab' ? { seen: `seen ${ageText(now - entry.at)} in your Jira tab` } : {}),
  };
}

/** Every work key of the needs, once, in the order the needs list them. */
export function workKeysOf(needs: readonly NeedView[]): string[] {
  return [...new Set(needs.flatMap((need) => need.workItems.map((item) => item.key)))];
}

/** Ids of the needs whose work items are all done while they still say in-delivery. */
export function shippedNeeds(needs: readonly NeedView[], items: readonly WorkItemStatus[]): string[] {
  const categories = new Map<string, StatusCategory>(items.map((item) => [item.key, item.category]));
  return needs.filter((need) => isShippedButInDelivery(need, categories)).map((need) => need.id);
}
