/**
 * Exports, as downloads: the whole merged catalog or only the local edits (a catalog document of
 * their own, for a catalog owner to merge) as JSON, and people, needs or links as CSV with every
 * cell neutralised against spreadsheet formulas. The background builds the text.
 */
import { useState } from 'preact/hooks';
import { errorText, useApi } from '@/components/Api/api';
import { CSV_KINDS, type CsvKind } from '@/utils/csv/fields';
import type { RequestOf } from '@/utils/messages';

export function download(fileName: string, mime: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${mime};charset=utf-8` }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.rel = 'noopener';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function Exports() {
  const api = useApi();
  const [kind, setKind] = useState<CsvKind>('needs');
  const [scope, setScope] = useState<'merged' | 'local'>('merged');
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  async function run(request: Omit<RequestOf<'catalog.export'>, 'type'>) {
    setStatus(null);
    try {
      const answer = await api.send({ type: 'catalog.export', ...request });
      if (!answer.ok) return setStatus({ kind: 'error', text: answer.error });
      download(answer.fileName, answer.mime, answer.text);
      setStatus({ kind: 'ok', text: `Saved ${answer.fileName}.` });
    } catch (error) {
      setStatus({ kind: 'error', text: errorText(error) });
    }
  }

  return (
    <section class="card" aria-labelledby="export-title" data-testid="export-section">
      <h2 id="export-title">Export</h2>
      <h3>Catalog JSON</h3>
      <p class="muted">
        The whole catalog as this browser sees it (shared catalogs and local edits merged), or only the local
        edits: the people, teams, needs and links made or imported here, as a catalog file a catalog owner can
        merge.
      </p>
      <div class="actions">
        <button
          type="button"
          data-testid="export-json-merged"
          onClick={() => void run({ scope: 'merged', format: 'json' })}
        >
          Export the whole catalog
        </button>
        <button
          type="button"
          data-testid="export-json-local"
          onClick={() => void run({ scope: 'local', format: 'json' })}
        >
          Export local edits only
        </button>
      </div>
      <h3>CSV</h3>
      <div class="inline-form">
        <label>
          <span>Kind </span>
          <select
            data-testid="export-csv-kind"
            value={kind}
            onChange={(event) => setKind(CSV_KINDS.find((k) => k === event.currentTarget.value) ?? 'needs')}
          >
            {CSV_KINDS.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>From </span>
          <select
            data-testid="export-csv-scope"
            value={scope}
            onChange={(event) => setScope(event.currentTarget.value === 'local' ? 'local' : 'merged')}
          >
            <option value="merged">the whole catalog</option>
            <option value="local">local edits only</option>
          </select>
        </label>
        <button
          type="button"
          data-testid="export-csv"
          onClick={() => void run({ scope, format: 'csv', kind })}
        >
          Export CSV
        </button>
      </div>
      {status && (
        <p
          class={status.kind}
          role={status.kind === 'error' ? 'alert' : 'status'}
          data-testid="export-status"
        >
          {status.text}
        </p>
      )}
    </section>
  );
}
