import { defineContentScript } from 'wxt/utils/define-content-script';
import panelCss from '@/assets/panel.css?inline';
import { DYNAMICS_MATCHES, dynamicsAdapter } from '@/utils/hosts/dynamics';
import { runHost } from '@/utils/page/run-host';

export default defineContentScript({
  matches: DYNAMICS_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    runHost(ctx, dynamicsAdapter, panelCss);
  },
});
