/**
 * Whether an in-delivery need's IT work is all done, from the status category of each linked Jira
 * item (read by the background from the catalog's own Jira sites). Unknown statuses never count as
 * done: with any key unknown, or no key at all, the answer is no.
 *
 * The panel's work-status rule lives with the other warnings (utils/catalog/warnings.ts); when
 * both exist, this stays the one the outcomes page calls, delegating to it.
 */
export type StatusCategory = 'new' | 'indeterminate' | 'done';

/** Jira key (upper case) -> its status category. */
export type StatusCategories = ReadonlyMap<string, StatusCategory | string>;

export function allWorkDone(keys: readonly string[], statuses: StatusCategories): boolean {
  return keys.length > 0 && keys.every((key) => statuses.get(key.toUpperCase()) === 'done');
}
