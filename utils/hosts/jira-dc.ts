/**
 * Jira Data Center / Server on an origin the user added (docs/hosts.md). The content script runs only
 * on those origins, so the URL decides the issue; the classic AUI DOM says when its view is ready.
 * `meta[name="ajs-issue-key"]` is not updated on in-place navigation, so it is never trusted for
 * the key: `#key-val` inside the issue content, checked against the URL, is.
 */
import { isShown } from '@/utils/hosts/dom';
import { fetchDataCenterIssueDetails } from '@/utils/hosts/jira-rest';
import { jiraViewReady, shownIn } from '@/utils/hosts/ready';
import type { Detection, HostAdapter, Placement } from '@/utils/hosts/types';

const KEY = '[A-Z][A-Z0-9_]+-\\d+';
/** A context path (`/jira`) may come before any of these. */
const BROWSE = new RegExp(`^((?:/[^/?#]+)*?)/browse/(${KEY})(?=[/?#]|$)`, 'i');
const PROJECT_ISSUE = new RegExp(
  `^((?:/[^/?#]+)*?)/projects/[A-Z][A-Z0-9_]*/issues/(${KEY})(?=[/?#]|$)`,
  'i',
);
const RAPID_BOARD = /^((?:\/[^/?#]+)*?)\/secure\/RapidBoard\.jspa$/i;
const SELECTED = new RegExp(`^${KEY}$`, 'i');

export interface DataCenterIssue {
  key: string;
  /** The path the instance lives under: `''` or `/jira`. */
  contextPath: string;
}

export function jiraDataCenterIssue(url: URL): DataCenterIssue | null {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const path = url.pathname;
  const match = BROWSE.exec(path) ?? PROJECT_ISSUE.exec(path);
  if (match?.[2]) return { key: match[2].toUpperCase(), contextPath: match[1] ?? '' };
  const board = RAPID_BOARD.exec(path);
  const selected = url.searchParams.get('selectedIssue');
  if (board && selected && SELECTED.test(selected))
    return { key: selected.toUpperCase(), contextPath: board[1] ?? '' };
  return null;
}

function keyOf(element: Element): string {
  return (
    element.getAttribute('data-issue-key') ??
    element.getAttribute('data-issuekey') ??
    element.textContent ??
    ''
  )
    .trim()
    .toUpperCase();
}

export function findDataCenterPlacement(doc: Document, key: string): Placement | null {
  // The agile board's detail view.
  const detail = doc.querySelector('#ghx-detail-issue[data-issuekey]');
  if (detail && keyOf(detail) === key && isShown(detail)) {
    const head = detail.querySelector('#ghx-detail-head');
    return head
      ? { anchor: head, position: 'after', layout: 'block' }
      : { anchor: detail, position: 'prepend', layout: 'block' };
  }
  // The classic issue view, alone or inside the issue navigator.
  const keyValue = doc.querySelector('#issue-content #key-val, #key-val');
  if (!keyValue || keyOf(keyValue) !== key || !isShown(keyValue)) return null;
  const sidebar = doc.querySelector('#viewissuesidebar');
  if (sidebar && isShown(sidebar)) return { anchor: sidebar, position: 'prepend', layout: 'block' };
  const header = keyValue.closest('.aui-page-header-main') ?? keyValue.closest('#stalker') ?? keyValue;
  return { anchor: header, position: 'after', layout: 'block' };
}

/** The REST base: the page's own statement of its context path, else the one in the URL. */
export function restBase(doc: Document, origin: string, issue: DataCenterIssue): string {
  const meta = doc.querySelector('meta[name="ajs-context-path"]')?.getAttribute('content');
  const contextPath =
    meta !== null && meta !== undefined && /^(\/[\w.~-]+)*$/.test(meta) ? meta : issue.contextPath;
  return `${origin}${contextPath}`;
}

export const jiraDataCenterAdapter: HostAdapter = {
  id: 'jira-dc',
  detect(url) {
    const issue = jiraDataCenterIssue(url);
    if (!issue) return null;
    return {
      host: 'jira-dc',
      recordLabel: issue.key,
      record: { kind: 'jira', host: 'jira-dc', key: issue.key },
    } satisfies Detection;
  },
  findPlacement(doc, detection) {
    return detection.record.kind === 'jira' ? findDataCenterPlacement(doc, detection.record.key) : null;
  },
  viewReady(doc, detection) {
    if (detection.record.kind !== 'jira') return false;
    const key = detection.record.key;
    // Classic pages have no main landmark on every version: the title and the key shown anywhere.
    return jiraViewReady(doc, key) || (doc.title.startsWith(`[${key}]`) && shownIn(doc, 'body', key));
  },
  anchorNames: ['#ghx-detail-issue', '#key-val', '#viewissuesidebar'],
  async fetchDetails(detection, { origin, doc, fetch, signal, seen }) {
    if (detection.record.kind !== 'jira') return null;
    const issue = jiraDataCenterIssue(new URL(doc.location?.href ?? origin));
    const base = restBase(doc, origin, issue ?? { key: detection.record.key, contextPath: '' });
    const record = await fetchDataCenterIssueDetails(base, detection.record, { fetch, signal, seen });
    return { ...detection, record };
  },
};
