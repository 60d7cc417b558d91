import { defineContentScript } from 'wxt/utils/define-content-script';
import panelCss from '@/assets/panel.css?inline';
import { jiraDataCenterAdapter } from '@/utils/hosts/jira-dc';
import { runHost } from '@/utils/page/run-host';

// Registered at run time for each origin the user adds (utils/background/jira-dc-scripts.ts).
export default defineContentScript({
  registration: 'runtime',
  matches: [],
  main(ctx) {
    runHost(ctx, jiraDataCenterAdapter, panelCss);
  },
});
