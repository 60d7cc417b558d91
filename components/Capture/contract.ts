/**
 * The capture forms ("link this record to a need", "new need from this record") are not part of
 * the content scripts: most page views never open them, and every content script loads on every
 * host page within a size budget. The panel asks the background to run `CAPTURE_UI_FILE` in its own
 * frame when a form is first wanted; the script runs in the content scripts' isolated world (never
 * the page's) and leaves the forms under `captureUiKey(version)` there. This module holds only the
 * contract between the two, so importing it costs the content script nothing but two strings.
 */
import type { LinkPickerProps } from '@/components/LinkPicker/LinkPicker';
import type { NewNeedFormProps } from '@/components/NewNeedForm/NewNeedForm';

/** The built unlisted script (entrypoints/capture-ui.ts), as `scripting.executeScript` names it. */
export const CAPTURE_UI_FILE = '/capture-ui.js' as const;
/**
 * The isolated world's property the script sets (a host page cannot see or set it), per extension
 * version: after an update, a tab's old content script and its forms stay in the same isolated world,
 * and the new content script must not take the old version's forms for its own.
 */
export const captureUiKey = (version: string) => `__tandemCaptureUi@${version}`;

/**
 * The forms, each drawn into a box the panel owns and gives them. They render with the script's
 * own copy of Preact, so the panel passes props across and never mixes its children into the box.
 */
export interface CaptureUi {
  linkPicker(box: Element, props: LinkPickerProps): void;
  newNeedForm(box: Element, props: NewNeedFormProps): void;
  unmount(box: Element): void;
}

export type CaptureForm = Exclude<keyof CaptureUi, 'unmount'>;
export type CaptureFormProps<F extends CaptureForm> = Parameters<CaptureUi[F]>[1];
