/**
 * A fake Jira REST API for the background's status reads (docs/jira-status.md): JQL
 * search in Jira Cloud's v3 shape (`/rest/api/3/search/jql`, `{issues, isLast}`) and Data Center's
 * v2 shape (`/rest/api/2/search`, `{startAt, maxResults, total, issues}`), and single issues
 * (`/rest/api/{2,3}/issue/{key}`). It can be told to fail as a real site fails (401, 403, 404, 429,
 * 500) or to answer slowly, and records every request with the headers that reached it (cookies
 * included), so a test can show what the browser sent.
 */
import type { Request } from 'playwright-core';
import type { HostHandler, HostResponse } from './hosts';

export interface FakeIssue {
  status: string;
  category: 'new' | 'indeterminate' | 'done';
  assignee?: string;
  fixVersion?: string;
  due?: string;
}

export type FakeJiraMode = 'ok' | 401 | 403 | 404 | 429 | 500;

export interface FakeJiraRequest {
  url: string;
  path: string;
  jql: string | null;
  fields: string | null;
  headers: Record<string, string>;
  /** `service-worker` when the extension's background sent it. */
  from: 'service-worker' | 'page';
}

export interface FakeJiraApi {
  handler: HostHandler;
  issues: Map<string, FakeIssue>;
  requests: FakeJiraRequest[];
  /** Search requests only. */
  searches(): FakeJiraRequest[];
  mode: FakeJiraMode;
  /** Milliseconds every answer waits before it is sent. */
  delayMs: number;
}

const CATEGORY_NAME = { new: 'To Do', indeterminate: 'In Progress', done: 'Done' } as const;

function issueJson(key: string, issue: FakeIssue, apiVersion: '2' | '3') {
  return {
    id: String(10_000 + Number(key.split('-')[1])),
    key,
    self: `https://jira.invalid/rest/api/${apiVersion}/issue/${key}`,
    fields: {
      status: {
        name: issue.status,
        statusCategory: { key: issue.category, name: CATEGORY_NAME[issue.category], colorName: 'blue-gray' },
      },
      assignee: issue.assignee ? { displayName: issue.assignee, active: true } : null,
      fixVersions: issue.fixVersion ? [{ name: issue.fixVersion, released: false }] : [],
      duedate: issue.due ?? null,
    },
  };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): HostResponse => ({
  status,
  contentType: 'application/json;charset=UTF-8',
  body: JSON.stringify(body),
  headers,
});

/** The keys of `key in (A-1, B-2)`, as Jira reads them. */
export function keysOfJql(jql: string | null): string[] {
  const inside = /key\s+in\s*\(([^)]*)\)/i.exec(jql ?? '')?.[1] ?? '';
  return inside
    .split(',')
    .map((key) => key.trim().replace(/^"|"$/g, '').toUpperCase())
    .filter(Boolean);
}

const FAILURE_BODY: Record<Exclude<FakeJiraMode, 'ok'>, unknown> = {
  401: { errorMessages: ['You are not authenticated. Authentication required to perform this operation.'] },
  403: { errorMessages: ['You do not have permission to view these issues.'] },
  404: { errorMessages: ['Not found'] },
  429: { errorMessages: ['Rate limit exceeded.'] },
  500: { errorMessages: ['Internal server error'] },
};

export function fakeJiraApi(issues: Record<string, FakeIssue>): FakeJiraApi {
  const api: FakeJiraApi = {
    issues: new Map(Object.entries(issues)),
    requests: [],
    searches: () => api.requests.filter((request) => request.path.includes('/search')),
    mode: 'ok',
    delayMs: 0,
    handler: async (url: URL, request: Request) => {
      if (!url.pathname.startsWith('/rest/')) return undefined;
      api.requests.push({
        url: url.href,
        path: url.pathname,
        jql: url.searchParams.get('jql'),
        fields: url.searchParams.get('fields'),
        headers: await request.allHeaders(),
        from: request.serviceWorker() ? 'service-worker' : 'page',
      });
      if (api.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, api.delayMs));
      if (api.mode !== 'ok')
        return json(api.mode, FAILURE_BODY[api.mode], api.mode === 429 ? { 'retry-after': '1' } : {});
      const version = url.pathname.startsWith('/rest/api/2/') ? '2' : '3';
      if (url.pathname === '/rest/api/3/search/jql' || url.pathname === '/rest/api/2/search') {
        const wanted = keysOfJql(url.searchParams.get('jql'));
        const found = wanted.flatMap((key) => {
          const issue = api.issues.get(key);
          return issue ? [issueJson(key, issue, version)] : [];
        });
        if (version === '3') return json(200, { issues: found, isLast: true });
        return json(200, {
          expand: 'schema,names',
          startAt: 0,
          maxResults: wanted.length,
          total: found.length,
          issues: found,
        });
      }
      const single = /^\/rest\/api\/[23]\/issue\/([A-Za-z][A-Za-z0-9_]+-\d+)$/.exec(url.pathname);
      if (single?.[1]) {
        const key = single[1].toUpperCase();
        const issue = api.issues.get(key);
        return issue
          ? json(200, issueJson(key, issue, version))
          : json(404, { errorMessages: ['Issue does not exist or you do not have permission to see it.'] });
      }
      return json(404, { errorMessages: [`No fake for ${url.pathname}`] });
    },
  };
  return api;
}
