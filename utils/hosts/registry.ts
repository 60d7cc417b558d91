/**
 * Every host Tandem knows, in one place. Adding a host: one adapter module, its fixtures, and one
 * line here (and a content-script entrypoint that names it).
 */
import type { HostId } from '../catalog/view';
import { jiraCloudAdapter } from './jira-cloud';
import { jiraDataCenterAdapter } from './jira-dc';
import type { HostAdapter } from './types';

export const HOST_ADAPTERS: Partial<Record<HostId, HostAdapter>> = {
  'jira-cloud': jiraCloudAdapter,
  'jira-dc': jiraDataCenterAdapter,
};
