/** The capture forms behind the contract in ./contract.ts: what the lazily loaded script exposes. */
import { render } from 'preact';
import type { CaptureUi } from '@/components/Capture/contract';
import { LinkPicker } from '@/components/LinkPicker/LinkPicker';
import { NewNeedForm } from '@/components/NewNeedForm/NewNeedForm';

export const captureUi: CaptureUi = {
  linkPicker: (box, props) => render(<LinkPicker {...props} />, box),
  newNeedForm: (box, props) => render(<NewNeedForm {...props} />, box),
  unmount: (box) => render(null, box),
};
