/**
 * What the panel's end-to-end files share: a browser with the built extension and the host
 * fixtures served under their real names, messages sent from an extension page (as the options
 * page would), the panel's shadow root read and driven the way a user's automation would, axe-core
 * run inside it, and a small PNG decoder for comparing screenshots without another dependency.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { type ExtensionBrowser, e2eExtensionDir, launchWithExtension, projectRoot } from './harness/browser';
import { fixtureSite, serveHost } from './harness/hosts';

export const TIMEOUT = 15_000;
export const DEMO_CATALOG = path.join(projectRoot, 'demo/catalog.json');
export const JIRA = 'https://acme.atlassian.net';

/** A record page on each host fixture: one with a linked need, one with nothing linked. */
export interface HostPage {
  host: string;
  origin: string;
  folder: string;
  ready: { url: string; record: string };
  empty: { url: string; record: string };
}

export const HOST_PAGES: HostPage[] = [
  {
    host: 'jira-cloud',
    origin: JIRA,
    folder: 'jira-cloud',
    ready: { url: `${JIRA}/browse/SHOP-142`, record: 'SHOP-142' },
    empty: { url: `${JIRA}/browse/SHOP-200`, record: 'SHOP-200' },
  },
  {
    host: 'salesforce',
    origin: 'https://acme.lightning.force.com',
    folder: 'salesforce',
    ready: {
      url: 'https://acme.lightning.force.com/lightning/r/Account/001Dn00000AbCdEIAV/view',
      record: 'Account/001Dn00000AbCdEIAV',
    },
    empty: {
      url: 'https://acme.lightning.force.com/lightning/r/Account/001Dn00000NoLnKIAV/view',
      record: 'Account/001Dn00000NoLnKIAV',
    },
  },
  {
    host: 'hubspot',
    origin: 'https://app.hubspot.com',
    folder: 'hubspot',
    ready: {
      url: 'https://app.hubspot.com/contacts/4711001/record/0-2/18273645012',
      record: 'company/18273645012',
    },
    empty: { url: 'https://app.hubspot.com/contacts/4711001/record/0-1/5101', record: 'contact/5101' },
  },
  {
    host: 'dynamics',
    origin: 'https://acme.crm.dynamics.com',
    folder: 'dynamics',
    ready: {
      url: 'https://acme.crm.dynamics.com/main.aspx?pagetype=entityrecord&etn=account&id=6b2a3c4d-1e2f-4a5b-8c9d-0e1f2a3b4c5d',
      record: 'account/6b2a3c4d-1e2f-4a5b-8c9d-0e1f2a3b4c5d',
    },
    empty: {
      url: 'https://acme.crm.dynamics.com/main.aspx?pagetype=entityrecord&etn=account&id=1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
      record: 'account/1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
    },
  },
  {
    host: 'zendesk',
    origin: 'https://acme.zendesk.com',
    folder: 'zendesk',
    ready: { url: 'https://acme.zendesk.com/agent/tickets/35436', record: 'ticket/35436' },
    empty: { url: 'https://acme.zendesk.com/agent/tickets/35700', record: 'ticket/35700' },
  },
];

/** Host fixtures present in this checkout (the CRM ones arrived with their own issue). */
export const AVAILABLE_HOSTS = HOST_PAGES.filter((host) =>
  existsSync(path.join(projectRoot, 'tests/fixtures', host.folder, 'app.html')),
);

export interface PanelSession {
  browser: ExtensionBrowser;
  /** An extension page, kept open to send messages as the options page would. */
  extension: Page;
  close(): Promise<void>;
}

export async function startPanelSession(hosts: readonly HostPage[] = AVAILABLE_HOSTS): Promise<PanelSession> {
  const browser = await launchWithExtension({
    extensionDir: e2eExtensionDir(),
    headless: !process.env.TANDEM_HEADED,
  });
  for (const host of hosts) {
    await serveHost(
      browser.context,
      host.origin,
      fixtureSite(path.join(projectRoot, 'tests/fixtures', host.folder)),
    );
  }
  const extension = await browser.context.newPage();
  await extension.goto(browser.extensionUrl('options.html'));
  return { browser, extension, close: () => browser.close() };
}

/** Sends one protocol message from the extension page and returns the background's answer. */
export async function ask<T = Record<string, unknown>>(session: PanelSession, message: object): Promise<T> {
  return session.extension.evaluate(
    (request) =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<T> } } }
      ).chrome.runtime.sendMessage(request),
    message,
  );
}

/** The panel tests' own Jira sites: the demo catalog names its sites, so it names these too. */
export const PANEL_TEST_JIRA_SITES = [
  'https://plain.atlassian.net',
  'https://hostile.atlassian.net',
  'https://csp.atlassian.net',
];

/** The demo catalog with the panel tests' sites among its Jira sites. */
export function demoWithTestSites(text: string): string {
  const catalog = JSON.parse(text) as { sites: { jira: string[] } };
  for (const site of PANEL_TEST_JIRA_SITES)
    if (!catalog.sites.jira.includes(site)) catalog.sites.jira.push(site);
  return JSON.stringify(catalog);
}

export async function importCatalog(session: PanelSession, file = DEMO_CATALOG): Promise<void> {
  const text = readFileSync(file, 'utf8');
  const answer = await ask<{ ok: boolean; errors?: unknown }>(session, {
    type: 'catalog.import',
    text: file === DEMO_CATALOG ? demoWithTestSites(text) : text,
  });
  if (!answer.ok) throw new Error(`import of ${file} refused: ${JSON.stringify(answer.errors)}`);
}

// ------------------------------------------------------------------------------------------------
// The panel. Playwright's CSS locators pierce open shadow roots, so `tandem-panel [data-testid=…]`
// reaches inside it.

export const inPanel = (page: Page, testId: string) => page.locator(`tandem-panel [data-testid="${testId}"]`);

export interface PanelState {
  count: number;
  record: string | null;
  state: string | null;
  layout: string | null;
  collapsed: string | null;
  scheme: string | null;
  needIds: string[];
  text: string;
  /** `data-testid` of the element focused inside the panel, when focus is there. */
  focused: string | null;
}

export async function panelState(page: Page): Promise<PanelState> {
  return page.evaluate(() => {
    const panels = document.querySelectorAll('tandem-panel');
    const panel = panels[0];
    const root = panel?.shadowRoot ?? null;
    const active = document.activeElement === panel ? root?.activeElement : null;
    return {
      count: panels.length,
      record: panel?.getAttribute('data-record') ?? null,
      state: panel?.getAttribute('data-state') ?? null,
      layout: panel?.getAttribute('data-layout') ?? null,
      collapsed: panel?.getAttribute('data-collapsed') ?? null,
      scheme: panel?.getAttribute('data-scheme') ?? null,
      needIds: [...(root?.querySelectorAll('[data-testid="tandem-need"]') ?? [])].map(
        (need) => need.getAttribute('data-need-id') ?? '',
      ),
      text: (root?.textContent ?? '').replace(/\s+/g, ' ').trim(),
      focused: active
        ? (active.getAttribute('data-testid') ?? active.getAttribute('role') ?? active.localName)
        : null,
    };
  });
}

/** Waits until the panel matches `check`; the error names what was expected and what was seen. */
export async function waitForPanel(
  page: Page,
  describeIt: string,
  check: (panel: PanelState) => boolean,
  timeout = TIMEOUT,
): Promise<PanelState> {
  // A plain loop rather than expect.poll, so hooks (beforeAll) can wait too.
  const deadline = Date.now() + timeout;
  let last = await panelState(page);
  while (!check(last)) {
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out waiting for ${describeIt}; last panel seen: ${JSON.stringify(last, null, 2)}`,
      );
    }
    await page.waitForTimeout(100);
    last = await panelState(page);
  }
  return last;
}

/**
 * Waits until the host has stopped moving the panel (a re-render takes it out with its container
 * and the loop puts it back): no insertion or removal of tandem-panel for `quietMs`. Interactions
 * and scans wait for it, as a user's eye would.
 */
export async function settled(page: Page, quietMs = 300, timeout = 5000): Promise<void> {
  await page.evaluate(
    ({ quietMs, timeout }) =>
      new Promise<void>((done) => {
        const start = performance.now();
        let last = start;
        const moved = (records: MutationRecord[]) =>
          records.some((record) =>
            [...record.addedNodes, ...record.removedNodes].some((node) => node.nodeName === 'TANDEM-PANEL'),
          );
        const observer = new MutationObserver((records) => {
          if (moved(records)) last = performance.now();
        });
        observer.observe(document, { childList: true, subtree: true });
        const check = () => {
          const now = performance.now();
          const present = document.querySelector('tandem-panel')?.isConnected;
          if ((present && now - last >= quietMs) || now - start >= timeout) {
            observer.disconnect();
            done();
          } else setTimeout(check, 50);
        };
        check();
      }),
    { quietMs, timeout },
  );
}

export const showing = (record: string, state: string) => (panel: PanelState) =>
  panel.count === 1 && panel.record === record && panel.state === state;

// ------------------------------------------------------------------------------------------------
// axe-core inside the panel's shadow root.

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

const AXE_PATH = path.join(projectRoot, 'node_modules/axe-core/axe.min.js');

/** Runs axe on the panel only (its shadow tree), returning every violation with its impact. */
export async function axePanel(page: Page): Promise<AxeViolation[]> {
  await settled(page);
  if (!(await page.evaluate(() => 'axe' in window))) {
    // Evaluated rather than added as a <script>, so a page's own CSP cannot refuse it.
    await page.evaluate(readFileSync(AXE_PATH, 'utf8'));
  }
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: unknown,
            options: unknown,
          ): Promise<{
            violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run(
      { include: [{ fromShadowDom: ['tandem-panel', '.panel'] }] },
      { resultTypes: ['violations'] },
    );
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => JSON.stringify(node.target)),
    }));
  });
}

export const serious = (violations: AxeViolation[]) =>
  violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');

// ------------------------------------------------------------------------------------------------
// PNG: enough of a decoder for Chromium's screenshots (8-bit RGB or RGBA, not interlaced).

export interface Image {
  width: number;
  height: number;
  /** RGBA, row by row. */
  pixels: Uint8Array;
}

export function decodePng(buffer: Buffer): Image {
  if (buffer.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 4;
  const data: Buffer[] = [];
  while (offset < buffer.length) {
    const length = buffer.readUInt32BE(offset);
    const type = buffer.toString('ascii', offset + 4, offset + 8);
    const body = buffer.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [depth, color, , , interlace] = [body[8], body[9], body[10], body[11], body[12]];
      if (depth !== 8 || interlace !== 0 || (color !== 2 && color !== 6)) {
        throw new Error(`unsupported PNG (depth ${depth}, colour type ${color}, interlace ${interlace})`);
      }
      channels = color === 6 ? 4 : 3;
    } else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const rows = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] as number;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const left = x >= channels ? (rows[y * stride + x - channels] as number) : 0;
      const up = y > 0 ? (rows[(y - 1) * stride + x] as number) : 0;
      const corner = y > 0 && x >= channels ? (rows[(y - 1) * stride + x - channels] as number) : 0;
      let predicted = 0;
      if (filter === 1) predicted = left;
      else if (filter === 2) predicted = up;
      else if (filter === 3) predicted = (left + up) >> 1;
      else if (filter === 4) {
        const p = left + up - corner;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - corner)];
        predicted = pa <= pb && pa <= pc ? left : pb <= pc ? up : corner;
      }
      rows[y * stride + x] = ((line[x] as number) + predicted) & 0xff;
    }
  }
  const pixels = new Uint8Array(width * height * 4);
  for (let i = 0, j = 0; i < rows.length; i += channels, j += 4) {
    pixels[j] = rows[i] as number;
    pixels[j + 1] = rows[i + 1] as number;
    pixels[j + 2] = rows[i + 2] as number;
    pixels[j + 3] = channels === 4 ? (rows[i + 3] as number) : 255;
  }
  return { width, height, pixels };
}

/** The share of pixels whose colour differs by more than `tolerance` in any channel. */
export function pixelDifference(a: Image, b: Image, tolerance = 16): number {
  if (a.width !== b.width || a.height !== b.height) return 1;
  let differing = 0;
  for (let i = 0; i < a.pixels.length; i += 4) {
    for (let c = 0; c < 4; c++) {
      if (Math.abs((a.pixels[i + c] as number) - (b.pixels[i + c] as number)) > tolerance) {
        differing += 1;
        break;
      }
    }
  }
  return differing / (a.width * a.height);
}
