import { describe, expect, it, vi } from 'vitest';
import { createGate } from '@/utils/background/gate';
import { createPanelRules, siteCovered, UNDO_WINDOW_MS } from '@/utils/background/panel-rules';
import type { Sender } from '@/utils/background/senders';
import type { Sites } from '@/utils/catalog/schema';
import type { AnyRequest } from '@/utils/messages';

const jiraPage = (url = 'https://acme.atlassian.net/browse/SHOP-1', tabId = 3): Sender => ({
  class: 'content-script',
  host: 'jira-cloud',
  url: new URL(url),
  origin: new URL(url).origin,
  tabId,
});

function setup(sites?: Sites) {
  let clock = 1_000_000;
  const refused: string[] = [];
  const handled: AnyRequest[] = [];
  let sender: Sender = jiraPage();
  const setPanelPrefs = vi.fn(async () => ({
    ok: true,
    settings: { disabledHosts: [], panel: {}, panelByHost: {}, sources: [{ url: 'https://x' }] },
  }));
  const gate = createGate({
    classify: async () => sender,
    panelRules: createPanelRules({ sites: async () => sites, setPanelPrefs, now: () => clock }),
    onRefused: (line) => refused.push(line),
  });
  const answer = async (request: AnyRequest): Promise<unknown> => {
    handled.push(request);
    if (request.type === 'entity.save')
      return { ok: true, revision: 1, id: String(request.value.id ?? 'l-new') };
    if (request.type === 'settings.get')
      return {
        ok: true,
        settings: {
          disabledHosts: [],
          panel: {},
          panelByHost: {},
          sources: [{ url: 'https://x' }],
          jiraDcOrigins: [],
        },
      };
    return { ok: true };
  };
  return {
    send: (request: AnyRequest) => gate(request, {}, answer),
    as: (next: Sender) => {
      sender = next;
    },
    tick: (ms: number) => {
      clock += ms;
    },
    refused,
    handled,
    setPanelPrefs,
  };
}

const shop1 = { kind: 'jira', host: 'jira-cloud', key: 'SHOP-1' } as const;
const newNeed = { id: 'n-local-abc', title: 'Faster checkout', status: 'discovery' };

describe('what a content script may ask', () => {
  it('refuses every request type a panel does not need, with one log line each, no handler run', async () => {
    const t = setup();
    const answer = await t.send({ type: 'catalog.export', scope: 'merged', format: 'json' });
    expect(answer).toMatchObject({ ok: false, error: expect.stringContaining('catalog.export') });
    expect(t.refused).toHaveLength(1);
    expect(t.refused[0]).toContain('https://acme.atlassian.net');
    expect(t.handled).toEqual([]);
  });

  it('resolves records of its own host only', async () => {
    const t = setup();
    expect(await t.send({ type: 'resolve', record: { ...shop1, labels: ['x'] } })).toEqual({ ok: true });
    expect(
      await t.send({ type: 'resolve', record: { kind: 'jira', host: 'jira-dc', key: 'SHOP-1' } }),
    ).toMatchObject({ ok: false });
    expect(
      await t.send({
        type: 'resolve',
        record: { kind: 'crm', host: 'salesforce', object: 'Account', id: '001' },
      }),
    ).toMatchObject({ ok: false });
    expect(t.handled).toHaveLength(1);
  });

  it('is told a site is not covered where the catalog names its sites without it', async () => {
    const t = setup({ jira: ['https://acme.atlassian.net'] });
    expect(await t.send({ type: 'resolve', record: shop1 })).toEqual({ ok: true });
    t.as(jiraPage('https://globex.atlassian.net/browse/SHOP-1'));
    expect(await t.send({ type: 'resolve', record: shop1 })).toMatchObject({
      ok: false,
      error: expect.stringContaining('not one of the sites'),
    });
    expect(siteCovered(undefined, 'jira-cloud', 'https://globex.atlassian.net')).toBe(true);
    expect(
      siteCovered({ salesforce: ['https://a.my.salesforce.com'] }, 'jira-cloud', 'https://x.atlassian.net'),
    ).toBe(true);
  });

  it('reads slim settings and writes only its own host layout', async () => {
    const t = setup();
    const read = (await t.send({ type: 'settings.get' })) as { settings: object };
    expect(Object.keys(read.settings).sort()).toEqual(['disabledHosts', 'panel', 'panelByHost']);
    const wrote = (await t.send({
      type: 'settings.update',
      patch: { panelByHost: { 'jira-cloud': { layout: 'floating' }, salesforce: { collapsed: true } } },
    })) as { settings: object };
    expect(t.setPanelPrefs).toHaveBeenCalledWith('jira-cloud', { layout: 'floating' });
    expect(Object.keys(wrote.settings).sort()).toEqual(['disabledHosts', 'panel', 'panelByHost']);
    for (const patch of [
      { disabledHosts: ['jira-cloud' as const] },
      { pinnedTeams: ['t'] },
      { panelByHost: {} },
    ])
      expect(await t.send({ type: 'settings.update', patch })).toMatchObject({ ok: false });
    expect(t.setPanelPrefs).toHaveBeenCalledTimes(1);
  });

  it('creates a new need and a link to its own record only', async () => {
    const t = setup();
    expect(await t.send({ type: 'entity.save', kind: 'needs', value: newNeed })).toMatchObject({ ok: true });
    const link = { need: 'n-local-abc', jira: { issue: 'SHOP-1' } };
    expect(await t.send({ type: 'entity.save', kind: 'links', value: link })).toMatchObject({ ok: true });
    const refusedSaves: AnyRequest[] = [
      { type: 'entity.save', kind: 'people', value: { id: 'p-x', name: 'X' } },
      { type: 'entity.save', kind: 'teams', value: { id: 't-x' } },
      { type: 'entity.save', kind: 'needs', value: { ...newNeed, id: 'n-checkout' } },
      { type: 'entity.save', kind: 'needs', value: newNeed, replaces: 'n-checkout' },
      { type: 'entity.save', kind: 'needs', value: { ...newNeed, status: 'delivered' } },
      { type: 'entity.save', kind: 'needs', value: { ...newNeed, links: [] } },
      { type: 'entity.save', kind: 'links', value: { need: 'n-1', jira: { issue: 'SHOP-2' } } },
      { type: 'entity.save', kind: 'links', value: { ...link, id: 'l-existing' } },
      { type: 'entity.save', kind: 'links', value: { ...link, team: 't-x' } },
    ];
    for (const request of refusedSaves)
      expect(await t.send(request), JSON.stringify(request)).toMatchObject({ ok: false });
    expect(t.handled).toHaveLength(2);
  });

  it('undoes only what its own tab created, within the undo window, never forced', async () => {
    const t = setup();
    await t.send({ type: 'entity.save', kind: 'needs', value: newNeed });
    expect(
      await t.send({ type: 'entity.delete', kind: 'needs', id: 'n-local-abc', force: true }),
    ).toMatchObject({
      ok: false,
    });
    expect(await t.send({ type: 'entity.delete', kind: 'needs', id: 'n-checkout' })).toMatchObject({
      ok: false,
    });
    t.as(jiraPage(undefined, 4));
    expect(await t.send({ type: 'entity.delete', kind: 'needs', id: 'n-local-abc' })).toMatchObject({
      ok: false,
    });
    t.as(jiraPage(undefined, 3));
    expect(await t.send({ type: 'entity.delete', kind: 'needs', id: 'n-local-abc' })).toEqual({ ok: true });
    // Once undone, not again; and nothing after the window.
    expect(await t.send({ type: 'entity.delete', kind: 'needs', id: 'n-local-abc' })).toMatchObject({
      ok: false,
    });
    await t.send({ type: 'entity.save', kind: 'needs', value: { ...newNeed, id: 'n-local-def' } });
    t.tick(UNDO_WINDOW_MS + 1);
    expect(await t.send({ type: 'entity.delete', kind: 'needs', id: 'n-local-def' })).toMatchObject({
      ok: false,
    });
  });
});
