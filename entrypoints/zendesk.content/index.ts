import { defineContentScript } from 'wxt/utils/define-content-script';
import panelCss from '@/assets/panel.css?inline';
import { ZENDESK_MATCHES, zendeskAdapter } from '@/utils/hosts/zendesk';
import { runHost } from '@/utils/page/run-host';

export default defineContentScript({
  matches: ZENDESK_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    runHost(ctx, zendeskAdapter, panelCss);
  },
});
