/**
 * What Tandem stores, where, and which requests it makes, generated from the running extension:
 * the built manifest, the granted permissions, the live database and the settings
 * (utils/privacy/describe.ts). Nothing on this page is a hand-kept list.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { errorText, useApi, useBroadcast } from '@/components/Api/api';
import { describePrivacy, type ManifestFacts, type PrivacyModel } from '@/utils/privacy/describe';
import { layerLabel } from '@/utils/search/columns';

export interface PrivacySources {
  manifest(): ManifestFacts;
  grantedOrigins(): Promise<string[]>;
}

export const browserPrivacySources: PrivacySources = {
  manifest: () => browser.runtime.getManifest(),
  grantedOrigins: () => browser.permissions.getAll().then((all) => all.origins ?? []),
};

const counts = (c: { people: number; teams: number; needs: number; links: number }) =>
  `${c.people} people, ${c.teams} teams, ${c.needs} needs, ${c.links} links`;

export function PrivacyPage({ sources = browserPrivacySources }: { sources?: PrivacySources }) {
  const api = useApi();
  const [model, setModel] = useState<PrivacyModel | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = () =>
    void Promise.all([api.send({ type: 'privacy.report' }), sources.grantedOrigins()])
      .then(([answer, granted]) => {
        if (!answer.ok) return setError(answer.error);
        setModel(describePrivacy(sources.manifest(), answer.report, granted));
      })
      .catch((caught: unknown) => setError(errorText(caught)));
  useEffect(load, [api, sources]);
  useBroadcast('catalog.changed', load);
  useBroadcast('settings.changed', load);

  if (error)
    return (
      <p class="error" role="alert">
        {error}
      </p>
    );
  if (!model) return <p class="muted">Reading the extension's configuration…</p>;
  return (
    <div class="privacy" data-testid="privacy-page">
      <section class="card" aria-labelledby="stored-title">
        <h2 id="stored-title">What is stored, and where</h2>
        <p data-testid="privacy-database">
          {model.database}. Nothing is stored anywhere else, and there is no Tandem server.
        </p>
        <table data-testid="privacy-stores">
          <caption class="visually-hidden">Stores of the database and what they hold</caption>
          <thead>
            <tr>
              <th scope="col">Store</th>
              <th scope="col">Records</th>
              <th scope="col">What it holds</th>
            </tr>
          </thead>
          <tbody>
            {model.stores.map((store) => (
              <tr key={store.name} data-store={store.name}>
                <th scope="row">
                  <code>{store.name}</code>
                </th>
                <td>{store.records.toLocaleString('en')}</td>
                <td class={store.described ? '' : 'muted'}>{store.purpose}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3>Catalog layers</h3>
        {model.layers.length === 0 ? (
          <p>No catalog is stored.</p>
        ) : (
          <ul data-testid="privacy-layers">
            {model.layers.map((layer) => (
              <li key={layer.layer}>
                {layerLabel(layer.layer)}: {counts(layer.counts)} (updated{' '}
                {new Date(layer.updatedAt).toLocaleString()})
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="card" aria-labelledby="runs-title">
        <h2 id="runs-title">Where Tandem runs</h2>
        <ul data-testid="privacy-runs-on">
          {model.runsOn.map((entry) => (
            <li key={entry.patterns.join()}>
              {entry.patterns.map((pattern) => (
                <code key={pattern}>{pattern} </code>
              ))}
              <span class="muted">
                {entry.source === 'manifest' ? '(built in)' : '(Jira Data Center sites you added)'}
              </span>
            </li>
          ))}
        </ul>
        <h3>Permissions</h3>
        <ul data-testid="privacy-permissions">
          {model.permissions.map((permission) => (
            <li key={permission.name}>
              <code>{permission.name}</code>: {permission.purpose}
            </li>
          ))}
          {model.optionalOrigins.length > 0 && (
            <li>
              Optional, asked for one site at a time when you add a Jira Data Center site:{' '}
              {model.optionalOrigins.map((origin) => (
                <code key={origin}>{origin} </code>
              ))}
            </li>
          )}
          <li>
            Sites granted beyond the built-in ones:{' '}
            {model.grantedOrigins.length === 0
              ? 'none'
              : model.grantedOrigins.map((origin) => <code key={origin}>{origin} </code>)}
          </li>
        </ul>
      </section>
      <section class="card" aria-labelledby="requests-title">
        <h2 id="requests-title">Requests Tandem makes</h2>
        <table data-testid="privacy-requests">
          <caption class="visually-hidden">Every destination of a request, who makes it and when</caption>
          <thead>
            <tr>
              <th scope="col">To</th>
              <th scope="col">By</th>
              <th scope="col">When</th>
            </tr>
          </thead>
          <tbody>
            {model.requests.map((request) => (
              <tr key={`${request.to}|${request.by}`}>
                <td>
                  <code>{request.to}</code>
                </td>
                <td>{request.by}</td>
                <td>{request.when}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>No other request: no analytics, no error reporting, no Tandem server.</p>
      </section>
    </div>
  );
}
