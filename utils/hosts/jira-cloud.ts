/**
 * Jira Cloud (`*.atlassian.net`, legacy `*.jira.com`). docs/hosts.md, "Jira Cloud".
 *
 * The URL names the issue: `/browse/KEY`, `?selectedIssue=KEY` on boards, backlogs and lists, or a
 * project route ending in a key (Jira Service Management queues included). The DOM says when the
 * issue's view is on screen: the current-issue breadcrumb link for that key, inside the container
 * that shows the selected issue (board cards behind it carry look-alike `/browse/` links).
 */

import { byTestId, isShown } from '@/utils/hosts/dom';
import { fetchCloudIssueDetails } from '@/utils/hosts/jira-rest';
import { jiraViewReady } from '@/utils/hosts/ready';
import type { Detection, HostAdapter, Placement } from '@/utils/hosts/types';

const KEY = '[A-Z][A-Z0-9_]+-\\d+';
const BROWSE = new RegExp(`^/browse/(${KEY})(?=[/?#]|$)`, 'i');
const PROJECT_ISSUE = new RegExp(
  `^/jira/(?:software|core|servicedesk|business)/(?:c/)?projects/[A-Z][A-Z0-9_]*/(?:[^?#]*/)?(${KEY})/?$`,
  'i',
);
const SELECTED_ISSUE = new RegExp(`^${KEY}$`, 'i');

export const JIRA_CLOUD_MATCHES = ['https://*.atlassian.net/*', 'https://*.jira.com/*'];

export function isJiraCloudHost(hostname: string): boolean {
  return /^[a-z0-9-]+\.(atlassian\.net|jira\.com)$/i.test(hostname);
}

/** The issue key a Jira Cloud URL names, in upper case, or null. */
export function jiraCloudKey(url: URL): string | null {
  if (url.protocol !== 'https:' || !isJiraCloudHost(url.hostname)) return null;
  if (/^\/wiki(\/|$)/.test(url.pathname)) return null; // Confluence shares the host
  const key =
    BROWSE.exec(url.pathname)?.[1] ??
    matchSelected(url.searchParams.get('selectedIssue')) ??
    PROJECT_ISSUE.exec(url.pathname)?.[1];
  return key ? key.toUpperCase() : null;
}

function matchSelected(value: string | null): string | null {
  return value && SELECTED_ISSUE.test(value) ? value : null;
}

const T = {
  currentIssueLink: 'issue.views.issue-base.foundation.breadcrumbs.current-issue.item',
  breadcrumbContainer: 'issue.views.issue-base.foundation.breadcrumbs.breadcrumb-current-issue-container',
  layout: 'issue.views.issue-details.issue-layout.issue-layout',
  containerRight: 'issue.views.issue-details.issue-layout.container-right',
  rightMostColumn: 'issue.views.issue-details.issue-layout.right-most-column',
  previewPanel: 'preview-panels.preview-panel',
  modal: 'issue.views.issue-details.issue-modal.modal-dialog',
  compact: 'issue.views.issue-details.issue-layout.compact-layout',
  statusRow: 'issue.views.issue-base.context.status-and-approvals-wrapper.status-and-approval',
} as const;

/** Containers that show one selected issue over a board or list, most specific first. */
const ISSUE_SCOPES = [byTestId(T.modal), byTestId(T.previewPanel), byTestId(T.compact)].join(', ');

function linkKey(link: Element): string | null {
  const href = link.getAttribute('href') ?? '';
  const match = /\/browse\/([A-Z][A-Z0-9_]+-\d+)/i.exec(href);
  return match?.[1]?.toUpperCase() ?? null;
}

/** The visible current-issue breadcrumb link for `key`, inside a scope when there is one. */
export function findCurrentIssueLink(root: ParentNode, key: string): Element | null {
  for (const link of root.querySelectorAll(byTestId(T.currentIssueLink, 'a'))) {
    if (linkKey(link) === key && isShown(link)) return link;
  }
  return null;
}

export function findJiraCloudPlacement(doc: Document, key: string): Placement | null {
  // A selected issue over a board: only look inside its own container.
  for (const scope of doc.querySelectorAll(ISSUE_SCOPES)) {
    if (!isShown(scope)) continue;
    const link = findCurrentIssueLink(scope, key);
    if (link) return afterStatusRow(scope) ?? belowBreadcrumbRow(link);
  }
  const link = findCurrentIssueLink(doc, key);
  if (!link) return null;
  const layout = link.closest(byTestId(T.layout)) ?? doc;
  const right = layout.querySelector(`${byTestId(T.containerRight)}, ${byTestId(T.rightMostColumn)}`);
  if (right && isShown(right)) {
    // Below the status and actions, so the host's primary actions stay where users expect them.
    return afterStatusRow(right) ?? { anchor: right, position: 'prepend', layout: 'block' };
  }
  return belowBreadcrumbRow(link);
}

function afterStatusRow(scope: Element): Placement | null {
  const status = scope.querySelector(byTestId(T.statusRow));
  return status && isShown(status) ? { anchor: status, position: 'after', layout: 'block' } : null;
}

/**
 * After the breadcrumb trail, climbing out of any flex row it sits in (the preview panel's header
 * puts it beside the action buttons), so the panel gets the container's full width. Never inside
 * the trail itself: React re-renders its children.
 */
function belowBreadcrumbRow(link: Element): Placement {
  let anchor = link.closest('nav') ?? link.closest(byTestId(T.breadcrumbContainer)) ?? link;
  const view = anchor.ownerDocument.defaultView;
  for (let depth = 0; depth < 4 && view; depth++) {
    const parent = anchor.parentElement;
    if (!parent || parent === anchor.ownerDocument.body) break;
    const style = view.getComputedStyle(parent);
    const isRow = style.display.includes('flex') && !style.flexDirection.startsWith('column');
    if (!isRow) break;
    anchor = parent;
  }
  return { anchor, position: 'after', layout: 'block' };
}

export const jiraCloudAdapter: HostAdapter = {
  id: 'jira-cloud',
  detect(url: URL): Detection | null {
    const key = jiraCloudKey(url);
    if (!key) return null;
    return { host: 'jira-cloud', recordLabel: key, record: { kind: 'jira', host: 'jira-cloud', key } };
  },
  findPlacement(doc, detection) {
    return detection.record.kind === 'jira' ? findJiraCloudPlacement(doc, detection.record.key) : null;
  },
  viewReady(doc, detection) {
    if (detection.record.kind !== 'jira') return false;
    return jiraViewReady(doc, detection.record.key);
  },
  anchorNames: ['current-issue breadcrumb', 'status row', 'right column', 'preview panel', 'modal'],
  async fetchDetails(detection, { origin, fetch, signal, seen }) {
    if (detection.record.kind !== 'jira') return null;
    const record = await fetchCloudIssueDetails(origin, detection.record, { fetch, signal, seen });
    return { ...detection, record };
  },
};
