/** The hosts Tandem runs on, by the ids `data-host` carries (docs/surfaces.md). */
export const HOST_IDS = ['jira-cloud', 'jira-dc', 'salesforce', 'hubspot', 'dynamics', 'zendesk'] as const;
export type HostId = (typeof HOST_IDS)[number];
