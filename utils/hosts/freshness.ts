/**
 * Tells a view that already shows the record the URL names from the previous record's view that is
 * still on screen. CRM hosts change the URL first and the DOM later, keep old views in the DOM
 * (Salesforce), or rebuild a form that briefly shows the old title (Dynamics; docs/hosts.md).
 * The URL is the source of truth for which record; these memories only say "not yet".
 */
import type { Detection } from '@/utils/hosts/types';

/**
 * Remembers which record each view element was shown for. A host that creates one view per record
 * and keeps it (Lightning's cached views) never shows another record in the same element, so a
 * view seen for record A is stale while the URL names record B.
 */
export interface ViewBinding {
  /** The view was seen showing another record. */
  ownedByAnother(view: Element, record: string): boolean;
  bind(view: Element, record: string): void;
}

export function createViewBinding(): ViewBinding {
  const owners = new WeakMap<Element, string>();
  return {
    ownedByAnother(view, record) {
      const owner = owners.get(view);
      return owner !== undefined && owner !== record;
    },
    bind(view, record) {
      owners.set(view, record);
    },
  };
}

/**
 * Remembers the name the last accepted record showed. A host that re-renders in place (React) can
 * keep the previous record's title for a moment after the URL changed; a title equal to the one
 * the previous record had is taken as stale. Two records with the same name then wait for the
 * loop's floating fallback, which is the safe side.
 */
export interface NameMemory {
  isStale(record: string, name: string): boolean;
  remember(record: string, name: string): void;
}

export function createNameMemory(): NameMemory {
  let last: { record: string; name: string } | null = null;
  return {
    isStale(record, name) {
      return last !== null && last.record !== record && last.name === name;
    },
    remember(record, name) {
      last = { record, name };
    },
  };
}

/** A customer name as the resolver wants it: trimmed, single-spaced, bounded. */
export function cleanName(text: string | null | undefined): string | null {
  const name = (text ?? '').replace(/\s+/g, ' ').trim().slice(0, 200);
  return name.length > 0 ? name : null;
}

/**
 * The detection with `names` added after the ones it already has, in the order the panel loop
 * merges them, so that reading the same page twice yields an equal record (and no new lookup).
 */
export function addNames(detection: Detection, names: readonly string[]): Detection {
  const { record } = detection;
  if (record.kind !== 'crm' || names.length === 0) return detection;
  const merged = [...new Set([...(record.names ?? []), ...names])];
  return { ...detection, record: { ...record, names: merged } };
}
