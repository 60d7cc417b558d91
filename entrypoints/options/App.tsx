import { useCallback, useEffect, useState } from 'preact/hooks';
import { CatalogImport } from '@/components/CatalogImport/CatalogImport';
import { CatalogOverview } from '@/components/CatalogOverview/CatalogOverview';
import { JiraDcSites } from '@/components/JiraDcSites/JiraDcSites';
import { SourcesSection } from '@/components/Sources/SourcesSection';
import { type CatalogSummary, onBroadcast, sendMessage } from '@/utils/messages';

type SummaryState =
  | { status: 'loading' }
  | { status: 'ready'; summary: CatalogSummary | null }
  | { status: 'error'; message: string };

/** The options page, first cut: import a catalog and see what is stored. */
export function App() {
  const [state, setState] = useState<SummaryState>({ status: 'loading' });

  const refresh = useCallback(async () => {
    try {
      const answer = await sendMessage({ type: 'catalog.summary' });
      setState(
        answer.ok ? { status: 'ready', summary: answer.summary } : { status: 'error', message: answer.error },
      );
    } catch (error) {
      setState({ status: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }, []);

  useEffect(() => {
    void refresh();
    return onBroadcast((message) => {
      if (message.type === 'catalog.changed') void refresh();
    });
  }, [refresh]);

  return (
    <main class="options">
      <header class="options__head">
        <h1>Tandem</h1>
        <p class="muted">
          The customer need, the business and IT owners and the team behind the work, on Jira and CRM pages.
        </p>
      </header>
      <CatalogImport onImported={refresh} />
      {state.status === 'loading' && <p class="muted">Loading the stored catalog…</p>}
      {state.status === 'error' && (
        <p class="error" role="alert">
          {state.message}
        </p>
      )}
      {state.status === 'ready' && <CatalogOverview summary={state.summary} />}
      <SourcesSection />
      <JiraDcSites />
    </main>
  );
}
