import { useState } from 'preact/hooks';
import { AddSourceForm } from '@/components/Sources/AddSourceForm';
import { PolicyNotice } from '@/components/Sources/PolicyNotice';
import { SourceConflicts } from '@/components/Sources/SourceConflicts';
import { SourceRow } from '@/components/Sources/SourceRow';
import { FailureMark } from '@/components/Sources/SourcesMark';
import { useSources } from '@/components/Sources/use-sources';
import '@/components/Sources/sources.css';

/**
 * Shared catalog sources in the options page: add (asking for the origin's permission), reorder
 * (the first listed wins on an id conflict), set the interval, refresh now, remove; each source's
 * last result and what its last change changed; the conflicts between sources; what policy sets.
 */
export function SourcesSection() {
  const { data } = useSources();
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const locked = data.settings?.locked?.includes('sources') ?? false;

  return (
    <section class="card" id="sources" aria-labelledby="sources-title" data-testid="sources-section">
      <h2 id="sources-title">
        Shared catalogs <FailureMark sources={data.sources} />
      </h2>
      <p class="muted">
        A catalog file on any web server (or a Backstage catalog) that Tandem checks on a schedule. What it
        holds is read-only here; your own edits stay beside it and survive every refresh.
      </p>
      {data.settings && <PolicyNotice settings={data.settings} />}
      {data.error && (
        <p class="error" role="alert">
          {data.error}
        </p>
      )}
      {data.loaded && data.sources.length === 0 && <p class="muted">No shared catalog sources yet.</p>}
      <ol class="source-list" data-testid="source-list">
        {data.sources.map((source, index) => (
          <SourceRow
            key={source.id}
            source={source}
            first={index === 0}
            last={index === data.sources.length - 1}
            onMessage={setMessage}
          />
        ))}
      </ol>
      {!locked && <AddSourceForm onMessage={setMessage} />}
      {message && (
        <p
          class={message.kind === 'error' ? 'error' : 'ok'}
          role={message.kind === 'error' ? 'alert' : 'status'}
          data-testid="sources-message"
        >
          {message.text}
        </p>
      )}
      <SourceConflicts data={data} />
    </section>
  );
}
