/**
 * Run by the background in a panel's frame, in the content scripts' isolated world, when the user
 * first opens a capture form there (components/Capture/contract.ts says why it is separate).
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { captureUi } from '@/components/Capture/capture-ui';
import { CAPTURE_UI_GLOBAL } from '@/components/Capture/contract';

export default defineUnlistedScript(() => {
  (globalThis as Record<string, unknown>)[CAPTURE_UI_GLOBAL] = captureUi;
});
