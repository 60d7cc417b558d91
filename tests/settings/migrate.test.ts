import { describe, expect, it } from 'vitest';
import { openTandemDb } from '@/utils/catalog/db';
import { migrateSettings } from '@/utils/settings/migrate';
import { readSettings, writeSettings } from '@/utils/settings/repo';
import { DEFAULT_SETTINGS, Settings } from '@/utils/settings/schema';

describe('settings versions', () => {
  it('brings a version-1 value forward, keeping what it held', () => {
    const migrated = Settings.parse(
      migrateSettings({
        schemaVersion: 1,
        disabledHosts: ['zendesk'],
        jiraDcOrigins: ['https://jira.acme-dc.example'],
      }),
    );
    expect(migrated).toEqual({
      ...DEFAULT_SETTINGS,
      disabledHosts: ['zendesk'],
      jiraDcOrigins: ['https://jira.acme-dc.example'],
    });
  });

  it('reads a stored version-1 value through the migration', async () => {
    const db = await openTandemDb({ name: 'settings-v1' });
    await db.put('settings', {
      key: 'settings',
      schemaVersion: 1,
      value: { schemaVersion: 1, disabledHosts: ['hubspot'] },
    });
    expect(await readSettings(db)).toEqual({
      ok: true,
      settings: { ...DEFAULT_SETTINGS, disabledHosts: ['hubspot'] },
    });
    db.close();
  });

  it('round-trips the current version', async () => {
    const db = await openTandemDb({ name: 'settings-v2' });
    const settings: Settings = {
      ...DEFAULT_SETTINGS,
      panel: { layout: 'floating', collapsed: true },
      panelByHost: { 'jira-cloud': { collapsed: false } },
      pinnedTeams: ['t-checkout'],
      sources: [
        { id: 'acme', url: 'https://catalog.acme.example/tandem.json', kind: 'catalog', refreshMinutes: 60 },
      ],
    };
    await writeSettings(db, settings);
    expect(await readSettings(db)).toEqual({ ok: true, settings });
    db.close();
  });

  it('says where stored settings are invalid rather than resetting them', async () => {
    const db = await openTandemDb({ name: 'settings-bad' });
    await db.put('settings', {
      key: 'settings',
      schemaVersion: 2,
      value: { schemaVersion: 2, pinnedTeams: 'all' },
    });
    expect(await readSettings(db)).toEqual({
      ok: false,
      error: 'stored settings are invalid at pinnedTeams: Invalid input: expected array, received string',
    });
    db.close();
  });

  it('refuses a source that is neither https nor loopback http', () => {
    const parsed = Settings.safeParse({
      schemaVersion: 2,
      sources: [{ id: 'x', url: 'http://catalog.acme.example/c.json' }],
    });
    expect(parsed.success).toBe(false);
    expect(
      Settings.safeParse({ schemaVersion: 2, sources: [{ id: 'x', url: 'http://127.0.0.1:8080/c.json' }] })
        .success,
    ).toBe(true);
  });
});
