/**
 * Browser policy, for real (docs/admin.md): what the policy tests in both browsers set and check.
 * The policy names a shared catalog (served by harness/catalog-server.ts on 127.0.0.1), one Jira
 * Data Center site out of the two the test build knows, and a host where Tandem stays off; each
 * must take effect and show as set by the administrator in the options page.
 *
 * A policy file is machine-wide: it is written only for the test's own extension id (the policy
 * build's fixed key in Chromium, the gecko id in Firefox), only while the test runs, and always
 * removed afterwards.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const POLICY_DC_SITE = 'https://tools.acme-dc.example';
/** Known to the test build, but left out by the policy, which replaces the list: no panel there. */
export const NOT_A_POLICY_DC_SITE = 'https://jira.acme-dc.example';
export const POLICY_OFF_HOST = 'zendesk';

export const SHARED_CATALOG = {
  format: 'tandem.catalog',
  version: 1,
  name: 'Policy shared catalog',
  people: [
    { id: 'p-pol-maria', name: 'Maria Policy', side: 'business' },
    { id: 'p-pol-raj', name: 'Raj Policy', side: 'it' },
  ],
  teams: [
    {
      id: 't-pol-crew',
      name: 'Policy crew',
      approach: 'standard',
      businessLead: 'p-pol-maria',
      itLead: 'p-pol-raj',
      charter: { url: 'https://wiki.acme.example/policy-crew' },
    },
  ],
  needs: [{ id: 'n-pol-reorder', title: 'Reorder set by policy', team: 't-pol-crew', status: 'committed' }],
  links: [{ need: 'n-pol-reorder', jira: { issue: 'SHOP-142' } }],
};

/** The extension's policy (what `storage.managed` answers). */
export function extensionPolicy(catalogUrl: string) {
  return {
    sources: [{ url: catalogUrl, refreshMinutes: 60 }],
    jiraDcOrigins: [POLICY_DC_SITE],
    disabledHosts: [POLICY_OFF_HOST],
  };
}

/** Writes `content` to `file` (creating its folder) and returns how to remove both again. */
export async function writePolicyFile(file: string, content: unknown): Promise<() => Promise<void>> {
  // The first folder mkdir had to make (undefined when all existed): removed again with the file.
  const made = await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(content, null, 2)}\n`);
  return async () => {
    await rm(file, { force: true });
    if (made) await rm(made, { recursive: true, force: true });
  };
}

/** Page-side: what the Shared catalogs view says about policy (run with evaluate). */
export const SOURCES_VIEW_SOURCE = `(() => ({
  locked: document.querySelector('[data-testid="policy-locked"]')?.textContent ?? '',
  urls: Array.from(document.querySelectorAll('[data-testid="source-url"]')).map((e) => e.textContent.trim()),
  lockedRows: document.querySelectorAll('[data-testid="source-locked"]').length,
  removable: document.querySelectorAll('[data-testid="source-remove"]:not([disabled])').length,
}))()`;

export interface SourcesView {
  locked: string;
  urls: string[];
  lockedRows: number;
  removable: number;
}

/** Page-side: the Sites & panel view's host switch for the policy's host. */
export const SETTINGS_VIEW_SOURCE = `(() => {
  const toggle = document.querySelector('[data-testid="host-toggle-${POLICY_OFF_HOST}"]');
  return {
    found: toggle !== null,
    checked: toggle ? toggle.checked : null,
    disabled: toggle ? toggle.disabled : null,
    text: document.querySelector('[data-testid="settings-panel"]')?.textContent ?? '',
  };
})()`;

export interface SettingsView {
  found: boolean;
  checked: boolean | null;
  disabled: boolean | null;
  text: string;
}
