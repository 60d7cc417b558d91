import { describe, expect, it, vi } from 'vitest';
import { loadCaptureUi } from '@/utils/background/capture-ui';
import type { MessageSender } from '@/utils/messages';

describe('capture.load', () => {
  it('runs the forms in the asking tab and frame, as the browser names them', async () => {
    const inject = vi.fn(async () => []);
    const sender = { id: 'x', tab: { id: 7 }, frameId: 3, url: 'https://acme.atlassian.net/browse/SHOP-1' };
    expect(await loadCaptureUi(inject, sender as MessageSender)).toEqual({ ok: true });
    expect(inject).toHaveBeenCalledWith({ tabId: 7, frameIds: [3] });
  });

  it('runs them in the top frame when the browser names no frame', async () => {
    const inject = vi.fn(async () => []);
    await loadCaptureUi(inject, { id: 'x', tab: { id: 7 } } as MessageSender);
    expect(inject).toHaveBeenCalledWith({ tabId: 7, frameIds: [0] });
  });

  it('refuses a sender without a tab, and injects nothing', async () => {
    const inject = vi.fn(async () => []);
    expect(await loadCaptureUi(inject, { id: 'x' } as MessageSender)).toMatchObject({ ok: false });
    expect(inject).not.toHaveBeenCalled();
  });
});
