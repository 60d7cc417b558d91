/**
 * Script injection end to end (docs/security.md, "Host pages"): the XSS corpus (tests/security/xss-corpus.ts) in
 * every text and URL field of a catalog imported through the options page, of a shared catalog
 * served from 127.0.0.1, and of a CSV file, shown on a Jira page and the four CRM pages, in the
 * options page's tables, forms, shared-catalog view and privacy page, and in the popup. A trap set
 * in every page before its own scripts (`window.__xss`, `alert`…) records any payload that runs;
 * a scan finds any element, attribute, URL or style a payload could have become. Only https: and
 * mailto: links come from data; the texts appear as the text they are.
 *
 * Run: node scripts/build-for-tests.mjs && npx vitest run -c vitest.e2e.config.ts tests/e2e/security-xss.e2e.ts
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BIDI_SCAN_SOURCE,
  DANGEROUS_URLS,
  FORMULA_CELLS,
  TEXT_PAYLOADS,
  xssCatalog,
  xssPeopleCsv,
} from '../security/xss-corpus';
import { type CatalogServer, startCatalogServer } from './harness/catalog-server';
import { AVAILABLE_HOSTS, settled, waitForPanel } from './panel-support';
import {
  ask,
  expectTrapArmed,
  extensionProblems,
  importThroughOptions,
  type SecuritySession,
  scan,
  startSecuritySession,
  TIMEOUT,
  tempFile,
  trapHits,
} from './security-support';

/** Links from data: https and mailto only. */
const DATA_LINK = /^(https:|mailto:)/;

/** Shared catalog: the same corpus under other ids, so both layers show. */
function sharedXssCatalog(): Record<string, unknown> {
  const text = JSON.stringify(xssCatalog()).replace(/"([ptnl])-xss-/g, '"$1-shared-xss-');
  return { ...JSON.parse(text), name: `<img src=x onerror="window.__xss='source-name'">` };
}

/** Its first version: plain names, so the refresh to the corpus lists every name as changed. */
function plainSharedCatalog(): Record<string, unknown> {
  const catalog = sharedXssCatalog() as Record<string, Record<string, unknown>[]>;
  const plain = (list: Record<string, unknown>[] | undefined, field: string) =>
    (list ?? []).map((item, i) => ({ ...item, [field]: `Plain ${field} ${i}` }));
  return {
    ...catalog,
    name: 'Plain',
    people: plain(catalog.people, 'name'),
    teams: plain(catalog.teams, 'name'),
    needs: plain(catalog.needs, 'title'),
  };
}

async function expandEverything(page: Page): Promise<void> {
  for (let round = 0; round < 5; round++) {
    const more = page.locator('tandem-panel button[aria-expanded="false"].more');
    if ((await more.count()) === 0) return;
    await more.first().click();
  }
}

async function bidiLeaks(page: Page, rootSelector: string | null): Promise<string[]> {
  return (await page.evaluate(`${BIDI_SCAN_SOURCE}(${JSON.stringify(rootSelector)})`)) as string[];
}

describe('script injection: the XSS corpus in every field, everywhere it is shown', () => {
  let session: SecuritySession;
  let server: CatalogServer;
  let extensionLinks: RegExp;

  beforeAll(async () => {
    server = await startCatalogServer();
    server.set('/xss.json', plainSharedCatalog());
    session = await startSecuritySession();
    await session.browser.context.route(
      (url) => url.origin === server.origin,
      (route) => route.continue(),
    );
    const id = session.browser.extensionId;
    extensionLinks = new RegExp(
      `^(https:|mailto:|#|chrome-extension://${id}/|blob:chrome-extension://${id}/)`,
    );
    const result = await importThroughOptions(
      session,
      tempFile('xss-catalog.json', JSON.stringify(xssCatalog())),
    );
    expect(result).toContain(`${TEXT_PAYLOADS.length} needs`);
  });

  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('refuses a catalog with javascript:, data:, vbscript: and other non-https URLs, naming each, and changes nothing', async () => {
    const page = await session.browser.context.newPage();
    await page.goto(session.browser.extensionUrl('options.html#overview'));
    const before = await ask<{ summary: { revision: number } }>(page, { type: 'catalog.summary' });
    const people = DANGEROUS_URLS.map((url, i) => ({ id: `p-bad-${i}`, name: `Bad ${i}`, chat: url }));
    const bad = { format: 'tandem.catalog', version: 1, people, teams: [], needs: [], links: [] };
    const text = await importThroughOptions(
      session,
      tempFile('bad-urls.json', JSON.stringify(bad)),
      'failed',
    );
    for (const [i] of DANGEROUS_URLS.entries()) expect(text).toContain(`people[${i}].chat`);
    const after = await ask<{ summary: { revision: number } }>(page, { type: 'catalog.summary' });
    expect(after.summary.revision).toBe(before.summary.revision);
    await page.close();
  });

  for (const host of AVAILABLE_HOSTS) {
    it(`${host.host}: the panel shows every payload as text, links only to https and mailto, runs none`, async () => {
      const page = await session.browser.context.newPage();
      await page.goto(host.ready.url);
      await waitForPanel(
        page,
        `the XSS needs on ${host.ready.record}`,
        (p) => p.count === 1 && p.record === host.ready.record && p.state === 'ready' && p.needIds.length > 0,
      );
      await expectTrapArmed(page);
      await expandEverything(page);
      // Give handlers a chance: focus and hover what the panel shows.
      for (const link of (await page.locator('tandem-panel a').all()).slice(0, 25)) {
        await link.focus();
        await link.hover();
      }
      // Some hosts re-render around the panel; scan it where it has settled.
      await settled(page);
      const found = await scan(page, 'tandem-panel', DATA_LINK);
      expect(found.missing).toBe(false);
      expect(found.findings).toEqual([]);
      expect(found.hrefs.length).toBeGreaterThan(0);
      for (const payload of TEXT_PAYLOADS.slice(0, 6))
        expect(found.text).toContain(payload.replace(/\s+/g, ' '));
      expect(await bidiLeaks(page, 'tandem-panel'), 'bidi overrides isolated in their own element').toEqual(
        [],
      );
      expect(await trapHits(page)).toEqual([]);
      await page.close();
    });
  }

  it('jira-cloud: the link picker lists payload titles as text', async () => {
    const page = await session.browser.context.newPage();
    await page.goto(AVAILABLE_HOSTS[0]?.empty.url as string);
    await waitForPanel(page, 'the empty state', (p) => p.state === 'empty');
    await page.locator('tandem-panel [data-testid="tandem-link-action"]').click();
    await page
      .locator('tandem-panel [data-testid="tandem-need-search"] input, tandem-panel input[role="combobox"]')
      .first()
      .fill('<');
    await page.locator('tandem-panel [role="option"]').first().waitFor({ timeout: TIMEOUT });
    const found = await scan(page, 'tandem-panel', DATA_LINK);
    expect(found.findings).toEqual([]);
    expect(found.text).toContain('<script>');
    expect(await trapHits(page)).toEqual([]);
    await page.close();
  });

  it('the options page: every table, search and form shows the payloads as text', async () => {
    const page = await session.browser.context.newPage();
    await page.goto(session.browser.extensionUrl('options.html#overview'));
    await expectTrapArmed(page);
    const seen: string[] = [];
    for (const view of ['people', 'teams', 'needs', 'links']) {
      await page.goto(session.browser.extensionUrl(`options.html#${view}`));
      await page.locator('[data-testid="catalog-row"]').first().waitFor({ timeout: TIMEOUT });
      let found = await scan(page, null, extensionLinks);
      expect(found.findings, `${view} table`).toEqual([]);
      seen.push(found.text);
      await page.locator('[data-testid="table-search"]').fill('<img');
      await page.waitForTimeout(300);
      found = await scan(page, null, extensionLinks);
      expect(found.findings, `${view} search`).toEqual([]);
      await page.locator('[data-testid="table-search"]').fill('');
      await page.locator('[data-testid="entity-open"]').first().click();
      await page.locator('[data-testid="entity-form"]').waitFor({ timeout: TIMEOUT });
      found = await scan(page, null, extensionLinks);
      expect(found.findings, `${view} form`).toEqual([]);
      // Inputs hold the payloads as their values, never as markup (a link's fields are ids and keys).
      const values = await page
        .locator('[data-testid="entity-form"] input, [data-testid="entity-form"] textarea')
        .evaluateAll((fields) => fields.map((field) => (field as HTMLInputElement).value).join('\n'));
      if (view !== 'links')
        expect(values).toMatch(
          /<(script|img|svg|iframe|a|details|div|math|form|object|embed|base|meta|input|style)\b/,
        );
      await page.locator('[data-testid="entity-cancel"]').click();
    }
    const all = seen.join(' ');
    for (const payload of TEXT_PAYLOADS.slice(0, 10)) expect(all).toContain(payload.replace(/\s+/g, ' '));
    for (const view of ['overview', 'privacy', 'settings']) {
      await page.goto(session.browser.extensionUrl(`options.html#${view}`));
      await page.locator(`[data-testid="options-view"][data-view="${view}"]`).waitFor();
      await page.waitForTimeout(300);
      expect((await scan(page, null, extensionLinks)).findings, view).toEqual([]);
    }
    expect(await bidiLeaks(page, null), 'bidi overrides isolated in the options page').toEqual([]);
    expect(await trapHits(page)).toEqual([]);
    await page.close();
  });

  it('a shared catalog from a URL: its name and what changed are shown as text', async () => {
    const page = await session.browser.context.newPage();
    await page.goto(session.browser.extensionUrl('options.html#sources'));
    const url = server.url('/xss.json');
    await page.locator('[data-testid="source-url-input"]').fill(url);
    await page.locator('[data-testid="source-add"]').click();
    const row = page.locator('[data-testid="source-row"]');
    await expect.poll(() => row.first().getAttribute('data-state'), { timeout: TIMEOUT }).toBe('ok');
    // The file changes to the corpus: the refresh lists what changed, by name.
    server.set('/xss.json', sharedXssCatalog());
    await page.locator('[data-testid="source-refresh"]').first().click();
    await page.locator('[data-testid="source-change-item"]').first().waitFor({ timeout: TIMEOUT });
    const found = await scan(page, null, extensionLinks);
    expect(found.findings).toEqual([]);
    expect(found.text).toContain('<script>');
    expect(await trapHits(page)).toEqual([]);
    // The shared needs reach pages too, as text.
    const jira = await session.browser.context.newPage();
    await jira.goto(AVAILABLE_HOSTS[0]?.ready.url as string);
    await waitForPanel(jira, 'shared and local XSS needs', (p) =>
      p.needIds.some((needId) => needId.startsWith('n-shared-xss-')),
    );
    await expandEverything(jira);
    expect((await scan(jira, 'tandem-panel', DATA_LINK)).findings).toEqual([]);
    expect(await trapHits(jira)).toEqual([]);
    await jira.close();
    await page.close();
  });

  it('a CSV import: headers and cells are shown as text; formulas go out neutralised', async () => {
    const page = await session.browser.context.newPage();
    await page.goto(session.browser.extensionUrl('options.html#overview'));
    await page.getByRole('radio', { name: 'People', exact: true }).check();
    await page.locator('[data-testid="csv-file"]').setInputFiles(tempFile('xss-people.csv', xssPeopleCsv()));
    await page.locator('[data-testid="csv-mapping"]').waitFor({ timeout: TIMEOUT });
    let found = await scan(page, null, extensionLinks);
    expect(found.findings, 'mapping preview').toEqual([]);
    expect(found.text).toContain(`onerror="window.__xss='csv-header'"`);
    await page.locator('[data-testid="csv-import"]').click();
    const result = page.locator('[data-testid="csv-result"]');
    await expect.poll(() => result.getAttribute('data-outcome'), { timeout: TIMEOUT }).toBe('imported');
    await page.goto(session.browser.extensionUrl('options.html#people'));
    await page.locator('[data-testid="table-search"]').fill('CSV1 ');
    await page.locator('[data-testid="catalog-row"][data-id="p-csv-1"]').waitFor({ timeout: TIMEOUT });
    found = await scan(page, null, extensionLinks);
    expect(found.findings, 'people table after CSV').toEqual([]);
    expect(found.text).toContain(TEXT_PAYLOADS[1]?.replace(/\s+/g, ' '));

    await page.goto(session.browser.extensionUrl('options.html#overview'));
    await page.locator('[data-testid="export-csv-kind"]').selectOption('people');
    const download = page.waitForEvent('download');
    await page.locator('[data-testid="export-csv"]').click();
    const text = await readFile((await (await download).path()) as string, 'utf8');
    for (const formula of FORMULA_CELLS.filter((cell) => !/^[\t\r]/.test(cell))) {
      expect(text).not.toMatch(
        new RegExp(`(^|,)"?${formula.slice(0, 8).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'),
      );
    }
    expect(text).toContain("'=HYPERLINK");
    expect(await trapHits(page)).toEqual([]);
    await page.close();
  });

  it('the popup: search results and charter links show payloads as text, link only to https', async () => {
    const popup = await session.browser.context.newPage();
    await popup.setViewportSize({ width: 400, height: 600 });
    await popup.goto(session.browser.extensionUrl('popup.html'));
    await expectTrapArmed(popup);
    await popup.locator('[data-testid="charter-link"]').first().waitFor({ timeout: TIMEOUT });
    for (const href of await popup
      .locator('[data-testid="charter-link"]')
      .evaluateAll((links) => links.map((l) => l.getAttribute('href')))) {
      expect(href).toMatch(/^https:/);
    }
    await popup.locator('[data-testid="popup-search"]').fill('<script');
    await popup.locator('[data-testid="search-result"]').first().waitFor({ timeout: TIMEOUT });
    const found = await scan(popup, null, extensionLinks);
    expect(found.findings).toEqual([]);
    expect(found.text).toContain('<script>');
    expect(await bidiLeaks(popup, null), 'bidi overrides isolated in the popup').toEqual([]);
    expect(await trapHits(popup)).toEqual([]);
    await popup.close();
  });

  it('no payload ran anywhere: no dialog, no error from Tandem in any page', () => {
    expect(session.dialogs).toEqual([]);
    expect(extensionProblems(session)).toEqual([]);
  });
});
