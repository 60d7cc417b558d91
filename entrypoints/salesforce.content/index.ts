import { defineContentScript } from 'wxt/utils/define-content-script';
import panelCss from '@/assets/panel.css?inline';
import { SALESFORCE_MATCHES, salesforceAdapter } from '@/utils/hosts/salesforce';
import { runHost } from '@/utils/page/run-host';

export default defineContentScript({
  matches: SALESFORCE_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    runHost(ctx, salesforceAdapter, panelCss);
  },
});
