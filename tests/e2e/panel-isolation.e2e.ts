/**
 * Isolation: the panel looks the same on a page with hostile global CSS and on a page with a strict
 * Content-Security-Policy as on a plain page (screenshots of the panel compared pixel by pixel),
 * and catalog strings made of script tags, event-handler attributes and javascript:/data: URLs
 * render as text, with no script run and no link but https and mailto.
 *
 * Run after `node scripts/build-for-tests.mjs`:
 *   npx vitest run -c vitest.e2e.config.ts tests/e2e/panel-isolation.e2e.ts
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from './harness/browser';
import { type HostHandler, serveHost } from './harness/hosts';
import {
  ask,
  decodePng,
  importCatalog,
  type PanelSession,
  panelState,
  pixelDifference,
  showing,
  startPanelSession,
  waitForPanel,
} from './panel-support';

const FIXTURES = path.join(projectRoot, 'tests/fixtures/hostile');
const STRICT_CSP = "default-src 'none'; style-src 'none'";
const PAGES = {
  plain: 'https://plain.atlassian.net',
  hostile: 'https://hostile.atlassian.net',
  csp: 'https://csp.atlassian.net',
};

/** Serves one fixture file for every path; the REST reads the Jira adapter makes get a 404. */
function page(file: string, headers: Record<string, string> = {}): HostHandler {
  return async (url) => {
    if (url.pathname.startsWith('/rest/'))
      return { status: 404, contentType: 'application/json', body: '{}' };
    return {
      contentType: 'text/html; charset=utf-8',
      headers,
      body: await readFile(path.join(FIXTURES, file)),
    };
  };
}

/** What inside the shadow root could run script or navigate somewhere it should not. */
const DANGER_SOURCE = `(() => {
  const root = document.querySelector('tandem-panel').shadowRoot;
  const elements = [...root.querySelectorAll('*')];
  return {
    dangerous: elements
      .filter((el) => ['script', 'img', 'iframe', 'svg', 'object', 'embed', 'style', 'details', 'marquee', 'form:not([data-testid])'].some((s) => el.matches(s)))
      .map((el) => el.outerHTML.slice(0, 80)),
    handlers: elements.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => el.localName + '[' + a.name + ']')),
    hrefs: [...root.querySelectorAll('[href]')].map((el) => el.getAttribute('href')),
    srcs: [...root.querySelectorAll('[src], [srcdoc], [data]')].map((el) => el.outerHTML.slice(0, 80)),
    text: root.textContent,
  };
})()`;

describe('isolation from the host page', () => {
  let session: PanelSession;
  const shots: Record<string, Buffer> = {};

  beforeAll(async () => {
    session = await startPanelSession([]);
    const { context } = session.browser;
    await serveHost(context, PAGES.plain, page('plain.html'));
    await serveHost(context, PAGES.hostile, page('hostile.html'));
    await serveHost(context, PAGES.csp, page('plain.html', { 'content-security-policy': STRICT_CSP }));
    await importCatalog(session);
  });

  afterAll(async () => {
    await session?.close();
  });

  async function openPanel(origin: string): Promise<Page> {
    const tab = await session.browser.context.newPage();
    await tab.goto(`${origin}/browse/SHOP-142`);
    // No issue-view markup on these pages: the panel floats once the wait for an anchor is over.
    await waitForPanel(
      tab,
      `the floating panel on ${origin}`,
      (p) => showing('SHOP-142', 'ready')(p) && p.layout === 'floating',
    );
    await tab.mouse.move(0, 0);
    return tab;
  }

  for (const [name, origin] of Object.entries(PAGES)) {
    it(`shows the panel on the ${name} page`, async () => {
      const tab = await openPanel(origin);
      const state = await panelState(tab);
      expect(state.needIds).toEqual(['n-reorder']);
      expect(state.scheme).toBe('light');
      shots[name] = await tab.locator('tandem-panel').screenshot({ animations: 'disabled', caret: 'hide' });
      if (process.env.TANDEM_KEEP_SHOTS)
        await writeFile(path.join(projectRoot, `.tmp/isolation-${name}.png`), shots[name]);
      const box = await tab.locator('tandem-panel').boundingBox();
      expect(box?.width, 'the floating panel keeps its width').toBe(360);
      if (name === 'csp') {
        // The page's own inline styles are refused, so the CSP is really in force.
        const applied = await tab.evaluate(() => getComputedStyle(document.body).margin);
        expect(applied).toBe('8px');
      }
      await tab.close();
    });
  }

  it.each(['hostile', 'csp'])('the panel on the %s page looks like the one on the plain page', (name) => {
    const plain = shots.plain;
    const other = shots[name];
    if (!plain || !other) throw new Error('an earlier test did not take its screenshot');
    const a = decodePng(plain);
    const b = decodePng(other);
    expect({ width: b.width, height: b.height }).toEqual({ width: a.width, height: a.height });
    // Only the rounded corners may differ: they show the page's own background.
    const difference = pixelDifference(a, b);
    console.info(
      `panel on the ${name} page: ${(difference * 100).toFixed(3)}% of pixels differ from the plain page`,
    );
    expect(difference).toBeLessThan(0.002);
  });

  it('stays usable on the hostile page: collapses and expands', async () => {
    const tab = await openPanel(PAGES.hostile);
    const collapse = tab.locator('tandem-panel [data-testid="tandem-collapse"]');
    await collapse.click();
    await waitForPanel(tab, 'collapsed', (p) => p.collapsed === 'true');
    await tab.locator('tandem-panel button[aria-expanded="false"]').click();
    await waitForPanel(tab, 'expanded', (p) => p.collapsed === 'false');
    await tab.close();
  });

  describe('catalog strings that try to run script', () => {
    beforeAll(async () => {
      await importCatalog(session, path.join(FIXTURES, 'xss-catalog.json'));
    });

    it('refuses javascript: and data: URLs at import, naming each', async () => {
      const answer = await ask<{ ok: boolean; errors: { path: string; rule: string }[] }>(session, {
        type: 'catalog.import',
        text: await readFile(path.join(projectRoot, 'tests/fixtures/catalogs/unsafe-urls.json'), 'utf8'),
      });
      expect(answer.ok).toBe(false);
      const paths = answer.errors.map((error) => error.path);
      expect(paths).toEqual(expect.arrayContaining(['people[0].chat', 'needs[0].evidence[0].url']));
    });

    it.each(Object.entries(PAGES))(
      'renders them as text on the %s page, and runs none of them',
      async (_name, origin) => {
        const tab = await session.browser.context.newPage();
        await tab.addInitScript(() => {
          // A trap: every payload in the catalog sets it.
          Object.defineProperty(window, '__xss', {
            configurable: true,
            set(value) {
              (window as unknown as { __xssHits: unknown[] }).__xssHits.push(value);
            },
          });
          (window as unknown as { __xssHits: unknown[] }).__xssHits = [];
        });
        await tab.goto(`${origin}/browse/SHOP-142`);
        await waitForPanel(
          tab,
          'the XSS needs',
          (p) => showing('SHOP-142', 'ready')(p) && p.needIds.length === 2,
        );
        // Give every handler a chance: focus, hover and toggle whatever is in the panel.
        for (const link of await tab.locator('tandem-panel a').all()) {
          await link.focus();
          await link.hover();
        }
        await tab.waitForTimeout(300);
        const found = (await tab.evaluate(DANGER_SOURCE)) as {
          dangerous: string[];
          handlers: string[];
          hrefs: string[];
          srcs: string[];
          text: string;
        };
        expect(found.dangerous).toEqual([]);
        expect(found.handlers).toEqual([]);
        expect(found.srcs).toEqual([]);
        expect(found.hrefs.length).toBeGreaterThan(0);
        for (const href of found.hrefs) expect(href).toMatch(/^(https:|mailto:)/);
        for (const text of [
          "<script>window.__xss = 'title'</script>",
          `<img src=x onerror="window.__xss = 'person name'">`,
          "javascript:window.__xss = 'it name'",
          `"><svg onload="window.__xss = 'customer'">`,
          "javascript:window.__xss = 'mission'",
        ]) {
          expect(found.text).toContain(text);
        }
        expect(await tab.evaluate(() => (window as unknown as { __xssHits: unknown[] }).__xssHits)).toEqual(
          [],
        );
        // The trap itself works: a payload run in this page would have been caught.
        await tab.evaluate(() => {
          (window as unknown as { __xss: string }).__xss = 'probe';
        });
        expect(await tab.evaluate(() => (window as unknown as { __xssHits: unknown[] }).__xssHits)).toEqual([
          'probe',
        ]);
        await tab.close();
      },
    );
  });
});
