/**
 * The options page: the catalog (overview and import, then one table per kind), sites and panel
 * settings, shared catalogs and privacy, one view at a time, chosen by the URL's hash so the
 * popup can link to an entity (`#needs/n-reorder`).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { type Api, ApiContext, browserApi } from '@/components/Api/api';
import { OutcomesPage } from '@/components/Outcomes/OutcomesPage';
import { PrivacyPage } from '@/components/Privacy/PrivacyPage';
import { SourcesSection } from '@/components/Sources/SourcesSection';
import { StaleNotice } from '@/components/Stale/StaleNotice';
import { CatalogPage } from '@/entrypoints/options/pages/CatalogPage';
import { OverviewPage } from '@/entrypoints/options/pages/OverviewPage';
import { SettingsPage } from '@/entrypoints/options/pages/SettingsPage';
import { isEntityView, parseHash, type Route, VIEWS } from '@/entrypoints/options/router';

export function App({ api = browserApi }: { api?: Api }) {
  const [route, setRoute] = useState<Route>(() => parseHash(location.hash));
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  useEffect(() => {
    const onHash = () => setRoute(parseHash(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    // After a change of view, reading starts at its heading (not on the first load).
    if (first.current) first.current = false;
    else main.current?.focus();
    document.title = `Tandem: ${VIEWS.find((view) => view.id === route.view)?.label ?? 'options'}`;
  }, [route.view]);

  const { view } = route;
  return (
    <ApiContext.Provider value={api}>
      <div class="options">
        <header class="options__head">
          <h1>Tandem</h1>
          <p class="muted">
            The customer need, the business and IT owners and the team behind the work, on Jira and CRM pages.
          </p>
        </header>
        <StaleNotice />
        <nav class="options__nav" aria-label="Options sections">
          <ul>
            {VIEWS.map((item) => (
              <li key={item.id}>
                <a
                  href={`#${item.id}`}
                  aria-current={item.id === view ? 'page' : undefined}
                  data-testid={`nav-${item.id}`}
                >
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main class="options__main" ref={main} tabIndex={-1} data-testid="options-view" data-view={view}>
          {view === 'overview' && <OverviewPage />}
          {isEntityView(view) && <CatalogPage key={view} kind={view} openId={route.id} />}
          {view === 'outcomes' && <OutcomesPage />}
          {view === 'settings' && <SettingsPage />}
          {view === 'sources' && (
            <>
              <h2 class="page-title">Shared catalogs</h2>
              <SourcesSection />
            </>
          )}
          {view === 'privacy' && (
            <>
              <h2 class="page-title">Privacy</h2>
              <PrivacyPage />
            </>
          )}
        </main>
      </div>
    </ApiContext.Provider>
  );
}
