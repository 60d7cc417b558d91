import { describe, expect, it } from 'vitest';
import { contentSchemas } from '@/utils/content-messages';
import { SettingsView } from '@/utils/messages';

const { Broadcast, PanelSettings, PanelSettingsAnswer, PanelSettingsUpdateAnswer, TabQuery } =
  contentSchemas();

const settings: SettingsView = {
  disabledHosts: ['zendesk'],
  jiraDcOrigins: ['https://jira.acme.example'],
  builtInJiraDcOrigins: [],
  panel: { layout: 'docked', collapsed: false },
  panelByHost: { salesforce: { layout: 'floating' }, 'jira-cloud': { collapsed: true } },
  pinnedTeams: ['t-checkout'],
  sources: [{ id: 's-1', url: 'https://catalog.acme.example/c.json', kind: 'catalog', refreshMinutes: 60 }],
  locked: ['sources'],
};

describe('what content scripts read', () => {
  it('reads of the settings only what the panel needs, from the settings every surface sees', () => {
    expect(SettingsView.parse(settings)).toEqual(settings);
    expect(PanelSettings.parse(settings)).toEqual({
      disabledHosts: ['zendesk'],
      panel: { layout: 'docked', collapsed: false },
      panelByHost: { salesforce: { layout: 'floating' }, 'jira-cloud': { collapsed: true } },
    });
  });

  it('refuses settings whose panel part is wrong, naming the field', () => {
    const wrong = { ...settings, panelByHost: { hubspot: { layout: 'sideways' } } };
    const parsed = PanelSettings.safeParse(wrong);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['panelByHost', 'hubspot', 'layout']);
  });

  it('reads a failure of settings.get and settings.update in its own shape', () => {
    expect(PanelSettingsAnswer.parse({ ok: false, error: 'no space left on disk' })).toEqual({
      ok: false,
      error: 'no space left on disk',
    });
    const refused = { ok: false, errors: [{ path: 'panelByHost', rule: 'unknown host' }] };
    expect(PanelSettingsUpdateAnswer.parse(refused)).toEqual(refused);
  });

  it('takes only the broadcasts and tab queries it knows', () => {
    expect(Broadcast.parse({ type: 'catalog.changed', revision: 3 })).toEqual({
      type: 'catalog.changed',
      revision: 3,
    });
    expect(Broadcast.safeParse({ type: 'catalog.changed' }).success).toBe(false);
    expect(Broadcast.safeParse({ type: 'catalog.deleted' }).success).toBe(false);
    expect(TabQuery.safeParse({ type: 'panel.status' }).success).toBe(true);
    expect(TabQuery.safeParse({ type: 'panel.open' }).success).toBe(false);
  });
});
