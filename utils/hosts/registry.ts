/**
 * Every host Tandem knows, in one place. Adding a host: one adapter module, its fixtures, and one
 * line here (and a content-script entrypoint that names it).
 */
import type { HostId } from '../catalog/view';
import { dynamicsAdapter } from './dynamics';
import { hubspotAdapter } from './hubspot';
import { jiraCloudAdapter } from './jira-cloud';
import { jiraDataCenterAdapter } from './jira-dc';
import { salesforceAdapter } from './salesforce';
import type { HostAdapter } from './types';
import { zendeskAdapter } from './zendesk';

export const HOST_ADAPTERS: Partial<Record<HostId, HostAdapter>> = {
  'jira-cloud': jiraCloudAdapter,
  'jira-dc': jiraDataCenterAdapter,
  salesforce: salesforceAdapter,
  hubspot: hubspotAdapter,
  dynamics: dynamicsAdapter,
  zendesk: zendeskAdapter,
};
