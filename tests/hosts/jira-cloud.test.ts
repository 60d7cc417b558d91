import { describe, expect, it } from 'vitest';
import { findJiraCloudPlacement, jiraCloudAdapter, jiraCloudKey } from '@/utils/hosts/jira-cloud';

const ISSUE_URLS: [string, string][] = [
  ['https://acme.atlassian.net/browse/SHOP-142', 'SHOP-142'],
  ['https://acme.atlassian.net/browse/shop-142?focusedCommentId=10001', 'SHOP-142'],
  ['https://acme.atlassian.net/browse/MY_PROJ2-7#comment', 'MY_PROJ2-7'],
  ['https://acme.atlassian.net/jira/software/c/projects/SHOP/boards/1?selectedIssue=SHOP-143', 'SHOP-143'],
  [
    'https://acme.atlassian.net/jira/software/c/projects/SHOP/boards/1/backlog?selectedIssue=SHOP-9&x=1',
    'SHOP-9',
  ],
  ['https://acme.atlassian.net/jira/software/projects/SHOP/list?selectedIssue=SHOP-10', 'SHOP-10'],
  ['https://acme.atlassian.net/jira/servicedesk/projects/HELP/queues/custom/7/HELP-31', 'HELP-31'],
  ['https://acme.atlassian.net/jira/core/projects/BIZ/issues/BIZ-4', 'BIZ-4'],
  ['https://acme.atlassian.net/jira/software/c/projects/SHOP/issues/SHOP-12', 'SHOP-12'],
  ['https://sagebio.jira.com/browse/PLFM-1', 'PLFM-1'],
];

const NOT_ISSUE_URLS = [
  'https://acme.atlassian.net/jira/your-work',
  'https://acme.atlassian.net/jira/software/c/projects/SHOP/boards/1',
  'https://acme.atlassian.net/jira/servicedesk/projects/HELP/queues/custom/7',
  'https://acme.atlassian.net/wiki/spaces/ENG/pages/1/SHOP-142',
  'https://acme.atlassian.net/browse/SHOP',
  'https://acme.atlassian.net/jira/software/c/projects/SHOP/boards/1?selectedIssue=DROP%20TABLE',
  'http://acme.atlassian.net/browse/SHOP-142',
  'https://acme.atlassian.net.evil.example/browse/SHOP-142',
  'https://evil.example/acme.atlassian.net/browse/SHOP-142',
  'https://acme.lightning.force.com/lightning/r/Account/001Dn00000AbCdEIAV/view',
];

describe('Jira Cloud URL detection', () => {
  it.each(ISSUE_URLS)('%s names %s', (url, key) => {
    expect(jiraCloudKey(new URL(url))).toBe(key);
    expect(jiraCloudAdapter.detect(new URL(url))).toEqual({
      host: 'jira-cloud',
      recordLabel: key,
      record: { kind: 'jira', host: 'jira-cloud', key },
    });
  });

  it.each(NOT_ISSUE_URLS)('%s names no issue', (url) => {
    expect(jiraCloudAdapter.detect(new URL(url))).toBeNull();
  });
});

function page(html: string): Document {
  const doc = document.implementation.createHTMLDocument('Jira');
  doc.body.innerHTML = html; // test fixture markup, not data
  return doc;
}

const crumb = (key: string, testAttr = 'data-testid') => `
  <nav aria-label="Work item breadcrumbs"><ol>
    <li ${testAttr}="issue.views.issue-base.foundation.breadcrumbs.breadcrumb-current-issue-container">
      <a ${testAttr}="issue.views.issue-base.foundation.breadcrumbs.current-issue.item" href="/browse/${key}"><span>${key}</span></a>
    </li>
  </ol></nav>`;

describe('Jira Cloud placement', () => {
  it('puts a block at the top of the right-hand column on the full issue page', () => {
    const doc = page(`
      <div data-testid="issue.views.issue-details.issue-layout.issue-layout">
        <div id="jira-issue-header">${crumb('SHOP-142')}</div>
        <div data-testid="issue.views.issue-details.issue-layout.container-left"></div>
        <div data-testid="issue.views.issue-details.issue-layout.container-right" id="right"></div>
      </div>`);
    const placement = findJiraCloudPlacement(doc, 'SHOP-142');
    expect(placement?.anchor.id).toBe('right');
    expect(placement?.position).toBe('prepend');
  });

  it('goes below the status and actions row when the right-hand column has one', () => {
    const doc = page(`
      <div data-testid="issue.views.issue-details.issue-layout.issue-layout">
        ${crumb('SHOP-142')}
        <div data-testid="issue.views.issue-details.issue-layout.container-right">
          <div id="status" data-testid="issue.views.issue-base.context.status-and-approvals-wrapper.status-and-approval"></div>
        </div>
      </div>`);
    const placement = findJiraCloudPlacement(doc, 'SHOP-142');
    expect(placement?.anchor.id).toBe('status');
    expect(placement?.position).toBe('after');
  });

  it('climbs out of a flex header row so the panel gets the full width', () => {
    // Layout needs a window: the live test document, not a detached one.
    const doc = document;
    doc.body.innerHTML = `
      <section data-testid="preview-panels.preview-panel">
        <div id="content">
          <div id="header-row" style="display: flex">${crumb('SHOP-142')}<div>actions</div></div>
        </div>
      </section>`;
    expect(findJiraCloudPlacement(doc, 'SHOP-142')?.anchor.id).toBe('header-row');
    doc.body.innerHTML = '';
  });

  it('is not ready while the breadcrumb still shows the previous issue', () => {
    const doc = page(`<div id="jira-issue-header">${crumb('SHOP-142')}</div>`);
    expect(findJiraCloudPlacement(doc, 'SHOP-143')).toBeNull();
  });

  it('scopes a selected issue to its preview panel, not the board cards behind it', () => {
    const doc = page(`
      <div data-testid="software-board.board">
        <div data-testid="platform-board-kit.ui.card.card"><a href="/browse/SHOP-143">SHOP-143</a></div>
      </div>
      <section data-testid="preview-panels.preview-panel" aria-label="Panel">
        <a data-testid="platform-issue-preview-panel.preview-panel-new-tab-link" href="/browse/SHOP-143">open</a>
        <div id="panel-header">${crumb('SHOP-143')}</div>
      </section>`);
    const placement = findJiraCloudPlacement(doc, 'SHOP-143');
    expect(placement?.anchor.tagName).toBe('NAV');
    expect(placement?.anchor.closest('section')).not.toBeNull();
    expect(placement?.position).toBe('after');
  });

  it('matches the older data-test-id spelling', () => {
    const doc = page(
      `<div data-test-id="issue.views.issue-details.issue-modal.modal-dialog">${crumb('OPS-5', 'data-test-id')}</div>`,
    );
    expect(findJiraCloudPlacement(doc, 'OPS-5')?.anchor.tagName).toBe('NAV');
  });

  it('ignores a look-alike link that is not the current-issue breadcrumb', () => {
    const doc = page('<a href="/browse/SHOP-142">SHOP-142</a>');
    expect(findJiraCloudPlacement(doc, 'SHOP-142')).toBeNull();
  });
});
