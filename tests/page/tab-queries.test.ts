import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { answerTabQueries } from '@/utils/page/tab-queries';

const fromUs = { id: fakeBrowser.runtime.id };
const ask = (message: unknown, sender: { id?: string } = fromUs) =>
  fakeBrowser.runtime.onMessage.trigger(message, sender);

describe('tab queries answered by a content script', () => {
  it('answers panel.status with what the panel shows', async () => {
    const stop = answerTabQueries(
      () => ({ host: 'jira-cloud', record: 'SHOP-142', needs: 2, state: 'ready' }),
      vi.fn(),
    );
    expect(await ask({ type: 'panel.status' })).toEqual([
      { ok: true, status: { host: 'jira-cloud', record: 'SHOP-142', needs: 2, state: 'ready' } },
    ]);
    stop();
  });

  it('answers null status on a page without a record, and focuses only a panel that exists', async () => {
    let state: { host: 'zendesk'; record: string; needs: number } | null = null;
    const focus = vi.fn();
    const stop = answerTabQueries(() => state, focus);
    expect(await ask({ type: 'panel.status' })).toEqual([{ ok: true, status: null }]);
    expect(await ask({ type: 'panel.focus' })).toEqual([{ ok: true, focused: false }]);
    expect(focus).not.toHaveBeenCalled();
    state = { host: 'zendesk', record: 'ticket/1', needs: 0 };
    expect(await ask({ type: 'panel.focus' })).toEqual([{ ok: true, focused: true }]);
    expect(focus).toHaveBeenCalledTimes(1);
    stop();
  });

  it('leaves other messages and other senders alone, and stops when asked', async () => {
    const getState = vi.fn(() => ({ host: 'jira-cloud' as const, record: 'SHOP-1', needs: 0 }));
    const stop = answerTabQueries(getState, vi.fn());
    expect(await ask({ type: 'catalog.changed', revision: 3 })).toEqual([undefined]);
    expect(await ask({ type: 'panel.status' }, { id: 'another-extension' })).toEqual([undefined]);
    expect(getState).not.toHaveBeenCalled();
    stop();
    expect(await ask({ type: 'panel.status' })).toEqual([]);
  });
});
