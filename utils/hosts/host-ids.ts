/**
 * The hosts Tandem runs on, by the ids `data-host` carries (docs/surfaces.md), and the lists the
 * rest of the code derives from them: every list of hosts, CRM systems or `sites` keys is one of
 * these, so a new host is added here once (README, "A new host").
 */
export const HOST_IDS = ['jira-cloud', 'jira-dc', 'salesforce', 'hubspot', 'dynamics', 'zendesk'] as const;
export type HostId = (typeof HOST_IDS)[number];

/** The CRM hosts: a CRM record's `host` and a catalog link's `crm.system`. */
export const CRM_HOST_IDS = [
  'salesforce',
  'hubspot',
  'dynamics',
  'zendesk',
] as const satisfies readonly HostId[];
export type CrmHostId = (typeof CRM_HOST_IDS)[number];

/** The catalog's `sites` keys: both Jira kinds share `jira`, each CRM has its own. */
export const SITE_KEYS = ['jira', ...CRM_HOST_IDS] as const;
export type SiteKey = (typeof SITE_KEYS)[number];
