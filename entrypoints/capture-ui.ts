/**
 * Run by the background in a panel's frame, in the content scripts' isolated world, when the user
 * first opens a capture form there (components/Capture/contract.ts says why it is separate).
 */
import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { captureUi } from '@/components/Capture/capture-ui';
import { captureUiKey } from '@/components/Capture/contract';

export default defineUnlistedScript(() => {
  (globalThis as Record<string, unknown>)[captureUiKey(browser.runtime.getManifest().version)] = captureUi;
});
