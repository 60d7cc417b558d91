/** What the panel shows of delivery status, shared by the Chromium and Firefox work-status files. */
import type { Page } from 'playwright-core';
import type { FakeIssue } from './harness/jira-api';

/**
 * The user's Jira session as Jira Cloud sets it (`SameSite=None`), with `Lax` and `Strict`
 * companions, to see which of them a background read carries (in the shape both Playwright's and
 * puppeteer's cookie calls take).
 */
export const JIRA_SESSION_COOKIES = (['None', 'Lax', 'Strict'] as const).map((sameSite) => ({
  name: `session-${sameSite.toLowerCase()}`,
  value: 'yes',
  domain: 'acme.atlassian.net',
  path: '/',
  secure: true,
  httpOnly: true,
  sameSite,
}));

/** What the fake Jira Cloud answers for the work items of the demo catalog's Globex record. */
export const GLOBEX_WORK: Record<string, FakeIssue> = {
  'SHOP-142': { status: 'In Review', category: 'indeterminate', assignee: 'Raj Patel', fixVersion: '4.2' },
  'SHOP-100': { status: 'Selected', category: 'new', due: '2026-12-24' },
};

export interface ItemSeen {
  key: string;
  category: string | null;
  status: string | null;
  text: string;
}
export interface StatusPanel {
  items: ItemSeen[];
  problem: string | null;
  warnings: string[];
  impact: { customers: string | null; critical: string | null; text: string; links: string[] } | null;
  needIds: string[];
}

/** What the one panel shows of work items, the problem line, warnings and the impact block. */
export async function statusPanel(page: Page): Promise<StatusPanel> {
  return page.evaluate(() => {
    const root = document.querySelector('tandem-panel')?.shadowRoot;
    const all = (testid: string) => [...(root?.querySelectorAll(`[data-testid="${testid}"]`) ?? [])];
    const impact = root?.querySelector('[data-testid="tandem-impact"]');
    return {
      items: all('tandem-work-item').map((item) => ({
        key: item.getAttribute('data-key') ?? '',
        category: item.getAttribute('data-status-category'),
        status: item.getAttribute('data-status'),
        text: (item.textContent ?? '').replace(/\s+/g, ' ').trim(),
      })),
      problem: all('tandem-work-problem')[0]?.textContent ?? null,
      warnings: all('tandem-warning').map((warning) => warning.getAttribute('data-warning') ?? ''),
      impact: impact
        ? {
            customers: impact.getAttribute('data-customers'),
            critical: impact.getAttribute('data-critical'),
            text: (impact.textContent ?? '').replace(/\s+/g, ' ').trim(),
            links: [...impact.querySelectorAll('a')].map((a) => `${a.textContent} ${a.getAttribute('href')}`),
          }
        : null,
      needIds: all('tandem-need').map((need) => need.getAttribute('data-need-id') ?? ''),
    };
  });
}

interface ImpactCatalog {
  needs: { id: string; customers?: { name: string; importance?: string }[] }[];
}

/**
 * The impact figures worked out here, independently of the extension, from the catalog for the
 * needs a panel shows: distinct customers (trimmed, case-blind), each at its highest importance.
 */
export function expectedImpact(catalog: ImpactCatalog, needIds: readonly string[]) {
  const best = new Map<string, number>();
  const rank: Record<string, number> = { critical: 0, important: 1, nice: 2 };
  for (const need of catalog.needs) {
    if (!needIds.includes(need.id)) continue;
    for (const customer of need.customers ?? []) {
      const key = customer.name.trim().toLowerCase();
      best.set(key, Math.min(best.get(key) ?? 3, rank[customer.importance ?? ''] ?? 3));
    }
  }
  return {
    customers: String(best.size),
    critical: String([...best.values()].filter((value) => value === 0).length),
  };
}
