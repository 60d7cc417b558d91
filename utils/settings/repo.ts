/** Settings in IndexedDB: read with validation (defaults when absent), written whole. */
import type { TandemDb } from '@/utils/catalog/db';
import { migrateSettings } from '@/utils/settings/migrate';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, Settings } from '@/utils/settings/schema';

export type SettingsRead = { ok: true; settings: Settings } | { ok: false; error: string };

/** `initial` overrides defaults for a browser that never saved settings (a test build's sites). */
export async function readSettings(db: TandemDb, initial: Partial<Settings> = {}): Promise<SettingsRead> {
  const record = await db.get('settings', 'settings');
  if (!record) return { ok: true, settings: { ...DEFAULT_SETTINGS, ...initial } };
  const parsed = Settings.safeParse(migrateSettings(record.value));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      error: `stored settings are invalid at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
    };
  }
  return { ok: true, settings: parsed.data };
}

export async function writeSettings(db: TandemDb, settings: Settings): Promise<void> {
  await db.put('settings', {
    key: 'settings',
    schemaVersion: SETTINGS_VERSION,
    value: Settings.parse(settings),
  });
}
