import { layerLabel } from '@/components/Sources/format';
import type { SourcesData } from '@/components/Sources/use-sources';

const KIND_NAMES = { people: 'person', teams: 'team', needs: 'need', links: 'link' } as const;

/** Ids defined by more than one layer (the first listed wins), and references that no longer resolve. */
export function SourceConflicts({ data }: { data: SourcesData }) {
  const sources = data.settings?.sources ?? [];
  if (data.conflicts.length === 0 && data.warnings.length === 0) return null;
  return (
    <div class="source-conflicts">
      {data.conflicts.length > 0 && (
        <div data-testid="source-conflicts">
          <h3>Defined in more than one place ({data.conflicts.length})</h3>
          <p class="muted">The first source listed wins; your local catalog comes after every shared one.</p>
          <ul>
            {data.conflicts.map((conflict) => (
              <li
                key={`${conflict.kind}:${conflict.id}:${conflict.dropped}`}
                data-testid="source-conflict"
                data-kind={conflict.kind}
                data-id={conflict.id}
              >
                {KIND_NAMES[conflict.kind]} <code>{conflict.id}</code>: kept from{' '}
                <span data-testid="conflict-kept">{layerLabel(conflict.kept, sources)}</span>, ignored in{' '}
                <span data-testid="conflict-dropped">{layerLabel(conflict.dropped, sources)}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {data.warnings.length > 0 && (
        <div data-testid="source-warnings">
          <h3>References that do not resolve ({data.warnings.length})</h3>
          <p class="muted">Usually a shared catalog removed something a local edit still names.</p>
          <ul>
            {data.warnings.map((warning) => (
              <li key={`${warning.path}:${warning.rule}`}>
                <code>{warning.path}</code>: {warning.rule}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
