/**
 * Layout and control: the keyboard command, docked or floating and collapsed (remembered per
 * host), settings changed elsewhere applied without a reload, hosts switched off, the host's own
 * keyboard shortcuts kept out of the panel, light and dark, and the host's controls never covered.
 *
 * Headless Chromium does not route key presses to extension commands (they are browser
 * accelerators, not page input), so the command is tested in two halves: the browser registers
 * `toggle-panel` with its key (chrome.commands.getAll), and the active tab's panel toggles on the
 * exact message the background's handler sends (utils/background/commands.ts, unit-tested with a
 * fake commands API in tests/background/commands.test.ts).
 *
 * Run after `node scripts/build-for-tests.mjs`:
 *   npx vitest run -c vitest.e2e.config.ts tests/e2e/panel-control.e2e.ts
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from './harness/browser';
import { serveHost } from './harness/hosts';
import {
  AVAILABLE_HOSTS,
  ask,
  HOST_PAGES,
  importCatalog,
  inPanel,
  type PanelSession,
  panelState,
  settled,
  showing,
  startPanelSession,
  waitForPanel,
} from './panel-support';

const [JIRA_PAGE] = HOST_PAGES;
const OTHER_HOST = AVAILABLE_HOSTS.find((host) => host.host !== 'jira-cloud');
const PLAIN = 'https://plain.atlassian.net';

interface Settings {
  panel: { layout: string; collapsed: boolean };
  panelByHost: Record<string, { layout?: string; collapsed?: boolean }>;
  disabledHosts: string[];
}

describe('layout and control', () => {
  let session: PanelSession;
  let page: Page;

  const settings = async () =>
    (await ask<{ settings: Settings }>(session, { type: 'settings.get' })).settings;
  const update = (patch: object) => ask(session, { type: 'settings.update', patch });
  const openJira = async (tab: Page, url = JIRA_PAGE?.ready.url ?? '') => {
    await tab.goto(url);
    return waitForPanel(tab, 'the Jira panel', showing('SHOP-142', 'ready'));
  };

  beforeAll(async () => {
    session = await startPanelSession();
    await serveHost(session.browser.context, PLAIN, async () => ({
      body: await readFile(path.join(projectRoot, 'tests/fixtures/hostile/plain.html')),
    }));
    await importCatalog(session);
    page = await session.browser.context.newPage();
    await openJira(page);
  });

  afterAll(async () => {
    await session?.close();
  });

  describe('the keyboard command', () => {
    /** What the background's command handler does: panel.toggle to the active tab. */
    async function pressCommand(tab: Page) {
      await tab.bringToFront();
      const worker = await session.browser.serviceWorker();
      await worker.evaluate(async () => {
        const { chrome } = globalThis as unknown as {
          chrome: {
            tabs: {
              query(q: object): Promise<{ id?: number }[]>;
              sendMessage(id: number, m: object): Promise<unknown>;
            };
          };
        };
        const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
        if (tab?.id === undefined) throw new Error('no active tab');
        await chrome.tabs.sendMessage(tab.id, { type: 'panel.toggle' });
      });
    }

    it('is registered with the browser, with its suggested key', async () => {
      const worker = await session.browser.serviceWorker();
      const commands = await worker.evaluate(() =>
        (
          globalThis as unknown as {
            chrome: { commands: { getAll(): Promise<{ name: string; shortcut: string }[]> } };
          }
        ).chrome.commands.getAll(),
      );
      expect(commands).toContainEqual(
        expect.objectContaining({
          name: 'toggle-panel',
          shortcut: 'Alt+Shift+K',
          description: 'Show or hide the Tandem panel',
        }),
      );
    });

    it('collapses the panel to a tab, and expands it with focus inside', async () => {
      await pressCommand(page);
      const collapsed = await waitForPanel(page, 'collapsed', (p) => p.collapsed === 'true');
      expect(collapsed.needIds).toEqual([]);
      expect(collapsed.text).toContain('SHOP-142 · 1 need');
      await pressCommand(page);
      const expanded = await waitForPanel(
        page,
        'expanded with focus',
        (p) => p.collapsed === 'false' && p.focused !== null,
      );
      expect(expanded.needIds).toEqual(['n-reorder']);
      expect(expanded.focused).toBe('tandem-collapse');
      // Focus is visible: the focused control draws an outline.
      const outline = await page.evaluate(() => {
        const root = document.querySelector('tandem-panel')?.shadowRoot;
        const active = root?.activeElement;
        return active ? getComputedStyle(active).outlineStyle : 'none';
      });
      expect(outline).toBe('solid');
    });
  });

  describe('remembered per host', () => {
    it('keeps a collapsed panel collapsed across reloads and in new tabs of the same host only', async () => {
      await settled(page);
      await inPanel(page, 'tandem-collapse').click();
      await waitForPanel(page, 'collapsed', (p) => p.collapsed === 'true');
      await expect
        .poll(async () => (await settings()).panelByHost['jira-cloud'])
        .toEqual({
          layout: 'docked',
          collapsed: true,
        });
      await page.reload();
      await waitForPanel(
        page,
        'collapsed after a reload',
        (p) => showing('SHOP-142', 'ready')(p) && p.collapsed === 'true',
      );
      if (OTHER_HOST) {
        const other = await session.browser.context.newPage();
        await other.goto(OTHER_HOST.ready.url);
        await waitForPanel(
          other,
          `not collapsed on ${OTHER_HOST.host}`,
          (p) => showing(OTHER_HOST.ready.record, 'ready')(p) && p.collapsed === 'false',
        );
        await other.close();
      }
      await settled(page);
      await page.locator('tandem-panel button[aria-expanded="false"]').click();
      await waitForPanel(page, 'expanded', (p) => p.collapsed === 'false');
    });

    it('floats and docks, and the choice reaches the other tabs of the host without a reload', async () => {
      const second = await session.browser.context.newPage();
      await openJira(second);
      const loaded = await second.evaluate(() => performance.timeOrigin);
      await settled(page);
      await inPanel(page, 'tandem-layout-toggle').click();
      await waitForPanel(page, 'floating', (p) => p.layout === 'floating');
      await waitForPanel(second, 'floating in the other tab', (p) => p.layout === 'floating');
      expect(await second.evaluate(() => performance.timeOrigin)).toBe(loaded);
      const box = await page.locator('tandem-panel').boundingBox();
      const viewport = page.viewportSize();
      expect(box && viewport && Math.round(box.x + box.width)).toBe((viewport?.width ?? 0) - 16);
      await settled(page);
      await inPanel(page, 'tandem-layout-toggle').click();
      await waitForPanel(second, 'docked again in the other tab', (p) => p.layout === 'block');
      await second.close();
    });

    it('takes the defaults from settings when the host has no choice of its own', async () => {
      await update({ panelByHost: {}, panel: { layout: 'floating', collapsed: false } });
      await waitForPanel(page, 'floating by default', (p) => p.layout === 'floating');
      await update({ panel: { layout: 'docked', collapsed: false } });
      await waitForPanel(page, 'docked by default', (p) => p.layout === 'block');
    });
  });

  it('leaves a host switched off, and comes back when it is on again, without a reload', async () => {
    const loaded = await page.evaluate(() => performance.timeOrigin);
    await update({ disabledHosts: ['jira-cloud'] });
    await waitForPanel(page, 'no panel on a switched-off host', (p) => p.count === 0);
    const fresh = await session.browser.context.newPage();
    await fresh.goto(JIRA_PAGE?.ready.url ?? '');
    await fresh.waitForTimeout(2500);
    expect((await panelState(fresh)).count, 'a new page of a switched-off host').toBe(0);
    await fresh.close();
    await update({ disabledHosts: [] });
    await waitForPanel(page, 'the panel is back', showing('SHOP-142', 'ready'));
    expect(await page.evaluate(() => performance.timeOrigin)).toBe(loaded);
  });

  it('keeps keys typed in the panel away from the host’s shortcuts', async () => {
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __keys: string[] }).__keys = seen;
      for (const target of [window, document, document.body]) {
        for (const type of ['keydown', 'keypress', 'keyup']) {
          target.addEventListener(type, (event) => seen.push(`${type}:${(event as KeyboardEvent).key}`));
        }
      }
    });
    await settled(page);
    await inPanel(page, 'tandem-link-button').click();
    await expect.poll(() => panelState(page).then((p) => p.focused)).toBe('tandem-need-search');
    await page.keyboard.type('cgi');
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => (window as unknown as { __keys: string[] }).__keys)).toEqual([]);
    expect(
      await inPanel(page, 'tandem-need-search').count(),
      'Escape reached the panel and closed the list',
    ).toBe(1);
    // The same keys typed on the page itself do reach it, so the listeners work.
    await page.locator('h1').first().click();
    await page.keyboard.press('c');
    expect(await page.evaluate(() => (window as unknown as { __keys: string[] }).__keys)).toContain(
      'keydown:c',
    );
    await page.reload();
    await waitForPanel(page, 'reloaded', showing('SHOP-142', 'ready'));
  });

  describe('light and dark', () => {
    it('follows the host page when it switches to dark and back', async () => {
      const background = () =>
        page.evaluate(() => {
          const panel = document.querySelector('tandem-panel')?.shadowRoot?.querySelector('.panel');
          return panel ? getComputedStyle(panel).backgroundColor : null;
        });
      expect((await panelState(page)).scheme).toBe('light');
      expect(await background()).toBe('rgb(255, 255, 255)');
      await page.evaluate(() => document.documentElement.setAttribute('data-color-mode', 'dark'));
      await waitForPanel(page, 'dark', (p) => p.scheme === 'dark');
      expect(await background()).toBe('rgb(29, 33, 37)');
      await page.evaluate(() => document.documentElement.setAttribute('data-color-mode', 'light'));
      await waitForPanel(page, 'light again', (p) => p.scheme === 'light');
    });

    it('follows the system on a page that says nothing about it', async () => {
      const plain = await session.browser.context.newPage();
      await plain.emulateMedia({ colorScheme: 'dark' });
      await plain.goto(`${PLAIN}/browse/SHOP-142`);
      await waitForPanel(
        plain,
        'dark from the system',
        (p) => showing('SHOP-142', 'ready')(p) && p.scheme === 'dark',
      );
      await plain.emulateMedia({ colorScheme: 'light' });
      await waitForPanel(plain, 'light from the system', (p) => p.scheme === 'light');
      await plain.close();
    });
  });

  describe('never covers the host’s controls', () => {
    /** Host buttons (and, docked, every host control) whose centre the panel is drawn over. */
    const COVERED = `((all) => {
      const panel = document.querySelector('tandem-panel');
      const selector = all
        ? 'button, [role=button], [role=tab], input, select, textarea, a[href]'
        : 'button, [role=button], [role=tab], input[type=submit]';
      const covered = [];
      for (const el of document.querySelectorAll(selector)) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        const x = r.left + r.width / 2;
        const y = r.top + r.height / 2;
        if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
        if (document.elementFromPoint(x, y) === panel) covered.push((el.textContent || el.getAttribute('aria-label') || el.localName).trim().slice(0, 40));
      }
      return covered;
    })`;

    for (const layout of ['docked', 'floating'] as const) {
      for (const collapsed of [false, true]) {
        it(`on every host fixture, ${layout}${collapsed ? ' and collapsed' : ''}`, async () => {
          await update({ panel: { layout, collapsed }, panelByHost: {} });
          const tab = await session.browser.context.newPage();
          for (const host of AVAILABLE_HOSTS) {
            for (const which of ['ready', 'empty'] as const) {
              await tab.goto(host[which].url);
              await waitForPanel(
                tab,
                `${host.host} ${which}`,
                (p) => showing(host[which].record, which)(p) && p.collapsed === String(collapsed),
              );
              await tab.waitForTimeout(200);
              // Docked, the panel sits in the page's flow and covers nothing at all; floating, it
              // may lie over secondary content (the user chose it, and can collapse it), never
              // over a button.
              const covered = await tab.evaluate(`${COVERED}(${layout === 'docked'})`);
              expect(covered, `${host.host} ${which}`).toEqual([]);
            }
          }
          await tab.close();
        });
      }
    }
  });
});
