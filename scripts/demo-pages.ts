/** What the demo shows, in either browser (scripts/demo.ts, scripts/demo-firefox.ts). */
import path from 'node:path';
import { projectRoot } from '../tests/e2e/harness/browser';

// Where each host's look-alike is served: tests/fixtures/<folder>/app.html under its real origin.
// Hosts whose fixture folder does not exist yet are skipped.
export const ORIGINS: Record<string, string> = {
  'jira-cloud': 'https://acme.atlassian.net',
  salesforce: 'https://acme.lightning.force.com',
  hubspot: 'https://app.hubspot.com',
  dynamics: 'https://acme.crm.dynamics.com',
  zendesk: 'https://acme.zendesk.com',
};

// One line per demo page: fixture folder, path on its origin, screenshot name.
// biome-ignore format: one line per page keeps adding a page a one-line change
export const DEMO_PAGES: [fixture: string, path: string, name: string][] = [
  ['jira-cloud', '/browse/SHOP-142', 'jira-issue-shop-142'],
  ['jira-cloud', '/browse/SHOP-143', 'jira-issue-shop-143-inherited-owners'],
  ['jira-cloud', '/browse/SHOP-200', 'jira-issue-shop-200-empty'],
  ['jira-cloud', '/browse/OPS-5', 'jira-issue-ops-5-team'],
  ['jira-cloud', '/jira/software/c/projects/SHOP/boards/1?selectedIssue=SHOP-142', 'jira-board-preview'],
  ['salesforce', '/lightning/r/Account/001Dn00000AbCdEIAV/view', 'salesforce-account'],
  ['hubspot', '/contacts/4711001/record/0-2/18273645012', 'hubspot-company'],
  ['dynamics', '/main.aspx?appid=4a1b2c3d-0000-4000-8000-000000000001&pagetype=entityrecord&etn=account&id=6b2a3c4d-1e2f-4a5b-8c9d-0e1f2a3b4c5d', 'dynamics-account'],
  ['zendesk', '/agent/tickets/35436', 'zendesk-ticket'],
  ['zendesk', '/agent/organizations/360001', 'zendesk-organization'],
];

export const CATALOG_PATH = path.join(projectRoot, 'demo/catalog.json');
export const SCREENSHOT_DIR = path.join(projectRoot, 'demo-screenshots');
export const fixtureDir = (folder: string) => path.join(projectRoot, 'tests/fixtures', folder);

export const headed = Boolean(process.env.DISPLAY) && !process.env.TANDEM_DEMO_HEADLESS;
