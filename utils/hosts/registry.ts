/**
 * Every host Tandem knows, in one place. Adding a host: one adapter module, its fixtures, and one
 * line here (and a content-script entrypoint that names it).
 */

import { dynamicsAdapter } from '@/utils/hosts/dynamics';
import type { HostId } from '@/utils/hosts/host-ids';
import { hubspotAdapter } from '@/utils/hosts/hubspot';
import { jiraCloudAdapter } from '@/utils/hosts/jira-cloud';
import { jiraDataCenterAdapter } from '@/utils/hosts/jira-dc';
import { salesforceAdapter } from '@/utils/hosts/salesforce';
import type { HostAdapter } from '@/utils/hosts/types';
import { zendeskAdapter } from '@/utils/hosts/zendesk';

export const HOST_ADAPTERS: Partial<Record<HostId, HostAdapter>> = {
  'jira-cloud': jiraCloudAdapter,
  'jira-dc': jiraDataCenterAdapter,
  salesforce: salesforceAdapter,
  hubspot: hubspotAdapter,
  dynamics: dynamicsAdapter,
  zendesk: zendeskAdapter,
};
