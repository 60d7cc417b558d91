/**
 * Whether an in-delivery need's IT work is all done, from the status category of each linked Jira
 * item (read by the background from the catalog's own Jira sites). The rule is the panel's own
 * "shipped, still in delivery" warning (utils/catalog/warnings.ts): unknown statuses never count as
 * done, so with any key unknown, or no key at all, the answer is no.
 */
import { isShippedButInDelivery } from '@/utils/catalog/warnings';

/** Jira key (upper case) -> its status category. */
export type StatusCategories = ReadonlyMap<string, string>;

export function allWorkDone(keys: readonly string[], statuses: StatusCategories): boolean {
  return isShippedButInDelivery({ status: 'in-delivery', workItems: keys.map((key) => ({ key })) }, (key) =>
    statuses.get(key.toUpperCase()) === 'done' ? 'done' : undefined,
  );
}
