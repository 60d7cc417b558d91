/**
 * Helpers for the options page and popup end-to-end tests: driving the entity forms and tables,
 * reading the Jira panel, and scanning a page with axe-core.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { type PanelSnapshot, panelSnapshot } from './harness/panel';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');

export const TIMEOUT = 15_000;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Serious and critical axe-core violations on the page as it is now. axe is injected with
 * `page.addScriptTag`; extension pages forbid inline scripts (their CSP is `script-src 'self'`),
 * so when the tag is refused the same file is evaluated through the DevTools protocol instead.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = () => page.evaluate(() => typeof (window as { axe?: unknown }).axe === 'object');
  if (!(await loaded())) {
    await page.addScriptTag({ path: AXE_PATH }).catch(() => undefined);
    if (!(await loaded())) await page.evaluate(readFileSync(AXE_PATH, 'utf8'));
  }
  const violations = (await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(context: Document, options: unknown): Promise<{ violations: unknown[] }> };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
  })) as { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(({ id, impact, help, nodes }) => ({
      id,
      impact,
      help,
      targets: nodes.map((node) => node.target.join(' ')),
    }));
}

export async function expectAccessible(page: Page, what: string): Promise<void> {
  expect(await axeViolations(page), `serious or critical axe-core violations on ${what}`).toEqual([]);
}

/** Goes to one options view (a hash change, no reload). */
export async function openView(page: Page, view: string): Promise<void> {
  await page.locator(`[data-testid="nav-${view}"]`).click();
  await page.locator(`[data-testid="options-view"][data-view="${view}"]`).waitFor();
}

/** The table row of `id` in the current entity view, found through the table's own search. */
export async function findRow(page: Page, id: string, search = id) {
  await page.locator('[data-testid="table-search"]').fill(search);
  const row = page.locator(`[data-testid="catalog-row"][data-id="${id}"]`);
  await row.waitFor({ timeout: TIMEOUT });
  return row;
}

export async function saveForm(page: Page): Promise<string> {
  await page.locator('[data-testid="entity-save"]').click();
  const notice = page.locator('[data-testid="catalog-notice"]');
  await expect.poll(async () => (await notice.textContent()) ?? '', { timeout: TIMEOUT }).toMatch(/^Saved /);
  return (await notice.textContent()) ?? '';
}

/** Waits until the page's panel satisfies `predicate`; fails with the last snapshot seen. */
export async function waitForPanel(
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
      { timeout: TIMEOUT, message: describeIt },
    )
    .toBe(true)
    .catch((error: unknown) => {
      throw new Error(`${describeIt}; last panel seen: ${JSON.stringify(last, null, 2)}\n${String(error)}`);
    });
  return last as PanelSnapshot;
}
