import { defineContentScript } from 'wxt/utils/define-content-script';
import panelCss from '@/assets/panel.css?inline';
import { HUBSPOT_MATCHES, hubspotAdapter } from '@/utils/hosts/hubspot';
import { runHost } from '@/utils/page/run-host';

export default defineContentScript({
  matches: HUBSPOT_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    runHost(ctx, hubspotAdapter, panelCss);
  },
});
