/**
 * Jira Cloud end to end: the built extension in Debian's Chromium, the demo catalog imported
 * through the options page, and a Jira Cloud look-alike (tests/fixtures/jira-cloud) served under
 * https://acme.atlassian.net by Playwright routing. Nothing leaves the machine.
 *
 * Run: npm run test:e2e (builds .output/e2e first), or after any build
 *   npx vitest run -c vitest.e2e.config.ts tests/e2e/jira-cloud.e2e.ts
 * TANDEM_EXTENSION_DIR=<dir> picks the build; TANDEM_HEADED=1 shows the browser (needs a display).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, e2eExtensionDir, launchWithExtension, projectRoot } from './harness/browser';
import {
  blockedRequests,
  fixtureNavigate,
  fixtureSite,
  servedOrigins,
  serveHost,
  waitForFixture,
} from './harness/hosts';
import { expectOnlyAllowedRequests, type NetworkLog, recordNetwork } from './harness/network';
import { maxPanelsSeen, monitorPanels, type PanelSnapshot, panelSnapshot } from './harness/panel';

const JIRA = 'https://acme.atlassian.net';
const CATALOG_PATH = path.join(projectRoot, 'demo/catalog.json');
const PANEL_TIMEOUT = 15_000;

// ------------------------------------------------------------------------------------------------
// Expected values come from the demo catalog itself, so renaming a person there breaks nothing here.

interface CatalogDoc {
  people: { id: string; name: string }[];
  teams: { id: string; name: string; businessLead: string; itLead: string; charter?: { url?: string } }[];
  needs: { id: string; title: string; team?: string; businessOwner?: string; itOwner?: string }[];
}

function loadCatalog(): CatalogDoc {
  try {
    return JSON.parse(readFileSync(CATALOG_PATH, 'utf8')) as CatalogDoc;
  } catch (error) {
    throw new Error(`Cannot read the demo catalog at ${CATALOG_PATH}: ${String(error)}`);
  }
}

function byId<T extends { id: string }>(items: T[], id: string | undefined, kind: string): T {
  const found = items.find((item) => item.id === id);
  if (!found) throw new Error(`demo/catalog.json has no ${kind} "${id}"`);
  return found;
}

/** Owners as the panel should show them: the need's own, or the team's leads standing in. */
function expectedNeed(catalog: CatalogDoc, needId: string) {
  const need = byId(catalog.needs, needId, 'need');
  const team = byId(catalog.teams, need.team, 'team');
  return {
    need,
    team,
    businessOwner: byId(catalog.people, need.businessOwner ?? team.businessLead, 'person').name,
    itOwner: byId(catalog.people, need.itOwner ?? team.itLead, 'person').name,
    businessInherited: need.businessOwner === undefined,
    itInherited: need.itOwner === undefined,
  };
}

// ------------------------------------------------------------------------------------------------

/** Waits until the page's panel shows `record` in `state`, then returns it. */
async function expectPanel(page: Page, record: string, state: string): Promise<PanelSnapshot> {
  await expect
    .poll(
      async () => {
        const { count, host, record: shown, state: shownState, open } = await panelSnapshot(page);
        return { count, host, record: shown, state: shownState, open };
      },
      { timeout: PANEL_TIMEOUT },
    )
    .toEqual({ count: 1, host: 'jira-cloud', record, state, open: true });
  return panelSnapshot(page);
}

/** Waits until content matching `predicate` is in the panel (rendering may trail data-state). */
async function expectPanelContent(
  page: Page,
  describeIt: string,
  predicate: (panel: PanelSnapshot) => boolean,
): Promise<PanelSnapshot> {
  let last: PanelSnapshot | undefined;
  await expect
    .poll(
      async () => {
        last = await panelSnapshot(page);
        return predicate(last);
      },
      { timeout: PANEL_TIMEOUT, message: describeIt },
    )
    .toBe(true)
    .catch((error: unknown) => {
      throw new Error(`${describeIt}; last panel seen: ${JSON.stringify(last, null, 2)}\n${String(error)}`);
    });
  if (!last) throw new Error('unreachable');
  return last;
}

/** There was never more than one panel since the last check. */
async function expectNeverTwoPanels(page: Page): Promise<void> {
  expect(
    await maxPanelsSeen(page, true),
    'tandem-panel elements present at the same time',
  ).toBeLessThanOrEqual(1);
}

function ownerCheck(panel: PanelSnapshot, needId: string, which: 'businessOwners' | 'itOwners') {
  // Owners may be drawn inside each need or once for the panel; prefer the need's own.
  const inNeed = panel.needs.find((need) => need.id === needId)?.[which] ?? [];
  return inNeed.length > 0 ? inNeed : panel[which];
}

describe('Jira Cloud', () => {
  const catalog = loadCatalog();
  let browser: ExtensionBrowser;
  let network: NetworkLog;
  let page: Page;

  beforeAll(async () => {
    browser = await launchWithExtension({
      extensionDir: e2eExtensionDir(),
      headless: !process.env.TANDEM_HEADED,
    });
    console.info(`extension ${browser.extensionId} from ${path.relative(projectRoot, browser.extensionDir)}`);
    network = recordNetwork(browser.context);
    await monitorPanels(browser.context);
    await serveHost(browser.context, JIRA, fixtureSite(path.join(projectRoot, 'tests/fixtures/jira-cloud')));
    page = await browser.context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('imports the demo catalog through the options page', async () => {
    const options = await browser.context.newPage();
    await options.goto(browser.extensionUrl('options.html'));
    await options.locator('[data-testid="catalog-import"]').setInputFiles(CATALOG_PATH);
    const result = options.locator('[data-testid="import-result"]');
    await result.waitFor({ state: 'visible', timeout: PANEL_TIMEOUT });
    await expect
      .poll(async () => (await result.textContent())?.trim() ?? '', { timeout: PANEL_TIMEOUT })
      .toMatch(/\d/);
    const text = (await result.textContent()) ?? '';
    expect(text, 'the import result names the number of needs imported').toContain(
      String(catalog.needs.length),
    );
    await options.close();
  });

  it('shows need, owners, team and charter on /browse/SHOP-142', async () => {
    const expected = expectedNeed(catalog, 'n-reorder');
    await page.goto(`${JIRA}/browse/SHOP-142`);
    await waitForFixture(page, 'SHOP-142');
    await expectPanel(page, 'SHOP-142', 'ready');
    const panel = await expectPanelContent(
      page,
      'need n-reorder with its owners, team and charter',
      (p) =>
        p.needIds.includes('n-reorder') &&
        ownerCheck(p, 'n-reorder', 'businessOwners').some((o) => o.text.includes(expected.businessOwner)) &&
        ownerCheck(p, 'n-reorder', 'itOwners').some((o) => o.text.includes(expected.itOwner)) &&
        p.teams.some((team) => team.includes(expected.team.name)) &&
        p.charterLinks.length > 0,
    );
    expect(panel.needIds.filter((id) => id === 'n-reorder')).toHaveLength(1);
    for (const href of panel.charterLinks) expect(href).toMatch(/^https:\/\//);
    if (expected.team.charter?.url) expect(panel.charterLinks).toContain(expected.team.charter.url);
    await expectNeverTwoPanels(page);
  });

  it('follows history.pushState to SHOP-143, whose owners come from its team', async () => {
    const expected = expectedNeed(catalog, 'n-invoices');
    expect(expected.businessInherited && expected.itInherited, 'n-invoices has no owners of its own').toBe(
      true,
    );
    await fixtureNavigate(page, '/browse/SHOP-143');
    await waitForFixture(page, 'SHOP-143');
    await expectPanel(page, 'SHOP-143', 'ready');
    const panel = await expectPanelContent(
      page,
      'need n-invoices with the team leads as owners, marked as inherited',
      (p) => {
        const business = ownerCheck(p, 'n-invoices', 'businessOwners');
        const it = ownerCheck(p, 'n-invoices', 'itOwners');
        return (
          p.needIds.includes('n-invoices') &&
          business.some((o) => o.text.includes(expected.businessOwner) && o.inherited) &&
          it.some((o) => o.text.includes(expected.itOwner) && o.inherited)
        );
      },
    );
    expect(panel.needIds).not.toContain('n-reorder');
    await expectNeverTwoPanels(page);
  });

  it('follows a click on an in-app link back to SHOP-142, and the back button to SHOP-143', async () => {
    const documentBefore = await page.evaluate(() => performance.timeOrigin);
    // The "relates to" link in SHOP-143's linked work items: an in-app link the app routes itself.
    await page
      .locator('[data-testid="issue.issue-view.views.common.issue-line-card.issue-line-card-view.key"]')
      .filter({ hasText: 'SHOP-142' })
      .click();
    await expect.poll(() => page.url()).toBe(`${JIRA}/browse/SHOP-142`);
    expect(await page.evaluate(() => performance.timeOrigin), 'no page load: history.pushState').toBe(
      documentBefore,
    );
    await waitForFixture(page, 'SHOP-142');
    await expectPanel(page, 'SHOP-142', 'ready');
    await expectPanelContent(page, 'need n-reorder after the click', (p) => p.needIds.includes('n-reorder'));
    await expectNeverTwoPanels(page);

    await page.goBack();
    await expect.poll(() => page.url()).toBe(`${JIRA}/browse/SHOP-143`);
    expect(await page.evaluate(() => performance.timeOrigin), 'no page load: popstate').toBe(documentBefore);
    await waitForFixture(page, 'SHOP-143');
    await expectPanel(page, 'SHOP-143', 'ready');
    await expectPanelContent(page, 'need n-invoices after popstate', (p) => p.needIds.includes('n-invoices'));
    await expectNeverTwoPanels(page);
  });

  it('shows the empty state with a link action on SHOP-200', async () => {
    await fixtureNavigate(page, '/browse/SHOP-200');
    await waitForFixture(page, 'SHOP-200');
    await expectPanel(page, 'SHOP-200', 'empty');
    const panel = await expectPanelContent(page, 'the link-this-record action', (p) => p.linkAction);
    expect(panel.needIds).toEqual([]);
    await expectNeverTwoPanels(page);
  });

  it('resolves OPS-5 to its team through the project link', async () => {
    const team = byId(catalog.teams, 't-platform', 'team');
    await fixtureNavigate(page, '/browse/OPS-5');
    await waitForFixture(page, 'OPS-5');
    await expectPanel(page, 'OPS-5', 'ready');
    await expectPanelContent(page, `team ${team.name}`, (p) =>
      p.teams.some((name) => name.includes(team.name)),
    );
    await expectNeverTwoPanels(page);
  });

  it('follows the selected issue in the board preview panel, never a board card', async () => {
    const board = '/jira/software/c/projects/SHOP/boards/1';
    await fixtureNavigate(page, `${board}?selectedIssue=SHOP-142`);
    await waitForFixture(page, 'SHOP-142');
    const first = await expectPanel(page, 'SHOP-142', 'ready');
    expect(first.insideBoardCard).toBe(false);

    await page.locator('[data-testid="platform-board-kit.ui.card.card"][data-card-key="SHOP-143"]').click();
    await expect.poll(() => page.url()).toBe(`${JIRA}${board}?selectedIssue=SHOP-143`);
    await waitForFixture(page, 'SHOP-143');
    const second = await expectPanel(page, 'SHOP-143', 'ready');
    expect(second.insideBoardCard).toBe(false);
    await expectNeverTwoPanels(page);

    // Closing the preview leaves a board without a record: no panel.
    await fixtureNavigate(page, board);
    await waitForFixture(page, null);
    await expect.poll(async () => (await panelSnapshot(page)).count, { timeout: PANEL_TIMEOUT }).toBe(0);
  });

  it('removes the panel on a page without a record', async () => {
    await fixtureNavigate(page, '/browse/SHOP-142');
    await expectPanel(page, 'SHOP-142', 'ready');
    await fixtureNavigate(page, '/jira/your-work');
    await waitForFixture(page, null);
    await expect.poll(async () => (await panelSnapshot(page)).count, { timeout: PANEL_TIMEOUT }).toBe(0);
    await expectNeverTwoPanels(page);
  });

  it('sent no request off the machine', () => {
    expect(servedOrigins(browser.context)).toEqual([JIRA]);
    expectOnlyAllowedRequests(network, [JIRA]);
    expect(blockedRequests(browser.context)).toEqual([]);
  });
});
