/**
 * The README's screenshots: the panel on a Jira issue and on a CRM record, light and dark, taken
 * from the end-to-end build on the fixture pages. Skipped unless TANDEM_SCREENSHOTS=1, so a normal
 * test run never rewrites docs/:
 *
 *   node scripts/build-for-tests.mjs
 *   TANDEM_SCREENSHOTS=1 npx vitest run -c vitest.e2e.config.ts tests/e2e/panel-screenshots.e2e.ts
 *
 * The fixture pages have no dark theme of their own; for the dark shots a stylesheet recolours the
 * page the way a host's dark mode would, and the page says so with `data-color-mode="dark"`, which
 * is what the panel follows (the panel itself is not restyled: its shadow root keeps page CSS out).
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from './harness/browser';
import {
  AVAILABLE_HOSTS,
  type HostPage,
  importCatalog,
  type PanelSession,
  settled,
  showing,
  startPanelSession,
  waitForPanel,
} from './panel-support';

const OUT = path.join(projectRoot, 'docs/screenshots');
const CRM = AVAILABLE_HOSTS.find((host) => host.host === 'salesforce');
const JIRA = AVAILABLE_HOSTS.find((host) => host.host === 'jira-cloud') as HostPage;

const DARK_PAGE = `
  html[data-color-mode="dark"], html[data-color-mode="dark"] body { background: #1d2125 !important; }
  html[data-color-mode="dark"] body * {
    color: #b6c2cf !important;
    border-color: #38414a !important;
    background-color: transparent !important;
    box-shadow: none !important;
  }
  html[data-color-mode="dark"] body a, html[data-color-mode="dark"] body a * { color: #579dff !important; }
  html[data-color-mode="dark"] body [role="img"] { background-color: #5e4db2 !important; color: #fff !important; }
  html[data-color-mode="dark"] body input, html[data-color-mode="dark"] body textarea,
  html[data-color-mode="dark"] body [data-fixture-view], html[data-color-mode="dark"] body header,
  html[data-color-mode="dark"] body section { background-color: #22272b !important; }
`;

const DARK_SHADOW = `
  :host, * { background-color: #22272b !important; color: #b6c2cf !important; border-color: #38414a !important; }
`;

describe.skipIf(!process.env.TANDEM_SCREENSHOTS)('README screenshots', () => {
  let session: PanelSession;
  let page: Page;

  beforeAll(async () => {
    await mkdir(OUT, { recursive: true });
    session = await startPanelSession();
    await importCatalog(session);
    page = await session.browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  afterAll(async () => {
    await session?.close();
  });

  async function shoot(host: HostPage, name: string, scheme: 'light' | 'dark') {
    await page.goto(host.ready.url);
    await waitForPanel(page, `${host.host} ready`, showing(host.ready.record, 'ready'));
    if (scheme === 'dark') {
      await page.addStyleTag({ content: DARK_PAGE });
      // Lightning keeps parts of a record page in open shadow roots of its own: recolour those
      // too (never the panel's).
      await page.evaluate((css) => {
        for (const element of document.querySelectorAll('*')) {
          if (!element.shadowRoot || element.localName === 'tandem-panel') continue;
          const style = document.createElement('style');
          style.textContent = css;
          element.shadowRoot.append(style);
        }
        document.documentElement.setAttribute('data-color-mode', 'dark');
      }, DARK_SHADOW);
    }
    await waitForPanel(page, scheme, (p) => p.scheme === scheme);
    await settled(page, 500);
    await page.mouse.move(0, 0);
    await page.screenshot({
      path: path.join(OUT, `${name}-${scheme}.png`),
      animations: 'disabled',
      caret: 'hide',
    });
  }

  for (const scheme of ['light', 'dark'] as const) {
    it(`the panel on a Jira issue, ${scheme}`, async () => {
      await shoot(JIRA, 'jira-issue', scheme);
      expect(true).toBe(true);
    });

    it.skipIf(!CRM)(`the panel on a CRM record, ${scheme}`, async () => {
      if (CRM) await shoot(CRM, 'crm-record', scheme);
    });
  }
});
