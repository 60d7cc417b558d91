/** Words every surface shows for the catalog's enumerations and Tandem's hosts. */
import type { MatchLevel, NeedView, TeamView } from '@/utils/catalog/view';

export const STATUS_LABEL: Record<NeedView['status'], string> = {
  'in-delivery': 'In delivery',
  committed: 'Committed',
  discovery: 'Discovery',
  released: 'Released',
  adopted: 'Adopted',
  parked: 'Parked',
};

export const APPROACH_LABEL: Record<TeamView['approach'], string> = {
  'clean-slate': 'Clean slate',
  firewall: 'Firewall',
  standard: 'Standard',
};

/** What each approach means, for the chip's tooltip (docs/catalog-format.md, Team). */
export const APPROACH_HINT: Record<TeamView['approach'], string> = {
  'clean-slate': 'A new business leader paired with an IT leader',
  firewall: 'A small team outside the usual governance, for one capability and a fixed time',
  standard: 'Works within the usual governance',
};

export const IMPORTANCE_LABEL = {
  critical: 'Critical',
  important: 'Important',
  nice: 'Nice to have',
} as const;

export const LEVEL_LABEL: Record<MatchLevel, string> = {
  issue: 'linked to this issue',
  epic: 'through its epic',
  label: 'through a label',
  component: 'through a component',
  project: 'through its project',
  'record-id': 'linked to this record',
  'customer-name': 'by customer name',
};

export const HOST_LABEL = {
  'jira-cloud': 'Jira Cloud',
  'jira-dc': 'Jira Data Center',
  salesforce: 'Salesforce',
  hubspot: 'HubSpot',
  dynamics: 'Dynamics 365',
  zendesk: 'Zendesk',
} as const;
