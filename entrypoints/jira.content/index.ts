import { defineContentScript } from 'wxt/utils/define-content-script';
import panelCss from '@/assets/panel.css?inline';
import { JIRA_CLOUD_MATCHES, jiraCloudAdapter } from '@/utils/hosts/jira-cloud';
import { runHost } from '@/utils/page/run-host';

export default defineContentScript({
  matches: JIRA_CLOUD_MATCHES,
  excludeMatches: ['https://*.atlassian.net/wiki/*'],
  runAt: 'document_idle',
  main(ctx) {
    runHost(ctx, jiraCloudAdapter, panelCss);
  },
});
