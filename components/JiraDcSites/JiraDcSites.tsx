import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { onBroadcast } from '@/utils/content-messages';
import { exactOrigin } from '@/utils/exact-origin';
import { type SettingsView, sendMessage } from '@/utils/messages';
import { originPattern } from '@/utils/settings/origin';

/** Said when an `http:` site is added: allowed on an intranet, never silently. */
const HTTP_WARNING =
  ' Warning: this site uses http, so what Tandem reads there travels unencrypted; use its https address if it has one.';

/**
 * Jira Data Center sites. Adding one asks the browser for that one origin's permission right
 * then (the click is the user gesture the prompt needs); removing one gives it back.
 */
export function JiraDcSites() {
  const [settings, setSettings] = useState<SettingsView | null>(null);
  const [input, setInput] = useState('');
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);

  const load = async () => {
    const answer = await sendMessage({ type: 'settings.get' });
    if (answer.ok) setSettings(answer.settings);
    else setMessage({ kind: 'error', text: answer.error });
  };
  useEffect(() => {
    void load();
    return onBroadcast((broadcast) => {
      if (broadcast.type === 'settings.changed') void load();
    });
  }, []);

  function add(event: Event) {
    event.preventDefault();
    const exact = exactOrigin(input, { allowHttp: true, allowPath: true });
    if (!exact.ok) {
      setMessage({ kind: 'error', text: `${input || 'The address'}: ${exact.reason}` });
      return;
    }
    const { origin } = exact;
    // Called before any await: the permission prompt needs the click's user activation.
    browser.permissions
      .request({ origins: [originPattern(origin)] })
      .then(async (granted) => {
        if (!granted) {
          setMessage({ kind: 'error', text: `${origin}: permission was not granted, so nothing was added` });
          return;
        }
        const answer = await sendMessage({ type: 'jiraDc.add', origin });
        if (!answer.ok) return setMessage({ kind: 'error', text: answer.error });
        setSettings(answer.settings);
        setInput('');
        setMessage({
          kind: 'ok',
          text: `${origin} added. Open or reload a Jira page there to see the panel.${exact.http ? HTTP_WARNING : ''}`,
        });
      })
      .catch((error: unknown) => setMessage({ kind: 'error', text: String(error) }));
  }

  async function remove(origin: string) {
    const answer = await sendMessage({ type: 'jiraDc.remove', origin });
    if (!answer.ok) return setMessage({ kind: 'error', text: answer.error });
    setSettings(answer.settings);
    setMessage({ kind: 'ok', text: `${origin} removed; Tandem no longer runs there.` });
  }

  return (
    <section class="card" aria-labelledby="jira-dc-title">
      <h2 id="jira-dc-title">Jira Data Center sites</h2>
      <p class="muted">
        Jira Cloud sites work as they are. For Jira Data Center or Server, add the site's address; the browser
        asks you to allow Tandem on that one site.
      </p>
      <form class="inline-form" onSubmit={add}>
        <label>
          <span class="visually-hidden">Site address</span>
          <input
            type="url"
            placeholder="https://jira.example.com"
            value={input}
            data-testid="jira-dc-origin-input"
            onInput={(event) => setInput(event.currentTarget.value)}
          />
        </label>
        <button type="submit" data-testid="jira-dc-add">
          Add site
        </button>
      </form>
      {message && (
        <p
          class={message.kind === 'error' ? 'error' : 'ok'}
          role={message.kind === 'error' ? 'alert' : 'status'}
        >
          {message.text}
        </p>
      )}
      <ul class="site-list" data-testid="jira-dc-origins">
        {settings?.jiraDcOrigins.map((origin) => (
          <li key={origin} data-testid="jira-dc-origin" data-origin={origin}>
            <code>{origin}</code>
            {origin.startsWith('http:') && (
              <span class="error" data-testid="jira-dc-http-warning">
                (not encrypted: http)
              </span>
            )}
            {settings.builtInJiraDcOrigins.includes(origin) && (
              <span class="muted">(granted by this test build)</span>
            )}
            <button type="button" data-testid="jira-dc-remove" onClick={() => void remove(origin)}>
              Remove
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
