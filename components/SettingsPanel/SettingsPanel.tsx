/**
 * Settings that apply to every page: which hosts Tandem runs on, how the panel starts, the
 * keyboard command. Each change is one `settings.update` (validated and stored by the background,
 * which tells open tabs at once); a setting fixed by the administrator's policy is shown, not editable.
 */
import { useEffect, useState } from 'preact/hooks';
import { errorText, useApi, useBroadcast } from '@/components/Api/api';
import { KeyboardShortcut, type ShortcutApi } from '@/components/SettingsPanel/KeyboardShortcut';
import { HOST_IDS, type HostId } from '@/utils/catalog/view';
import type { SettingsPatch, SettingsView } from '@/utils/messages';

export const HOST_NAMES: Record<HostId, { name: string; where: string }> = {
  'jira-cloud': { name: 'Jira Cloud', where: '*.atlassian.net, *.jira.com' },
  'jira-dc': { name: 'Jira Data Center', where: 'the sites listed below' },
  salesforce: { name: 'Salesforce', where: '*.lightning.force.com, *.my.salesforce.com' },
  hubspot: { name: 'HubSpot', where: 'app.hubspot.com' },
  dynamics: { name: 'Dynamics 365', where: '*.crm.dynamics.com' },
  zendesk: { name: 'Zendesk', where: '*.zendesk.com' },
};

export function SettingsPanel({ shortcuts }: { shortcuts?: ShortcutApi }) {
  const api = useApi();
  const [settings, setSettings] = useState<SettingsView | null>(null);
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const load = () =>
    void api
      .send({ type: 'settings.get' })
      .then((answer) =>
        answer.ok ? setSettings(answer.settings) : setStatus({ kind: 'error', text: answer.error }),
      )
      .catch((error: unknown) => setStatus({ kind: 'error', text: errorText(error) }));
  useEffect(load, [api]);
  useBroadcast('settings.changed', load);

  async function update(patch: SettingsPatch, done: string) {
    try {
      const answer = await api.send({ type: 'settings.update', patch });
      if (answer.ok) {
        setSettings(answer.settings);
        setStatus({ kind: 'ok', text: `${done} Open tabs follow at once.` });
      } else {
        setStatus({
          kind: 'error',
          text:
            'error' in answer
              ? answer.error
              : answer.errors.map((error) => `${error.path}: ${error.rule}`).join('; '),
        });
      }
    } catch (error) {
      setStatus({ kind: 'error', text: errorText(error) });
    }
  }

  if (!settings) return <p class="muted">{status?.text ?? 'Loading settings…'}</p>;
  const locked = new Set(settings.locked ?? []);
  const lockNote = (key: string) =>
    locked.has(key) ? <p class="muted">Set by your administrator; it cannot be changed here.</p> : null;
  const { panel } = settings;
  const perHost = Object.keys(settings.panelByHost).length;

  return (
    <div class="settings" data-testid="settings-panel">
      <p role="status" class={status?.kind ?? 'muted'} data-testid="settings-status">
        {status?.text}
      </p>
      <section class="card" aria-labelledby="hosts-title">
        <h2 id="hosts-title">Sites</h2>
        <p class="muted">Tandem shows its panel only on the sites switched on here.</p>
        {lockNote('disabledHosts')}
        <ul class="toggles">
          {HOST_IDS.map((host) => {
            const on = !settings.disabledHosts.includes(host);
            return (
              <li key={host}>
                <label>
                  <input
                    type="checkbox"
                    data-testid={`host-toggle-${host}`}
                    checked={on}
                    disabled={locked.has('disabledHosts')}
                    onChange={() =>
                      void update(
                        {
                          disabledHosts: on
                            ? [...settings.disabledHosts, host]
                            : settings.disabledHosts.filter((kept) => kept !== host),
                        },
                        `${HOST_NAMES[host].name} switched ${on ? 'off' : 'on'}.`,
                      )
                    }
                  />{' '}
                  {HOST_NAMES[host].name} <span class="muted">({HOST_NAMES[host].where})</span>
                </label>
              </li>
            );
          })}
        </ul>
      </section>
      <section class="card" aria-labelledby="panel-title">
        <h2 id="panel-title">Panel</h2>
        {lockNote('panel')}
        <fieldset class="choice" disabled={locked.has('panel')}>
          <legend>Where the panel starts</legend>
          {(['docked', 'floating'] as const).map((layout) => (
            <label key={layout}>
              <input
                type="radio"
                name="panel-layout"
                value={layout}
                data-testid={`panel-layout-${layout}`}
                checked={panel.layout === layout}
                onChange={() =>
                  void update({ panel: { ...panel, layout } }, `The panel now starts ${layout}.`)
                }
              />{' '}
              {layout === 'docked' ? 'Docked in the page, beside the record' : 'Floating over the page'}
            </label>
          ))}
        </fieldset>
        <label class="check">
          <input
            type="checkbox"
            data-testid="panel-collapsed"
            checked={panel.collapsed}
            disabled={locked.has('panel')}
            onChange={() =>
              void update(
                { panel: { ...panel, collapsed: !panel.collapsed } },
                panel.collapsed ? 'The panel now starts open.' : 'The panel now starts collapsed.',
              )
            }
          />{' '}
          Start collapsed to a small tab
        </label>
        {perHost > 0 && (
          <p>
            You moved or collapsed the panel on {perHost === 1 ? '1 site' : `${perHost} sites`}; those choices
            win there.{' '}
            <button
              type="button"
              data-testid="panel-reset-hosts"
              onClick={() => void update({ panelByHost: {} }, 'Per-site panel choices forgotten.')}
            >
              Forget them
            </button>
          </p>
        )}
      </section>
      <KeyboardShortcut api={shortcuts} />
    </div>
  );
}
