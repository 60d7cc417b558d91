import { useState } from 'preact/hooks';
import { MAX_IMPORT_CHARS, sendMessage } from '@/utils/messages';

type Result =
  | { status: 'idle' }
  | { status: 'working'; fileName: string }
  | { status: 'imported'; fileName: string; text: string }
  | { status: 'failed'; fileName: string; errors: string[] };

const MB = 1024 * 1024;

/** Imports a catalog file. Validation happens in the background; a failed import changes nothing. */
export function CatalogImport({ onImported }: { onImported: () => void }) {
  const [result, setResult] = useState<Result>({ status: 'idle' });

  async function importFile(file: File) {
    setResult({ status: 'working', fileName: file.name });
    if (file.size > MAX_IMPORT_CHARS) {
      setResult({
        status: 'failed',
        fileName: file.name,
        errors: [
          `(document): is ${(file.size / MB).toFixed(1)} MB; the limit is ${MAX_IMPORT_CHARS / MB} MB`,
        ],
      });
      return;
    }
    try {
      const answer = await sendMessage({ type: 'catalog.import', text: await file.text() });
      if (answer.ok) {
        const { people, teams, needs, links } = answer.counts;
        const name = answer.name ? `${answer.name}: ` : '';
        setResult({
          status: 'imported',
          fileName: file.name,
          text: `${name}${people} people, ${teams} teams, ${needs} needs, ${links} links`,
        });
        onImported();
      } else {
        setResult({
          status: 'failed',
          fileName: file.name,
          errors:
            'error' in answer ? [answer.error] : answer.errors.map(({ path, rule }) => `${path}: ${rule}`),
        });
      }
    } catch (error) {
      setResult({
        status: 'failed',
        fileName: file.name,
        errors: [error instanceof Error ? error.message : String(error)],
      });
    }
  }

  return (
    <section class="card" aria-labelledby="import-title">
      <h2 id="import-title">Import a catalog</h2>
      <p class="muted">
        A catalog JSON file (format <code>tandem.catalog</code>, version 1). It replaces the catalog stored in
        this browser only if every rule passes.
      </p>
      <label class="file">
        <span>Catalog file</span>
        <input
          type="file"
          accept=".json,application/json"
          data-testid="catalog-import"
          onChange={(event) => {
            const input = event.currentTarget;
            const file = input.files?.[0];
            if (file) void importFile(file).finally(() => (input.value = ''));
          }}
        />
      </label>
      {result.status === 'working' && (
        <p class="muted" role="status">
          Checking {result.fileName}…
        </p>
      )}
      {result.status === 'imported' && (
        <div class="result result--ok" data-testid="import-result" data-outcome="imported" role="status">
          <strong>Imported {result.fileName}.</strong> {result.text}
        </div>
      )}
      {result.status === 'failed' && (
        <div class="result result--error" data-testid="import-result" data-outcome="failed" role="alert">
          <strong>
            {result.fileName} was not imported (
            {result.errors.length === 1 ? '1 error' : `${result.errors.length} errors`}
            ); the stored catalog is unchanged.
          </strong>
          <ul>
            {result.errors.map((error) => (
              <li key={error}>{error}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
