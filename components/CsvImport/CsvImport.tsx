/**
 * CSV import of people, needs or links: the file is parsed here (papaparse), its columns mapped to
 * fields (proposed from the headers, changeable), and every row checked with the catalog's schema
 * before anything is sent; the background checks again, with references, and writes every row or
 * none. Errors name the row as a spreadsheet numbers it, the column and the rule.
 */
import { useMemo, useState } from 'preact/hooks';
import { errorText, useApi } from '@/components/Api/api';
import { CSV_FIELDS, CSV_KINDS, type CsvKind, fieldOfPath } from '@/utils/csv/fields';
import {
  autoMap,
  type ColumnMapping,
  convertRows,
  fieldLabel,
  MAX_CSV_ROWS,
  mappingProblems,
  type ParsedCsv,
  parseCsv,
  type RowError,
} from '@/utils/csv/import';
import { MAX_IMPORT_CHARS } from '@/utils/messages';

const SHOWN_ERRORS = 200;
const SAMPLE_ROWS = 3;

type Result =
  | { outcome: 'imported'; text: string }
  | { outcome: 'failed'; text: string; errors: RowError[] }
  | { outcome: 'working'; text: string };

function ErrorList({ kind, errors, testid }: { kind: CsvKind; errors: RowError[]; testid: string }) {
  return (
    <ul class="row-errors" data-testid={testid}>
      {errors.slice(0, SHOWN_ERRORS).map((error, i) => (
        <li key={i} data-testid="csv-row-error" data-row={error.row} data-field={error.field}>
          {error.row > 0 ? `Row ${error.row}` : 'File'} · {fieldLabel(kind, error.field)}: {error.rule}
        </li>
      ))}
      {errors.length > SHOWN_ERRORS && <li class="muted">and {errors.length - SHOWN_ERRORS} more</li>}
    </ul>
  );
}

export function CsvImport() {
  const api = useApi();
  const [kind, setKind] = useState<CsvKind>('people');
  const [mode, setMode] = useState<'merge' | 'replace'>('merge');
  const [file, setFile] = useState<{ name: string; parsed: ParsedCsv } | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>([]);
  const [result, setResult] = useState<Result | null>(null);

  const converted = useMemo(
    () => (file ? convertRows(kind, file.parsed, mapping) : null),
    [file, kind, mapping],
  );
  const problems = useMemo(() => (file ? mappingProblems(kind, mapping) : []), [file, kind, mapping]);

  async function choose(chosen: File) {
    setResult(null);
    if (chosen.size > MAX_IMPORT_CHARS) {
      setFile(null);
      setResult({
        outcome: 'failed',
        text: `${chosen.name} is larger than ${MAX_IMPORT_CHARS / 1024 / 1024} MB.`,
        errors: [],
      });
      return;
    }
    const parsed = parseCsv(await chosen.text());
    if (parsed.rows.length > MAX_CSV_ROWS) {
      setFile(null);
      setResult({
        outcome: 'failed',
        text: `${chosen.name} has ${parsed.rows.length} rows; the limit is ${MAX_CSV_ROWS}.`,
        errors: [],
      });
      return;
    }
    setFile({ name: chosen.name, parsed });
    setMapping(autoMap(kind, parsed.headers));
  }

  function changeKind(next: CsvKind) {
    setKind(next);
    setResult(null);
    if (file) setMapping(autoMap(next, file.parsed.headers));
  }

  async function submit() {
    if (!file || !converted) return;
    if (problems.length > 0) {
      setResult({ outcome: 'failed', text: 'Map the columns first; nothing was imported.', errors: [] });
      return;
    }
    setResult({ outcome: 'working', text: `Importing ${converted.entities.length} rows…` });
    try {
      const answer = await api.send({ type: 'catalog.importRows', kind, rows: converted.entities, mode });
      if (answer.ok) {
        setResult({
          outcome: 'imported',
          text: `Imported ${file.name}: ${answer.added} added, ${answer.updated} updated; ${answer.total} local ${kind} now.`,
        });
        return;
      }
      if ('error' in answer) {
        setResult({ outcome: 'failed', text: `Not imported: ${answer.error}`, errors: [] });
        return;
      }
      const errors = answer.errors.map((error) => ({
        row: error.row === undefined ? 0 : error.row + 2,
        field:
          error.row === undefined
            ? error.path
            : fieldOfPath(kind, error.path.split(/[.[\]]/).filter(Boolean)),
        rule: error.rule,
      }));
      setResult({
        outcome: 'failed',
        text: `${file.name} was not imported (${errors.length === 1 ? '1 error' : `${errors.length} errors`}); nothing changed.`,
        errors,
      });
    } catch (error) {
      setResult({ outcome: 'failed', text: `Not imported: ${errorText(error)}`, errors: [] });
    }
  }

  return (
    <section class="card" aria-labelledby="csv-title" data-testid="csv-import-section">
      <h2 id="csv-title">Import people, needs or links from CSV</h2>
      <p class="muted">
        One row per entity, a header row naming the columns. Lists go in one cell separated by “ | ”, such as{' '}
        <code>Globex (critical, 1M-5M) | Initech (important)</code>. The CSV export below writes the same
        columns. Every row must pass, or nothing is imported.
      </p>
      <div class="inline-choices">
        <fieldset class="choice">
          <legend>What the file holds</legend>
          {CSV_KINDS.map((option) => (
            <label key={option}>
              <input
                type="radio"
                name="csv-kind"
                value={option}
                checked={kind === option}
                onChange={() => changeKind(option)}
              />{' '}
              {option[0]?.toUpperCase()}
              {option.slice(1)}
            </label>
          ))}
        </fieldset>
        <fieldset class="choice">
          <legend>Rows</legend>
          <label>
            <input
              type="radio"
              name="csv-mode"
              checked={mode === 'merge'}
              onChange={() => setMode('merge')}
            />{' '}
            Add new ids, update existing ones
          </label>
          <label>
            <input
              type="radio"
              name="csv-mode"
              checked={mode === 'replace'}
              onChange={() => setMode('replace')}
            />{' '}
            Replace all local {kind}
          </label>
        </fieldset>
      </div>
      <label class="file">
        <span>CSV file</span>
        <input
          type="file"
          accept=".csv,text/csv"
          data-testid="csv-file"
          onChange={(event) => {
            const input = event.currentTarget;
            const chosen = input.files?.[0];
            if (chosen) void choose(chosen).finally(() => (input.value = ''));
          }}
        />
      </label>
      {file && converted && (
        <>
          <h3>Columns of {file.name}</h3>
          <div class="table-scroll">
            <table class="mapping" data-testid="csv-mapping">
              <caption class="visually-hidden">How each column of the file is read</caption>
              <thead>
                <tr>
                  <th scope="col">Column</th>
                  <th scope="col">Read as</th>
                  <th scope="col">First values</th>
                </tr>
              </thead>
              <tbody>
                {file.parsed.headers.map((header, column) => (
                  <tr key={column}>
                    <th scope="row">
                      <label for={`csv-map-${column}`}>{header || `(column ${column + 1})`}</label>
                    </th>
                    <td>
                      <select
                        id={`csv-map-${column}`}
                        data-testid={`csv-map-${column}`}
                        value={mapping[column] ?? ''}
                        onChange={(event) => {
                          const next = [...mapping];
                          next[column] = event.currentTarget.value;
                          setMapping(next);
                        }}
                      >
                        <option value="">Ignore</option>
                        {CSV_FIELDS[kind].map((field) => (
                          <option key={field.key} value={field.key}>
                            {field.label}
                            {field.required ? ' (required)' : ''}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td class="sample">
                      {file.parsed.rows
                        .slice(0, SAMPLE_ROWS)
                        .map((row) => row[column] ?? '')
                        .join(' · ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {problems.length > 0 && (
            <ul class="error" data-testid="csv-mapping-problems">
              {problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          )}
          <p data-testid="csv-summary">
            {converted.entities.length} rows;{' '}
            {converted.errors.length === 0
              ? 'every row passes.'
              : `${new Set(converted.errors.map((error) => error.row)).size} with errors:`}
          </p>
          {converted.errors.length > 0 && (
            <ErrorList kind={kind} errors={converted.errors} testid="csv-errors" />
          )}
          <button type="button" class="primary" data-testid="csv-import" onClick={() => void submit()}>
            Import {converted.entities.length} {kind}
          </button>
        </>
      )}
      {result && (
        <div
          class={`result ${result.outcome === 'failed' ? 'result--error' : result.outcome === 'imported' ? 'result--ok' : ''}`}
          role={result.outcome === 'failed' ? 'alert' : 'status'}
          data-testid="csv-result"
          data-outcome={result.outcome}
        >
          <strong>{result.text}</strong>
          {result.outcome === 'failed' && result.errors.length > 0 && (
            <ErrorList kind={kind} errors={result.errors} testid="csv-result-errors" />
          )}
        </div>
      )}
    </section>
  );
}
