/**
 * Least privilege between host pages and the catalog, in Chromium with the built
 * extension: every request type of the protocol is sent from the Jira content script's own isolated
 * world (found through CDP `Runtime.executionContextCreated`, as an attacker with the page's
 * renderer could) and from an extension page, and the answers follow the allow table of
 * utils/background/allow-table.ts exactly; a refused request leaves the catalog and the settings
 * byte for byte as they were. Then the tenant check (the same key on another company's Jira) and
 * wildcard origins.
 *
 * Run: npx vitest run -c vitest.e2e.config.ts tests/e2e/security-least-privilege.e2e.ts
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALLOWED_SENDERS } from '../../utils/background/allow-table';
import { projectRoot } from './harness/browser';
import { fixtureSite, serveHost } from './harness/hosts';
import {
  ask,
  DEMO_CATALOG,
  demoWithTestSites,
  HOST_PAGES,
  importCatalog,
  type PanelSession,
  startPanelSession,
  waitForPanel,
} from './panel-support';

type RequestType = keyof typeof ALLOWED_SENDERS;
const JIRA_HOST = HOST_PAGES.filter((host) => host.host === 'jira-cloud');
const GLOBEX = 'https://globex-consulting.atlassian.net';

/**
 * One well-formed request per type, each as harmful as the schema lets it be. The table's keys
 * are the protocol's (tests/background/allow-table.test.ts), so a new type needs a line here.
 */
const REQUESTS: { [T in RequestType]: Record<string, unknown> } = {
  resolve: { record: { kind: 'jira', host: 'jira-cloud', key: 'SHOP-142' } },
  'settings.get': {},
  'settings.update': { patch: { disabledHosts: ['jira-cloud', 'salesforce'] } },
  'needs.search': { query: 'check' },
  'people.search': { query: 'a' },
  'options.open': {},
  // Runs our own capture forms in the asking frame: harmless, and a panel's to ask.
  'capture.load': {},
  'entity.save': { kind: 'people', value: { id: 'p-mallory', name: 'Mallory', email: 'm@evil.example' } },
  'entity.delete': { kind: 'needs', id: 'n-checkout-speed', force: true },
  'catalog.import': {
    text: JSON.stringify({
      format: 'tandem.catalog',
      version: 1,
      people: [],
      teams: [],
      needs: [],
      links: [],
    }),
  },
  'catalog.summary': {},
  'catalog.query': { kind: 'people', text: '', offset: 0, limit: 200 },
  'catalog.usedBy': { kind: 'people', id: 'p-maria' },
  'catalog.overview': {},
  'catalog.search': { text: 'a' },
  'catalog.export': { scope: 'merged', format: 'json' },
  'catalog.importRows': { kind: 'people', rows: [], mode: 'merge' },
  'catalog.conflicts': {},
  'teams.list': {},
  'jiraDc.add': { origin: 'https://jira.evil.example' },
  'jiraDc.remove': { origin: 'https://jira.acme-dc.example' },
  'privacy.report': {},
  'sources.status': {},
  'sources.add': { url: 'https://evil.example/catalog.json', kind: 'catalog', refreshMinutes: 5 },
  'sources.update': { id: 'nope', refreshMinutes: 60 },
  'sources.remove': { id: 'nope' },
  'sources.move': { id: 'nope', by: 1 },
  'sources.refresh': { id: 'nope' },
  'sites.list': {},
  'sites.add': { key: 'jira', origin: 'https://initech.atlassian.net' },
  'catalog.salvage': {},
  'outcomes.query': { filters: {}, sort: 'gap', offset: 0, limit: 50 },
  'outcomes.export': { filters: {}, sort: 'gap', format: 'csv' },
  'placement.miss': { host: 'salesforce', view: 'record', anchors: [], signal: 'deadline' },
  'placement.misses': {},
  'placement.clear': {},
  'workStatus.get': {
    record: { kind: 'crm', host: 'salesforce', object: 'Account', id: '001Dn00000AbCdEIAV' },
  },
  'workStatus.seen': { origin: 'https://globex-consulting.atlassian.net', issues: [] },
};

/** Sends messages from the content script's isolated world of `page`. */
async function isolatedWorld(session: PanelSession, page: Page) {
  const cdp: CDPSession = await session.browser.context.newCDPSession(page);
  const contexts: { id: number; origin: string; auxData?: { type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', (event) => contexts.push(event.context as never));
  await cdp.send('Runtime.enable');
  const deadline = Date.now() + 10_000;
  let world: (typeof contexts)[number] | undefined;
  while (!world && Date.now() < deadline) {
    world = contexts.find(
      (context) =>
        context.auxData?.type === 'isolated' &&
        context.origin === `chrome-extension://${session.browser.extensionId}`,
    );
    if (!world) await page.waitForTimeout(100);
  }
  if (!world) throw new Error("the content script's isolated world was not found");
  const contextId = world.id;
  return async (message: object): Promise<unknown> => {
    const answer = await cdp.send('Runtime.evaluate', {
      expression: `chrome.runtime.sendMessage(${JSON.stringify(message)})`,
      contextId,
      awaitPromise: true,
      returnByValue: true,
    });
    if (answer.exceptionDetails) throw new Error(answer.exceptionDetails.text);
    return answer.result.value;
  };
}

/** The catalog and the settings as they stand, as text, read from an extension page. */
async function state(session: PanelSession): Promise<string> {
  const merged = await ask(session, { type: 'catalog.export', scope: 'merged', format: 'json' });
  const settings = await ask(session, { type: 'settings.get' });
  const sites = await ask(session, { type: 'sites.list' });
  const sources = await ask(session, { type: 'sources.status' });
  return JSON.stringify({ merged, settings, sites, sources });
}

const refusedByTable = (answer: unknown, type: string) =>
  typeof answer === 'object' &&
  answer !== null &&
  (answer as { ok?: unknown }).ok === false &&
  String((answer as { error?: unknown }).error).startsWith(`Tandem refused ${type}: only Tandem's own pages`);

describe('least privilege: what a host page can make the content script ask', () => {
  let session: PanelSession;
  let jira: Page;
  let fromContent: (message: object) => Promise<unknown>;

  beforeAll(async () => {
    session = await startPanelSession(JIRA_HOST);
    await serveHost(
      session.browser.context,
      GLOBEX,
      fixtureSite(path.join(projectRoot, 'tests/fixtures/jira-cloud')),
    );
    await importCatalog(session);
    jira = await session.browser.context.newPage();
    await jira.goto(`${JIRA_HOST[0]?.origin}/browse/SHOP-142`);
    await waitForPanel(jira, 'the SHOP-142 panel', (panel) => panel.state === 'ready');
    fromContent = await isolatedWorld(session, jira);
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  it('has a request for every type in the allow table', () => {
    expect(Object.keys(REQUESTS).sort()).toEqual(Object.keys(ALLOWED_SENDERS).sort());
  });

  it('answers a content script exactly what the table allows; refused requests change nothing', async () => {
    const refused: string[] = [];
    for (const type of Object.keys(REQUESTS) as RequestType[]) {
      const before = await state(session);
      const answer = await fromContent({ type, ...REQUESTS[type] });
      const allowed = ALLOWED_SENDERS[type].includes('content-script');
      expect(refusedByTable(answer, type), `${type}: ${JSON.stringify(answer)?.slice(0, 200)}`).toBe(
        !allowed,
      );
      if (!allowed) refused.push(type);
      // Every one of these payloads is beyond a panel's needs: nothing may change.
      expect(await state(session), `${type} changed the catalog or settings`).toBe(before);
    }
    const forPanels = Object.values(ALLOWED_SENDERS).filter((senders) => senders.includes('content-script'));
    expect(refused.length).toBe(Object.keys(REQUESTS).length - forPanels.length);
    // The panel's own requests, as a panel sends them, still work.
    expect(await fromContent({ type: 'resolve', ...REQUESTS.resolve })).toMatchObject({ ok: true });
    const settings = (await fromContent({ type: 'settings.get' })) as { settings: object };
    expect(Object.keys(settings.settings).sort()).toEqual(['disabledHosts', 'panel', 'panelByHost']);
  });

  it('answers an extension page every type the table allows it, and refuses the panel-only ones', async () => {
    const run = [...(Object.keys(REQUESTS) as RequestType[])].filter((type) => type !== 'catalog.import');
    for (const type of run) {
      const answer = await ask(session, { type, ...REQUESTS[type] });
      if (ALLOWED_SENDERS[type].includes('extension-page')) {
        expect(refusedByTable(answer, type), `${type}: ${JSON.stringify(answer)?.slice(0, 200)}`).toBe(false);
        expect(answer, type).toBeTruthy();
      } else {
        expect(answer, type).toEqual({
          ok: false,
          error: `Tandem refused ${type}: only a panel on a host page may send it`,
        });
      }
    }
    // An import from a page replaces the catalog, as it should: put the demo back after.
    const text = demoWithTestSites(readFileSync(DEMO_CATALOG, 'utf8'));
    expect(await ask(session, { type: 'catalog.import', text })).toMatchObject({ ok: true });
    await ask(session, { type: 'settings.update', patch: { disabledHosts: [] } });
  });

  it("shows no catalog data for the same key on another company's Jira, and says why", async () => {
    const other = await session.browser.context.newPage();
    await other.goto(`${GLOBEX}/browse/SHOP-142`);
    const panel = await waitForPanel(other, 'the not-covered state', (seen) => seen.state === 'error');
    expect(panel.text).toContain('not one your catalog covers');
    expect(panel.needIds).toEqual([]);
    const own = await waitForPanel(jira, 'the SHOP-142 panel again', (seen) => seen.state === 'ready');
    expect(own.needIds.length).toBeGreaterThan(0);
    const ask2 = await isolatedWorld(session, other);
    const answer = await ask2({ type: 'resolve', ...REQUESTS.resolve });
    expect(answer).toMatchObject({ ok: false, error: expect.stringContaining('not one of the sites') });
    for (const id of own.needIds) expect(JSON.stringify(answer)).not.toContain(id);
    await other.close();
  });

  it('refuses wildcard, encoded wildcard and user-info origins, saying why', async () => {
    for (const origin of [
      'https://*.atlassian.net',
      'https://%2A.atlassian.net',
      'https://user@jira.example.com',
    ]) {
      const dc = await ask<{ ok: boolean; error?: string }>(session, { type: 'jiraDc.add', origin });
      expect(dc.ok, origin).toBe(false);
      expect(dc.error).toMatch(/wildcard|user name/);
      const site = await ask<{ ok: boolean; error?: string }>(session, {
        type: 'sites.add',
        key: 'jira',
        origin,
      });
      expect(site.ok, origin).toBe(false);
      expect(site.error).toMatch(/wildcard|user name/);
    }
  });
});
