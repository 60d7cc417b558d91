import { describe, expect, it, vi } from 'vitest';
import { lazily } from '@/utils/lazily';

describe('lazily', () => {
  it('builds nothing until asked, then once, and keeps what it built (undefined included)', () => {
    const build = vi.fn(() => ({ built: true }));
    const get = lazily(build);
    expect(build).not.toHaveBeenCalled();
    expect(get()).toBe(get());
    expect(build).toHaveBeenCalledTimes(1);
    const nothing = vi.fn(() => undefined);
    const getNothing = lazily(nothing);
    getNothing();
    getNothing();
    expect(nothing).toHaveBeenCalledTimes(1);
  });
});
