import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { INTERVALS } from '@/components/Sources/format';
import { sendMessage } from '@/utils/messages';
import { sourcePermission, sourceUrlProblem } from '@/utils/sync/source-id';

type Kind = 'catalog' | 'backstage';

/**
 * Adds a shared source. The browser is asked for the source's origin at the moment of the click
 * (the prompt needs the click's user activation); the background then refreshes it at once.
 */
export function AddSourceForm({
  onMessage,
}: {
  onMessage: (message: { kind: 'ok' | 'error'; text: string }) => void;
}) {
  const [url, setUrl] = useState('');
  const [kind, setKind] = useState<Kind>('catalog');
  const [minutes, setMinutes] = useState(60);

  function add(event: Event) {
    event.preventDefault();
    const address = url.trim();
    const problem = sourceUrlProblem(address);
    if (problem) return onMessage({ kind: 'error', text: `${address || 'The URL'}: ${problem}` });
    const origin = new URL(address).origin;
    browser.permissions
      .request({ origins: [sourcePermission(address)] })
      .then(async (granted) => {
        if (!granted)
          return onMessage({
            kind: 'error',
            text: `${origin}: permission was not granted, so nothing was added`,
          });
        const answer = await sendMessage({
          type: 'sources.add',
          url: address,
          kind,
          refreshMinutes: minutes,
        });
        if (!answer.ok) return onMessage({ kind: 'error', text: answer.error });
        setUrl('');
        onMessage({ kind: 'ok', text: `${address} added; Tandem is fetching it now.` });
      })
      .catch((error: unknown) => onMessage({ kind: 'error', text: String(error) }));
  }

  return (
    <form class="inline-form source-form" onSubmit={add} data-testid="source-form">
      <label>
        <span class="visually-hidden">Catalog URL</span>
        <input
          type="url"
          required
          placeholder="https://catalog.example.com/tandem.json"
          value={url}
          data-testid="source-url-input"
          onInput={(event) => setUrl(event.currentTarget.value)}
        />
      </label>
      <label>
        <span class="visually-hidden">Kind</span>
        <select
          data-testid="source-kind"
          value={kind}
          onChange={(event) => setKind(event.currentTarget.value === 'backstage' ? 'backstage' : 'catalog')}
        >
          <option value="catalog">Tandem catalog file</option>
          <option value="backstage">Backstage</option>
        </select>
      </label>
      <label>
        <span class="visually-hidden">Refresh interval</span>
        <select
          data-testid="source-add-interval"
          value={String(minutes)}
          onChange={(event) => setMinutes(Number(event.currentTarget.value))}
        >
          {INTERVALS.map(([value, label]) => (
            <option key={value} value={String(value)}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" data-testid="source-add">
        Add source
      </button>
    </form>
  );
}
