import { describe, expect, it } from 'vitest';
import {
  findDataCenterPlacement,
  jiraDataCenterAdapter,
  jiraDataCenterIssue,
  restBase,
} from '@/utils/hosts/jira-dc';

const ISSUE_URLS: [string, string, string][] = [
  ['https://jira.acme-dc.example/browse/SHOP-142', 'SHOP-142', ''],
  ['https://jira.acme-dc.example/jira/browse/SHOP-142', 'SHOP-142', '/jira'],
  ['https://tools.acme-dc.example/apps/jira/browse/shop-7?jql=project%3DSHOP', 'SHOP-7', '/apps/jira'],
  ['https://jira.acme-dc.example/projects/SHOP/issues/SHOP-9?filter=allopenissues', 'SHOP-9', ''],
  ['https://jira.acme-dc.example/jira/projects/SHOP/issues/SHOP-9', 'SHOP-9', '/jira'],
  ['https://jira.acme-dc.example/secure/RapidBoard.jspa?rapidView=4&selectedIssue=OPS-5', 'OPS-5', ''],
  [
    'http://jira.intranet/jira/secure/RapidBoard.jspa?rapidView=4&view=planning&selectedIssue=OPS-6',
    'OPS-6',
    '/jira',
  ],
];

const NOT_ISSUE_URLS = [
  'https://jira.acme-dc.example/secure/Dashboard.jspa',
  'https://jira.acme-dc.example/issues/?jql=project%3DSHOP',
  'https://jira.acme-dc.example/secure/RapidBoard.jspa?rapidView=4',
  'https://jira.acme-dc.example/projects/SHOP/summary',
  'https://jira.acme-dc.example/browse/SHOP',
];

describe('Jira Data Center URL detection', () => {
  it.each(ISSUE_URLS)('%s names %s under "%s"', (url, key, contextPath) => {
    expect(jiraDataCenterIssue(new URL(url))).toEqual({ key, contextPath });
    expect(jiraDataCenterAdapter.detect(new URL(url))?.record).toEqual({
      kind: 'jira',
      host: 'jira-dc',
      key,
    });
  });
  it.each(NOT_ISSUE_URLS)('%s names no issue', (url) => {
    expect(jiraDataCenterAdapter.detect(new URL(url))).toBeNull();
  });
});

function page(html: string, head = ''): Document {
  const doc = document.implementation.createHTMLDocument('Jira');
  doc.head.innerHTML = head; // fixture markup
  doc.body.innerHTML = html;
  return doc;
}

const issueView = (key: string) => `
  <div id="issue-content" class="issue-edit-form">
    <header id="stalker" class="issue-header"><div class="issue-header-content"><div class="aui-page-header"><div class="aui-page-header-inner">
      <div class="aui-page-header-main">
        <ol class="aui-nav aui-nav-breadcrumbs"><li><a id="project-name-val" href="/browse/SHOP">Shop</a></li>
        <li><a class="issue-link" id="key-val" data-issue-key="${key}" rel="10042" href="/browse/${key}">${key}</a></li></ol>
        <h1 id="summary-val">Summary</h1>
      </div></div></div></div></header>
    <div class="issue-body-content"><div id="viewissuesidebar" class="aui-item issue-side-column"></div></div>
  </div>`;

describe('Jira Data Center placement', () => {
  it('prepends a block to the issue sidebar once #key-val shows the URL key', () => {
    const placement = findDataCenterPlacement(page(issueView('SHOP-142')), 'SHOP-142');
    expect(placement?.anchor.id).toBe('viewissuesidebar');
    expect(placement?.position).toBe('prepend');
  });

  it('trusts #key-val over the ajs-issue-key meta, which is stale after in-place navigation', () => {
    const doc = page(issueView('SHOP-142'), '<meta name="ajs-issue-key" content="SHOP-143">');
    expect(findDataCenterPlacement(doc, 'SHOP-143')).toBeNull();
    expect(findDataCenterPlacement(doc, 'SHOP-142')).not.toBeNull();
  });

  it("uses the agile board's detail view", () => {
    const doc = page(`<div id="ghx-detail-view"><div id="ghx-detail-issue" data-issuekey="OPS-5">
      <div id="ghx-detail-head"><a href="/browse/OPS-5">OPS-5</a></div></div></div>`);
    const placement = findDataCenterPlacement(doc, 'OPS-5');
    expect(placement?.anchor.id).toBe('ghx-detail-head');
    expect(placement?.position).toBe('after');
  });

  it('reads the REST base from the context-path meta, else from the URL', () => {
    const doc = page('', '<meta name="ajs-context-path" content="/jira">');
    expect(restBase(doc, 'https://jira.acme-dc.example', { key: 'X-1', contextPath: '' })).toBe(
      'https://jira.acme-dc.example/jira',
    );
    expect(restBase(page(''), 'https://jira.acme-dc.example', { key: 'X-1', contextPath: '/tools' })).toBe(
      'https://jira.acme-dc.example/tools',
    );
    const hostile = page('', '<meta name="ajs-context-path" content="//evil.example">');
    expect(restBase(hostile, 'https://jira.acme-dc.example', { key: 'X-1', contextPath: '' })).toBe(
      'https://jira.acme-dc.example',
    );
  });
});
