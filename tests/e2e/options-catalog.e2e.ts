/**
 * The options page end to end: a catalog built from nothing through the forms (people, a team, a
 * need, links), edited and deleted, each step seen in the panel of an open Jira tab (the
 * `https://acme.atlassian.net/browse/SHOP-142` fixture); CSV import with bad rows (per-row errors,
 * nothing changes) and CSV export; an axe-core scan of every view.
 *
 * Run: npm run test:e2e, or after `node scripts/build-for-tests.mjs`
 *   npx vitest run -c vitest.e2e.config.ts tests/e2e/options-catalog.e2e.ts
 */
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, e2eExtensionDir, launchWithExtension, projectRoot } from './harness/browser';
import { fixtureSite, serveHost, waitForFixture } from './harness/hosts';
import { expectAccessible, findRow, openView, saveForm, TIMEOUT, waitForPanel } from './options-support';

const JIRA = 'https://acme.atlassian.net';

describe('options page: the catalog from nothing, seen in an open Jira tab', () => {
  let browser: ExtensionBrowser;
  let jira: Page;
  let options: Page;

  const label = (text: string) => options.getByLabel(new RegExp(`^${text}`)).first();

  beforeAll(async () => {
    browser = await launchWithExtension({
      extensionDir: e2eExtensionDir(),
      headless: !process.env.TANDEM_HEADED,
    });
    await serveHost(browser.context, JIRA, fixtureSite(path.join(projectRoot, 'tests/fixtures/jira-cloud')));
    jira = await browser.context.newPage();
    await jira.goto(`${JIRA}/browse/SHOP-142`);
    await waitForFixture(jira, 'SHOP-142');
    options = await browser.context.newPage();
    await options.goto(browser.extensionUrl('options.html'));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('starts empty: the options page says how to begin, the panel shows nothing matched', async () => {
    await expect
      .poll(() => options.locator('[data-testid="catalog-overview"]').getAttribute('data-empty'), {
        timeout: TIMEOUT,
      })
      .toBe('true');
    await waitForPanel(jira, 'an empty panel on SHOP-142', (p) => p.count === 1 && p.state === 'empty');
    await expectAccessible(options, 'the options overview (empty catalog)');
  });

  it('adds people, a team, a need and links through the forms; the panel shows them', async () => {
    await openView(options, 'people');
    for (const [name, side] of [
      ['Ada Business', 'business'],
      ['Ian Tech', 'it'],
    ] as const) {
      await options.locator('[data-testid="entity-add"]').click();
      await label('Name').fill(name);
      await label('Side').selectOption(side);
      expect(await saveForm(options)).toContain(`p-${name.toLowerCase().replace(' ', '-')}`);
    }

    await openView(options, 'teams');
    await options.locator('[data-testid="entity-add"]').click();
    await label('Name').fill('Reorder Crew');
    await label('Business lead').fill('p-ada-business');
    await label('IT lead').fill('p-ian-tech');
    await label('Charter document').fill('https://wiki.example.org/reorder-crew');
    expect(await saveForm(options)).toContain('t-reorder-crew');

    await openView(options, 'needs');
    await options.locator('[data-testid="entity-add"]').click();
    await label('Title').fill('Reorder in one click');
    await label('Team').fill('t-reorder-crew');
    expect(await saveForm(options)).toContain('n-reorder-in-one-click');

    await openView(options, 'links');
    await options.locator('[data-testid="entity-add"]').click();
    await label('Need').fill('n-reorder-in-one-click');
    await label('Issue key').fill('shop-142');
    await saveForm(options);
    await options.locator('[data-testid="entity-add"]').click();
    await options.getByRole('radio', { name: 'Team' }).check();
    await label('Team').fill('t-reorder-crew');
    await options.getByRole('radio', { name: 'A project' }).check();
    await label('Project key').fill('SHOP');
    await saveForm(options);
    await expect
      .poll(() => options.locator('[data-testid="catalog-row"]').count(), { timeout: TIMEOUT })
      .toBe(2);

    const panel = await waitForPanel(
      jira,
      'the new need, its owners from the team, the team and its charter on SHOP-142',
      (p) =>
        p.state === 'ready' &&
        p.needIds.includes('n-reorder-in-one-click') &&
        p.businessOwners.some((owner) => owner.text.includes('Ada Business')) &&
        p.itOwners.some((owner) => owner.text.includes('Ian Tech')) &&
        p.teams.some((team) => team.includes('Reorder Crew')),
    );
    expect(panel.charterLinks).toContain('https://wiki.example.org/reorder-crew');
  });

  it('edits each kind; the open tab follows without a reload', async () => {
    const loadedAt = await jira.evaluate(() => performance.timeOrigin);
    await openView(options, 'people');
    await (await findRow(options, 'p-ada-business', 'ada')).locator('[data-testid="entity-open"]').click();
    await label('Name').fill('Ada Renamed');
    await saveForm(options);
    await waitForPanel(jira, 'the renamed business owner', (p) =>
      p.businessOwners.some((owner) => owner.text.includes('Ada Renamed')),
    );

    await openView(options, 'teams');
    await (await findRow(options, 't-reorder-crew', 'reorder'))
      .locator('[data-testid="entity-open"]')
      .click();
    await label('Name').fill('Reorder Squad');
    await saveForm(options);
    await waitForPanel(jira, 'the renamed team', (p) =>
      p.teams.some((team) => team.includes('Reorder Squad')),
    );

    await openView(options, 'needs');
    await (await findRow(options, 'n-reorder-in-one-click', 'click'))
      .locator('[data-testid="entity-open"]')
      .click();
    await label('Title').fill('Reorder with one tap');
    await label('Status').selectOption('in-delivery');
    await saveForm(options);
    await waitForPanel(jira, 'the renamed need', (p) =>
      p.needs.some((need) => need.text.includes('Reorder with one tap')),
    );

    await openView(options, 'links');
    const issueLink = await findRow(options, (await linkId(options, 'SHOP-142')) ?? '', 'SHOP-142');
    await issueLink.locator('[data-testid="entity-open"]').click();
    await label('Issue key').fill('SHOP-143');
    await saveForm(options);
    await waitForPanel(
      jira,
      'no need once the link moved to SHOP-143 (the team stays, by project)',
      (p) => p.needIds.length === 0 && p.teams.some((team) => team.includes('Reorder Squad')),
    );
    await (await findRow(options, (await linkId(options, 'SHOP-143')) ?? '', 'SHOP-143'))
      .locator('[data-testid="entity-open"]')
      .click();
    await label('Issue key').fill('SHOP-142');
    await saveForm(options);
    await waitForPanel(jira, 'the need back on SHOP-142', (p) =>
      p.needIds.includes('n-reorder-in-one-click'),
    );
    expect(await jira.evaluate(() => performance.timeOrigin), 'the Jira tab was never reloaded').toBe(
      loadedAt,
    );
  });

  it('deletes each kind, asking first and naming what uses it', async () => {
    await openView(options, 'people');
    await (await findRow(options, 'p-ada-business', 'ada')).locator('[data-testid="entity-delete"]').click();
    const dialog = options.locator('[data-testid="delete-dialog"]');
    await expect
      .poll(async () => (await dialog.locator('[data-testid="used-by"]').textContent()) ?? '', {
        timeout: TIMEOUT,
      })
      .toContain('team “Reorder Squad” (business lead)');
    await expectAccessible(options, 'the delete question');
    await dialog.locator('[data-testid="confirm-delete"]').click();
    await dialog.waitFor({ state: 'detached' });
    await waitForPanel(jira, 'no business owner once the person is gone', (p) =>
      p.businessOwners.every((owner) => !owner.text.includes('Ada Renamed')),
    );

    await openView(options, 'needs');
    await (await findRow(options, 'n-reorder-in-one-click', 'tap'))
      .locator('[data-testid="entity-delete"]')
      .click();
    await expect
      .poll(async () => (await dialog.locator('[data-testid="used-by"]').textContent()) ?? '', {
        timeout: TIMEOUT,
      })
      .toContain('link');
    await dialog.locator('[data-testid="confirm-delete"]').click();
    await waitForPanel(
      jira,
      'the team alone once the need is gone',
      (p) => p.needIds.length === 0 && p.state === 'ready',
    );

    await openView(options, 'teams');
    await (await findRow(options, 't-reorder-crew', 'squad'))
      .locator('[data-testid="entity-delete"]')
      .click();
    await dialog.locator('[data-testid="used-by"]').waitFor();
    await dialog.locator('[data-testid="confirm-delete"]').click();
    await waitForPanel(jira, 'an empty panel once the team is gone', (p) => p.state === 'empty');

    await openView(options, 'links');
    for (let left = 2; left > 0; left--) {
      await options.locator('[data-testid="table-search"]').fill('');
      await expect
        .poll(() => options.locator('[data-testid="catalog-row"]').count(), { timeout: TIMEOUT })
        .toBe(left);
      await options.locator('[data-testid="catalog-row"] [data-testid="entity-delete"]').first().click();
      await expect
        .poll(async () => (await dialog.textContent()) ?? '', { timeout: TIMEOUT })
        .toContain('Nothing else refers to it');
      await dialog.locator('[data-testid="confirm-delete"]').click();
      await dialog.waitFor({ state: 'detached' });
    }
    await expect
      .poll(() => options.locator('[data-testid="catalog-row"]').count(), { timeout: TIMEOUT })
      .toBe(0);
  });

  it('refuses a CSV with bad rows, naming each, and changes nothing; a good one imports', async () => {
    const dir = os.tmpdir();
    const bad = path.join(dir, `tandem-bad-needs-${process.pid}.csv`);
    const good = path.join(dir, `tandem-people-${process.pid}.csv`);
    await writeFile(
      bad,
      'id,title,status,team\nn-ok,Fine need,committed,\nn-2,,someday,\nn-3,Ghost team,,t-ghost\n',
    );
    await writeFile(
      good,
      'Id,Name,Title,E-mail\np-csv,Cee Ess,@admin,cee@acme.example\np-ian-tech,Ian Tech,=1+1,\n',
    );
    await openView(options, 'overview');
    const counts = options.locator('[data-testid="catalog-counts"]');
    const before = await counts.textContent();

    await options.getByRole('radio', { name: 'Needs' }).check();
    await options.locator('[data-testid="csv-file"]').setInputFiles(bad);
    await options.locator('[data-testid="csv-mapping"]').waitFor();
    const preview = await options
      .locator('[data-testid="csv-errors"] [data-testid="csv-row-error"]')
      .allTextContents();
    expect(preview).toEqual([
      'Row 3 · Title: required',
      'Row 3 · Status: must be one of in-delivery, committed, discovery, released, adopted, parked',
    ]);
    await expectAccessible(options, 'the CSV mapping preview with errors');
    await options.locator('[data-testid="csv-import"]').click();
    const result = options.locator('[data-testid="csv-result"]');
    await expect.poll(() => result.getAttribute('data-outcome'), { timeout: TIMEOUT }).toBe('failed');
    expect(await result.textContent()).toContain('nothing changed');
    expect(await result.locator('[data-testid="csv-row-error"]').allTextContents()).toContain(
      'Row 3 · Title: required',
    );
    expect(await counts.textContent()).toBe(before);

    await options.getByRole('radio', { name: 'People' }).check();
    await options.locator('[data-testid="csv-file"]').setInputFiles(good);
    await options.locator('[data-testid="csv-import"]').click();
    await expect.poll(() => result.getAttribute('data-outcome'), { timeout: TIMEOUT }).toBe('imported');
    expect(await result.textContent()).toContain('1 added, 1 updated');
    await expect.poll(() => counts.textContent(), { timeout: TIMEOUT }).toContain('2 people');

    // Export: formula-like cells come out neutralised.
    await options.locator('[data-testid="export-csv-kind"]').selectOption('people');
    const download = options.waitForEvent('download');
    await options.locator('[data-testid="export-csv"]').click();
    const file = await (await download).path();
    const text = await readFile(file, 'utf8');
    expect(text).toContain("'@admin");
    expect(text).toContain("'=1+1");
  });

  it('passes an axe-core scan on every view and form', async () => {
    for (const view of ['overview', 'people', 'teams', 'needs', 'links', 'settings', 'sources', 'privacy']) {
      await openView(options, view);
      await options.waitForLoadState('networkidle');
      if (['people', 'teams', 'needs', 'links'].includes(view)) {
        await options.locator('[data-testid="table-count"]').filter({ hasNotText: 'Loading' }).waitFor();
      }
      if (view === 'privacy') await options.locator('[data-testid="privacy-page"]').waitFor();
      if (view === 'settings') await options.locator('[data-testid="settings-panel"]').waitFor();
      await expectAccessible(options, `the ${view} view`);
    }
    for (const view of ['people', 'teams', 'needs', 'links']) {
      await openView(options, view);
      await options.locator('[data-testid="entity-add"]').click();
      await options.locator('[data-testid="entity-save"]').click(); // shows every error beside its field
      await options.locator('[data-testid="field-error"]').first().waitFor();
      await expectAccessible(options, `the new-${view} form with its errors`);
      await options.locator('[data-testid="entity-cancel"]').click();
    }
  });
});

/** The id of the link whose row mentions `text`. */
async function linkId(page: Page, text: string): Promise<string | null> {
  await page.locator('[data-testid="table-search"]').fill(text);
  const row = page.locator('[data-testid="catalog-row"]').filter({ hasText: text }).first();
  await row.waitFor({ timeout: TIMEOUT });
  return row.getAttribute('data-id');
}
