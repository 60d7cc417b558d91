import type { Warning } from '@/utils/catalog/warnings';

/** Freshness warnings, each a short label and the reason, as text. */
export function Warnings({ items }: { items: Warning[] }) {
  if (items.length === 0) return null;
  return (
    <ul class="warnings" aria-label="Warnings">
      {items.map((warning) => (
        <li key={warning.kind} class="warning" data-testid="tandem-warning" data-warning={warning.kind}>
          <strong>{warning.label}.</strong> {warning.detail}
        </li>
      ))}
    </ul>
  );
}
