import { useState } from 'preact/hooks';

/**
 * Long lists show their first `limit` items and a button with the count of the rest. The button
 * goes after the list, never inside it, so lists keep only list items.
 */
export function useFold<T>(
  items: readonly T[],
  limit: number,
  noun = '',
): [readonly T[], preact.JSX.Element | null] {
  const [open, setOpen] = useState(false);
  // Folding away a single item saves no room.
  if (items.length <= limit + 1) return [items, null];
  const button = (
    <button type="button" class="more" aria-expanded={open} onClick={() => setOpen(!open)}>
      {open ? 'Show fewer' : `Show ${items.length - limit} more${noun}`}
    </button>
  );
  return [open ? items : items.slice(0, limit), button];
}
