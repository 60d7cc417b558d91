/**
 * Keeps one registered content script per Jira Data Center origin that the user added and granted.
 * Origins are known only at run time, so the manifest cannot list them (docs/hosts.md).
 */
import type { browser as Browser } from 'wxt/browser';
import { originPattern } from '@/utils/settings/origin';

export const JIRA_DC_SCRIPT_PREFIX = 'tandem-jira-dc:';
export const JIRA_DC_SCRIPT_FILE = 'content-scripts/jira-dc.js';

type Api = Pick<typeof Browser, 'scripting' | 'permissions'>;

/**
 * Origins a test build treats as Jira Data Center sites with their permission granted (docs/surfaces.md):
 * they are the starting list of sites, which the user can then remove and add again like any other.
 */
export const BUILD_TEST_JIRA_DC_ORIGINS: readonly string[] = (
  import.meta.env.TANDEM_TEST_JIRA_DC_ORIGINS ?? ''
)
  .split(',')
  .map((origin: string) => origin.trim())
  .filter(Boolean);

/** `granted`: the origins Tandem runs on now; `added`: those whose script this call registered. */
export async function syncJiraDcScripts(
  api: Api,
  origins: readonly string[],
): Promise<{ granted: string[]; added: string[] }> {
  const wanted = [...new Set(origins)];
  const granted: string[] = [];
  for (const origin of wanted) {
    if (await api.permissions.contains({ origins: [originPattern(origin)] })) granted.push(origin);
  }
  const registered = (await api.scripting.getRegisteredContentScripts()).filter((script) =>
    script.id.startsWith(JIRA_DC_SCRIPT_PREFIX),
  );
  const wantedIds = new Set(granted.map((origin) => JIRA_DC_SCRIPT_PREFIX + origin));
  const stale = registered.map((script) => script.id).filter((id) => !wantedIds.has(id));
  if (stale.length > 0) await api.scripting.unregisterContentScripts({ ids: stale });
  const present = new Set(registered.map((script) => script.id));
  const missing = granted.filter((origin) => !present.has(JIRA_DC_SCRIPT_PREFIX + origin));
  if (missing.length > 0) {
    await api.scripting.registerContentScripts(
      missing.map((origin) => ({
        id: JIRA_DC_SCRIPT_PREFIX + origin,
        matches: [originPattern(origin)],
        js: [JIRA_DC_SCRIPT_FILE],
        runAt: 'document_idle' as const,
        persistAcrossSessions: true,
      })),
    );
  }
  return { granted, added: missing };
}
