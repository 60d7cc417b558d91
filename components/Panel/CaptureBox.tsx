/**
 * A capture form inside the panel: loads the forms on first use (components/Capture/contract.ts),
 * then draws the wanted one into a box of its own and passes new props on every render.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { CaptureForm, CaptureFormProps, CaptureUi } from '@/components/Capture/contract';

interface CaptureBoxProps<F extends CaptureForm> {
  form: F;
  props: CaptureFormProps<F>;
  load(): Promise<CaptureUi>;
}

export function CaptureBox<F extends CaptureForm>({ form, props, load }: CaptureBoxProps<F>) {
  // The forms render with their own Preact into this box, so nothing of ours is ever drawn inside it.
  const box = useRef<HTMLDivElement>(null);
  const [ui, setUi] = useState<CaptureUi | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    load().then(
      (loaded) => live && setUi(() => loaded),
      (error: unknown) => live && setFailure(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      live = false;
    };
  }, [load]);

  useLayoutEffect(() => {
    if (ui && box.current)
      (ui[form] as (box: Element, props: CaptureFormProps<F>) => void)(box.current, props);
  });

  // A layout effect, so a form closed within a frame of opening is still taken away.
  useLayoutEffect(() => {
    const drawn = box.current;
    return () => {
      if (ui && drawn) ui.unmount(drawn);
    };
  }, [ui]);

  return (
    <>
      <div ref={box} />
      {!ui && !failure && (
        <p class="muted" role="status">
          Opening…
        </p>
      )}
      {failure && (
        <p class="error" role="alert">
          Could not open the form: {failure}
        </p>
      )}
    </>
  );
}
