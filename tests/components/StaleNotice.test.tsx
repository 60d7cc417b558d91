import { act, cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StaleNotice } from '@/components/Stale/StaleNotice';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('the options page after an update', () => {
  it('shows nothing while the extension is there', () => {
    render(<StaleNotice isGone={() => false} />);
    expect(screen.queryByTestId('options-stale')).toBeNull();
  });

  it('asks to be reloaded once the extension it belonged to is gone', () => {
    vi.useFakeTimers();
    let gone = false;
    render(<StaleNotice isGone={() => gone} />);
    expect(screen.queryByTestId('options-stale')).toBeNull();
    gone = true;
    act(() => {
      vi.advanceTimersByTime(1000);
    });
    const notice = screen.getByTestId('options-stale');
    expect(notice.textContent).toContain('Tandem was updated or reloaded after this page opened.');
    expect(notice.textContent).toContain('Reload this page');
  });

  it('reads runtime.id by default: the fake browser has one', () => {
    render(<StaleNotice />);
    expect(screen.queryByTestId('options-stale')).toBeNull();
  });
});
