/**
 * Settings behind the message router. Adding a Jira Data Center origin stores it and registers its
 * content script, but only once the user has granted that origin's permission (the options page
 * asks at the moment of adding); removing it unregisters the script and gives the permission back.
 */
import type { browser as Browser } from 'wxt/browser';
import type { TandemDb } from '../catalog/db';
import { formatPath } from '../catalog/validate';
import type { Handlers, SettingsView } from '../messages';
import { originPattern } from '../settings/origin';
import { readSettings, writeSettings } from '../settings/repo';
import { JiraDcOrigin, Settings } from '../settings/schema';
import { BUILD_TEST_JIRA_DC_ORIGINS, syncJiraDcScripts } from './jira-dc-scripts';

type Api = Pick<typeof Browser, 'scripting' | 'permissions'>;

export interface SettingsServiceOptions {
  db: () => Promise<TandemDb>;
  api: Api;
  notifyChanged?: () => void;
}

type SettingsHandlers = Pick<Handlers, 'settings.get' | 'settings.update' | 'jiraDc.add' | 'jiraDc.remove'>;

function view(settings: Settings): SettingsView {
  const { schemaVersion: _version, ...rest } = settings;
  return { ...rest, builtInJiraDcOrigins: [...BUILD_TEST_JIRA_DC_ORIGINS] };
}

export function createSettingsService({ db, api, notifyChanged }: SettingsServiceOptions) {
  async function current(): Promise<Settings> {
    const read = await readSettings(await db(), { jiraDcOrigins: [...BUILD_TEST_JIRA_DC_ORIGINS] });
    if (!read.ok) throw new Error(`${read.error}; they were left as they are`);
    return read.settings;
  }

  async function update(change: (settings: Settings) => Settings): Promise<Settings> {
    const next = change(await current());
    await writeSettings(await db(), next);
    await syncJiraDcScripts(api, next.jiraDcOrigins);
    notifyChanged?.();
    return next;
  }

  const handlers: SettingsHandlers = {
    async 'settings.get'() {
      return { ok: true, settings: view(await current()) };
    },
    async 'settings.update'({ patch }) {
      const next = Settings.safeParse({ ...(await current()), ...patch });
      if (!next.success) {
        return {
          ok: false,
          errors: next.error.issues.map((issue) => ({ path: formatPath(issue.path), rule: issue.message })),
        };
      }
      const settings = await update(() => next.data);
      return { ok: true, settings: view(settings) };
    },
    async 'jiraDc.add'({ origin: input }) {
      const parsed = JiraDcOrigin.safeParse(input);
      if (!parsed.success) return { ok: false, error: `${input}: ${parsed.error.issues[0]?.message}` };
      const origin = parsed.data;
      if (!(await api.permissions.contains({ origins: [originPattern(origin)] }))) {
        return { ok: false, error: `${origin}: permission was not granted, so Tandem cannot run there` };
      }
      const settings = await update((old) => ({
        ...old,
        jiraDcOrigins: old.jiraDcOrigins.includes(origin)
          ? old.jiraDcOrigins
          : [...old.jiraDcOrigins, origin],
      }));
      return { ok: true, settings: view(settings) };
    },
    async 'jiraDc.remove'({ origin }) {
      const settings = await update((old) => ({
        ...old,
        jiraDcOrigins: old.jiraDcOrigins.filter((kept) => kept !== origin),
      }));
      if (!BUILD_TEST_JIRA_DC_ORIGINS.includes(origin)) {
        await api.permissions.remove({ origins: [originPattern(origin)] }).catch(() => false);
      }
      return { ok: true, settings: view(settings) };
    },
  };

  /** Brings registered scripts in line with stored settings and granted permissions. */
  async function syncScripts(): Promise<void> {
    await syncJiraDcScripts(api, (await current()).jiraDcOrigins);
  }

  return { handlers, syncScripts, current };
}
