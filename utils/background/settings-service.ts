/**
 * Settings behind the message router. Adding a Jira Data Center origin stores it and registers its
 * content script, but only once the user has granted that origin's permission (the options page
 * asks at the moment of adding); removing it unregisters the script and gives the permission back.
 */
import type { browser as Browser } from 'wxt/browser';
import { BUILD_TEST_JIRA_DC_ORIGINS, syncJiraDcScripts } from '@/utils/background/jira-dc-scripts';
import { takingTurns } from '@/utils/background/turns';
import type { TandemDb } from '@/utils/catalog/db';
import { formatPath } from '@/utils/catalog/validate';
import type { Handlers, SettingsView } from '@/utils/messages';
import { originPattern } from '@/utils/settings/origin';
import { readSettings, writeSettings } from '@/utils/settings/repo';
import { JiraDcOrigin, Settings } from '@/utils/settings/schema';
import { canonicalJson } from '@/utils/sync/diff';
import { applyPolicy, type ManagedPolicy, NO_POLICY, parseManagedPolicy } from '@/utils/sync/policy';

type Api = Pick<typeof Browser, 'scripting' | 'permissions'>;

export interface SettingsServiceOptions {
  db: () => Promise<TandemDb>;
  api: Api;
  notifyChanged?: () => void;
  /** Reads browser policy (`storage.managed`); its keys override the user's and are locked. */
  managed?: () => Promise<unknown>;
}

/** The answer to a change of something an administrator set through policy. */
export const LOCKED_RULE = 'is set by your administrator through browser policy';

type SettingsHandlers = Pick<Handlers, 'settings.get' | 'settings.update' | 'jiraDc.add' | 'jiraDc.remove'>;

function view(settings: Settings, policy: ManagedPolicy): SettingsView {
  const { schemaVersion: _version, ...rest } = settings;
  return {
    ...rest,
    builtInJiraDcOrigins: [...BUILD_TEST_JIRA_DC_ORIGINS],
    ...(policy.locked.length > 0 ? { locked: [...policy.locked] } : {}),
    ...(policy.errors.length > 0 ? { policyErrors: policy.errors } : {}),
  };
}

export function createSettingsService({ db, api, notifyChanged, managed }: SettingsServiceOptions) {
  async function policy(): Promise<ManagedPolicy> {
    if (!managed) return NO_POLICY;
    try {
      return parseManagedPolicy(await managed());
    } catch {
      // Firefox rejects when no policies.json names the extension: no policy.
      return NO_POLICY;
    }
  }

  /** What the user saved, before policy. */
  async function stored(): Promise<Settings> {
    const read = await readSettings(await db(), { jiraDcOrigins: [...BUILD_TEST_JIRA_DC_ORIGINS] });
    if (!read.ok) throw new Error(`${read.error}; they were left as they are`);
    return read.settings;
  }

  /** The settings in effect: the user's, with what policy sets in their place. */
  async function current(): Promise<Settings> {
    return applyPolicy(await stored(), await policy());
  }

  /** Changes what the user saved (never the policy's values); answers with the settings in effect. */
  async function update(change: (settings: Settings) => Settings): Promise<Settings> {
    const next = change(await stored());
    await writeSettings(await db(), next);
    const effective = applyPolicy(next, await policy());
    await syncJiraDcScripts(api, effective.jiraDcOrigins);
    notifyChanged?.();
    return effective;
  }

  const answer = async (settings: Settings) => view(settings, await policy());
  const isLocked = async (key: ManagedPolicy['locked'][number]) => (await policy()).locked.includes(key);

  // Settings are read, changed and written whole: writers take turns, so two pages changing
  // different settings at the same moment both keep their change.
  const serially = takingTurns();

  const writers: SettingsHandlers = {
    async 'settings.get'() {
      return { ok: true, settings: await answer(await current()) };
    },
    async 'settings.update'({ patch }) {
      // A page may send a locked key back unchanged; changing it is refused, and it is never saved.
      const rules = await policy();
      const user = await stored();
      const effective = applyPolicy(user, rules);
      const changes = Object.entries(patch).filter(([, value]) => value !== undefined);
      const refused = rules.locked.filter((key) => {
        const change = changes.find(([name]) => name === key);
        if (!change) return false;
        const parsed = Settings.shape[key].safeParse(change[1]);
        return !parsed.success || canonicalJson(parsed.data) !== canonicalJson(effective[key]);
      });
      if (refused.length > 0)
        return { ok: false, errors: refused.map((path) => ({ path, rule: LOCKED_RULE })) };
      const own = changes.filter(([name]) => !rules.locked.some((key) => key === name));
      const next = Settings.safeParse({ ...user, ...Object.fromEntries(own) });
      if (!next.success) {
        return {
          ok: false,
          errors: next.error.issues.map((issue) => ({ path: formatPath(issue.path), rule: issue.message })),
        };
      }
      const settings = await update(() => next.data);
      return { ok: true, settings: await answer(settings) };
    },
    async 'jiraDc.add'({ origin: input }) {
      if (await isLocked('jiraDcOrigins'))
        return { ok: false, error: `Jira Data Center sites ${LOCKED_RULE}` };
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
      return { ok: true, settings: await answer(settings) };
    },
    async 'jiraDc.remove'({ origin }) {
      if (await isLocked('jiraDcOrigins'))
        return { ok: false, error: `Jira Data Center sites ${LOCKED_RULE}` };
      const settings = await update((old) => ({
        ...old,
        jiraDcOrigins: old.jiraDcOrigins.filter((kept) => kept !== origin),
      }));
      if (!BUILD_TEST_JIRA_DC_ORIGINS.includes(origin)) {
        await api.permissions.remove({ origins: [originPattern(origin)] }).catch(() => false);
      }
      return { ok: true, settings: await answer(settings) };
    },
  };

  /** Brings registered scripts in line with stored settings and granted permissions. */
  async function syncScripts(): Promise<void> {
    await syncJiraDcScripts(api, (await current()).jiraDcOrigins);
  }

  const handlers: SettingsHandlers = {
    'settings.get': writers['settings.get'],
    'settings.update': (request) => serially(() => writers['settings.update'](request)),
    'jiraDc.add': (request) => serially(() => writers['jiraDc.add'](request)),
    'jiraDc.remove': (request) => serially(() => writers['jiraDc.remove'](request)),
  };
  const updateInTurn = (change: (settings: Settings) => Settings) => serially(() => update(change));

  return { handlers, syncScripts, current, update: updateInTurn, policy, answer };
}
