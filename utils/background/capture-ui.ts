/**
 * `capture.load`: runs the capture forms' script (components/Capture/contract.ts) in the frame that
 * asked, in the extension's isolated world. The tab and frame come from the browser's `sender`, so
 * a page can have our own file run in its own frame and nowhere else.
 */
import type { MessageSender, ResponseOf } from '@/utils/messages';

export interface FrameTarget {
  tabId: number;
  frameIds: number[];
}

export async function loadCaptureUi(
  inject: (target: FrameTarget) => Promise<unknown>,
  sender: MessageSender | undefined,
): Promise<ResponseOf<'capture.load'>> {
  const tabId = sender?.tab?.id;
  if (tabId === undefined) return { ok: false, error: 'the capture forms load only into a page' };
  await inject({ tabId, frameIds: [sender?.frameId ?? 0] });
  return { ok: true };
}
