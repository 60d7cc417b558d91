/**
 * The organisation's sites, per host, as the merged catalog names them (catalog `sites`). Where a
 * host's sites are named, the panel shows catalog data only on those origins (the same key on
 * another company's site is another record); where none are, every site of that host matches.
 * A site can be added to the local layer's `sites` here: the panel's "not a site the catalog
 * covers" points to this section.
 */
import { useEffect, useState } from 'preact/hooks';
import { errorText, useApi, useBroadcast } from '@/components/Api/api';
import type { SiteKey } from '@/utils/hosts/host-ids';

const NAMES: Record<SiteKey, string> = {
  jira: 'Jira (Cloud and Data Center)',
  salesforce: 'Salesforce',
  hubspot: 'HubSpot',
  dynamics: 'Dynamics 365',
  zendesk: 'Zendesk',
};

export function CatalogSites() {
  const api = useApi();
  const [hosts, setHosts] = useState<{ key: SiteKey; origins: string[] }[] | null>(null);
  const [key, setKey] = useState<SiteKey>('jira');
  const [input, setInput] = useState('');
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);

  const load = () =>
    void api
      .send({ type: 'sites.list' })
      .then((answer) =>
        answer.ok ? setHosts(answer.hosts) : setMessage({ kind: 'error', text: answer.error }),
      )
      .catch((error: unknown) => setMessage({ kind: 'error', text: errorText(error) }));
  useEffect(load, [api]);
  useBroadcast('catalog.changed', load);

  async function add(event: Event) {
    event.preventDefault();
    try {
      const answer = await api.send({ type: 'sites.add', key, origin: input });
      if (!answer.ok) return setMessage({ kind: 'error', text: answer.error });
      setInput('');
      setMessage({ kind: 'ok', text: `${input.trim()} added to your catalog's ${NAMES[key]} sites.` });
      load();
    } catch (error) {
      setMessage({ kind: 'error', text: errorText(error) });
    }
  }

  return (
    <section class="card" aria-labelledby="catalog-sites-title" data-testid="catalog-sites">
      <h2 id="catalog-sites-title">Your organisation's sites</h2>
      <p class="muted">
        Where the catalog names a host's sites, the panel shows its data only there: the same issue key on
        another company's site is another record.
      </p>
      <ul class="site-list">
        {hosts?.map((host) => (
          <li key={host.key} data-testid="catalog-sites-host" data-key={host.key}>
            <strong>{NAMES[host.key]}:</strong>{' '}
            {host.origins.length === 0 ? (
              <span class="muted" data-testid="catalog-sites-all">
                the catalog names no site, so every {NAMES[host.key]} site matches
              </span>
            ) : (
              host.origins.map((origin) => (
                <code key={origin} data-testid="catalog-site">
                  {origin}{' '}
                </code>
              ))
            )}
          </li>
        ))}
      </ul>
      <form class="inline-form" onSubmit={add}>
        <label>
          <span class="visually-hidden">Host</span>
          <select
            value={key}
            data-testid="catalog-sites-key"
            onChange={(event) => setKey(event.currentTarget.value as SiteKey)}
          >
            {(Object.keys(NAMES) as SiteKey[]).map((name) => (
              <option key={name} value={name}>
                {NAMES[name]}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span class="visually-hidden">Site address</span>
          <input
            type="url"
            placeholder="https://acme.atlassian.net"
            value={input}
            data-testid="catalog-sites-input"
            onInput={(event) => setInput(event.currentTarget.value)}
          />
        </label>
        <button type="submit" data-testid="catalog-sites-add">
          Add site
        </button>
      </form>
      {message && (
        <p class={message.kind} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
