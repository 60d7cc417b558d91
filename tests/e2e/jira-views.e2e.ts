/**
 * Every Jira Cloud view that shows one issue (docs/hosts.md, "Jira Cloud"), end to end: the built extension in
 * Debian's Chromium, the demo catalog imported through the options page, and the Jira Cloud
 * look-alike (tests/fixtures/jira-cloud) served under https://acme.atlassian.net, the legacy
 * https://acme.jira.com and https://acme-legacy.atlassian.net (an older build that spells
 * `data-test-id`). For each view: the right record, the right needs (epic, label and component
 * ones only through the fake REST answers), one panel, and where it sits. Then REST failures,
 * 200 SPA navigations with listener/observer/heap counters from the DevTools protocol, the
 * consoles and the network log.
 *
 * Run: node scripts/build-for-tests.mjs && npx vitest run -c vitest.e2e.config.ts tests/e2e/jira-views.e2e.ts
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  blockedRequests,
  fixtureNavigate,
  servedOrigins,
  servedRequests,
  waitForFixture,
} from './harness/hosts';
import { expectOnlyAllowedRequests } from './harness/network';
import { panelSnapshot } from './harness/panel';
import {
  consoleProblems,
  type ExpectedPanel,
  expectCleanConsole,
  expectNoStalePanel,
  expectOnlyOrigins,
  expectPanel,
  expectPlace,
  expectSameOriginRest,
  frameViolations,
  isBrowserNetworkLine,
  type JiraSession,
  type LeakCounters,
  linkedByKey,
  openDevTools,
  panelCount,
  startJiraSession,
  teamName,
} from './jira-support';

/** expect.poll's default is 1 s: too short for a page load or the background's start. */
const POLL = { timeout: 10_000 };
const CLOUD = 'https://acme.atlassian.net';
const LEGACY_HOST = 'https://acme.jira.com';
const OLD_BUILD = 'https://acme-legacy.atlassian.net';

const board = (id: number, view = '', selected?: string) =>
  `/jira/software/c/projects/SHOP/boards/${id}${view}${selected ? `?selectedIssue=${selected}` : ''}`;
const REST_FIELDS =
  'fields=parent,labels,components,project,issuetype,status,assignee,fixVersions,duedate,customfield_10014';

/** Both attribute spellings Jira has used. */
const tid = (id: string, tag = '') => `${tag}[data-testid="${id}"], ${tag}[data-test-id="${id}"]`;
const MODAL_POSITIONER = 'issue.views.issue-details.issue-modal.modal-dialog--positioner';
const MODAL = 'issue.views.issue-details.issue-modal.modal-dialog';
const SCOPES = {
  modal: ['data-testid', 'data-test-id']
    .map((attribute) => `[${attribute}="${MODAL_POSITIONER}"] > [role="dialog"][${attribute}="${MODAL}"]`)
    .join(', '),
  preview: tid('preview-panels.preview-panel', 'section'),
  compact: tid('issue.views.issue-details.issue-layout.compact-layout'),
  right: `${tid('issue.views.issue-details.issue-layout.container-right')}, ${tid('issue.views.issue-details.issue-layout.right-most-column')}`,
  aside: tid('page-layout.aside'),
  main: '#ak-main-content',
  // Board cards and backlog/timeline/list rows: each holds a look-alike /browse/ link.
  card: `${tid('platform-board-kit.ui.card.card')}, [data-card-key]`,
  breadcrumbs: tid('issue.views.issue-base.foundation.breadcrumbs.breadcrumb-nav'),
  unknownPanel: tid('work-item-sidepanel.ui.container'),
};
const STATUS_ROW = tid('issue.views.issue-base.context.status-and-approvals-wrapper.status-and-approval');
const PLACE = { inside: SCOPES, after: STATUS_ROW };

const cloud = (record: string, rest: Omit<ExpectedPanel, 'host' | 'record'>): ExpectedPanel => ({
  host: 'jira-cloud',
  record,
  ...rest,
});
const REORDER = { state: 'ready', needs: ['n-reorder'] };
const INVOICES = { state: 'ready', needs: ['n-invoices'] };
const CHECKOUT_TEAM = { state: 'ready', needs: [], team: teamName('t-checkout') };
const EMPTY = { state: 'empty', needs: [] };

interface FixtureWindow {
  __fixture: {
    timing: Record<string, [number, number]>;
    stats: { breadcrumbRemounts: number };
    navigate(path: string): void;
  };
}

async function setTiming(page: Page, timing: Record<string, [number, number]>): Promise<void> {
  await page.evaluate(
    (values) => Object.assign((window as unknown as FixtureWindow).__fixture.timing, values),
    timing,
  );
}

/** A full page load of `path` on `origin`, waited for until the fixture has rendered it. */
async function open(page: Page, path: string, key: string | null, origin = CLOUD): Promise<void> {
  await page.goto(`${origin}${path}`);
  await waitForFixture(page, key);
}

/** An in-app navigation (history.pushState), waited for until the fixture has rendered it. */
async function go(page: Page, path: string, key: string | null): Promise<void> {
  await fixtureNavigate(page, path);
  await waitForFixture(page, key);
}

const onlyIn = (place: { inside: Record<string, boolean> }, ...names: string[]) =>
  Object.entries(place.inside)
    .filter(([, inside]) => inside)
    .map(([name]) => name)
    .sort()
    .join(',') === [...names].sort().join(',');

describe('Jira Cloud views', () => {
  let session: JiraSession;
  let page: Page;

  beforeAll(async () => {
    session = await startJiraSession({
      [CLOUD]: 'jira-cloud',
      [LEGACY_HOST]: 'jira-cloud',
      [OLD_BUILD]: 'jira-cloud',
    });
    page = session.page;
  });

  afterAll(async () => {
    await session?.browser.close();
  });

  it('full issue page: below the status row in the right-hand column, through a breadcrumb re-mount', async () => {
    await open(page, '/browse/SHOP-142', 'SHOP-142');
    await expectPanel(page, cloud('SHOP-142', REORDER));
    const place = await expectPlace(page, PLACE, 'after the status row', (p) => p.after);
    expect(place.layout).toBe('block');
    expect(onlyIn(place, 'right', 'main'), JSON.stringify(place)).toBe(true);
    const remounts = await page.evaluate(
      () => (window as unknown as FixtureWindow).__fixture.stats.breadcrumbRemounts,
    );
    expect(remounts, 'the breadcrumb was re-mounted after its first render').toBeGreaterThan(0);
    await expectNoStalePanel(page);
  });

  it('epic (parent or Epic Link), label and component links resolve only through the REST answer', async () => {
    for (const key of ['SHOP-141', 'SHOP-146', 'SHOP-147', 'SHOP-148']) {
      expect(linkedByKey(key), `${key} must not be linked by its key in the demo catalog`).toBe(false);
    }
    // parent → epic SHOP-100 → n-reorder
    await open(page, '/browse/SHOP-141', 'SHOP-141');
    await expectPanel(page, cloud('SHOP-141', REORDER));
    // label "invoicing" in project SHOP → n-invoices
    await go(page, '/browse/SHOP-146', 'SHOP-146');
    await expectPanel(page, cloud('SHOP-146', INVOICES));
    // component "Cart" in project SHOP → team Checkout, no need
    await go(page, '/browse/SHOP-147', 'SHOP-147');
    await expectPanel(page, cloud('SHOP-147', CHECKOUT_TEAM));

    // Epic Link (customfield_10014), answered late: the key-level answer shows first, then refines.
    session.faults.set(`${CLOUD}/rest/api/3/issue/SHOP-148`, { delayMs: 1500 });
    await go(page, '/browse/SHOP-148', 'SHOP-148');
    await expectPanel(page, cloud('SHOP-148', EMPTY));
    await expectPanel(page, cloud('SHOP-148', REORDER));
    session.faults.clear();

    const rest = servedRequests(session.browser.context).filter((url) => url.includes('/rest/'));
    for (const key of ['SHOP-141', 'SHOP-146', 'SHOP-147', 'SHOP-148']) {
      expect(rest).toContain(`${CLOUD}/rest/api/3/issue/${key}?${REST_FIELDS}`);
    }
    await expectNoStalePanel(page);
  });

  it('board preview panel: inside the panel below its status row, never in a card', async () => {
    await open(page, board(1, '', 'SHOP-146'), 'SHOP-146');
    await expectPanel(page, cloud('SHOP-146', INVOICES));
    let place = await expectPlace(page, PLACE, 'in the preview panel', (p) => p.inside.preview && p.after);
    expect(place.inside.card).toBe(false);
    expect(place.inside.main).toBe(false);

    await page.locator(`[data-testid="platform-board-kit.ui.card.card"][data-card-key="SHOP-142"]`).click();
    await expect.poll(() => page.url(), POLL).toBe(`${CLOUD}${board(1, '', 'SHOP-142')}`);
    await waitForFixture(page, 'SHOP-142');
    await expectPanel(page, cloud('SHOP-142', REORDER));
    place = await expectPlace(page, PLACE, 'in the preview panel', (p) => p.inside.preview && p.after);
    expect(place.inside.card).toBe(false);

    await go(page, board(1), null);
    await expect.poll(() => panelCount(page), { timeout: 5000 }).toBe(0);
    await expectNoStalePanel(page);
  });

  it('backlog, timeline and list: the selected issue in the preview panel, never in a row', async () => {
    await open(page, board(1, '/backlog', 'SHOP-147'), 'SHOP-147');
    await expectPanel(page, cloud('SHOP-147', CHECKOUT_TEAM));
    let place = await expectPlace(page, PLACE, 'in the preview panel', (p) => p.inside.preview && p.after);
    expect(place.inside.card).toBe(false);

    await page.locator('[data-card-key="SHOP-143"]').click();
    await waitForFixture(page, 'SHOP-143');
    expect(page.url()).toBe(`${CLOUD}${board(1, '/backlog', 'SHOP-143')}`);
    await expectPanel(page, cloud('SHOP-143', INVOICES));

    await go(page, board(1, '/timeline', 'SHOP-100'), 'SHOP-100');
    await expectPanel(page, cloud('SHOP-100', REORDER));
    place = await expectPlace(page, PLACE, 'in the preview panel', (p) => p.inside.preview && p.after);
    expect(place.inside.card).toBe(false);

    await go(page, '/jira/software/c/projects/SHOP/list?selectedIssue=SHOP-141', 'SHOP-141');
    await expectPanel(page, cloud('SHOP-141', REORDER));
    place = await expectPlace(page, PLACE, 'in the preview panel', (p) => p.inside.preview && p.after);
    expect(place.inside.card).toBe(false);
    await expectNoStalePanel(page);
  });

  it('modal: inside the dialog once its data-testid arrives, then into the compact sidebar in place', async () => {
    await open(page, board(2, '', 'SHOP-142'), 'SHOP-142');
    await expectPanel(page, cloud('SHOP-142', REORDER));
    const inModal = await expectPlace(page, PLACE, 'in the modal', (p) => p.inside.modal && p.after);
    expect(inModal.layout).toBe('block');
    expect(inModal.inside.card).toBe(false);

    // "Switch to sidebar": same URL, the modal goes, the compact layout opens beside the board.
    const url = page.url();
    await page.locator(tid('issue-view-foundation.header.minimise-button.modal-minimise-button')).click();
    const inSidebar = await expectPlace(
      page,
      PLACE,
      'in the compact sidebar',
      (p) => p.inside.compact && p.inside.aside && !p.inside.modal && p.after,
    );
    expect(page.url()).toBe(url);
    expect(inSidebar.inside.card).toBe(false);
    expect(await page.locator(tid(MODAL_POSITIONER)).count()).toBe(0);
    await expectPanel(page, cloud('SHOP-142', REORDER));
    await expectNoStalePanel(page);
  });

  it.each([
    ['data-testid', CLOUD],
    ['data-test-id', OLD_BUILD],
  ])(
    'modal whose %s arrives after the float delay: the attribute change alone docks the panel',
    async (_, origin) => {
      await open(page, board(2), null, origin); // a fresh page: the board's setting is the modal again
      await setTiming(page, { modalTestId: [2400, 2500] });
      await fixtureNavigate(page, board(2, '', 'SHOP-143'));
      const floating = await expectPlace(
        page,
        PLACE,
        'floating while the dialog is hidden',
        (p) => p.layout === 'floating',
      );
      expect(floating.inside.modal).toBe(false);
      expect(
        await page.locator(tid(MODAL, '[role="dialog"]')).count(),
        'the testid has not arrived yet',
      ).toBe(0);
      await waitForFixture(page, 'SHOP-143');
      // Nothing else changes in the page after the attribute: only a watch on it can dock the panel.
      await expectPlace(
        page,
        PLACE,
        'in the modal',
        (p) => p.layout === 'block' && p.inside.modal && p.after,
      );
      await expectPanel(page, cloud('SHOP-143', INVOICES));
      await setTiming(page, { modalTestId: [20, 60] });
      await expectNoStalePanel(page);
    },
  );

  it('older compact sidebar: inside the compact layout, neither in a card nor in a preview panel', async () => {
    await open(page, board(3, '', 'SHOP-147'), 'SHOP-147');
    await expectPanel(page, cloud('SHOP-147', CHECKOUT_TEAM));
    let place = await expectPlace(page, PLACE, 'in the compact sidebar', (p) => p.inside.compact && p.after);
    expect(onlyIn(place, 'compact', 'aside', 'right'), JSON.stringify(place)).toBe(true);

    await page.locator(`[data-testid="platform-board-kit.ui.card.card"][data-card-key="SHOP-148"]`).click();
    await waitForFixture(page, 'SHOP-148');
    await expectPanel(page, cloud('SHOP-148', REORDER));
    place = await expectPlace(page, PLACE, 'in the compact sidebar', (p) => p.inside.compact && p.after);
    expect(place.inside.card).toBe(false);
    await expectNoStalePanel(page);
  });

  it('Jira Service Management agent queue: /jira/servicedesk/projects/HELP/queues/custom/7/HELP-31', async () => {
    const queue = '/jira/servicedesk/projects/HELP/queues/custom/7';
    await open(page, queue, null);
    await expect.poll(() => panelCount(page), { timeout: 5000 }).toBe(0);
    await page.locator(`a[href="${queue}/HELP-31"]`).click();
    await waitForFixture(page, 'HELP-31');
    expect(page.url()).toBe(`${CLOUD}${queue}/HELP-31`);
    await expectPanel(page, cloud('HELP-31', { state: 'ready', needs: ['n-order-status'] }));
    const place = await expectPlace(page, PLACE, 'below the status row', (p) => p.inside.right && p.after);
    expect(place.layout).toBe('block');
    await expectNoStalePanel(page);
  });

  it('legacy *.jira.com host: the issue page and the board preview', async () => {
    await open(page, '/browse/SHOP-143', 'SHOP-143', LEGACY_HOST);
    await expectPanel(page, cloud('SHOP-143', INVOICES));
    await expectPlace(page, PLACE, 'below the status row', (p) => p.inside.right && p.after);
    await go(page, board(1, '', 'SHOP-141'), 'SHOP-141');
    await expectPanel(page, cloud('SHOP-141', REORDER));
    const place = await expectPlace(page, PLACE, 'in the preview panel', (p) => p.inside.preview && p.after);
    expect(place.inside.card).toBe(false);
    await expectNoStalePanel(page);
  });

  it('an older build spelling data-test-id: issue page (right-most-column), preview panel and modal', async () => {
    await open(page, '/browse/SHOP-142', 'SHOP-142', OLD_BUILD);
    // Not page.locator(): it pierces the panel's own shadow root, whose testids are Tandem's.
    expect(
      await page.evaluate(() => document.querySelectorAll('[data-testid]').length),
      'this build has no data-testid at all',
    ).toBe(0);
    expect(await page.locator(tid('issue.views.issue-details.issue-layout.right-most-column')).count()).toBe(
      1,
    );
    await expectPanel(page, cloud('SHOP-142', REORDER));
    await expectPlace(page, PLACE, 'below the status row', (p) => p.inside.right && p.after);

    await go(page, board(1, '', 'SHOP-146'), 'SHOP-146');
    await expectPanel(page, cloud('SHOP-146', INVOICES));
    let place = await expectPlace(page, PLACE, 'in the preview panel', (p) => p.inside.preview && p.after);
    expect(place.inside.card).toBe(false);

    await go(page, board(2, '', 'SHOP-147'), 'SHOP-147');
    await expectPanel(page, cloud('SHOP-147', CHECKOUT_TEAM));
    place = await expectPlace(page, PLACE, 'in the modal', (p) => p.inside.modal && p.after);
    expect(place.inside.card).toBe(false);
    await expectNoStalePanel(page);
  });

  it('a side panel whose markup no adapter knows: the right record, floating', async () => {
    await open(page, board(4, '', 'SHOP-142'), 'SHOP-142');
    await expectPanel(page, cloud('SHOP-142', REORDER));
    const place = await expectPlace(page, PLACE, 'floating', (p) => p.layout === 'floating');
    expect(place.parent).toBe('body');
    expect(onlyIn(place), JSON.stringify(place)).toBe(true);
    await expectNoStalePanel(page);
  });

  it('late-rendering anchors: floating first, then docked when the breadcrumb arrives', async () => {
    await open(page, '/browse/SHOP-142', 'SHOP-142');
    await setTiming(page, { breadcrumb: [2400, 2500] });
    await fixtureNavigate(page, '/browse/SHOP-143');
    await expectPlace(page, PLACE, 'floating while no anchor exists', (p) => p.layout === 'floating');
    expect((await panelSnapshot(page)).record).toBe('SHOP-143');
    await waitForFixture(page, 'SHOP-143');
    await expectPlace(
      page,
      PLACE,
      'docked below the status row',
      (p) => p.layout === 'block' && p.inside.right && p.after,
    );
    await expectPanel(page, cloud('SHOP-143', INVOICES));
    await setTiming(page, { breadcrumb: [50, 150] });
    await expectNoStalePanel(page);
  });

  it('REST 401, 404 and a slow answer (> 4 s) fall back to key-only matching, no error in the console', async () => {
    await open(page, '/jira/your-work', null); // a fresh page: nothing read through REST yet
    const consoleBefore = session.console.entries.length;
    const errorsBefore = session.console.pageErrors.length;
    const url = (key: string) => `${CLOUD}/rest/api/3/issue/${key}`;

    // 401 on an issue whose only route is its epic: key-only, so empty, and stays so.
    session.faults.set(url('SHOP-141'), { status: 401 });
    await go(page, '/browse/SHOP-141', 'SHOP-141');
    await expect
      .poll(() => session.faults.failedUrls.some((u) => u.startsWith(url('SHOP-141'))), POLL)
      .toBe(true);
    await expectPanel(page, cloud('SHOP-141', EMPTY));
    // 401 on an issue linked by its key: the key-level need stands.
    session.faults.set(url('SHOP-142'), { status: 401 });
    await go(page, '/browse/SHOP-142', 'SHOP-142');
    await expect
      .poll(() => session.faults.failedUrls.some((u) => u.startsWith(url('SHOP-142'))), POLL)
      .toBe(true);
    await expectPanel(page, cloud('SHOP-142', REORDER));
    // 404 on an issue whose only route is a label.
    session.faults.set(url('SHOP-146'), { status: 404 });
    await go(page, '/browse/SHOP-146', 'SHOP-146');
    await expect
      .poll(() => session.faults.failedUrls.some((u) => u.startsWith(url('SHOP-146'))), POLL)
      .toBe(true);
    await expectPanel(page, cloud('SHOP-146', EMPTY));

    // Slow: the answer (which would add the team) comes after 5 s; the loop gives up at 4 s.
    session.faults.set(url('SHOP-147'), { delayMs: 5000 });
    const started = Date.now();
    await go(page, '/browse/SHOP-147', 'SHOP-147');
    await expectPanel(page, cloud('SHOP-147', EMPTY));
    await expect
      .poll(
        () => session.network.entries.findLast((entry) => entry.url.startsWith(url('SHOP-147')))?.failure,
        {
          timeout: 8000,
        },
      )
      .toBeTruthy();
    expect(Date.now() - started, 'aborted by the 4 s timeout').toBeGreaterThanOrEqual(3900);
    await page.waitForTimeout(Math.max(0, 5600 - (Date.now() - started))); // past the late answer
    await expectPanel(page, cloud('SHOP-147', EMPTY));
    session.faults.clear();

    const snapshot = await panelSnapshot(page);
    expect(snapshot.state).not.toBe('error');
    const newEntries = session.console.entries.slice(consoleBefore);
    expect(session.console.pageErrors.slice(errorsBefore)).toEqual([]);
    expect(consoleProblems({ entries: newEntries, pageErrors: [] }, session.faults.failedUrls)).toEqual([]);
    // What Chromium itself logs for a ≥ 400 answer (no script can silence it), for the record.
    const browserLines = newEntries.filter((entry) => isBrowserNetworkLine(entry, session.faults.failedUrls));
    console.info(
      `browser network lines for the failed REST reads: ${JSON.stringify(browserLines.map((e) => e.text))}`,
    );
    await expectNoStalePanel(page);
  });

  it('200 SPA navigations (navigate and clicks) end with one panel for the right issue, no growth', async () => {
    const { browser } = session;
    await open(page, '/browse/SHOP-142', 'SHOP-142');
    await setTiming(page, {
      data: [0, 4],
      breadcrumb: [2, 8],
      remount: [2, 6],
      details: [2, 8],
      modalTestId: [1, 4],
    });
    const devtools = await openDevTools(page);
    const restBefore = servedRequests(browser.context).length;

    const KEYS = [
      'SHOP-141',
      'SHOP-142',
      'SHOP-143',
      'SHOP-146',
      'SHOP-147',
      'SHOP-148',
      'SHOP-200',
      'SHOP-144',
    ];
    const OTHER = ['OPS-5', 'SHOP-100', 'HELP-31'];
    const keyOf = (path: string) =>
      /selectedIssue=([A-Z0-9_]+-\d+)/.exec(path)?.[1] ?? /\/([A-Z][A-Z0-9_]+-\d+)$/.exec(path)?.[1] ?? null;
    let navigations = 0;
    let current = '/browse/SHOP-142';
    const visits: string[] = [current];
    /** How the navigations were made, for the report. */
    let mix: Record<string, number> = {};
    const count = (how: string, n = 1) => {
      mix[how] = (mix[how] ?? 0) + n;
      navigations += n;
    };

    async function step(i: number): Promise<void> {
      const key = KEYS[i % KEYS.length] as string;
      const other = KEYS[(i * 5 + 3) % KEYS.length] as string;
      // A burst counts two: never one when a single navigation is left before the last.
      const kind = i % 10 === 7 && navigations >= 197 ? 0 : i % 10;
      let how = 'navigate';
      if (kind === 0 || kind === 5) {
        current = `/browse/${kind === 5 ? (OTHER[i % OTHER.length] as string) : key}`;
        await fixtureNavigate(page, current);
      } else if (kind === 1 && /\/browse\/SHOP-14[23]$/.test(current)) {
        how = 'click: linked work item';
        // The "relates to" link of SHOP-142 / SHOP-143.
        const link = page.locator(
          tid('issue.issue-view.views.common.issue-line-card.issue-line-card-view.key', 'a'),
        );
        current = (await link.first().getAttribute('href')) as string;
        await link.first().click();
      } else if (kind === 1 || kind === 2) {
        current = board(kind === 1 ? 1 : 3, '', key);
        await fixtureNavigate(page, current);
      } else if (kind === 3 || kind === 4) {
        if (!current.startsWith(board(1)) && !current.startsWith(board(3))) {
          current = board(3, '', other);
          await fixtureNavigate(page, current);
        } else {
          how = 'click: board card';
          current = `${current.split('?')[0]}?selectedIssue=${key}`;
          await page
            .locator(`[data-testid="platform-board-kit.ui.card.card"][data-card-key="${key}"]`)
            .click();
        }
      } else if (kind === 6) {
        current = board(2, '', key); // the modal
        await fixtureNavigate(page, current);
      } else if (kind === 7) {
        // Two navigations in one task: the first view never finishes rendering.
        const first = board(1, '/backlog', other);
        current = `/jira/software/c/projects/SHOP/list?selectedIssue=${key}`;
        await page.evaluate(
          ([a, b]) => {
            const fixture = (window as unknown as FixtureWindow).__fixture;
            fixture.navigate(a as string);
            fixture.navigate(b as string);
          },
          [first, current],
        );
        how = 'navigate: two in one task';
        count(how);
        visits.push(first);
      } else if (kind === 8 && visits.length > 2) {
        await page.goBack();
        visits.pop();
        current = visits[visits.length - 1] as string;
        count('history.back');
        await waitForFixture(page, keyOf(current));
        return;
      } else {
        current = `/jira/servicedesk/projects/HELP/queues/custom/7/${i % 2 ? 'HELP-31' : ''}`.replace(
          /\/$/,
          '',
        );
        await fixtureNavigate(page, current);
      }
      count(how);
      visits.push(current);
      await waitForFixture(page, keyOf(current));
    }

    // Warm-up (caches, JIT, every REST read done once), then the baseline on SHOP-142's page.
    for (let i = 0; i < 30; i++) await step(i);
    current = '/browse/SHOP-142';
    await fixtureNavigate(page, current);
    await waitForFixture(page, 'SHOP-142');
    await expectPanel(page, cloud('SHOP-142', REORDER));
    await expectPlace(page, PLACE, 'after the status row', (p) => p.inside.right && p.after);
    const before = await devtools.measure(browser.extensionId);
    await frameViolations(page); // reset
    await page.evaluate(() =>
      (window as unknown as { __tandemPanelMonitor: { reset(): void } }).__tandemPanelMonitor.reset(),
    );

    navigations = 0;
    mix = {};
    const started = Date.now();
    for (let i = 0; navigations < 199; i++) {
      await step(i);
      if (navigations % 25 === 0) {
        const key = keyOf(current);
        if (key) expect((await panelSnapshot(page)).count).toBeLessThanOrEqual(1);
      }
    }
    current = '/browse/SHOP-142';
    await fixtureNavigate(page, current);
    count('navigate');
    await waitForFixture(page, 'SHOP-142');
    const elapsed = Date.now() - started;
    expect(navigations).toBe(200);

    await expectPanel(page, cloud('SHOP-142', REORDER));
    await expectPlace(page, PLACE, 'after the status row', (p) => p.inside.right && p.after);
    const watch = await frameViolations(page);
    expect(watch.frames, 'the per-frame watch ran').toBeGreaterThan(200);
    expect(watch.violations, 'frames with a panel for another record').toEqual([]);
    await expectNoStalePanel(page);
    const after = await devtools.measure(browser.extensionId);
    console.info(
      `200 navigations (${JSON.stringify(mix)}) in ${elapsed} ms over ${watch.frames} frames\nbefore ${JSON.stringify(before)}\nafter  ${JSON.stringify(after)}`,
    );
    expectNoGrowth(before, after);

    // One REST read per issue for the life of the page.
    const reads = servedRequests(browser.context)
      .slice(restBefore)
      .filter((url) => url.startsWith(`${CLOUD}/rest/api/3/issue/`));
    const perKey = new Map<string, number>();
    for (const read of reads) {
      const key = /issue\/([^?]+)/.exec(read)?.[1] ?? '';
      perKey.set(key, (perKey.get(key) ?? 0) + 1);
    }
    for (const [key, count] of perKey) expect(count, `REST reads of ${key}`).toBe(1);
    await devtools.cdp.detach();
  });

  it('kept every page console free of errors and sent nothing off the routed origins', () => {
    expectCleanConsole(session.console, session.faults.failedUrls);
    expect(servedOrigins(session.browser.context).sort()).toEqual([CLOUD, LEGACY_HOST, OLD_BUILD].sort());
    expectOnlyAllowedRequests(session.network, [CLOUD, LEGACY_HOST, OLD_BUILD]);
    expectOnlyOrigins(session.network, [CLOUD, LEGACY_HOST, OLD_BUILD]);
    expectSameOriginRest(session.network);
    expect(blockedRequests(session.browser.context)).toEqual([]);
  });
});

/** The extension's own listeners and observers must not grow; the renderer's counts only a little. */
function expectNoGrowth(before: LeakCounters, after: LeakCounters): void {
  expect(after.extension.windowListeners, 'extension listeners on window').toBe(
    before.extension.windowListeners,
  );
  expect(after.extension.navigationListeners, 'extension listeners on navigation').toBe(
    before.extension.navigationListeners,
  );
  expect(after.extension.documentTreeListeners, 'extension listeners on document and its nodes').toBe(
    before.extension.documentTreeListeners,
  );
  expect(after.extension.mutationObservers, 'extension MutationObservers').toBe(
    before.extension.mutationObservers,
  );
  expect(after.extension.resizeObservers).toBe(before.extension.resizeObservers);
  expect(after.extension.intersectionObservers).toBe(before.extension.intersectionObservers);
  expect(after.page.mutationObservers, 'page MutationObservers').toBe(before.page.mutationObservers);
  expect(
    after.JSEventListeners - before.JSEventListeners,
    'renderer JSEventListeners growth',
  ).toBeLessThanOrEqual(10);
  expect(after.Nodes - before.Nodes, 'DOM nodes growth after GC').toBeLessThanOrEqual(200);
  expect(after.JSHeapUsedSize - before.JSHeapUsedSize, 'JS heap growth after GC').toBeLessThanOrEqual(
    2 * 1024 * 1024,
  );
}
