/**
 * The outcomes page end to end (options.html#outcomes): a catalog imported through the options
 * page, then every team, every need with its adoption ratio, and exactly the flags its data calls
 * for; the filters, the sort by gap, the lead limit setting, the exports, a flag's link to the
 * form that fixes it, the keyboard, and axe-core in light and dark.
 *
 * Run: after `node scripts/build-for-tests.mjs`
 *   npx vitest run -c vitest.e2e.config.ts tests/e2e/outcomes.e2e.ts
 */
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, e2eExtensionDir, launchWithExtension, projectRoot } from './harness/browser';
import { expectAccessible, TIMEOUT } from './options-support';

const DAY_MS = 86_400_000;
/** A date `days` from today (negative: in the past), as the catalog writes dates. */
const day = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);

const CATALOG = {
  format: 'tandem.catalog',
  version: 1,
  name: 'Outcomes test',
  people: [
    { id: 'p-ada', name: 'Ada Business', side: 'business' },
    { id: 'p-ian', name: 'Ian Tech', side: 'it' },
    { id: 'p-old', name: 'Olga Stale', side: 'business', verifiedAt: day(-200) },
    { id: 'p-dev', name: 'Dev Ops', side: 'it' },
  ],
  teams: [
    {
      id: 't-fw',
      name: 'Firewall Crew',
      approach: 'firewall',
      businessLead: 'p-ada',
      itLead: 'p-ian',
      charter: {
        mission: 'Ship the new checkout',
        businessGoal: '+5% conversion',
        startsOn: day(-100),
        endsOn: day(-10),
      },
    },
    {
      id: 't-std',
      name: 'Standard Team',
      approach: 'standard',
      businessLead: 'p-ada',
      itLead: 'p-dev',
      charter: { endsOn: day(30) },
      verifiedAt: day(-200),
    },
    { id: 't-cs', name: 'Clean Slate', approach: 'clean-slate', businessLead: 'p-ada', itLead: 'p-ian' },
  ],
  needs: [
    {
      id: 'n-1',
      title: 'Checkout in one step',
      status: 'in-delivery',
      team: 't-fw',
      customers: [
        { name: 'Initech', importance: 'nice' },
        { name: 'Globex', importance: 'critical' },
      ],
      adoption: {
        metric: 'One-step orders',
        target: 200,
        current: 50,
        asOf: day(-1),
        history: [
          { asOf: day(-60), value: 10 },
          { asOf: day(-30), value: 30 },
        ],
      },
    },
    { id: 'n-2', title: 'Invoices by mail', status: 'released', team: 't-std' },
    {
      id: 'n-3',
      title: 'Tax ids on invoices',
      status: 'adopted',
      team: 't-std',
      adoption: { metric: 'Invoices', target: 100, current: 120, asOf: day(-2) },
      verifiedAt: day(-181),
    },
    { id: 'n-4', title: 'Nobody owns this', status: 'discovery' },
    { id: 'n-5', title: '=Half owned', status: 'discovery', businessOwner: 'p-ada' },
    {
      id: 'n-6',
      title: 'No target yet',
      status: 'discovery',
      team: 't-cs',
      adoption: { metric: 'Sign-ups', target: 0, current: 5, asOf: day(-3) },
    },
  ],
  links: [{ need: 'n-1', jira: { issue: 'SHOP-1' } }],
};

interface Seen {
  teams: string[];
  teamless: string[];
  needs: Record<string, string | null>;
  flags: string[];
}

/** What the page shows: teams in order, each need's data-adoption, and every flag with its holder. */
function seen(page: Page): Promise<Seen> {
  return page.evaluate(() => {
    const root = document.querySelector('[data-testid="outcomes"]') as HTMLElement;
    const teams = [...root.querySelectorAll('[data-testid="outcomes-team"]')].map(
      (team) => team.getAttribute('data-team-id') ?? '',
    );
    const teamless = [
      ...root.querySelectorAll('[data-testid="outcomes-teamless"] [data-testid="outcomes-need"]'),
    ].map((need) => need.getAttribute('data-need-id') ?? '');
    const needs: Record<string, string | null> = {};
    for (const need of root.querySelectorAll('[data-testid="outcomes-need"]'))
      needs[need.getAttribute('data-need-id') ?? ''] = need.getAttribute('data-adoption');
    const flags = [...root.querySelectorAll('[data-testid="outcomes-flag"]')].map((flag) => {
      const holder =
        flag.closest('[data-testid="outcomes-need"]') ?? flag.closest('[data-testid="outcomes-team"]');
      const id = holder?.getAttribute('data-need-id') ?? holder?.getAttribute('data-team-id') ?? '?';
      return `${id} ${flag.getAttribute('data-kind')}`;
    });
    return { teams, teamless, needs, flags: flags.sort() };
  });
}

describe('outcomes page', () => {
  let browser: ExtensionBrowser;
  let options: Page;

  const settle = async () => {
    await options.locator('[data-testid="outcomes"][aria-busy="false"]').waitFor({ timeout: TIMEOUT });
    await options.waitForLoadState('networkidle');
  };
  const teamsShown = () => seen(options).then((s) => s.teams);

  beforeAll(async () => {
    browser = await launchWithExtension({
      extensionDir: e2eExtensionDir(),
      headless: !process.env.TANDEM_HEADED,
    });
    const file = path.join(os.tmpdir(), `tandem-outcomes-${process.pid}.json`);
    await writeFile(file, JSON.stringify(CATALOG));
    options = await browser.context.newPage();
    await options.goto(browser.extensionUrl('options.html'));
    await options.locator('[data-testid="catalog-import"]').setInputFiles(file);
    await options
      .locator('[data-testid="import-result"][data-outcome="imported"]')
      .waitFor({ timeout: TIMEOUT });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('is linked from the popup', async () => {
    const popup = await browser.context.newPage();
    await popup.goto(browser.extensionUrl('popup.html'));
    const href = await popup.locator('[data-testid="open-outcomes"]').getAttribute('href');
    expect(href).toBe(browser.extensionUrl('options.html#outcomes'));
    await popup.close();
  });

  it('lists every team, each need at its ratio to target, and exactly the flags the data calls for', async () => {
    await options.goto(browser.extensionUrl('options.html#outcomes'));
    await options.locator('[data-testid="outcomes-need"]').first().waitFor({ timeout: TIMEOUT });
    await settle();
    const page = await seen(options);
    expect(page.teams).toEqual(['t-cs', 't-fw', 't-std']);
    expect(page.teamless).toEqual(['n-5', 'n-4']);
    expect(page.needs).toEqual({
      'n-1': '0.25',
      'n-2': null,
      'n-3': '1.20',
      'n-4': null,
      'n-5': null,
      'n-6': null,
    });
    expect(page.flags).toEqual([
      'n-2 no-adoption',
      'n-3 stale',
      'n-4 no-owners',
      't-fw time-box-ended',
      't-std stale',
    ]);
    const counts = await options
      .locator('[data-testid="outcomes-count"]')
      .evaluateAll((items) =>
        items.map((item) => `${item.getAttribute('data-kind')} ${item.getAttribute('data-count')}`),
      );
    expect(counts).toEqual([
      'time-box-ended 1',
      'no-owners 1',
      'stale 3', // n-3, t-std and the person Olga
      'no-adoption 1',
      'work-done 0',
      'leads-too-many-teams 0',
    ]);
    expect(await options.locator('[data-testid="outcomes-person-flag"]').getAttribute('data-person-id')).toBe(
      'p-old',
    );

    const fw = options.locator('[data-testid="outcomes-team"][data-team-id="t-fw"]');
    const text = (await fw.textContent()) ?? '';
    for (const part of [
      'Firewall',
      'Ada Business',
      'Ian Tech',
      'ended 10 days ago',
      'Ship the new checkout',
      '+5% conversion',
    ])
      expect(text).toContain(part);
    expect(
      await options.locator('[data-testid="outcomes-team"][data-team-id="t-std"]').textContent(),
    ).toContain('30 days left');
    const n1 = options.locator('[data-testid="outcomes-need"][data-need-id="n-1"]');
    expect(await n1.textContent()).toMatch(/Globex \(Critical\), Initech \(Nice to have\)/);
    expect(await n1.textContent()).toContain('50 of 200 (25%)');
    // The history line is an image named by its figures.
    const spark = n1.locator('[data-testid="outcomes-sparkline"]');
    expect(await spark.getAttribute('role')).toBe('img');
    expect(await spark.getAttribute('aria-label')).toContain(
      `${day(-60)}: 10, ${day(-30)}: 30, ${day(-1)}: 50`,
    );
  });

  it('filters by team, approach, status, flag and my teams, and sorts by gap to target', async () => {
    await options.locator('[data-testid="outcomes-filter-approach"]').selectOption('firewall');
    await expect.poll(teamsShown, { timeout: TIMEOUT }).toEqual(['t-fw']);
    expect((await seen(options)).teamless).toEqual([]);
    await options.locator('[data-testid="outcomes-filter-approach"]').selectOption('');

    await options.locator('[data-testid="outcomes-filter-status"]').selectOption('released');
    await expect
      .poll(() => seen(options).then((s) => Object.keys(s.needs)), { timeout: TIMEOUT })
      .toEqual(['n-2']);
    await options.locator('[data-testid="outcomes-filter-status"]').selectOption('');

    await options.locator('[data-testid="outcomes-filter-flag"]').selectOption('no-owners');
    await expect
      .poll(() => seen(options).then((s) => [s.teams, s.teamless]), { timeout: TIMEOUT })
      .toEqual([[], ['n-4']]);
    await options.locator('[data-testid="outcomes-filter-flag"]').selectOption('');

    await options.locator('[data-testid="outcomes-filter-team"]').selectOption('t-std');
    await expect.poll(teamsShown, { timeout: TIMEOUT }).toEqual(['t-std']);
    await options.locator('[data-testid="outcomes-filter-team"]').selectOption('');

    await options.locator('[data-testid="outcomes-sort"]').selectOption('gap');
    await expect.poll(teamsShown, { timeout: TIMEOUT }).toEqual(['t-fw', 't-std', 't-cs']);
    await options.locator('[data-testid="outcomes-sort"]').selectOption('team');

    // My teams: the pinned ones (none yet, then Clean Slate).
    await options.locator('[data-testid="outcomes-mine"]').check();
    await expect.poll(teamsShown, { timeout: TIMEOUT }).toEqual([]);
    await options.evaluate(() =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).chrome.runtime.sendMessage({ type: 'settings.update', patch: { pinnedTeams: ['t-cs'] } }),
    );
    await expect.poll(teamsShown, { timeout: TIMEOUT }).toEqual(['t-cs']);
    await options.locator('[data-testid="outcomes-mine"]').uncheck();
    await expect.poll(teamsShown, { timeout: TIMEOUT }).toEqual(['t-cs', 't-fw', 't-std']);
  });

  it('counts are buttons the keyboard can use to filter', async () => {
    const count = options.locator('[data-testid="outcomes-count"][data-kind="no-adoption"]');
    await count.focus();
    await options.keyboard.press('Enter');
    await expect
      .poll(() => seen(options).then((s) => Object.keys(s.needs)), { timeout: TIMEOUT })
      .toEqual(['n-2']);
    expect(await count.getAttribute('aria-pressed')).toBe('true');
    await options.keyboard.press('Enter');
    await expect.poll(teamsShown, { timeout: TIMEOUT }).toEqual(['t-cs', 't-fw', 't-std']);
  });

  it('flags a person leading more teams than the setting allows, on each team they lead', async () => {
    const limit = options.locator('[data-testid="outcomes-max-teams"]');
    expect(await limit.inputValue()).toBe('3');
    await limit.fill('2');
    await limit.dispatchEvent('change');
    await expect
      .poll(
        () => seen(options).then((s) => s.flags.filter((flag) => flag.endsWith('leads-too-many-teams'))),
        {
          timeout: TIMEOUT,
        },
      )
      .toEqual(['t-cs leads-too-many-teams', 't-fw leads-too-many-teams', 't-std leads-too-many-teams']);
    expect(
      await options
        .locator('[data-testid="outcomes-team"][data-team-id="t-cs"] [data-kind="leads-too-many-teams"]')
        .textContent(),
    ).toContain('Ada Business leads 3 teams');
    await limit.fill('3');
    await limit.dispatchEvent('change');
    await expect
      .poll(
        () => seen(options).then((s) => s.flags.filter((flag) => flag.endsWith('leads-too-many-teams'))),
        {
          timeout: TIMEOUT,
        },
      )
      .toEqual([]);
  });

  it('exports the page as formula-safe CSV and the chart as SVG', async () => {
    const csvDownload = options.waitForEvent('download');
    await options.locator('[data-testid="outcomes-export-csv"]').click();
    const csv = await readFile(await (await csvDownload).path(), 'utf8');
    const [header, ...rows] = csv.trim().split('\r\n');
    expect(header?.startsWith('team,teamId,approach,businessLead,itLead,teamEndsOn,need,needId,status')).toBe(
      true,
    );
    expect(rows).toHaveLength(6);
    expect(csv).toContain(`'=Half owned`);
    expect(rows.find((row) => row.includes(',n-1,'))).toContain(',0.25,');

    const svgDownload = options.waitForEvent('download');
    await options.locator('[data-testid="outcomes-export-svg"]').click();
    const svg = await readFile(await (await svgDownload).path(), 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('Firewall Crew: Checkout in one step: 50 of 200 (25%)');
  });

  it('passes axe-core in light and dark', async () => {
    await settle();
    await expectAccessible(options, 'the outcomes page (light)');
    await options.emulateMedia({ colorScheme: 'dark' });
    await expectAccessible(options, 'the outcomes page (dark)');
    await options.emulateMedia({ colorScheme: 'light' });
  });

  // TANDEM_SCREENSHOTS=1: the README's pictures of the page, light and dark.
  it.runIf(process.env.TANDEM_SCREENSHOTS)('takes the README screenshots', async () => {
    await options.setViewportSize({ width: 1100, height: 1300 });
    for (const scheme of ['light', 'dark'] as const) {
      await options.emulateMedia({ colorScheme: scheme });
      await settle();
      await options.screenshot({ path: path.join(projectRoot, `docs/screenshots/outcomes-${scheme}.png`) });
    }
    await options.emulateMedia({ colorScheme: 'light' });
  });

  it('links a flag to the form that fixes it', async () => {
    await options
      .locator('[data-testid="outcomes-need"][data-need-id="n-2"] [data-testid="outcomes-flag-fix"]')
      .click();
    await options.locator('[data-testid="options-view"][data-view="needs"]').waitFor({ timeout: TIMEOUT });
    expect(new URL(options.url()).hash).toBe('#needs/n-2');
    await options.locator('[data-testid="entity-save"]').waitFor({ timeout: TIMEOUT });
  });
});
