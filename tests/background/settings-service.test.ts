import { describe, expect, it } from 'vitest';
import { JIRA_DC_SCRIPT_FILE } from '@/utils/background/jira-dc-scripts';
import { createSettingsService, SOURCES_RULE } from '@/utils/background/settings-service';
import { openTandemDb } from '@/utils/catalog/db';

/** A browser's scripting and permissions APIs, in memory: what the service asks of Chromium. */
function fakeApi(granted: string[] = []) {
  const grants = new Set(granted);
  const scripts = new Map<string, { id: string; matches?: string[]; js?: string[] }>();
  const api = {
    permissions: {
      contains: async ({ origins = [] }: { origins?: string[] }) => origins.every((o) => grants.has(o)),
      remove: async ({ origins = [] }: { origins?: string[] }) => {
        for (const origin of origins) grants.delete(origin);
        return true;
      },
    },
    scripting: {
      getRegisteredContentScripts: async () => [...scripts.values()],
      registerContentScripts: async (list: { id: string; matches?: string[]; js?: string[] }[]) => {
        for (const script of list) {
          if (scripts.has(script.id)) throw new Error(`duplicate script id ${script.id}`);
          scripts.set(script.id, script);
        }
      },
      unregisterContentScripts: async ({ ids = [] }: { ids?: string[] }) => {
        for (const id of ids) scripts.delete(id);
      },
    },
  };
  return { api: api as never, grants, scripts };
}

let n = 0;
function service(granted: string[] = []) {
  const fake = fakeApi(granted);
  const name = `settings-${++n}`;
  return { ...fake, ...createSettingsService({ db: () => openTandemDb({ name }), api: fake.api }) };
}

describe('Jira Data Center sites', () => {
  it('adds a granted origin and registers its content script', async () => {
    const { handlers, scripts } = service(['https://jira.acme-dc.example/*']);
    const answer = await handlers['jiraDc.add']({
      type: 'jiraDc.add',
      origin: 'https://jira.acme-dc.example/jira/',
    });
    expect(answer).toMatchObject({ ok: true, settings: { jiraDcOrigins: ['https://jira.acme-dc.example'] } });
    expect([...scripts.values()]).toEqual([
      expect.objectContaining({ matches: ['https://jira.acme-dc.example/*'], js: [JIRA_DC_SCRIPT_FILE] }),
    ]);
  });

  it('refuses an origin whose permission was not granted, and stores nothing', async () => {
    const { handlers, scripts } = service();
    const answer = await handlers['jiraDc.add']({
      type: 'jiraDc.add',
      origin: 'https://jira.acme-dc.example',
    });
    expect(answer).toEqual({
      ok: false,
      error: 'https://jira.acme-dc.example: permission was not granted, so Tandem cannot run there',
    });
    expect(scripts.size).toBe(0);
    expect(await handlers['settings.get']({ type: 'settings.get' })).toMatchObject({
      settings: { jiraDcOrigins: [] },
    });
  });

  it('refuses what is not a site address, naming the rule', async () => {
    const { handlers } = service();
    const answer = await handlers['jiraDc.add']({ type: 'jiraDc.add', origin: 'javascript:alert(1)' });
    expect(answer).toEqual({
      ok: false,
      error:
        'javascript:alert(1): must be a site address such as https://jira.example.com: it must start with https:// (or http:// on an intranet), not javascript:',
    });
  });

  it('removes an origin: script unregistered, permission given back', async () => {
    const { handlers, scripts, grants } = service(['https://jira.acme-dc.example/*']);
    await handlers['jiraDc.add']({ type: 'jiraDc.add', origin: 'https://jira.acme-dc.example' });
    await handlers['jiraDc.remove']({ type: 'jiraDc.remove', origin: 'https://jira.acme-dc.example' });
    expect(scripts.size).toBe(0);
    expect(grants.size).toBe(0);
  });

  it('adding the same origin twice keeps one entry and one script', async () => {
    const { handlers, scripts } = service(['https://jira.acme-dc.example/*']);
    await handlers['jiraDc.add']({ type: 'jiraDc.add', origin: 'https://jira.acme-dc.example' });
    const again = await handlers['jiraDc.add']({
      type: 'jiraDc.add',
      origin: 'https://jira.acme-dc.example/',
    });
    expect(again.ok && again.settings.jiraDcOrigins).toEqual(['https://jira.acme-dc.example']);
    expect(scripts.size).toBe(1);
  });

  it('unregisters the script when the permission is taken back outside Tandem', async () => {
    const { handlers, scripts, grants, syncScripts } = service(['https://jira.acme-dc.example/*']);
    await handlers['jiraDc.add']({ type: 'jiraDc.add', origin: 'https://jira.acme-dc.example' });
    grants.clear();
    await syncScripts();
    expect(scripts.size).toBe(0);
  });
});

describe('settings updates', () => {
  it('applies a patch and keeps what it leaves out', async () => {
    const { handlers } = service(['https://jira.acme-dc.example/*']);
    await handlers['jiraDc.add']({ type: 'jiraDc.add', origin: 'https://jira.acme-dc.example' });
    const answer = await handlers['settings.update']({
      type: 'settings.update',
      patch: { pinnedTeams: ['t-checkout'], panelByHost: { salesforce: { layout: 'floating' } } },
    });
    expect(answer).toMatchObject({
      ok: true,
      settings: {
        pinnedTeams: ['t-checkout'],
        panelByHost: { salesforce: { layout: 'floating' } },
        jiraDcOrigins: ['https://jira.acme-dc.example'],
        panel: { layout: 'docked', collapsed: false },
      },
    });
  });

  it('refuses a patch that breaks a rule, naming the path, and changes nothing', async () => {
    const { handlers } = service();
    const answer = await handlers['settings.update']({
      type: 'settings.update',
      patch: { pinnedTeams: ['x'.repeat(65)] },
    });
    expect(answer).toMatchObject({ ok: false, errors: [{ path: 'pinnedTeams[0]' }] });
    expect(await handlers['settings.get']({ type: 'settings.get' })).toMatchObject({
      settings: { pinnedTeams: [] },
    });
  });

  it('never writes sources: they change only through the sources requests', async () => {
    const { handlers } = service();
    const answer = await handlers['settings.update']({
      type: 'settings.update',
      patch: { sources: [{ id: 'evil', url: 'https://evil.example/catalog.json' }] } as never,
    });
    expect(answer).toEqual({ ok: false, errors: [{ path: 'sources', rule: SOURCES_RULE }] });
    expect(await handlers['settings.get']({ type: 'settings.get' })).toMatchObject({
      settings: { sources: [] },
    });
  });
});
