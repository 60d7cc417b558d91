import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { MessageError, onBroadcast } from '@/utils/content-messages';
import { failureText, type Handlers, handleMessages, sendMessage } from '@/utils/messages';
import { installFakeMessaging } from './fake-messaging';

const emptyContext = { needs: [], team: null };

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  // Every request type answers "not in this test" unless a test gives it a handler.
  const fallback = Object.fromEntries(
    Object.keys(Protocol).map((type) => [type, async () => ({ ok: false, error: 'not in this test' })]),
  ) as unknown as Handlers;
  return {
    ...fallback,
    resolve: async () => ({ ok: true, revision: 1, context: emptyContext }),
    'catalog.summary': async () => ({ ok: true, summary: null }),
    ...overrides,
  };
}

const jiraRecord = { kind: 'jira', host: 'jira-cloud', key: 'SHOP-1' } as const;

describe('message protocol', () => {
  it('round-trips a request and its validated answer', async () => {
    installFakeMessaging();
    const resolve = vi.fn(handlers().resolve);
    handleMessages(handlers({ resolve }));
    await expect(sendMessage({ type: 'resolve', record: jiraRecord })).resolves.toEqual({
      ok: true,
      revision: 1,
      context: emptyContext,
    });
    // The handler also hears who sent it (the browser's `sender`), for handlers that check the tab.
    expect(resolve).toHaveBeenCalledWith(
      { type: 'resolve', record: jiraRecord },
      expect.objectContaining({ id: 'test-extension-id' }),
    );
  });

  it('refuses malformed requests without calling a handler, and says why', async () => {
    const resolve = vi.fn(handlers().resolve);
    const rejected = vi.fn();
    handleMessages(handlers({ resolve }), rejected);
    const sender = { id: fakeBrowser.runtime.id };
    const answers = await fakeBrowser.runtime.onMessage.trigger(
      { type: 'resolve', record: { kind: 'jira', host: 'jira-cloud', key: 'not a key' } },
      sender,
    );
    expect(answers).toEqual([undefined]);
    expect(resolve).not.toHaveBeenCalled();
    expect(rejected.mock.calls[0]?.[0]).toMatch(/record\.key/);
    await fakeBrowser.runtime.onMessage.trigger({ type: 'drop.tables' }, sender);
    expect(rejected).toHaveBeenCalledTimes(2);
  });

  it('refuses a message nested deeper than a catalog may be, without calling a handler', async () => {
    const save = vi.fn(async () => ({ ok: true as const, revision: 1, id: 'p-x' }));
    const rejected = vi.fn();
    handleMessages(handlers({ 'entity.save': save }), rejected);
    const sender = { id: fakeBrowser.runtime.id };
    let deep: unknown = 'leaf';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    const message = { type: 'entity.save', kind: 'people', value: { id: 'p-x', name: 'X', deep } };
    expect(await fakeBrowser.runtime.onMessage.trigger(message, sender)).toEqual([undefined]);
    expect(save).not.toHaveBeenCalled();
    expect(rejected.mock.calls[0]?.[0]).toMatch(
      /^entity\.save: value\.deep\.0\.0.*nested more than 64 levels/,
    );
  });

  it('ignores messages from anything but this extension', async () => {
    const resolve = vi.fn(handlers().resolve);
    handleMessages(handlers({ resolve }));
    const answers = await fakeBrowser.runtime.onMessage.trigger(
      { type: 'resolve', record: jiraRecord },
      { id: 'another-extension' },
    );
    expect(answers).toEqual([undefined]);
    expect(resolve).not.toHaveBeenCalled();
  });

  it('turns a handler that throws into a failure answer', async () => {
    installFakeMessaging();
    handleMessages(
      handlers({
        resolve: async () => {
          throw new Error('database is gone');
        },
      }),
    );
    await expect(sendMessage({ type: 'resolve', record: jiraRecord })).resolves.toEqual({
      ok: false,
      error: 'database is gone',
    });
  });

  it('lets every request type answer a failure that names no path, so a page can always say why', () => {
    for (const [type, entry] of Object.entries(Protocol)) {
      expect(entry.response.safeParse({ ok: false, error: 'no space left' }).success, type).toBe(true);
    }
  });

  it('says in plain words that the disk is full, for any request type', async () => {
    installFakeMessaging();
    handleMessages(
      handlers({
        'entity.save': async () => {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        },
      }),
    );
    const answer = await sendMessage({ type: 'entity.save', kind: 'people', value: { id: 'p-x' } });
    expect(answer).toEqual({
      ok: false,
      error: expect.stringMatching(/^no space left on disk: .*\(The quota has been exceeded\.\)/),
    });
    expect(failureText(new Error('plain'))).toBe('plain');
  });

  it('refuses an answer that does not match its schema', async () => {
    installFakeMessaging();
    fakeBrowser.runtime.onMessage.addListener(async () => ({ ok: true, revision: 'one', context: {} }));
    await expect(sendMessage({ type: 'resolve', record: jiraRecord })).rejects.toBeInstanceOf(MessageError);
  });

  it('removes its listener when asked', async () => {
    const stop = handleMessages(handlers());
    const request = { type: 'catalog.summary' };
    const sender = { id: fakeBrowser.runtime.id };
    expect(await fakeBrowser.runtime.onMessage.trigger(request, sender)).toEqual([
      { ok: true, summary: null },
    ]);
    stop();
    expect(await fakeBrowser.runtime.onMessage.trigger(request, sender)).toEqual([]);
  });

  it('delivers only well-formed broadcasts', async () => {
    const seen = vi.fn();
    const stop = onBroadcast(seen);
    await fakeBrowser.runtime.onMessage.trigger({ type: 'catalog.changed', revision: 3 }, {});
    await fakeBrowser.runtime.onMessage.trigger({ type: 'catalog.changed', revision: 'x' }, {});
    expect(seen.mock.calls).toEqual([[{ type: 'catalog.changed', revision: 3 }]]);
    stop();
  });
});
