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
import { log } from '@/utils/log';
import type { Handlers, SettingsView } from '@/utils/messages';
import { originPattern } from '@/utils/settings/origin';
import { readSettings, writeSettings } from '@/utils/settings/repo';
import { JiraDcOrigin, Settings } from '@/utils/settings/schema';
import { canonicalJson } from '@/utils/sync/diff';
import { applyPolicy, type ManagedPolicy, NO_POLICY, parseManagedPolicy } from '@/utils/sync/policy';
import { readPolicySnapshot, writePolicySnapshot } from '@/utils/sync/policy-snapshot';

type Api = Pick<typeof Browser, 'scripting' | 'permissions'>;

export interface SettingsServiceOptions {
  db: () => Promise<TandemDb>;
  api: Api;
  notifyChanged?: () => void;
  /**
   * Reads browser policy (`storage.managed`); its keys override the user's and are locked. Never
   * awaited by an answer: the last policy seen is kept in IndexedDB and answers use it meanwhile.
   */
  managed?: () => Promise<unknown>;
  /** Runs the Jira Data Center script in open tabs of origins whose script was just registered. */
  injectNew?: (origins: string[]) => Promise<void>;
}

/** The answer to a change of something an administrator set through policy. */
export const LOCKED_RULE = 'is set by your administrator through browser policy';

/** Why `settings.update` refuses a patch naming `sources`. */
export const SOURCES_RULE =
  'shared catalogs are added, changed and removed with their own requests, not as settings';

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

export function createSettingsService({
  db,
  api,
  notifyChanged,
  managed,
  injectNew,
}: SettingsServiceOptions) {
  /** Policy read from the browser in this worker's life; until then answers use the snapshot. */
  let live: ManagedPolicy | undefined;
  let snapshot: Promise<ManagedPolicy> | undefined;
  let reads = 0;

  const storedPolicy = (): Promise<ManagedPolicy> => {
    snapshot ??= db()
      .then(readPolicySnapshot)
      .then(
        (stored) => stored ?? NO_POLICY,
        (error: unknown) => {
          snapshot = undefined; // a blocked upgrade, say: read it again next time
          throw error;
        },
      );
    return snapshot;
  };

  /**
   * The policy known now, without waiting for the browser's policy service (seconds after a
   * browser start): the one read in this worker's life, else the last one stored, else none.
   */
  async function policy(): Promise<ManagedPolicy> {
    if (!managed) return NO_POLICY;
    if (live) return live;
    const stored = await storedPolicy();
    return live ?? stored;
  }

  /**
   * Reads browser policy, keeps it as the snapshot and, when it differs from what answers were
   * given with, brings scripts in line and tells open pages. Called at start and on every
   * `storage.onChanged` of the `managed` area; only the latest read counts.
   */
  async function refreshPolicy(): Promise<void> {
    if (!managed) return;
    const read = ++reads;
    let raw: unknown;
    try {
      raw = await managed();
    } catch {
      // Firefox rejects when no policies.json names the extension: no policy.
      raw = null;
    }
    if (read !== reads) return;
    const next = parseManagedPolicy(raw);
    const previous = live;
    live = next;
    const before = previous ?? (await storedPolicy().catch(() => NO_POLICY));
    // A newer read writes its own (and a late write of this one would put back an older policy).
    if (read === reads) await writePolicySnapshot(await db(), raw);
    // Announced even when a newer read has started: it compares with this one, not with what pages saw.
    if (canonicalJson(before) === canonicalJson(next)) return;
    await syncScripts();
    notifyChanged?.();
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
    await syncScripts();
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
      // Sources change only through sources.add / update / remove / move, which check them.
      if ('sources' in patch) return { ok: false, errors: [{ path: 'sources', rule: SOURCES_RULE }] };
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

  // Start-up, permission changes, policy and installs all sync: one at a time, or two would
  // register the same script id.
  const syncing = takingTurns();

  /**
   * Brings registered scripts in line with the settings in effect and granted permissions, and
   * runs a newly registered one in the tabs already open on its site (a first start, a site just
   * granted): a registered script only reaches pages loaded after it. Answers the granted origins.
   */
  function syncScripts(): Promise<string[]> {
    return syncing(async () => {
      const { granted, added } = await syncJiraDcScripts(api, (await current()).jiraDcOrigins);
      if (added.length > 0 && injectNew) await injectNew(added);
      return granted;
    });
  }

  const handlers: SettingsHandlers = {
    'settings.get': writers['settings.get'],
    'settings.update': (request) => serially(() => writers['settings.update'](request)),
    'jiraDc.add': (request) => serially(() => writers['jiraDc.add'](request)),
    'jiraDc.remove': (request) => serially(() => writers['jiraDc.remove'](request)),
  };
  const updateInTurn = (change: (settings: Settings) => Settings) => serially(() => update(change));

  if (managed) void refreshPolicy().catch((error: unknown) => log.failure('settings', error));

  return { handlers, syncScripts, current, update: updateInTurn, policy, refreshPolicy, answer };
}
