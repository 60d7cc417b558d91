/**
 * The privacy page's content, generated: what is stored comes from the live database (each store
 * and its record count) and the catalog layers; which sites Tandem runs on and may read from comes
 * from the built manifest (permissions, host patterns, content-script matches) and from the
 * settings (Jira Data Center sites, shared catalog URLs). Only the sentences explaining what a
 * store or a permission is for are written here, keyed by their real names; a store or permission
 * this file does not know is listed anyway, marked as not described.
 */
import type { PrivacyReport } from '@/utils/messages';

export interface ManifestFacts {
  permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  optional_permissions?: string[];
  content_scripts?: { matches?: string[]; js?: string[] }[];
}

const STORE_PURPOSE: Record<string, string> = {
  buckets:
    'The catalog: its people, teams, customer needs and links, a few hundred at a time per record, each record tagged with the layer it came from (your local edits or a shared catalog).',
  lookups:
    "An index of each catalog layer's links by the Jira issues, projects and CRM records they name, so the first page after a browser start is answered without loading the whole catalog.",
  layouts: 'One record per catalog layer: how its records are divided, used to find one entity.',
  layers: 'One record per catalog layer: its name, when it was generated and last updated, its sites.',
  state: 'A counter that goes up with every catalog change, so open pages know when to refresh.',
  sources:
    'One record per shared catalog: its refresh state (when it was last fetched, the validators its server sent, the last result).',
  settings:
    'Your settings: sites switched off, Jira Data Center sites, panel position, pinned teams, shared catalog addresses; and the count of pages where the panel floated because a site’s layout was new to it (site, kind of page, date, a landmark outline without text).',
};

const PERMISSION_PURPOSE: Record<string, string> = {
  scripting: 'To run the panel on the Jira Data Center sites you add, and only there.',
  storage:
    'To read the settings your administrator fixed by browser policy (managed storage); nothing is written there.',
  activeTab: 'To read the current tab when you open the popup (only then, only that tab).',
  alarms: 'To refresh shared catalogs on a schedule.',
  // Firefox's Manifest V2 lists host permissions here (Chrome: host_permissions).
  'https://*.atlassian.net/*':
    'To read, from the background, the status of the Jira Cloud issues linked to a CRM record’s needs (your catalog’s Jira site only).',
  'https://*.jira.com/*':
    'To read, from the background, the status of the Jira Cloud issues linked to a CRM record’s needs, where your catalog’s Jira site is on the legacy jira.com (your catalog’s Jira site only).',
};

export interface PrivacyModel {
  database: string;
  stores: { name: string; records: number; purpose: string; described: boolean }[];
  layers: { layer: string; updatedAt: string; counts: PrivacyReport['layers'][number]['counts'] }[];
  permissions: { name: string; purpose: string; described: boolean }[];
  /** Sites where Tandem's content scripts run, from the manifest and the settings. */
  runsOn: { patterns: string[]; source: 'manifest' | 'settings' }[];
  /** Origins Tandem may ask for later (each only when you add a Jira Data Center site). */
  optionalOrigins: string[];
  /** Origins granted beyond the built-in content-script sites (Jira Data Center sites, a test build's). */
  grantedOrigins: string[];
  requests: { to: string; by: string; when: string }[];
}

function describe(table: Record<string, string>, name: string) {
  const purpose = table[name];
  return { purpose: purpose ?? 'Not described here yet.', described: purpose !== undefined };
}

export function describePrivacy(
  manifest: ManifestFacts,
  report: PrivacyReport,
  grantedOrigins: readonly string[],
): PrivacyModel {
  const matches = (manifest.content_scripts ?? [])
    .map((script) => script.matches ?? [])
    .filter((m) => m.length > 0);
  const optionalOrigins =
    manifest.optional_host_permissions ??
    (manifest.optional_permissions ?? []).filter((p) => p.includes('://'));
  const requests: PrivacyModel['requests'] = [
    ...matches.map((patterns) => ({
      to: patterns.join(', '),
      by: 'the panel, in a page of that site',
      when: "when you open a record there: that site's own REST API, with your session (same origin only, never another site)",
    })),
    ...report.jiraDcOrigins.map((origin) => ({
      to: origin,
      by: 'the panel, in a page of that Jira Data Center site',
      when: "when you open an issue there: that site's own REST API, with your session",
    })),
    ...(report.jiraStatusSites ?? []).map((origin) => ({
      to: origin,
      by: 'the background',
      when: 'when a CRM record’s panel opens (each issue at most every 3 minutes): the status, assignee, fix version and due date of the Jira issues linked to that record’s needs, with your Jira session, and nothing else (docs/jira-status.md)',
    })),
    ...report.sources.map((source) => ({
      to: source.url,
      by: 'the background',
      when: `to refresh the shared catalog “${source.id}”, every ${source.refreshMinutes} minutes and when you ask`,
    })),
  ];
  return {
    database: `IndexedDB database “${report.database.name}” (version ${report.database.version}), kept by the extension in this browser profile only`,
    stores: report.database.stores.map((store) => ({ ...store, ...describe(STORE_PURPOSE, store.name) })),
    layers: report.layers.map(({ layer, updatedAt, counts }) => ({ layer, updatedAt, counts })),
    permissions: (manifest.permissions ?? []).map((name) => ({
      name,
      ...describe(PERMISSION_PURPOSE, name),
    })),
    runsOn: [
      ...matches.map((patterns) => ({ patterns, source: 'manifest' as const })),
      ...(report.jiraDcOrigins.length > 0
        ? [{ patterns: report.jiraDcOrigins, source: 'settings' as const }]
        : []),
    ],
    optionalOrigins,
    grantedOrigins: grantedOrigins.filter((origin) => !matches.some((patterns) => patterns.includes(origin))),
    requests,
  };
}
