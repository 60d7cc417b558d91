/**
 * The options page's first view: what is stored (counts, per layer), and every way in and out:
 * catalog JSON import, CSV import, exports. The JSON import control keeps its fixed test ids
 * (docs/surfaces.md), which is why this view is the default.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { errorText, useApi, useBroadcast } from '@/components/Api/api';
import { CatalogImport } from '@/components/CatalogImport/CatalogImport';
import { CsvImport } from '@/components/CsvImport/CsvImport';
import { Exports } from '@/components/CsvImport/Exports';
import { DamagedCatalog } from '@/components/Damaged/DamagedCatalog';
import type { CatalogOverview } from '@/utils/messages';
import { layerLabel } from '@/utils/search/columns';

const count = (c: CatalogOverview['counts']) =>
  `${c.people.toLocaleString('en')} people · ${c.teams.toLocaleString('en')} teams · ${c.needs.toLocaleString('en')} needs · ${c.links.toLocaleString('en')} links`;

export function OverviewPage() {
  const api = useApi();
  const [overview, setOverview] = useState<CatalogOverview | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      const answer = await api.send({ type: 'catalog.overview' });
      if (answer.ok) {
        setOverview(answer.overview);
        setError(null);
      } else setError(answer.error);
    } catch (caught) {
      setError(errorText(caught));
    }
  }, [api]);
  useEffect(() => void load(), [load]);
  useBroadcast('catalog.changed', () => void load());

  return (
    <>
      <h2 class="page-title">Catalog &amp; import</h2>
      <section
        class="card"
        aria-labelledby="stored-title"
        data-testid="catalog-overview"
        data-empty={overview === null}
      >
        <h2 id="stored-title">{overview?.name ?? 'Stored catalog'}</h2>
        {error && /damaged/i.test(error) && <DamagedCatalog detail={error} />}
        {error && !/damaged/i.test(error) && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        {overview === undefined && !error && <p class="muted">Loading…</p>}
        {overview === null && (
          <p>
            Nothing is stored yet. Import a catalog file below, or start from nothing: add{' '}
            <a href="#people">people</a>, then a <a href="#teams">team</a> and a <a href="#needs">need</a>,
            and <a href="#links">link the need to a Jira issue or a CRM record</a>.
          </p>
        )}
        {overview && (
          <>
            <p data-testid="catalog-counts">{count(overview.counts)}</p>
            <ul class="layers">
              {overview.layers.map((layer) => (
                <li key={layer.layer}>
                  <strong>{layerLabel(layer.layer)}</strong>
                  {layer.name && <> “{layer.name}”</>}: {count(layer.counts)}{' '}
                  <span class="muted">(updated {new Date(layer.updatedAt).toLocaleString()})</span>
                </li>
              ))}
            </ul>
            {overview.conflicts > 0 && (
              <p class="muted">
                {overview.conflicts} ids are defined in more than one layer; the shared catalog listed first
                wins.
              </p>
            )}
            {overview.warnings.length > 0 && (
              <details>
                <summary>{overview.warnings.length} references point at nothing</summary>
                <ul class="row-errors">
                  {overview.warnings.map((warning) => (
                    <li key={`${warning.path}:${warning.rule}`}>
                      {warning.path}: {warning.rule}
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </>
        )}
      </section>
      <CatalogImport onImported={() => void load()} />
      <CsvImport />
      <Exports />
    </>
  );
}
