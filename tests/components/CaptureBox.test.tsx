import { render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { captureUi } from '@/components/Capture/capture-ui';
import type { CaptureUi } from '@/components/Capture/contract';
import { CaptureBox } from '@/components/Panel/CaptureBox';

const pickerProps = {
  recordLabel: 'SHOP-142',
  searchNeeds: async () => [],
  exclude: new Set<string>(),
  onLink: async () => null,
  onNewNeed: () => undefined,
  onCancel: () => undefined,
};

describe('CaptureBox', () => {
  it('says it is opening, then draws the form the loaded script gives into a box of its own', async () => {
    let loaded!: (ui: CaptureUi) => void;
    const load = vi.fn(() => new Promise<CaptureUi>((resolve) => (loaded = resolve)));
    render(<CaptureBox form="linkPicker" props={pickerProps} load={load} />);
    expect(screen.getByRole('status').textContent).toBe('Opening…');
    loaded(captureUi);
    const picker = await screen.findByTestId('tandem-link-picker');
    expect(screen.queryByText('Opening…')).toBeNull();
    expect(picker.parentElement?.childElementCount).toBe(1);
  });

  it('passes new props to the drawn form and takes it away when it goes', async () => {
    const ui: CaptureUi = { ...captureUi, linkPicker: vi.fn(captureUi.linkPicker), unmount: vi.fn() };
    const view = render(<CaptureBox form="linkPicker" props={pickerProps} load={async () => ui} />);
    await waitFor(() => expect(ui.linkPicker).toHaveBeenCalledOnce());
    view.rerender(
      <CaptureBox
        form="linkPicker"
        props={{ ...pickerProps, recordLabel: 'SHOP-143' }}
        load={async () => ui}
      />,
    );
    await waitFor(() =>
      expect(ui.linkPicker).toHaveBeenLastCalledWith(
        expect.anything(),
        expect.objectContaining({ recordLabel: 'SHOP-143' }),
      ),
    );
    view.unmount();
    expect(ui.unmount).toHaveBeenCalledOnce();
  });

  it('says in words when the forms cannot be loaded', async () => {
    const load = async (): Promise<CaptureUi> => {
      throw new Error('linking is not available on this page');
    };
    render(<CaptureBox form="newNeedForm" props={{} as never} load={load} />);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Could not open the form: linking is not available on this page',
    );
  });
});
