import { diffSummary, formatTime } from '@/components/Sources/format';
import type { CatalogDiff, KindDiff } from '@/utils/sync/status';

const KINDS = [
  ['needs', 'Needs'],
  ['teams', 'Teams'],
  ['people', 'People'],
] as const;

interface ListProps {
  kind: string;
  label: string;
  change: 'added' | 'changed' | 'removed';
  diff: KindDiff;
}

function List({ kind, label, change, diff }: ListProps) {
  const items = diff[change];
  const count = diff[`${change}Count`];
  if (count === 0) return null;
  return (
    <div data-testid="source-change-list" data-kind={kind} data-change={change}>
      <strong>
        {label} {change} ({count})
      </strong>
      <ul>
        {items.map((item) => (
          <li key={item.id} data-testid="source-change-item" data-id={item.id}>
            {item.label} <code class="muted">{item.id}</code>
          </li>
        ))}
        {count > items.length && <li class="muted">and {count - items.length} more</li>}
      </ul>
    </div>
  );
}

/** What the last refresh that changed something changed: counts, then the lists. */
export function SourceChanges({ at, diff }: { at: string; diff: CatalogDiff }) {
  return (
    <details class="source__changes" data-testid="source-changes" open={!diff.initial}>
      <summary>
        {diff.initial ? 'First catalog' : 'What changed'} on {formatTime(at)}:{' '}
        <span data-testid="source-changes-summary">{diffSummary(diff)}</span>
      </summary>
      {!diff.initial &&
        KINDS.map(([key, label]) => (
          <div key={key} class="source__change-kind">
            <List kind={key} label={label} change="added" diff={diff[key]} />
            <List kind={key} label={label} change="changed" diff={diff[key]} />
            <List kind={key} label={label} change="removed" diff={diff[key]} />
          </div>
        ))}
    </details>
  );
}
